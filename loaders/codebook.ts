// The codebook: each study's questions, defined once (data/<study>/codebook.yaml).
// Everything downstream — parsing, validation, tables, figures — reads questions from here.
import {existsSync, readdirSync, readFileSync} from "node:fs";
import {join, relative} from "node:path";
import {fileURLToPath} from "node:url";
import {Ajv2020} from "ajv/dist/2020.js";
import {LineCounter, parseDocument} from "yaml";
// Imported, not read from disk: the schema is then part of the module graph the build's cache hashes.
import codebookSchema from "../schema/codebook.schema.json" with {type: "json"};

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** Where study folders live. SURVEY_DATA_DIR points elsewhere (the tests build from broken copies). */
export const DATA_DIR = process.env.SURVEY_DATA_DIR || join(ROOT, "data");

export type QuestionType = "single" | "ordinal" | "multiple" | "rating" | "number" | "text";
export type ExportFormatName = "google-forms" | "qualtrics" | "surveymonkey" | "redcap" | "spss" | "csv";
export type DataKind = "reconstructed" | "original" | "aggregates";

export interface Bin {label: string; min: number; max: number}
export interface Scale {min: number; max: number; anchors?: Record<string, string>; bins: Bin[]}
export interface Condition {question: string; in?: string[]; not?: string[]}
/** Skip logic: one condition, or all / any of several. */
export type AskedIf = Condition | {all: Condition[]} | {any: Condition[]};
export type MissingAs = "excluded" | "no" | "level" | "not-asked";
export type Blank = "unanswered" | "not-asked" | "no";
export type Match = "exact" | "loose";
export type Decimal = "." | ",";
/** A number's group (min and max inclusive; either may be open). */
export interface Band {label: string; min?: number; max?: number}

export interface Question {
  id: string;
  number?: number;
  column: string;
  label: string;
  type: QuestionType;
  /** Raw label → display label, in the form's order. */
  options?: Record<string, string>;
  other?: string;
  scale?: string;
  integer?: boolean;
  min?: number;
  max?: number;
  asked_if?: AskedIf;
  /** multiple: ticked options in one cell (cell) or one column per option (columns). */
  layout?: "cell" | "columns";
  /** multiple: raw options that cannot be ticked with another. */
  exclusive?: string[];
  /** Raw code → label: codes that mean a missing answer (added to responses.missing). */
  missing?: Record<string, string>;
  missing_as?: MissingAs;
  blank?: Blank;
  match?: Match;
  /** number: the decimal separator ("." unless the file writes "1,5"). */
  decimal?: Decimal;
  /** number: groups of values. */
  bands?: Band[];
  private?: boolean;
  published?: boolean;
  /** Shares over those who answered (default) or over every respondent. */
  denominator?: "answered" | "respondents";
}

export interface Derived {
  id: string;
  from: string;
  label: string;
  /** Display label → raw labels of `from`, or "*" for all the others. */
  groups: Record<string, string[] | "*">;
}

/**
 * A row of a subgroup table (docs/codebook.md "Tables"). With `level`: the share giving that level
 * (one line). Without: the whole variable as gtsummary's tbl_summary() lays it out — each level of
 * a single or ordinal question, rating bin, band or derived group (one test for the block); a
 * number's (or, with `statistic`, a rating's) median (Q1, Q3) or mean (SD); or each option of a
 * multiple-choice question (`percent` of respondents or of responses, each option tested).
 */
export interface SubgroupRow {
  variable: string;
  level?: string;
  label: string;
  published?: boolean;
  /** number or rating rows: the summary shown (median by default). */
  statistic?: "median" | "mean";
  /** multiple-choice rows: each option's share of the respondents who answered (default) or of all the ticks. */
  percent?: "respondents" | "responses";
}
export interface SubgroupTableSpec {
  title: string;
  by: string[];
  rows: SubgroupRow[];
  /** An "Overall" column before each grouping's groups (gtsummary's add_overall()). */
  overall?: boolean;
  /** An "Unknown" row under a block when someone in the groups has no answer (ifany, gtsummary's default), never, or always. */
  missing?: "ifany" | "no" | "always";
  /** p-values adjusted across the table's rows, within each grouping (R's p.adjust). */
  adjust?: "holm" | "BH";
}

