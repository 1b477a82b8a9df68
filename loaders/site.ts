// From data/ to what Framework serves: every study compiled once (or reused from the cache), then
// the files that span studies — the home page's cards, the cross-study comparison and the
// reproduction check — made from the compiled tables on every build (they take milliseconds).
// Everything is written under src/ (src/data/, src/reproduction/; both git-ignored), where
// Framework's build copies it and its preview serves it, as static files.
import {existsSync, readdirSync, rmSync} from "node:fs";
import {availableParallelism} from "node:os";
import {join} from "node:path";
import {studyCards} from "./cards.ts";
import {ClaimsError, allClaims, readClaims} from "./claims.ts";
import {browserModules, exampleQueries} from "./browser-files.ts";
import {CodebookError, ROOT, loadCodebook, studies} from "./codebook.ts";
import {CompareError, comparison} from "./compare.ts";
import {DisclosureError, disclosureLine} from "./disclosure.ts";
import {smallCellsLine} from "./suppress.ts";
import {type CompiledStudy, type Files, compiledStudy} from "./compile.ts";
import {ValidationError, publicCodebook} from "./responses.ts";
import {rowCodebook} from "../src/components/row-codebook.ts";
import {syncFolder, writeIfChanged} from "./cache.ts";
import type {StudyTables, TablesOf} from "./tables.ts";

/**
 * Framework's source root, where the compiled files are served from. SURVEY_SITE_SOURCE writes the
 * compiled files elsewhere: the bad-input tests run the build on broken copies, which stop at the
 * compile step, without touching the src/data/ other tests read.
 */
export const SITE_SOURCE = process.env.SURVEY_SITE_SOURCE || join(ROOT, "src");

/** An author's mistake in the inputs: its message says what to fix, so it is shown without a stack. */
export function isInputError(error: unknown): error is Error {
  return error instanceof ValidationError || error instanceof CodebookError || error instanceof DisclosureError || error instanceof ClaimsError || error instanceof CompareError;
}

/** The site-wide files (paths relative to src/), from the studies' tables. Throws ClaimsError. */
export async function siteFiles(tablesOf: TablesOf, {log = (line: string) => console.log(line)} = {}): Promise<Files> {
  const files: Files = new Map();
  files.set("data/studies.json", JSON.stringify(await studyCards(tablesOf)));
  files.set("data/compare.json", JSON.stringify(await comparison(undefined, tablesOf)));
  // Fails on a printed number that disagrees with the data, unexplained.
  const claims = await allClaims({log, tablesOf});
  files.set("reproduction/claims.json", JSON.stringify(claims));
  // Each study page's own claims, beside its tables (an empty list for a study without a claims
  // file, so that the generated page, which names the file of whichever study it shows, finds one).
  const codebooks = studies().map(loadCodebook);
  for (const {study} of codebooks) files.set(`data/${study.id}/claims.json`, JSON.stringify(readClaims(study.id) ? claims.filter((c) => c.study === study.id) : []));
  // The datasets that belong to a study (study.part_of), for its generated page: their tables and
  // public codebooks. Written for every study with a page, most of them an empty list.
  for (const {study} of codebooks.filter((cb) => !cb.study.part_of)) {
    const parts = [];
    for (const part of codebooks.filter((cb) => cb.study.part_of === study.id)) parts.push({tables: await tablesOf(part.study.id), codebook: publicCodebook(part)});
    files.set(`data/${study.id}/parts.json`, JSON.stringify(parts));
  }
  return files;
}

/** The site-wide files that go into a study's folder (data/<study>/…), by name. */
const PER_STUDY = ["claims.json", "parts.json"];
const perStudy = /^data\/([^/]+)\/([^/]+)$/;

/** Runs `work` on each item, at most `limit` at a time, in order of the items. */
async function pool<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<PromiseSettledResult<R>[]> {
  const results: PromiseSettledResult<R>[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) {
      try {
        results[i] = {status: "fulfilled", value: await work(items[i])};
      } catch (reason) {
        results[i] = {status: "rejected", reason};
      }
    }
  };
  await Promise.all(Array.from({length: Math.min(limit, items.length)}, worker));
  return results;
}

