// What each Framework data loader in src/data/[study]/ calls: open one study, validated.
import {parseArgs} from "node:util";
import {type StudyDatabase, openStudyDatabase} from "./database.ts";
import {ClaimsError} from "./claims.ts";
import {CodebookError} from "./codebook.ts";
import {ValidationError, readStudy} from "./responses.ts";

/** The study named by a parameterized loader's --study argument. */
export function studyParam(): string {
  const {values} = parseArgs({options: {study: {type: "string"}}, strict: false});
  if (typeof values.study !== "string") throw new Error("this loader needs --study=<id> (Framework passes it from the [study] route)");
  return values.study;
}

/** Validates the study's raw files and loads them; a loader that fails stops the build. */
export async function withStudy<T>(study: string, use: (db: StudyDatabase) => Promise<T>): Promise<T> {
  const db = await openStudyDatabase(readStudy(study));
  try {
    return await use(db);
  } finally {
    db.close();
  }
}

/** Runs a loader body and reports failures as Framework shows them: the message, then exit 1. */
export async function runLoader(body: () => Promise<Uint8Array | string>): Promise<void> {
  try {
    process.stdout.write(await body());
  } catch (error) {
    // Data and codebook errors are the author's to fix: their message says all. Anything else is a
    // bug in the pipeline: keep the stack.
    const expected = error instanceof ValidationError || error instanceof CodebookError || error instanceof ClaimsError;
    console.error(expected ? `${(error as Error).name}: ${(error as Error).message}` : error);
    process.exit(1);
  }
}