/** What a table row shows: one level's share, a categorical block, a number's summary, or a multiple-choice block. */
export type RowKind = "level" | "categorical" | "number" | "multiple";

/**
 * A row's kind, from the codebook: a row with `level` is a level row; without, a multiple-choice
 * question is a block of its options, a number without bands (or any number or rating given
 * `statistic`) a summary, and anything else with levels (single, ordinal, rating bins, number bands,
 * derived groupings) a categorical block. Undefined for a variable that is none of these (text).
 */
export function rowKind(cb: Codebook, row: SubgroupRow): RowKind | undefined {
  if (row.level !== undefined) return "level";
  if (cb.derived?.some((d) => d.id === row.variable)) return "categorical";
  const q = cb.questions.find((q) => q.id === row.variable);
  if (!q || q.type === "text") return undefined;
  if (q.type === "multiple") return "multiple";
  if (q.type === "number") return q.bands && !row.statistic ? "categorical" : "number";
  if (q.type === "rating") return row.statistic ? "number" : "categorical";
  return "categorical";
}

/** How a column goes into the row-level files: as it is (absent), left out, as its bands, or top/bottom-coded. */
export type PublicRow = "drop" | "bands" | {top_code?: number; bottom_code?: number};
export interface Disclosure {
  /** Question or derived ids someone could know about a respondent from elsewhere. */
  quasi_identifiers: string[];
  /** The smallest group the public rows may show on them (default 5). */
  k?: number;
  public_rows?: Record<string, PublicRow>;
  /** Publish although some rows are in groups below k: the reason, shown on the page. */
  accept?: string;
  note?: string;
  /** The published tables: counts below k shown as "< k" (loaders/suppress.ts), or every count published, for the reason given. */
  small_cells?: {k: number} | {accept: string; k?: undefined};
}

export interface Codebook {
  study: {
    id: string;
    title: string;
    authors?: string;
    citation: string;
    journal?: string;
    doi?: string;
    year: number;
    country?: string;
    population?: string;
    fieldwork?: string;
    data: DataKind;
    source_document?: string;
    unit?: string;
    part_of?: string;
    sample_note?: string;
    headline?: {label: string; variable?: string; level?: string; aggregate?: string};
    manuscript?: {preset: "bmc" | "springer"; columns?: "single" | "double"};
  };
  responses?: {
    file: string;
    format: ExportFormatName;
    language?: string;
    timestamp?: string;
    separator?: string;
    sheet?: string;
    missing?: Record<string, string>;
    missing_as?: MissingAs;
    blank?: Blank;
    unlisted?: "error" | "private";
    match?: Match;
    decimal?: Decimal;
    /** The number question holding the survey weight. */
    weight?: string;
    weight_zero?: "error" | "allowed";
    /** The export's encoding when it is not UTF-8 (decoded by the build). */
    encoding?: string;
    /** The column of each respondent's id (never published): an id used twice stops the build. */
    respondent_id?: string;
    /** Whether rows with exactly the same cells are allowed (else an error: a response counted twice). */
    duplicates?: "error" | "allowed";
  };
  /** Disclosure control of the row-level files (loaders/disclosure.ts). */
  disclosure?: Disclosure;
  aggregates?: {file: string};
  scales?: Record<string, Scale>;
  questions: Question[];
  derived?: Derived[];
  tables?: Record<string, SubgroupTableSpec>;
  correlations?: Record<string, {x: string; y: string; label: string}>;
  summaries?: Record<string, {variable: string; by: string; label: string}>;
}

