// Reading a raw survey export and checking every cell against the codebook.
// The result holds typed answers keyed by question id; nothing downstream sees a raw cell.
import {createHash} from "node:crypto";
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {csvParseRows} from "d3-dsv";
import {type Codebook, type Question, DATA_DIR, conditionHolds, displayPath, isPrivate, levelsOf, loadCodebook, scaleOf} from "./codebook.ts";
import {splitChoices} from "./choices.ts";
import {exportFormat} from "./formats.ts";

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
  /** Spreadsheet row: the header is row 1. */
  row: number;
  /** Spreadsheet column letter and header text. */
  column: string;
  value: string;
  expected: string;
}

/** Raw data that does not match its codebook. Lists every problem found (up to a limit). */
export class ValidationError extends Error {
  constructor(readonly issues: Issue[], total = issues.length) {
    const lines = issues.map((i) => `  ${i.file}, row ${i.row}, column ${i.column}: ${i.value === "" ? "empty" : JSON.stringify(i.value)} — expected ${i.expected}`);
    super(`${total} problem${total === 1 ? "" : "s"} in the raw data:\n${lines.join("\n")}${total > issues.length ? `\n  … and ${total - issues.length} more` : ""}`);
    this.name = "ValidationError";
  }
}

const MAX_ISSUES = 25;

