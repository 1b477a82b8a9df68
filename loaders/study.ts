// What each Framework data loader in src/data/ calls: which study, and how a failure is reported.
import {parseArgs} from "node:util";
import {ClaimsError} from "./claims.ts";
import {CodebookError} from "./codebook.ts";
import {ValidationError} from "./responses.ts";

/** The study named by a parameterized loader's --study argument. */
export function studyParam(): string {
  const {values} = parseArgs({options: {study: {type: "string"}}, strict: false});
  if (typeof values.study !== "string") throw new Error("this loader needs --study=<id> (Framework passes it from the [study] route)");
  return values.study;
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