/** The last line of every codebook error. */
export const CODEBOOK_TO_DO = "To fix: correct the codebook at the line named (its format: docs/codebook.md; schema/codebook.schema.json lets an editor check it as you type). The raw files are never changed by the build.";

/** A codebook that does not follow the format: says which file, which line and what is wrong. */
export class CodebookError extends Error {
  constructor(message: string) {
    super(`${message}\n${CODEBOOK_TO_DO}`);
    this.name = "CodebookError";
  }
}

let validateSchema: ReturnType<Ajv2020["compile"]> | undefined;
function schemaValidator() {
  validateSchema ??= new Ajv2020({allErrors: true, verbose: true, strict: true, strictRequired: false}).compile(codebookSchema);
  return validateSchema;
}

/** A path as error messages show it: relative to the project when inside it. */
export function displayPath(path: string): string {
  const rel = relative(ROOT, path);
  return rel.startsWith("..") ? path : rel;
}

export function codebookPath(study: string): string {
  return join(DATA_DIR, study, "codebook.yaml");
}

/** Reads and checks data/<study>/codebook.yaml. Throws a CodebookError naming file and line. */
export function loadCodebook(study: string): Codebook {
  const path = codebookPath(study);
  return parseCodebook(readFileSync(path, "utf8"), displayPath(path), {folder: study});
}

/** Parses codebook YAML text; `file` names it in error messages. */
export function parseCodebook(text: string, file = "codebook.yaml", {folder}: {folder?: string} = {}): Codebook {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {lineCounter, prettyErrors: true, uniqueKeys: true});
  if (doc.errors.length) {
    const e = doc.errors[0];
    throw new CodebookError(`${file}:${e.linePos?.[0].line ?? "?"}: invalid YAML: ${e.message.split("\n")[0]}`);
  }
  const data = doc.toJS();
  if (data === null || data === undefined)
    throw new CodebookError(`${file} is empty: a codebook says what the study is and what each column of its export means (npm run new-study drafts one from the export)`);
  // Where a JSON pointer lands in the YAML, for "file:line" messages.
  const lineOf = (pointer: (string | number)[]): number | "?" => {
    for (let p = pointer; p.length >= 0; p = p.slice(0, -1)) {
      const node = doc.getIn(p, true) as {range?: [number, number, number]} | undefined;
      if (node?.range) return lineCounter.linePos(node.range[0]).line;
      if (!p.length) break;
    }
    return "?";
  };
  const validate = schemaValidator();
  if (!validate(data)) {
    const messages = validate.errors!.map((e) => {
      const path = e.instancePath.split("/").slice(1).map((s) => (/^\d+$/.test(s) ? +s : s.replace(/~1/g, "/").replace(/~0/g, "~")));
      const where = e.instancePath || "(top level)";
      const extra = e.params && "additionalProperty" in e.params ? ` "${e.params.additionalProperty}"` : "";
      const allowed = e.params && "allowedValues" in e.params ? ` (one of: ${(e.params.allowedValues as string[]).join(", ")})` : "";
      // A file is named without a folder: say so, rather than quote the pattern.
      if (e.keyword === "pattern" && path.at(-1) === "file")
        return `${file}:${lineOf(path)}: ${where} is ${JSON.stringify(e.data)}: name a file inside the study folder, without a folder or path (copy the export there); the build reads nothing outside it`;
      return `${file}:${lineOf(path)}: ${where} ${e.message}${extra}${allowed}`;
    });
    throw new CodebookError(`codebook does not follow schema/codebook.schema.json:\n  ${[...new Set(messages)].join("\n  ")}`);
  }
  const codebook = data as Codebook;
  codebook.questions ??= []; // aggregate-only studies have none
  const fail = (path: (string | number)[], message: string): never => {
    throw new CodebookError(`${file}:${lineOf(path)}: ${message}`);
  };
  // The folder names the study everywhere (its page, its files): a codebook copied from another
  // study would otherwise validate one study's data as another's.
  if (folder !== undefined && codebook.study.id !== folder)
    fail(["study", "id"], `study.id is "${codebook.study.id}" but the folder is "${folder}": they must be the same (rename the folder or correct study.id)`);
  checkReferences(codebook, fail);
  return codebook;
}