export function columnLetter(index: number): string {
  let s = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function responsesPath(cb: Codebook): string {
  if (!cb.responses) throw new Error(`${cb.study.id}: the codebook names no responses file`);
  return join(DATA_DIR, cb.study.id, cb.responses.file);
}

export interface StudyData {
  codebook: Codebook;
  responses: Response[];
  /** SHA-256 of the raw file, for provenance. */
  sha256: string;
}

/** Loads a study's codebook and its validated responses. Throws CodebookError or ValidationError. */
export function readStudy(study: string): StudyData {
  const codebook = loadCodebook(study);
  const path = responsesPath(codebook);
  const bytes = readFileSync(path);
  return {
    codebook,
    responses: parseResponses(bytes.toString("utf8"), codebook, displayPath(path)),
    sha256: createHash("sha256").update(bytes).digest("hex")
  };
}

/** Parses a survey export (see loaders/formats.ts) and validates each cell against the codebook. */
export function parseResponses(text: string, cb: Codebook, file = "responses.csv"): Response[] {
  const issues: Issue[] = [];
  let total = 0;
  const issue = (row: number, col: number, header: string, value: string, expected: string) => {
    if (++total <= MAX_ISSUES) issues.push({file, row, column: `${columnLetter(col)} "${header}"`, value, expected});
  };
  const format = exportFormat(cb.responses?.format ?? "google-forms");
  const rows = csvParseRows(text.replace(/^\uFEFF/, ""));
  if (rows.length < format.headerRows) throw new ValidationError([{file, row: rows.length + 1, column: "-", value: "", expected: `${format.headerRows} header row(s) of a ${cb.responses?.format} export`}]);
  const wrongFormat = format.checkHeader?.(rows);
  if (wrongFormat) throw new ValidationError([{file, row: format.headerRows, column: "-", value: "", expected: wrongFormat}]);
  const header = rows[format.keyRow].map((h) => h.trim());
  const keyRow = format.keyRow + 1;

  // The header must hold each codebook column once, and nothing the codebook or the platform does
  // not describe: an unknown column could be identifying, so it is not silently carried along.
  const index = new Map<string, number>();
  header.forEach((h, col) => {
    if (index.has(h)) issue(keyRow, col, h, h, "each column header once (this one repeats)");
    index.set(h, col);
  });
  const known = new Set([...cb.questions.map((q) => q.column), ...(cb.responses?.timestamp ? [cb.responses.timestamp] : [])]);
  const metadata = new Set(format.metadata);
  header.forEach((h, col) => {
    if (!known.has(h) && !metadata.has(h)) issue(keyRow, col, h, h, "a column described in the codebook (add it as a question, private if it is identifying)");
  });
  for (const column of known) if (!index.has(column)) issue(keyRow, header.length, "(missing)", "", `a column headed "${column}"`);
  if (total) throw new ValidationError(issues, total);

  const separator = cb.responses?.separator ?? format.separator;
  const responses: Response[] = [];
  for (let r = format.headerRows; r < rows.length; ++r) {
    const cells = rows[r];
    const row = r + 1;
    if (cells.length === 1 && cells[0] === "") continue; // a trailing blank line
    if (cells.length !== header.length) {
      issue(row, Math.min(cells.length, header.length) , "(row length)", String(cells.length), `${header.length} cells, as in the header (a quote or separator is probably out of place)`);
      continue;
    }
    const answers: Record<string, Answer> = {};
    const invalid = new Set<string>(); // questions of this row whose cell failed
    let complete = true;
    for (const q of cb.questions) {
      const col = index.get(q.column)!;
      const raw = cells[col].trim();
      const fail = (expected: string) => (invalid.add(q.id), issue(row, col, q.column, cells[col], expected));
      // Skip logic cannot be judged on an answer that was itself invalid (one error, not a cascade).
      if (q.asked_if && invalid.has(q.asked_if.question)) continue;
      const asked = isAsked(q, answers, cb);
      if (raw === "") {
        answers[q.id] = null;
        if (asked && q.type !== "text") complete = false;
        continue;
      }
      if (!asked) {
        fail(`an empty cell: "${q.id}" is asked only when ${describeCondition(q, cb)}`);
        continue;
      }
      answers[q.id] = parseAnswer(q, raw, cb, separator, fail);
    }
    if (cb.responses?.timestamp && cells[index.get(cb.responses.timestamp)!].trim() === "")
      issue(row, index.get(cb.responses.timestamp)!, cb.responses.timestamp, "", "the submission time");
    responses.push({respondent: responses.length + 1, complete, answers});
  }
  if (total) throw new ValidationError(issues, total);
  return responses;
}

function parseAnswer(q: Question, raw: string, cb: Codebook, separator: string, fail: (expected: string) => void): Answer {
  switch (q.type) {
    case "single":
    case "ordinal": {
      const label = q.options![raw];
      if (label === undefined) fail(`one of ${listOptions(q)}`);
      return label ?? null;
    }
    case "multiple": {
      const labels = Object.keys(q.options!);
      const {chosen, other} = splitChoices(raw, labels, separator);
      if (other !== null && !q.other) fail(`options of ${listOptions(q)}, joined with "${separator}" (found "${other}"; add \`other:\` to the question if written-in answers are allowed)`);
      // A written-in answer is recorded as "Other"; its text is free text and stays private.
      return [...chosen.map((c) => q.options![c]), ...(other !== null && q.other ? [q.other] : [])];
    }
    case "rating": {
      const scale = scaleOf(cb, q);
      const value = /^-?\d+$/.test(raw) ? Number(raw) : NaN;
      if (!(value >= scale.min && value <= scale.max)) fail(`a whole number from ${scale.min} to ${scale.max}`);
      return value >= scale.min && value <= scale.max ? value : null;
    }
    case "number": {
      // Accept a decimal comma, as French-locale exports write it.
      const value = /^-?\d+([.,]\d+)?$/.test(raw) ? Number(raw.replace(",", ".")) : NaN;
      const range = `${q.integer ? "a whole number" : "a number"}${q.min !== undefined ? ` ≥ ${q.min}` : ""}${q.max !== undefined ? ` and ≤ ${q.max}` : ""}`;
      const ok = Number.isFinite(value) && (!q.integer || Number.isInteger(value)) && !(value < q.min!) && !(value > q.max!);
      if (!ok) fail(range);
      return ok ? value : null;
    }
    case "text":
      return raw;
  }
}

function listOptions(q: Question): string {
  return Object.keys(q.options!).map((o) => `"${o}"`).join(", ");
}

/** Skip logic: whether a question applies, given the answers before it. */
function isAsked(q: Question, answers: Record<string, Answer>, cb: Codebook): boolean {
  const cond = q.asked_if;
  if (!cond) return true;
  const target = cb.questions.find((t) => t.id === cond.question)!;
  const answer = answers[cond.question];
  if (answer === null || answer === undefined) return false;
  const raws = Object.entries(target.options!).filter(([, label]) => (Array.isArray(answer) ? answer.includes(label) : answer === label)).map(([raw]) => raw);
  return conditionHolds(cond, raws);
}

function describeCondition(q: Question, cb: Codebook): string {
  const cond = q.asked_if!;
  const target = cb.questions.find((t) => t.id === cond.question)!;
  return cond.in
    ? `"${target.id}" is ${cond.in.map((l) => `"${l}"`).join(" or ")}`
    : `"${target.id}" is answered and is not ${cond.not!.map((l) => `"${l}"`).join(" or ")}`;
}

/** A derived grouping's value for one response (display label), or null. */
export function deriveValue(cb: Codebook, derivedId: string, answers: Record<string, Answer>): string | null {
  const d = cb.derived!.find((d) => d.id === derivedId)!;
  const source = cb.questions.find((q) => q.id === d.from)!;
  const answer = answers[d.from];
  if (answer === null || answer === undefined) return null;
  const raw = Object.entries(source.options!).find(([, label]) => label === answer)?.[0];
  for (const [group, labels] of Object.entries(d.groups)) if (labels !== "*" && raw !== undefined && labels.includes(raw)) return group;
  return Object.entries(d.groups).find(([, labels]) => labels === "*")?.[0] ?? null;
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

/** The public part of a codebook, as pages (and the manuscript figures) get it: codebook.json. */
export function publicCodebook(cb: Codebook) {
  return {
    study: cb.study,
    /** How many questions the instrument has, private ones included. */
    questionCount: cb.questions.length,
    scales: cb.scales ?? {},
    questions: publicQuestions(cb).map((q) => ({
      id: q.id, number: q.number, label: q.label, type: q.type, scale: q.scale, asked_if: q.asked_if,
      published: q.published ?? true, levels: levelsOf(cb, q)
    })),
    derived: (cb.derived ?? []).map(({id, from, label, groups}) => ({id, from, label, levels: Object.keys(groups)})),
    /** The paper's subgroup tables (which answers, by which groupings): the explorer starts from them. */
    tables: cb.tables ?? {}
  };
}
