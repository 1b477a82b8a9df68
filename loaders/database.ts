// A study's raw export → a DuckDB database (native, in memory) with two tables:
//   responses: one row per respondent, one typed column per public question and derived grouping;
//              multiple-choice answers as a list of display labels.
//   choices:   the long form of the multiple-choice answers: (respondent, question, option).
// Private questions (free text, unless the codebook says otherwise) never enter it, so nothing
// built from it can publish them. The file is read, checked and typed by DuckDB (loaders/validate.ts).
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {DuckDBConnection, DuckDBInstance} from "@duckdb/node-api";
import {type Codebook, DATA_DIR, displayPath, loadCodebook} from "./codebook.ts";
import {checkInsideStudy, prepareRawFile} from "./raw-file.ts";
import {fileKind} from "./readers.ts";
import {type Answer, type Response, responsesPath} from "./responses.ts";
import {loadExport} from "./validate.ts";

export {sqlType} from "./validate.ts";

export interface StudyDatabase {
  connection: DuckDBConnection;
  codebook: Codebook;
  close(): void;
}

/**
 * What to load: a study id (its codebook and the export it names), an export file read with a
 * given codebook, or an export's text (tests and generators that hold it). `file` names it in
 * messages (default: the path as shown, or "responses.csv" for text).
 */
export type StudySource = string | {codebook: Codebook; path: string; file?: string} | {codebook: Codebook; text: string; file?: string};

// Quoting is shared with the browser's explorer, so it is defined there.
export {ident, literal} from "../src/components/sql.ts";
import {literal} from "../src/components/sql.ts";

/** Reads, checks and loads a study's export. Throws CodebookError or ValidationError. */
export function openStudyDatabase(study: StudySource): Promise<StudyDatabase> {
  return open(study, {privateAnswers: false});
}

async function open(study: StudySource, options: {privateAnswers: boolean}): Promise<StudyDatabase> {
  let temp: string | undefined;
  let codebook: Codebook, path: string, file: string;
  if (typeof study === "string") {
    codebook = loadCodebook(study);
    path = responsesPath(codebook);
    file = displayPath(path);
    checkInsideStudy(path, join(DATA_DIR, study), file);
  } else if ("text" in study) {
    temp = mkdtempSync(join(tmpdir(), "survey-export-"));
    path = join(temp, "responses.csv");
    writeFileSync(path, study.text);
    ({codebook} = study);
    file = study.file ?? "responses.csv";
  } else {
    ({codebook, path} = study);
    file = study.file ?? displayPath(path);
  }
  // A memory limit, so that a very large export (a million rows) is built in under a GB: beyond
  // it DuckDB spills to a directory of this database's own (sorting for Parquet is what needs it).
  // The real studies stay far below it.
  const spill = mkdtempSync(join(tmpdir(), "duckdb-spill-"));
  const instance = await DuckDBInstance.create(":memory:", {memory_limit: "600MB", temp_directory: spill});
  const connection = await instance.connect();
  const close = () => {
    connection.closeSync();
    rmSync(spill, {recursive: true, force: true});
  };
  let prepared: {path: string; done: () => void} | undefined;
  try {
    prepared = await prepareRawFile(path, {file, kind: fileKind(path, file), encoding: codebook.responses?.encoding});
    await loadExport(connection, {codebook, path: prepared.path, file}, options);
    return {connection, codebook, close};
  } catch (error) {
    close();
    throw error;
  } finally {
    prepared?.done();
    if (temp) rmSync(temp, {recursive: true, force: true});
  }
}

/**
 * Validates a study's raw file, loads it, runs `use`, and closes the database whatever happens.
 * Every reader of a study's tables goes through here.
 */
export async function withStudyDatabase<T>(study: StudySource, use: (db: StudyDatabase) => Promise<T>): Promise<T> {
  const db = await openStudyDatabase(study);
  try {
    return await use(db);
  } finally {
    db.close();
  }
}

/**
 * A study's answers as JavaScript objects, read by the same SQL as the build: for tests and the
 * reconstruction generators, which check the numbers a file gives (private answers included,
 * from a table of their own that the build never makes).
 */
export async function readResponses(study: StudySource): Promise<Response[]> {
  const db = await open(study, {privateAnswers: true});
  try {
    const questions = db.codebook.questions;
    const rows = (await db.connection.runAndReadAll("SELECT * FROM responses JOIN private_answers USING (respondent) ORDER BY respondent")).getRowObjectsJS();
    return rows.map((r) => ({
      respondent: Number(r.respondent),
      complete: r.complete as boolean,
      answers: Object.fromEntries(questions.map((q) => [q.id, (r[q.id] ?? null) as Answer]))
    }));
  } finally {
    db.close();
  }
}

/** How many rows (respondents, posts…) the study has. */
export async function rowCount(db: StudyDatabase): Promise<number> {
  return Number((await db.connection.runAndReadAll("SELECT count(*) AS n FROM responses")).getRowObjectsJS()[0].n);
}

/** A table (or query) of the database as Parquet bytes, written by DuckDB itself. */
export async function toParquet(db: StudyDatabase, query: string): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), "survey-report-"));
  try {
    const path = join(dir, "out.parquet");
    await db.connection.run(`COPY (${query}) TO ${literal(path)} (FORMAT parquet, COMPRESSION zstd)`);
    return readFileSync(path);
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
}