/** What JSON Schema cannot say: ids are unique and every reference points at something real. */
function checkReferences(cb: Codebook, fail: (path: (string | number)[], message: string) => never): void {
  const questions = new Map<string, Question>();
  const columns = new Set<string>();
  cb.questions.forEach((q, i) => {
    if (questions.has(q.id)) fail(["questions", i, "id"], `question id "${q.id}" is defined twice`);
    if (columns.has(q.column)) fail(["questions", i, "column"], `column "${q.column}" is used by two questions`);
    questions.set(q.id, q);
    columns.add(q.column);
    if (q.type === "rating") {
      const scale = cb.scales?.[q.scale!];
      if (!scale) fail(["questions", i, "scale"], `question "${q.id}": unknown scale "${q.scale}" (defined: ${Object.keys(cb.scales ?? {}).join(", ") || "none"})`);
    }
    // Qualtrics writes an "Other" choice's text in its own _TEXT column, so the choice is an ordinary
    // option there and any text left in the cell is a mistake, not a written-in answer.
    if (q.other && cb.responses?.format === "qualtrics")
      fail(["questions", i, "other"], `question "${q.id}": Qualtrics exports written-in text in its own _TEXT column; list the "Other" choice under options and make the _TEXT column a text question asked_if that option`);
    if (q.type === "number" && q.min !== undefined && q.max !== undefined && q.min > q.max)
      fail(["questions", i], `question "${q.id}": min ${q.min} is above max ${q.max}`);
  });
  for (const [name, scale] of Object.entries(cb.scales ?? {})) {
    if (scale.min >= scale.max) fail(["scales", name], `scale "${name}": min must be below max`);
    // Bins must cover the scale exactly once, so every rating falls in one bin.
    const covered = new Map<number, string>();
    scale.bins.forEach((bin, j) => {
      for (let v = bin.min; v <= bin.max; ++v) {
        if (v < scale.min || v > scale.max) fail(["scales", name, "bins", j], `scale "${name}": bin "${bin.label}" goes outside ${scale.min}–${scale.max}`);
        if (covered.has(v)) fail(["scales", name, "bins", j], `scale "${name}": ${v} is in bins "${covered.get(v)}" and "${bin.label}"`);
        covered.set(v, bin.label);
      }
    });
    for (let v = scale.min; v <= scale.max; ++v)
      if (!covered.has(v)) fail(["scales", name, "bins"], `scale "${name}": no bin holds the rating ${v}`);
  }
  cb.questions.forEach((q, i) => {
    if (!q.asked_if) return;
    const where = ["questions", i, "asked_if"];
    for (const cond of conditionsOf(q.asked_if)) {
      const target = questions.get(cond.question);
      if (!target) fail(where, `question "${q.id}": asked_if names unknown question "${cond.question}"`);
      if (cb.questions.indexOf(target) >= i) fail(where, `question "${q.id}": asked_if must name an earlier question`);
      for (const label of cond.in ?? cond.not ?? [])
        if (!target.options || !(label in target.options))
          fail(where, `question "${q.id}": asked_if uses "${label}", which is not an option of "${target.id}"`);
    }
  });
  const format = cb.responses?.format;
  const weight = cb.responses?.weight;
  if (weight !== undefined) {
    const q = questions.get(weight);
    if (!q) fail(["responses", "weight"], `responses.weight names "${weight}", which is no question: describe the weight column as a question (type: number, min: 0) and name its id here`);
    if (q.type !== "number" || isPrivate(q) || q.asked_if || q.bands)
      fail(["responses", "weight"], `responses.weight names "${weight}", which must be a public number question without asked_if or bands (every respondent has a weight)`);
  }
  if (cb.responses) {
    const ext = /\.([^.]+)$/.exec(cb.responses.file)?.[1]?.toLowerCase();
    if (!ext || !SUPPORTED_FILES.includes(ext))
      fail(["responses", "file"], `responses.file "${cb.responses.file}" is not a supported file type (supported: ${SUPPORTED_FILES.map((e) => `.${e}`).join(", ")}); export the responses as one of these`);
    if (ext === "sav" && format !== "spss") fail(["responses", "format"], `responses.file "${cb.responses.file}" is an SPSS file: set format: spss`);
    if (format === "spss" && ext !== "sav") fail(["responses", "format"], `format: spss reads an SPSS .sav file, not "${cb.responses.file}"`);
    if (cb.responses.sheet !== undefined && ext !== "xlsx") fail(["responses", "sheet"], `responses.sheet names a sheet of an .xlsx file; "${cb.responses.file}" has none`);
  }
  cb.questions.forEach((q, i) => {
    // A missing code that is also an option would be read two ways.
    const missing = missingCodesOf(cb, q);
    if (q.options) for (const code of Object.keys(missing)) if (code in q.options) fail(["questions", i, "missing"], `question "${q.id}": "${code}" is both an option and a missing code`);
    if (q.type === "text") return;
    if (q.layout === "columns" && q.other) fail(["questions", i, "other"], `question "${q.id}": with one column per option there is no cell for written-in text; describe the "Other" text column as a text question`);
    for (const raw of q.exclusive ?? []) if (!(raw in (q.options ?? {}))) fail(["questions", i, "exclusive"], `question "${q.id}": exclusive "${raw}" is not an option`);
    // Loosely matched labels must still be told apart.
    if (q.options && matchOf(cb, q) === "loose") {
      const seen = new Map<string, string>();
      for (const raw of Object.keys(q.options)) {
        const key = looseLabel(raw);
        if (seen.has(key) && q.options[seen.get(key)!] !== q.options[raw]) fail(["questions", i, "options"], `question "${q.id}": "${seen.get(key)}" and "${raw}" are the same label once case and spaces are ignored (match: loose), but display differently`);
        seen.set(key, raw);
      }
    }
    if (q.bands) {
      q.bands.forEach((b, j) => {
        if (b.min !== undefined && b.max !== undefined && b.min > b.max) fail(["questions", i, "bands", j], `question "${q.id}": band "${b.label}" has min above max`);
        q.bands!.slice(0, j).forEach((o) => {
          const below = (x: Band, y: Band) => x.max !== undefined && y.min !== undefined && x.max < y.min;
          if (!below(o, b) && !below(b, o)) fail(["questions", i, "bands", j], `question "${q.id}": bands "${o.label}" and "${b.label}" overlap`);
        });
      });
      if (new Set(q.bands.map((b) => b.label)).size < q.bands.length) fail(["questions", i, "bands"], `question "${q.id}": two bands have the same label`);
    }
  });
  const variables = new Map<string, string[]>(); // id → its display levels
  for (const q of cb.questions) variables.set(q.id, levelsOf(cb, q));
  (cb.derived ?? []).forEach((d, i) => {
    if (variables.has(d.id)) fail(["derived", i, "id"], `derived "${d.id}": the id is already used`);
    const source = questions.get(d.from);
    if (!source?.options) fail(["derived", i, "from"], `derived "${d.id}": "${d.from}" is not a question with options`);
    const seen = new Map<string, string>();
    let rest = false;
    for (const [group, labels] of Object.entries(d.groups)) {
      if (labels === "*") {
        if (rest) fail(["derived", i, "groups"], `derived "${d.id}": only one group can be "*"`);
        rest = true;
        continue;
      }
      for (const label of labels) {
        if (!(label in source.options)) fail(["derived", i, "groups", group], `derived "${d.id}": "${label}" is not an option of "${d.from}"`);
        if (seen.has(label)) fail(["derived", i, "groups", group], `derived "${d.id}": "${label}" is in groups "${seen.get(label)}" and "${group}"`);
        seen.set(label, group);
      }
    }
    const missing = Object.keys(source.options).filter((l) => !seen.has(l));
    if (!rest && missing.length) fail(["derived", i, "groups"], `derived "${d.id}": no group holds ${missing.map((l) => `"${l}"`).join(", ")}`);
    variables.set(d.id, Object.keys(d.groups));
  });
  for (const [name, c] of Object.entries(cb.correlations ?? {})) {
    for (const axis of ["x", "y"] as const) {
      const q = questions.get(c[axis]);
      if (!q || !["rating", "number"].includes(q.type) || isPrivate(q))
        fail(["correlations", name, axis], `correlation "${name}": "${c[axis]}" is not a public rating or number question`);
    }
  }
  for (const [name, sm] of Object.entries(cb.summaries ?? {})) {
    const q = questions.get(sm.variable);
    if (!q || !["rating", "number"].includes(q.type) || isPrivate(q))
      fail(["summaries", name, "variable"], `summary "${name}": "${sm.variable}" is not a public rating or number question`);
    if (!variables.has(sm.by)) fail(["summaries", name, "by"], `summary "${name}": unknown grouping "${sm.by}"`);
  }
  const headline = cb.study.headline;
  if (headline?.variable) {
    const levels = variables.get(headline.variable);
    if (!levels) fail(["study", "headline", "variable"], `headline: unknown variable "${headline.variable}"`);
    if (!levels.includes(headline.level!)) fail(["study", "headline", "level"], `headline: "${headline.level}" is not a level of "${headline.variable}" (levels: ${levels.join(", ")})`);
  }
  for (const [name, table] of Object.entries(cb.tables ?? {})) {
    table.by.forEach((by, j) => {
      if (!variables.has(by)) fail(["tables", name, "by", j], `table "${name}": unknown grouping "${by}"`);
    });
    table.rows.forEach((row, j) => {
      const where = ["tables", name, "rows", j];
      const levels = variables.get(row.variable);
      if (!levels) fail(where, `table "${name}": unknown variable "${row.variable}"`);
      const q = questions.get(row.variable);
      if (q && (isPrivate(q) || q.id === weight)) fail(where, `table "${name}": "${row.variable}" is ${q.id === weight ? "the survey weight" : "private"}, so it cannot be a row`);
      const kind = rowKind(cb, row);
      if (row.level !== undefined) {
        if (!levels.includes(row.level)) fail(where, `table "${name}": "${row.level}" is not a level of "${row.variable}" (levels: ${levels.join(", ")})`);
        if (row.statistic || row.percent) fail(where, `table "${name}": a row with a level shows that level's share; ${row.statistic ? "statistic" : "percent"} belongs to a row without level`);
        return;
      }
      if (!kind) fail(where, `table "${name}": "${row.variable}" has no answers to tabulate (a text question)`);
      if (row.statistic && kind !== "number") fail(where, `table "${name}": statistic is for number and rating rows; "${row.variable}" is a ${q?.type ?? "derived grouping"}`);
      if (row.percent && kind !== "multiple") fail(where, `table "${name}": percent (of respondents or responses) is for multiple-choice rows; "${row.variable}" is a ${q?.type ?? "derived grouping"}`);
    });
  }
  checkDisclosure(cb, variables, questions, fail);
}