export interface SiteResult {
  studies: CompiledStudy[];
  /** The compiled tables of a study, as its page reads them. */
  tablesOf: TablesOf;
  /** Per study that failed, its error; the site-wide files are then not written. */
  errors: {study: string | null; error: unknown}[];
}

/**
 * Compiles every study under data/ (in parallel, up to the cores; each reused when unchanged) and
 * writes the compiled files under src/. A study that fails leaves its folder with `buildError`
 * files (what a page shows in `npm run dev`); the build itself stops on any error.
 */
export async function compileSite({log = (line: string) => console.log(line)} = {}): Promise<SiteResult> {
  const ids = studies();
  const settled = await pool(ids, availableParallelism(), compiledStudy);
  const compiled: CompiledStudy[] = [];
  const errors: SiteResult["errors"] = [];
  settled.forEach((r, i) => (r.status === "fulfilled" ? compiled.push(r.value) : errors.push({study: ids[i], error: r.reason})));
  const tables = new Map(compiled.map((c) => [c.study, JSON.parse(c.files.get("tables.json")!.toString()) as StudyTables]));
  for (const c of compiled) {
    log(`  ${c.reused ? "reused  " : "compiled"} ${c.study} (${(c.ms / 1000).toFixed(1)} s${c.reused ? ", inputs unchanged" : ""})`);
    const d = tables.get(c.study)!.disclosure;
    if (d) log(`           ${disclosureLine(d)}; ${smallCellsLine(d.smallCells)}`);
  }
  const tablesOf: TablesOf = async (study) => {
    const t = tables.get(study);
    if (!t) throw new Error(`${study} did not compile`);
    return t;
  };
  let site: Files = new Map();
  if (!errors.length) {
    try {
      site = await siteFiles(tablesOf, {log});
    } catch (error) {
      errors.push({study: null, error});
    }
  }
  writeSite(compiled, site, errors);
  return {studies: compiled, tablesOf, errors};
}

const errorJson = (error: unknown) => JSON.stringify({buildError: error instanceof Error ? `${error.name}: ${error.message}` : String(error)});

/** Makes src/data/ and src/reproduction/ hold exactly what this compile produced. */
function writeSite(compiled: CompiledStudy[], site: Files, errors: SiteResult["errors"]): void {
  const data = join(SITE_SOURCE, "data");
  const known = new Set([...compiled.map((c) => c.study), ...errors.map((e) => e.study)]);
  if (existsSync(data)) for (const entry of readdirSync(data, {withFileTypes: true})) if (entry.isDirectory() && !known.has(entry.name)) rmSync(join(data, entry.name), {recursive: true});
  const siteError = errors.find((e) => e.study === null) ?? errors[0];
  const folders = new Map<string, string[]>();
  const examples = new Map<string, [string, string][]>();
  for (const c of compiled) {
    const files: Files = new Map(c.files);
    for (const name of PER_STUDY) {
      const content = site.get(`data/${c.study}/${name}`);
      if (content) files.set(name, content);
      else if (siteError) files.set(name, errorJson(siteError.error));
    }
    syncFolder(join(data, c.study), files);
    folders.set(c.study, [...files.keys()]);
    if (files.has("responses.arrow")) examples.set(c.study, exampleQueries(rowCodebook(JSON.parse(files.get("codebook.json")!.toString()))));
  }
  // A study that failed shows its error on its page instead of data that is no longer true.
  for (const {study, error} of errors) {
    if (!study) continue;
    const files = new Map(["tables.json", "codebook.json", ...PER_STUDY].map((f) => [f, errorJson(error)]));
    syncFolder(join(data, study), files);
    folders.set(study, [...files.keys()]);
  }
  // Written even when a study failed: they name the files that are there now.
  for (const [file, text] of browserModules(folders, examples)) writeIfChanged(join(SITE_SOURCE, file), text);
  const global = siteError ? new Map(["data/studies.json", "data/compare.json", "reproduction/claims.json"].map((f) => [f, errorJson(siteError.error)])) : site;
  // (Per-study files went into the study folders above.)
  for (const [file, content] of global) if (!perStudy.test(file)) writeIfChanged(join(SITE_SOURCE, file), content);
}
