// Validated answers → a DuckDB database (native, in memory) with two tables:
//   responses: one row per respondent, one typed column per public question and derived grouping;
//              multiple-choice answers as a list of display labels.
//   choices:   the long form of the multiple-choice answers: (respondent, question, option).
// Private questions (free text, unless the codebook says otherwise) never enter it, so nothing
// built from it can publish them.
import {mkdtempSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {DuckDBConnection, DuckDBInstance, LIST, VARCHAR} from "@duckdb/node-api";
import type {Codebook, Question} from "./codebook.ts";
import {type StudyData, deriveValue, publicQuestions, readStudy} from "./responses.ts";

export interface StudyDatabase {
  connection: DuckDBConnection;
  codebook: Codebook;
  close(): void;
}

export function sqlType(q: Question): string {
  switch (q.type) {
    case "rating": return "INTEGER";
    case "number": return q.integer ? "INTEGER" : "DOUBLE";
    case "multiple": return "VARCHAR[]";
    default: return "VARCHAR";
  }
}

// Quoting is shared with the browser's explorer, so it is defined there.
export {ident, literal} from "../src/components/sql.ts";
import {ident, literal} from "../src/components/sql.ts";

export async function openStudyDatabase({codebook, responses}: StudyData): Promise<StudyDatabase> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const questions = publicQuestions(codebook);
  const derived = codebook.derived ?? [];
  const columns = [
    "respondent INTEGER NOT NULL PRIMARY KEY",
    "complete BOOLEAN NOT NULL",
    ...questions.map((q) => `${ident(q.id)} ${sqlType(q)}`),
    ...derived.map((d) => `${ident(d.id)} VARCHAR`)
  ];
  await connection.run(`CREATE TABLE responses (${columns.join(", ")})`);
  const appender = await connection.createAppender("responses");
  for (const r of responses) {
    appender.appendInteger(r.respondent);
    appender.appendBoolean(r.complete);
    for (const q of questions) {
      const value = r.answers[q.id];
      if (value === null || value === undefined) appender.appendNull();
      else if (Array.isArray(value)) appender.appendList(value, LIST(VARCHAR));
      else if (typeof value === "number") q.type === "number" && !q.integer ? appender.appendDouble(value) : appender.appendInteger(value);
      else appender.appendVarchar(value);
    }
    for (const d of derived) {
      const value = deriveValue(codebook, d.id, r.answers);
      value === null ? appender.appendNull() : appender.appendVarchar(value);
    }
    appender.endRow();
  }
  appender.closeSync();
  const multiple = questions.filter((q) => q.type === "multiple");
  await connection.run(
    `CREATE TABLE choices AS ${
      multiple.length
        ? multiple.map((q) => `SELECT respondent, ${literal(q.id)} AS question, unnest(${ident(q.id)}) AS option FROM responses`).join(" UNION ALL ")
        : "SELECT NULL::INTEGER AS respondent, NULL::VARCHAR AS question, NULL::VARCHAR AS option WHERE false"
    } ORDER BY respondent, question`
  );
  return {connection, codebook, close: () => connection.closeSync()};
}

/**
 * Validates a study's raw files (or takes data already read), loads them, runs `use`, and closes
 * the database whatever happens. Every reader of a study's tables goes through here.
 */
export async function withStudyDatabase<T>(study: string | StudyData, use: (db: StudyDatabase) => Promise<T>): Promise<T> {
  const db = await openStudyDatabase(typeof study === "string" ? readStudy(study) : study);
  try {
    return await use(db);
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