/** The disclosure section names public columns, and each way of publishing one suits its type. */
function checkDisclosure(cb: Codebook, variables: Map<string, string[]>, questions: Map<string, Question>, fail: (path: (string | number)[], message: string) => never): void {
  const d = cb.disclosure;
  if (!d) return;
  if (cb.study.data === "aggregates") fail(["disclosure"], `disclosure is for studies with row-level data; an aggregates study publishes no rows`);
  const publicColumn = (id: string, where: (string | number)[], what: string) => {
    const q = questions.get(id);
    if (!variables.has(id) && !q) fail(where, `disclosure: ${what} "${id}" is no question or derived grouping`);
    if (q && isPrivate(q)) fail(where, `disclosure: ${what} "${id}" is private, so it is in no public file already`);
    if (q && q.id === cb.responses?.weight) fail(where, `disclosure: ${what} "${id}" is the survey weight`);
    return q;
  };
  d.quasi_identifiers.forEach((id, i) => publicColumn(id, ["disclosure", "quasi_identifiers", i], "quasi-identifier"));
  if (!d.quasi_identifiers.length && !d.note)
    fail(["disclosure", "quasi_identifiers"], `disclosure: no quasi-identifiers listed; add a note saying why no column could identify anyone (it is shown on the page)`);
  for (const [id, how] of Object.entries(d.public_rows ?? {})) {
    const where = ["disclosure", "public_rows", id];
    const q = publicColumn(id, where, "public_rows column");
    if (how === "drop") continue;
    if (q?.type !== "number") fail(where, `disclosure: "${id}" is ${q ? `a ${q.type} question` : "a derived grouping"}; ${how === "bands" ? "bands" : "top_code and bottom_code"} are for number questions (to publish a coarser category, define a derived grouping and drop the question)`);
    if (how === "bands" && !q!.bands) fail(where, `disclosure: "${id}" has no bands to publish it as: give the question bands, or drop it`);
    if (typeof how === "object" && how.top_code !== undefined && how.bottom_code !== undefined && how.bottom_code >= how.top_code)
      fail(where, `disclosure: "${id}": bottom_code ${how.bottom_code} must be below top_code ${how.top_code}`);
  }
}

