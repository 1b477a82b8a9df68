// The compile step: one study's raw files → every file its pages and the manuscript read, computed
// once per build (and reused from the cache while nothing that made them changed):
//   tables.json         every number the pages show (or, for aggregates, the published figures)
//   codebook.json       the public part of the codebook
//   responses.parquet   one row per respondent, public columns only, as the codebook's disclosure
//                       section publishes them (downloadable; loaders/disclosure.ts checks them)
//   choices.parquet     the multiple-choice answers in long form
//   responses.arrow     the same rows as responses.parquet, for the browser
// The build writes them to src/data/<study>/, where Framework serves them as static files.
import {fileURLToPath} from "node:url";
import {basename, join} from "node:path";
import {readAggregates} from "./aggregates.ts";
import {toArrow} from "./arrow.ts";
import {filesUnder, hashInputs, moduleGraph, readEntry, writeEntry} from "./cache.ts";
import {DATA_DIR, loadCodebook} from "./codebook.ts";
import {toParquet, withStudyDatabase} from "./database.ts";
import {checkDisclosure, publicChoicesQuery, requireDisclosure} from "./disclosure.ts";
import {publicCodebook} from "./responses.ts";
import {studyTables} from "./tables.ts";

export type Files = Map<string, Buffer | string>;

/** Compiles one study from its raw files. Throws CodebookError, ValidationError or DisclosureError on bad input. */
export async function compileStudy(study: string): Promise<Files> {
  const codebook = loadCodebook(study);
  const files: Files = new Map([["codebook.json", JSON.stringify(publicCodebook(codebook))]]);
  if (codebook.study.data === "aggregates") {
    const {aggregates} = readAggregates(study);
    files.set("tables.json", JSON.stringify({study: codebook.study, aggregates}));
    return files;
  }
  requireDisclosure(codebook); // before the export is read: a million rows need not load to learn this
  await withStudyDatabase(study, async (db) => {
    // Checked before anything is computed: a study whose rows cannot be published stops here.
    const disclosure = await checkDisclosure(db);
    // What small_cells did is said with the rest of the disclosure control, on the page.
    const {smallCells, ...tables} = await studyTables(db);
    files.set("tables.json", JSON.stringify({...tables, disclosure: {...disclosure, ...(smallCells ? {smallCells} : {})}}));
    files.set("responses.parquet", await toParquet(db, "SELECT * FROM public_responses ORDER BY respondent"));
    files.set("choices.parquet", await toParquet(db, publicChoicesQuery(db.codebook)));
    files.set("responses.arrow", Buffer.from(await toArrow(db, "SELECT * FROM public_responses ORDER BY respondent")));
  });
  return files;
}

/**
 * What a study's compiled files depend on: every file in its data folder (but its claims file,
 * which the site-wide step judges on every build), and every project module this compile step
 * imports (so editing a helper in loaders/ or src/components/ recompiles).
 */
export async function studyHash(study: string): Promise<string> {
  const data = filesUnder(join(DATA_DIR, study)).filter((f) => basename(f) !== "claims.yaml");
  return hashInputs([...data, ...(await moduleGraph(fileURLToPath(import.meta.url)))], [`study ${study}`]);
}

export interface CompiledStudy {
  study: string;
  files: Map<string, Buffer>;
  /** Taken from the cache (nothing that made it changed) rather than compiled now. */
  reused: boolean;
  hash: string;
  ms: number;
}

/** A study's compiled files: from the cache when its hash is unchanged, else compiled and cached. */
export async function compiledStudy(study: string): Promise<CompiledStudy> {
  const started = performance.now();
  const hash = await studyHash(study);
  const cached = readEntry("studies", study, hash);
  if (cached) return {study, files: cached, reused: true, hash, ms: performance.now() - started};
  const files = await compileStudy(study);
  writeEntry("studies", study, hash, files);
  const bytes = new Map([...files].map(([name, content]) => [name, Buffer.from(content)]));
  return {study, files: bytes, reused: false, hash, ms: performance.now() - started};
}
