// What a survey export's answers are once read: typed answers keyed by question id, and the
// problems found in the raw file. The reading and checking itself is SQL (loaders/validate.ts);
// nothing downstream sees a raw cell.
import {join} from "node:path";
import {type Codebook, type Question, DATA_DIR, isPrivate, levelsOf, missingCodesOf, scaleOf, weightQuestion} from "./codebook.ts";

export type Answer = string | number | string[] | null;

export interface Response {
  /** 1-based position among the file's responses (its spreadsheet row is this + 1). */
  respondent: number;
  /** Answered every question that applies to them (free text aside). */
  complete: boolean;
  answers: Record<string, Answer>;
}

export interface Issue {
  file: string;
  /** Spreadsheet row: the header is row 1; "-" for a problem with the whole file (no cell to name). */
  row: number | "-";
  /** Spreadsheet column letter and header text ("" for a problem with the whole row). */
  column: string;
  value: string;
  expected: string;
}

/** Raw data that does not match its codebook. Lists every problem found (up to a limit). */
/** The last line of every list of problems: the two ways to fix one. */
export const WHAT_TO_DO = "To fix: where the export is right, make the codebook accept it (an option, a scale, a range, a missing code: docs/codebook.md); where it is wrong, correct it on the survey platform and export again. The raw file is never changed by the build.";

/** The longest value a message quotes whole: a longer one (a 10 MB cell) is cut, with its length. */
const SHOWN = 80;
/** A value as a message quotes it. */
export function quoted(value: string): string {
  if (value.length <= SHOWN) return JSON.stringify(value);
  return `${JSON.stringify(`${value.slice(0, SHOWN - 20)}…`)} (${value.length.toLocaleString("en-US")} characters)`;
}
/** A column as a message names it ("B \"header\""), its header cut like a value. */
const columnShown = (column: string) => (column.length <= SHOWN + 8 ? column : `${column.slice(0, SHOWN)}…"`);

export class ValidationError extends Error {
  constructor(readonly issues: Issue[], total = issues.length) {
    const lines = issues.map((i) =>
      i.row === "-"
        ? `  ${i.file}: ${i.value === "" ? "" : `${quoted(i.value)} — `}expected ${i.expected}`
        : i.column === ""
          ? `  ${i.file}, row ${i.row}: expected ${i.expected}`
          : `  ${i.file}, row ${i.row}, column ${columnShown(i.column)}: ${i.value === "" ? "empty" : quoted(i.value)} — expected ${i.expected}`
    );
    super(`${total} problem${total === 1 ? "" : "s"} in the raw data:\n${lines.join("\n")}${total > issues.length ? `\n  … and ${total - issues.length} more` : ""}\n${WHAT_TO_DO}`);
    this.name = "ValidationError";
  }
}

/** How many problems a ValidationError lists (it counts them all). */
export const MAX_ISSUES = 25;

export function columnLetter(index: number): string {
  let s = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function responsesPath(cb: Codebook): string {
  if (!cb.responses) throw new Error(`${cb.study.id}: the codebook names no responses file`);
  return join(DATA_DIR, cb.study.id, cb.responses.file);
}

/** The rating bin a value falls in (its label). */
export function binOf(cb: Codebook, q: Question, value: number | null): string | null {
  if (value === null) return null;
  return scaleOf(cb, q).bins.find((b) => value >= b.min && value <= b.max)?.label ?? null;
}

/** Questions whose answers may be published (the codebook's private ones are left out). */
export function publicQuestions(cb: Codebook): Question[] {
  return cb.questions.filter((q) => !isPrivate(q));
}

function missingLevels(cb: Codebook, q: Question): {missingLevels?: string[]} {
  const labels = Object.values(missingCodesOf(cb, q)).filter((m) => m.as === "level").map((m) => m.label);
  return labels.length ? {missingLevels: [...new Set(labels)]} : {};
}

/** The public part of a codebook, as pages (and the manuscript figures) get it: codebook.json. */
export function publicCodebook(cb: Codebook) {
  return {
    study: cb.study,
    /** How many questions the instrument has, private ones included. */
    questionCount: cb.questions.length,
    scales: cb.scales ?? {},
    /** The survey weight, when the study is weighted: its column in responses, and what it is. */
    weight: weightQuestion(cb) ? {id: weightQuestion(cb)!.id, label: weightQuestion(cb)!.label} : null,
    questions: publicQuestions(cb).filter((q) => q !== weightQuestion(cb)).map((q) => ({
      id: q.id, number: q.number, label: q.label, type: q.type, scale: q.scale, asked_if: q.asked_if,
      published: q.published ?? true, levels: levelsOf(cb, q),
      ...(q.bands ? {bands: q.bands} : {}),
      // A rating's or number's missing codes shown as levels come from its missing column (levelExpression).
      ...(q.type === "rating" || q.type === "number" ? missingLevels(cb, q) : {})
    })),
    derived: (cb.derived ?? []).map(({id, from, label, groups}) => ({id, from, label, levels: Object.keys(groups)})),
    /** The paper's subgroup tables (which answers, by which groupings): the explorer starts from them. */
    tables: cb.tables ?? {},
    /** How the row-level files publish a column (dropped, in bands, top-coded): src/components/row-codebook.ts reads it. */
    publicRows: cb.disclosure?.public_rows ?? {}
  };
}