/**
 * The display levels a question's answers take, each once (several raw labels may show as one):
 * option labels, a rating's bin labels or a number's bands, then missing codes shown as a level.
 */
export function levelsOf(cb: Codebook, q: Question): string[] {
  const own = q.options ? [...Object.values(q.options), ...(q.other ? [q.other] : [])] : q.type === "rating" ? cb.scales![q.scale!].bins.map((b) => b.label) : (q.bands ?? []).map((b) => b.label);
  const missing = own.length ? Object.entries(missingCodesOf(cb, q)).filter(([, m]) => m.as === "level").map(([, m]) => m.label) : [];
  return [...new Set([...own, ...missing])];
}

/** The file types a study's export may be. */
export const SUPPORTED_FILES = ["csv", "xlsx", "sav"];

/** A question's missing codes (the file's, then its own), each with what it does. Text has none. */
export function missingCodesOf(cb: Codebook, q: Question): Record<string, {label: string; as: MissingAs}> {
  if (q.type === "text") return {};
  const as = q.missing_as ?? cb.responses?.missing_as ?? "excluded";
  const codes = {...(cb.responses?.missing ?? {}), ...(q.missing ?? {})};
  // A file-wide code that is one of this question's options is an answer here, not a missing code.
  const own = new Set(Object.keys(q.missing ?? {}));
  return Object.fromEntries(Object.entries(codes).filter(([code]) => own.has(code) || !(code in (q.options ?? {}))).map(([code, label]) => [code, {label, as}]));
}

/** What an empty cell of this question means. */
export const blankOf = (cb: Codebook, q: Question): Blank => q.blank ?? cb.responses?.blank ?? "unanswered";
/** How its cells are matched to option labels. */
export const matchOf = (cb: Codebook, q: Question): Match => q.match ?? cb.responses?.match ?? "exact";
/** A number's decimal separator: one or the other, never both, so "1,500" is never read as 1.5 by accident. */
export const decimalOf = (cb: Codebook, q: Question): Decimal => q.decimal ?? cb.responses?.decimal ?? ".";
/** A label as `match: loose` compares it: trimmed, lower case, runs of white space as one space. */
export const looseLabel = (s: string) => s.trim().replace(/\s+/g, " ").toLowerCase();
/** Whether a multiple question has one column per option (the default for SurveyMonkey and REDCap). */
export const hasOptionColumns = (cb: Codebook, q: Question) =>
  q.type === "multiple" && (q.layout ?? (["surveymonkey", "redcap"].includes(cb.responses?.format ?? "") ? "columns" : "cell")) === "columns";
/** Whether a respondent is counted in a question's denominator without an answer (blank: no, or a missing code counted as no). */
export function countedAsNo(cb: Codebook, q: Question): boolean {
  return blankOf(cb, q) === "no" || Object.values(missingCodesOf(cb, q)).some((m) => m.as === "no");
}

/** The conditions of a question's skip logic, and how they combine. */
export function conditionsOf(askedIf: AskedIf): Condition[] {
  return "all" in askedIf ? askedIf.all : "any" in askedIf ? askedIf.any : [askedIf];
}
export const combinesWith = (askedIf: AskedIf): "all" | "any" => ("any" in askedIf ? "any" : "all");

/** The band a number falls in (its label). */
export function bandOf(q: Question, value: number | null): string | null {
  if (value === null || !q.bands) return null;
  return q.bands.find((b) => (b.min === undefined || value >= b.min) && (b.max === undefined || value <= b.max))?.label ?? null;
}

export function scaleOf(cb: Codebook, q: Question): Scale {
  const scale = q.scale ? cb.scales?.[q.scale] : undefined;
  if (!scale) throw new CodebookError(`question "${q.id}" has no scale`);
  return scale;
}

/** The raw label (as the survey file has it) that a question shows as `display`. */
export function rawLabel(cb: Codebook, id: string, display: string): string {
  const hit = Object.entries(question(cb, id).options ?? {}).find(([, d]) => d === display);
  if (!hit) throw new CodebookError(`${cb.study.id}: question "${id}" has no option displayed as "${display}"`);
  return hit[0];
}

/** A question's raw option labels, in the form's order. */
export function rawOptions(cb: Codebook, id: string): string[] {
  const {options} = question(cb, id);
  if (!options) throw new CodebookError(`${cb.study.id}: question "${id}" has no options`);
  return Object.keys(options);
}

/**
 * Skip logic: whether an `asked_if` condition holds, given the raw label(s) answered to the question
 * it names (undefined or null: not answered, so the question does not apply). The parser and the
 * reconstruction generators both decide with this.
 */
export function conditionHolds(cond: Condition, raw: string | readonly string[] | null | undefined): boolean {
  if (raw === null || raw === undefined) return false;
  const values = typeof raw === "string" ? [raw] : raw;
  return cond.in ? values.some((x) => cond.in!.includes(x)) : !values.some((x) => cond.not!.includes(x));
}

/** Whether a question is asked, given the raw answers to the questions its skip logic names. */
export function askedIfHolds(askedIf: AskedIf, rawOf: (question: string) => string | readonly string[] | null | undefined): boolean {
  const results = conditionsOf(askedIf).map((c) => conditionHolds(c, rawOf(c.question)));
  return combinesWith(askedIf) === "any" ? results.some(Boolean) : results.every(Boolean);
}

/** Free text is private unless the codebook says otherwise. */
/** The question holding the survey weight (responses.weight), if the study is weighted. */
export function weightQuestion(cb: Codebook): Question | undefined {
  const id = cb.responses?.weight;
  return id === undefined ? undefined : cb.questions.find((q) => q.id === id);
}

export function isPrivate(q: Question): boolean {
  return q.private ?? q.type === "text";
}

export function question(cb: Codebook, id: string): Question {
  const q = cb.questions.find((q) => q.id === id);
  if (!q) throw new CodebookError(`${cb.study.id}: no question "${id}" in the codebook`);
  return q;
}

/** Every study folder under data/ that has a codebook. */
export function studies(): string[] {
  return readdirSync(DATA_DIR, {withFileTypes: true})
    .filter((d) => d.isDirectory() && existsSync(codebookPath(d.name)))
    .map((d) => d.name)
    .sort();
}
