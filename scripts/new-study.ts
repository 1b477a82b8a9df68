// `npm run new-study -- <id> <export file> [<REDCap data dictionary>]`: a new study folder
// data/<id>/ holding a copy of the raw export (and dictionary) and a drafted codebook.yaml.
//
// 1. The export is read into DuckDB as text cells (CSV by DuckDB itself, .xlsx and .sav by
//    loaders/readers.ts), header rows included, in file order.
// 2. Its format is sniffed from the header rows (and, for Google Forms and coded CSV, the cells).
// 3. One SQL query over the file gives each column's distinct values and their shape (counts,
//    numbers, lengths, the parts of cells holding a separator); JavaScript sees only those
//    summaries, never a row, so a million-row export is drafted in seconds.
// 4. Each column becomes a question (or a platform column, or part of a checkbox group), its type
//    guessed from those summaries and from what the format or the dictionary says. Guesses that
//    could be wrong say so in a "# unsure:" comment beside the entry; missing codes, bands and
//    weights are suggested in comments, never applied, so the draft builds as it is.
import {copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, closeSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {basename, join, resolve} from "node:path";
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import {csvParse, csvParseRows} from "d3-dsv";
import {Document, Pair, Scalar, YAMLMap, YAMLSeq} from "yaml";
import {CodebookError, DATA_DIR, displayPath} from "../loaders/codebook.ts";
import {FORMATS, isMetadata} from "../loaders/formats.ts";
// The loader's own: what it trims from cells, its marker for NULL, how it reads the header rows.
import {JS_WHITESPACE, NO_NULL, headerRows} from "../loaders/validate.ts";
import {type FileKind, type SavVariable, fileKind, loadSheet} from "../loaders/readers.ts";
import {ValidationError} from "../loaders/responses.ts";
import {ident, literal} from "../src/components/sql.ts";

export type Format = "google-forms" | "qualtrics" | "surveymonkey" | "redcap" | "spss" | "csv";

/** A mistake in the command's input: printed as its message alone, without a stack. */
export class NewStudyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NewStudyError";
  }
}

const STUDY_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const SUPPORTED = ".csv (Google Forms, Qualtrics, SurveyMonkey, REDCap or any table), .xlsx (the same, as a spreadsheet), .sav (SPSS)";

// ---------------------------------------------------------------------------------------------
// Reading

/** The export as DuckDB table `table`: VARCHAR columns _c0 …, every row of the file (header rows too). */
interface Sheet {table: string; width: number; rows: number; variables?: SavVariable[]}

async function readCsv(connection: DuckDBConnection, path: string, file: string, table: string): Promise<Sheet> {
  const head = headerRows(path, 3);
  if (!head.length || (head.length === 1 && head[0].every((c) => c === ""))) throw new NewStudyError(`${file} is empty: export the responses again`);
  const first = head[0];
  if (first.length === 1) {
    const delim = [";", "\t", "|"].find((d) => first[0].includes(d));
    if (delim)
      throw new NewStudyError(`${file}: the header is one cell holding "${delim === "\t" ? "\\t" : delim}": the file is separated by ${delim === "\t" ? "tabs" : `"${delim}"`}, and the build reads comma-separated files. Export it again as CSV with commas (or save it as .xlsx) and rerun.`);
  }
  const width = Math.max(...head.map((r) => r.length));
  const cols = Array.from({length: width}, (_, k) => `_c${k}`);
  const csv = (parallel: boolean) => `read_csv(${literal(path)}, header = false, all_varchar = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
      columns = {${cols.map((c) => `${literal(c)}: 'VARCHAR'`).join(", ")}}, null_padding = true, strict_mode = false, nullstr = ${literal(NO_NULL)}, parallel = ${parallel})`;
  const create = (parallel: boolean) => connection.run(`CREATE TABLE ${ident(table)} AS SELECT ${cols.map((c) => `coalesce(${c}, '') AS ${c}`).join(", ")} FROM ${csv(parallel)}`);
  try {
    await create(true);
  } catch (error) {
    // DuckDB's parallel reader cannot pad short rows when a quoted cell holds a line break.
    if (!/null_padding in conjunction with quoted new lines/.test(String(error))) throw error;
    await connection.run(`DROP TABLE IF EXISTS ${ident(table)}`);
    await create(false);
  }
  const rows = Number((await connection.runAndReadAll(`SELECT count(*) AS n FROM ${ident(table)}`)).getRowObjectsJS()[0].n);
  return {table, width, rows};
}

/** Why a file could not be read, and what to do about it. */
function unreadable(file: string, kind: FileKind, error: unknown): NewStudyError {
  const message = String(error instanceof Error ? error.message : error);
  const reason = message.split("\n")[0];
  const what = /unicode|utf-?8|byte sequence/i.test(message)
    ? `it is not UTF-8 text. Save it again as "CSV UTF-8" (Excel: File › Save As › CSV UTF-8) and rerun.`
    : kind === "xlsx"
      ? `it is not a readable .xlsx workbook (${reason}). Open it in a spreadsheet program and save it again as .xlsx, or export the responses as CSV.`
      : kind === "sav"
        ? `it is not a readable SPSS file (${reason}). Save it again from SPSS (or PSPP) as .sav, or export it as CSV.`
        : `${reason}. Check that it is the platform's CSV export, unchanged, and rerun.`;
  return new NewStudyError(`could not read ${file}: ${what}`);
}

// ---------------------------------------------------------------------------------------------
// Sniffing the format

export interface Sniffed {
  format: Format;
  /** Rows before the first response. */
  headerRows: number;
  /** Why: one line per clue, printed for the author. */
  reasons: string[];
  /** qualtrics: "choice text" | "numeric values"; csv: "coded". */
  variant?: string;
}

// Google Forms' first column in the form's language.
const TIMESTAMP_HEADERS = [
  "timestamp", "horodateur", "marca temporal", "zeitstempel", "informazioni cronologiche", "carimbo de data/hora",
  "tijdstempel", "sygnatura czasowa", "отметка времени", "zaman damgası", "tidsstempel", "tidstämpel", "aikaleima",
  "časová značka", "dấu thời gian", "タイムスタンプ", "时间戳", "時間戳記", "타임스탬프", "חותמת זמן", "الطابع الزمني"
];
const IMPORT_ID = /^\{\s*"ImportId"\s*:/;

const quoteList = (xs: string[], max = 4) => xs.slice(0, max).map((x) => `"${x}"`).join(", ") + (xs.length > max ? ", …" : "");

/** The format as the header rows (at most three) show it. */
export function sniffHeader(head: string[][], kind: FileKind, {dictionary = false} = {}): Sniffed {
  if (kind === "sav") return {format: "spss", headerRows: 1, reasons: ["an SPSS .sav file: variable names, labels and value labels come from the file"]};
  const row = (k: number) => (head[k] ?? []).map((c) => c.trim());
  const [r0, r1, r2] = [row(0), row(1), row(2)];
  const importIds = r2.filter((c) => IMPORT_ID.test(c)).length;
  if (importIds) {
    const tags = r0.filter((c) => /^Q\d/.test(c));
    return {
      format: "qualtrics",
      headerRows: 3,
      reasons: [
        `row 3 holds {"ImportId":…} cells (${importIds} of ${r2.length} columns): Qualtrics' three header rows`,
        ...(tags.length ? [`row 1 holds export tags (${quoteList(tags, 3)}), row 2 the question texts`] : []),
        ...(r0.includes("ResponseId") ? [`Qualtrics' own columns (StartDate, ResponseId, …)`] : [])
      ]
    };
  }
  const monkey = FORMATS.surveymonkey.metadata.filter((c) => r0.includes(c));
  if (r0.includes("Respondent ID") && monkey.length >= 2) {
    const responses = r1.filter((c) => c === "Response" || c === "Open-Ended Response").length;
    return {
      format: "surveymonkey",
      headerRows: 2,
      reasons: [
        `row 1 has SurveyMonkey's columns ${quoteList(monkey)}`,
        responses ? `row 2 has "Response" / "Open-Ended Response" (${responses}) and option texts: SurveyMonkey's two header rows` : `row 2 is read as SurveyMonkey's second header row (sub-column names)`
      ]
    };
  }
  const clues: string[] = [];
  if (dictionary) clues.push("a REDCap data dictionary was given");
  if (r0[0] === "record_id") clues.push(`the first column is "record_id"`);
  const checkboxes = r0.filter((c) => /^[a-z][a-z0-9_]*___[a-z0-9_]+$/i.test(c));
  if (checkboxes.length) clues.push(`checkbox columns named field___code (${quoteList(checkboxes, 3)})`);
  const meta = r0.filter((c) => isMetadata(FORMATS.redcap, c));
  if (meta.length) clues.push(`REDCap's columns ${quoteList(meta, 3)}`);
  if (dictionary || meta.some((c) => c.startsWith("redcap_")) || clues.length >= 2) return {format: "redcap", headerRows: 1, reasons: clues};
  if (TIMESTAMP_HEADERS.includes(r0[0]?.toLowerCase() ?? ""))
    return {format: "google-forms", headerRows: 1, reasons: [`the first column is headed "${r0[0]}", as Google Forms heads its submission times`]};
  return {format: "csv", headerRows: 1, reasons: ["no platform's header rows (Qualtrics' ImportId row, SurveyMonkey's Respondent ID, REDCap's record_id, Google Forms' Timestamp): a plain table with one header row"]};
}

/** The format once the cells are known: Google Forms needs dates in its first column; Qualtrics and CSV get a variant. */
export function refineSniff(sniffed: Sniffed, stats: ColumnStats[], columns: ColumnInfo[]): Sniffed {
  const s = {...sniffed, reasons: [...sniffed.reasons]};
  if (s.format === "google-forms") {
    const first = stats[0];
    if (first.nonEmpty && first.dates >= 0.9 * first.nonEmpty) {
      s.reasons.push(`and that column holds dates and times (${fmt(first.dates)} of ${fmt(first.nonEmpty)} cells, e.g. "${first.top[0]?.v}")`);
    } else {
      s.format = "csv";
      s.reasons.push(`but that column holds no dates and times, so it is read as a plain table`);
    }
  }
  if (s.format === "qualtrics") {
    const questions = stats.filter((_, k) => /"ImportId"\s*:\s*"QID/.test(columns[k].importId ?? ""));
    const nonEmpty = questions.reduce((a, q) => a + q.nonEmpty, 0);
    const codes = questions.reduce((a, q) => a + q.codes, 0);
    s.variant = nonEmpty && codes >= 0.8 * nonEmpty ? "numeric values" : "choice text";
    s.reasons.push(
      s.variant === "numeric values"
        ? `the question columns hold numbers (${fmt(codes)} of ${fmt(nonEmpty)} cells): a "numeric values" export, so options are codes whose labels you write`
        : `the question columns hold choice texts: a "choice text" export`
    );
  }
  if (s.format === "csv") {
    const nonEmpty = stats.reduce((a, q) => a + q.nonEmpty, 0);
    const codes = stats.reduce((a, q) => a + q.smallIntegers, 0);
    if (nonEmpty && codes >= 0.6 * nonEmpty) {
      s.variant = "coded";
      s.reasons.push(`${Math.round((100 * codes) / nonEmpty)}% of the non-empty cells are whole-number codes: a coded table, so options are codes whose labels you write`);
    }
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// Each column's distinct values, in one query

export interface Value {v: string; n: number}
export interface SeparatorParts {
  sep: string;
  /** The distinct parts of the cells split at `sep`, most frequent first (at most 300); n counts their occurrences. */
  parts: {p: string; n: number}[];
  distinctParts: number;
  /** Adjacent parts (a then b) and how often. */
  pairs: {a: string; b: string; n: number}[];
  /** Cells with two parts or more. */
  multi: number;
}
export interface ColumnStats {
  /** Cells in the column (the data rows). */
  rows: number;
  nonEmpty: number;
  distinct: number;
  /** Non-empty cells that are numbers (decimal point or comma), whole numbers, and whole numbers below 1000. */
  numeric: number;
  integer: number;
  smallIntegers: number;
  distinctNumeric: number;
  min: number | null;
  max: number | null;
  maxLength: number;
  meanLength: number;
  /** Cells that look like dates, e-mail addresses, IP addresses, comma-joined codes ("1,3"). */
  dates: number;
  emails: number;
  ips: number;
  codes: number;
  /** Numbers written with a decimal comma ("1,5") and with a decimal point ("1.5"). */
  commaDecimals: number;
  pointDecimals: number;
  /** The most frequent values (trimmed; at most 40). */
  top: Value[];
  /** The smallest and the largest whole numbers, with their counts. */
  lowest: {x: number; n: number}[];
  highest: {x: number; n: number}[];
  separators: SeparatorParts[];
}

const NUMBER = "[-+]?([0-9]+([.,][0-9]+)?|[.,][0-9]+)";
const DATE = "^[0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4}([ T][0-9]{1,2}:[0-9]{2}(:[0-9]{2})?)?";
const EMAIL = "[^@\\s]+@[^@\\s]+\\.[A-Za-z]{2,}";
const IP = "[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9a-fA-F]{0,4}(:[0-9a-fA-F]{0,4}){2,7}";
/** Columns with more distinct cells than this are not split at separators (free text). */
const SPLIT_LIMIT = 20000;

/**
 * The summaries of every column of `table` (rows from `headerRows` on), from one SQL statement:
 * the cells are counted per (column, value) once, and everything else is computed from those
 * counts. `separators`: where to look for checkbox answers joined in one cell.
 */
export async function columnStats(connection: DuckDBConnection, table: string, width: number, headerRows: number, separators: string[]): Promise<ColumnStats[]> {
  const cols = Array.from({length: width}, (_, k) => `_c${k}`);
  const seps = separators.length ? separators.map((s) => `(${literal(s)})`).join(", ") : "(NULL)";
  const sql = `WITH
    raw_counts AS MATERIALIZED (
      SELECT col, v, count(*) AS n FROM (UNPIVOT (SELECT ${cols.join(", ")} FROM ${ident(table)} WHERE rowid >= ${headerRows}) ON ${cols.join(", ")} INTO NAME col VALUE v) GROUP BY ALL),
    typed AS MATERIALIZED (
      SELECT col, v, n, v <> '' AS ne,
        regexp_full_match(v, ${literal(NUMBER)}) AS isnum,
        regexp_full_match(v, '-?[0-9]+') AS isint,
        TRY_CAST(replace(v, ',', '.') AS DOUBLE) AS x
      FROM (SELECT col, trim(v, ${literal(JS_WHITESPACE)}) AS v, sum(n)::BIGINT AS n FROM raw_counts GROUP BY ALL)),
    stats AS MATERIALIZED (
      SELECT col,
        sum(n)::BIGINT AS rows,
        coalesce(sum(n) FILTER (ne), 0)::BIGINT AS non_empty,
        count(*) FILTER (ne) AS distinct_n,
        coalesce(sum(n) FILTER (isnum), 0)::BIGINT AS numeric_n,
        coalesce(sum(n) FILTER (isint), 0)::BIGINT AS integer_n,
        coalesce(sum(n) FILTER (isint AND abs(x) < 1000), 0)::BIGINT AS small_n,
        count(*) FILTER (isnum) AS distinct_numeric,
        min(x) FILTER (isnum) AS min_x, max(x) FILTER (isnum) AS max_x,
        coalesce(max(length(v)), 0) AS max_length,
        coalesce(sum(n * length(v)) FILTER (ne) / sum(n) FILTER (ne), 0)::DOUBLE AS mean_length,
        coalesce(sum(n) FILTER (regexp_matches(v, ${literal(DATE)})), 0)::BIGINT AS dates,
        coalesce(sum(n) FILTER (regexp_full_match(v, ${literal(EMAIL)})), 0)::BIGINT AS emails,
        coalesce(sum(n) FILTER (ne AND regexp_full_match(v, ${literal(IP)})), 0)::BIGINT AS ips,
        coalesce(sum(n) FILTER (regexp_full_match(v, '-?[0-9]+(,-?[0-9]+)*')), 0)::BIGINT AS codes,
        coalesce(sum(n) FILTER (regexp_full_match(v, '[-+]?[0-9]*,[0-9]+')), 0)::BIGINT AS comma_decimals,
        coalesce(sum(n) FILTER (regexp_full_match(v, '[-+]?[0-9]*\\.[0-9]+')), 0)::BIGINT AS point_decimals,
        coalesce((list({v: v, n: n} ORDER BY n DESC, v) FILTER (ne))[1:40], []) AS top,
        coalesce((list({x: x, n: n} ORDER BY x) FILTER (isint))[1:40], []) AS lowest,
        coalesce((list({x: x, n: n} ORDER BY x DESC) FILTER (isint))[1:6], []) AS highest
      FROM typed GROUP BY col),
    seps(sep) AS (VALUES ${seps}),
    has_sep AS (SELECT DISTINCT t.col, seps.sep FROM typed t JOIN stats s USING (col), seps WHERE t.ne AND s.distinct_n <= ${SPLIT_LIMIT} AND contains(t.v, seps.sep)),
    split AS MATERIALIZED (SELECT t.col, h.sep, t.n, string_split(t.v, h.sep) AS ps FROM typed t JOIN has_sep h USING (col) WHERE t.ne),
    pos AS MATERIALIZED (SELECT col, sep, n, ps, unnest(range(1, len(ps) + 1)) AS k FROM split),
    part_n AS (SELECT col, sep, ps[k] AS p, sum(n)::BIGINT AS n FROM pos WHERE ps[k] <> '' GROUP BY ALL),
    pair_n AS (SELECT col, sep, ps[k] AS a, ps[k + 1] AS b, sum(n)::BIGINT AS n FROM pos WHERE k < len(ps) AND ps[k] <> '' AND ps[k + 1] <> '' GROUP BY ALL),
    multi AS (SELECT col, sep, sum(n)::BIGINT AS multi FROM split WHERE len(ps) > 1 GROUP BY ALL),
    part_l AS (SELECT col, sep, count(*) AS distinct_parts, list({p: p, n: n} ORDER BY n DESC, p)[1:300] AS parts FROM part_n GROUP BY ALL),
    pair_l AS (SELECT col, sep, list({a: a, b: b, n: n} ORDER BY n DESC, a, b)[1:2000] AS pairs FROM pair_n GROUP BY ALL),
    by_sep AS (
      SELECT col, list({sep: sep, distinct_parts: distinct_parts, parts: parts, pairs: coalesce(pairs, []), multi: coalesce(multi, 0)} ORDER BY sep) AS separators
      FROM part_l LEFT JOIN pair_l USING (col, sep) LEFT JOIN multi USING (col, sep) GROUP BY col)
    SELECT s.*, coalesce(b.separators, []) AS separators FROM stats s LEFT JOIN by_sep b USING (col)`;
  const result = (await connection.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
  const byCol = new Map(result.map((r) => [Number(String(r.col).slice(2)), r]));
  const num = (x: unknown) => Number(x);
  return cols.map((_, k) => {
    const r = byCol.get(k);
    if (!r) return emptyStats();
    const list = <T>(x: unknown) => (x as T[]) ?? [];
    return {
      rows: num(r.rows), nonEmpty: num(r.non_empty), distinct: num(r.distinct_n), numeric: num(r.numeric_n), integer: num(r.integer_n),
      smallIntegers: num(r.small_n), distinctNumeric: num(r.distinct_numeric),
      min: r.min_x === null ? null : num(r.min_x), max: r.max_x === null ? null : num(r.max_x),
      maxLength: num(r.max_length), meanLength: num(r.mean_length), dates: num(r.dates), emails: num(r.emails), ips: num(r.ips), codes: num(r.codes),
      commaDecimals: num(r.comma_decimals), pointDecimals: num(r.point_decimals),
      top: list<{v: string; n: unknown}>(r.top).map(({v, n}) => ({v, n: num(n)})),
      lowest: list<{x: number; n: unknown}>(r.lowest).map(({x, n}) => ({x: num(x), n: num(n)})),
      highest: list<{x: number; n: unknown}>(r.highest).map(({x, n}) => ({x: num(x), n: num(n)})),
      separators: list<Record<string, unknown>>(r.separators).map((s) => ({
        sep: String(s.sep),
        distinctParts: num(s.distinct_parts),
        parts: list<{p: string; n: unknown}>(s.parts).map(({p, n}) => ({p, n: num(n)})),
        pairs: list<{a: string; b: string; n: unknown}>(s.pairs).map(({a, b, n}) => ({a, b, n: num(n)})),
        multi: num(s.multi)
      }))
    };
  });
}

function emptyStats(): ColumnStats {
  return {rows: 0, nonEmpty: 0, distinct: 0, numeric: 0, integer: 0, smallIntegers: 0, distinctNumeric: 0, min: null, max: null, maxLength: 0, meanLength: 0, dates: 0, emails: 0, ips: 0, codes: 0, commaDecimals: 0, pointDecimals: 0, top: [], lowest: [], highest: [], separators: []};
}

// ---------------------------------------------------------------------------------------------
// Columns: their names as the codebook's `column`, and what the header rows say of them

export interface ColumnInfo {
  /** The codebook's `column` (format's naming), or "" when the header is empty. */
  name: string;
  /** The question's text, as the label. */
  text: string;
  /** Qualtrics' row 3 cell. */
  importId?: string;
  /** SurveyMonkey: the question text (row 1 carried forward) and the row 2 text. */
  question?: string;
  sub?: string;
}

/** Columns named as the format names them (docs: spec "Formats' header rows"). */
export function columnInfo(format: Format, head: string[][], width: number): ColumnInfo[] {
  const cell = (r: number, k: number) => (head[r]?.[k] ?? "").trim();
  const out: ColumnInfo[] = [];
  let carried = "";
  for (let k = 0; k < width; ++k) {
    const h = cell(0, k).replace(/^\uFEFF/, "");
    if (format === "qualtrics") {
      const text = cell(1, k).replace(/ - Selected Choice$/, "");
      out.push({name: h, text: text || h, importId: cell(2, k)});
    } else if (format === "surveymonkey") {
      if (h) carried = h;
      const sub = cell(1, k);
      const plain = sub === "" || sub === "Response" || sub === "Open-Ended Response";
      out.push({name: plain ? carried : `${carried} / ${sub}`, text: plain ? carried : `${carried} — ${sub}`, question: carried, sub: plain ? "" : sub});
    } else {
      out.push({name: h, text: h});
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// REDCap data dictionary

export interface RedcapField {name: string; form: string; type: string; label: string; choices: [string, string][]; validation: string; min: string; max: string; identifier: boolean; branching: string}

/** Reads a REDCap data dictionary (CSV). */
export function readDictionary(path: string, file: string): Map<string, RedcapField> {
  let rows: Record<string, string>[];
  try {
    rows = csvParse(readFileSync(path, "utf8").replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new NewStudyError(`could not read the data dictionary ${file}: ${String((error as Error).message)}. Download it again from REDCap (Project Setup › Data Dictionary › Download, as CSV) and rerun.`);
  }
  const columns = rows.length ? Object.keys(rows[0]) : [];
  const find = (re: RegExp) => columns.find((c) => re.test(c.trim()));
  const name = find(/^variable\s*\/\s*field name$/i) ?? find(/^field name$/i) ?? find(/^variable/i);
  const type = find(/^field type$/i);
  if (!name || !type)
    throw new NewStudyError(`${file} is not a REDCap data dictionary: it has no "Variable / Field Name" and "Field Type" columns (found: ${quoteList(columns, 6) || "none"}). Download it from REDCap (Project Setup › Data Dictionary) as CSV and rerun.`);
  const get = (row: Record<string, string>, re: RegExp) => {
    const c = find(re);
    return c ? (row[c] ?? "").trim() : "";
  };
  const fields = new Map<string, RedcapField>();
  for (const row of rows) {
    const field = (row[name] ?? "").trim();
    if (!field) continue;
    const t = (row[type] ?? "").trim().toLowerCase();
    const choicesText = get(row, /^choices/i);
    const choices: [string, string][] =
      t === "yesno" ? [["1", "Yes"], ["0", "No"]]
      : t === "truefalse" ? [["1", "True"], ["0", "False"]]
      : t === "calc" || t === "slider" || !choicesText ? []
      : choicesText.split("|").map((c) => {
          const at = c.indexOf(",");
          return (at < 0 ? [c.trim(), c.trim()] : [c.slice(0, at).trim(), plainText(c.slice(at + 1))]) as [string, string];
        }).filter(([code]) => code !== "");
    fields.set(field, {
      name: field, form: get(row, /^form name$/i), type: t, label: plainText(get(row, /^field label$/i)), choices,
      validation: get(row, /^text validation type/i).toLowerCase(), min: get(row, /^text validation min/i), max: get(row, /^text validation max/i),
      identifier: /^y/i.test(get(row, /^identifier/i)), branching: get(row, /^branching logic/i)
    });
  }
  if (!fields.size) throw new NewStudyError(`${file}: the data dictionary lists no fields. Download it again from REDCap and rerun.`);
  return fields;
}

/** REDCap labels may hold HTML. */
function plainText(html: string): string {
  return html.replace(/<[^>]*>/g, " ").replace(/&nbsp;/g, " ").replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/\s+/g, " ").trim();
}

/** REDCap branching logic of the simple kind ([q] = '1' or [q] = '2') as an asked_if, else null. */
export function branchingAsAskedIf(logic: string): {question: string; in: string[]} | null {
  const terms = logic.trim().split(/\s+or\s+/i);
  let field: string | null = null;
  const values: string[] = [];
  for (const term of terms) {
    const m = /^\(?\s*\[([a-z][a-z0-9_]*)\]\s*=\s*['"]?([^'"\s)]+)['"]?\s*\)?$/i.exec(term.trim());
    if (!m || (field && m[1] !== field)) return null;
    field = m[1];
    values.push(m[2]);
  }
  return field ? {question: field, in: values} : null;
}

// ---------------------------------------------------------------------------------------------
// Guessing each question

/** One drafted codebook entry, with what the draft says about it. */
export interface Entry {
  /** The question's keys, in order (id, column, label, type, …). */
  question: [string, unknown][];
  /** "# unsure: …" lines before the entry. */
  unsure: string[];
  /** Other comment lines before the entry (why private, what the platform column is). */
  notes: string[];
  /** After `type:` on its line: the evidence. */
  typeNote?: string;
  /** After each option: its count. */
  optionNotes?: Map<string, string>;
  /** Commented-out YAML lines after the entry: applied only when the author uncomments them. */
  suggest?: string[];
  /** The raw columns it covers. */
  columns: number[];
  /** For the terminal. */
  summary: string;
}

interface Context {
  format: Format;
  variant?: string;
  separators: string[];
  /** The format's default checkbox separator. */
  defaultSeparator: string;
  scales: Map<string, {min: number; max: number; anchors?: Map<string, string>; bins: {label: string; min: number; max: number}[]}>;
}

const fmt = (n: number) => n.toLocaleString("en-US");
const pct = (a: number, b: number) => `${Math.round((100 * a) / b)}%`;
const IDENTIFIER_HEADER = /\b(e-?mail|courriel|correo|name|nom|nombre|prénom|prenom|surname|first ?name|last ?name|full ?name|phone|telephone|téléphone|mobile|address|adresse|ip ?address|ipaddress|postcode|post code|zip|postal|record_id|respondent ?id|response ?id|responseid|participant ?id|subject ?id|student ?id|patient ?id|id|uuid|latitude|longitude|date of birth|dob|birth ?date)\b/i;
const AGE_HEADER = /(^|[^a-z])(age|âge|edad|alter|età|idade|leeftijd|возраст|wiek|yaş)([^a-z]|$)|how old/i;
/** Headers asking for a count or a duration: whole numbers there are numbers, not ratings. */
const QUANTITY_HEADER = /how many|how long|how old|combien|number of|nombre d|cuánt|wie viele|quant[io]s?\b|\b(years?|années?|ans|hours?|heures?|days?|jours?|weeks?|semaines?|months?|mois|minutes?|times|fois|age|âge)\b/i;
/** Headers asking for free text: answers there are text even when they repeat. */
// (Not a bare "Comment …": in French it asks "how".)
const TEXT_HEADER = /comments|commentaire|^comment\b(?!\s+\p{L})|any comment|remarque|suggestion|feedback|précise|préciser|preciser|specify|please describe|please explain|explain why|expliquez|pourquoi|\bwhy\b|anything else|autre chose|observations/iu;
const WEIGHT_HEADER = /^(w|wt|wgt|wght|weight|weights|pweight|finalwt|final_weight|.*_wt|.*_wgt|.*weight.*)$/i;

/** Values that often stand for "don't know" / "refused" / "not applicable" in coded data. */
const MISSING_CODES = new Set([7, 8, 9, 77, 88, 96, 97, 98, 99, 777, 888, 997, 998, 999, 9999, 99999]);

/**
 * The whole-number values of a coded column that look like missing codes: one of the usual codes
 * (8, 9, 99, 999 …, or a negative code among positive values) set apart from the others by a gap.
 */
export function likelyMissingCodes(values: number[]): number[] {
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  const candidates = sorted.filter((v) => MISSING_CODES.has(v) || v < 0);
  const rest = sorted.filter((v) => !candidates.includes(v));
  if (!rest.length || candidates.length > 3) return [];
  const max = rest[rest.length - 1];
  const min = rest[0];
  return candidates.filter((v) => (v < 0 ? min >= 0 : v > max + 1 && v >= 7));
}

/** Bins for a rating scale: low / middle / high as surveys usually report them. */
export function scaleBins(min: number, max: number): {label: string; min: number; max: number}[] {
  const points = max - min + 1;
  const sizes: Record<number, number[]> = {4: [2, 2], 5: [2, 1, 2], 6: [2, 2, 2], 7: [3, 1, 3], 8: [3, 2, 3], 9: [3, 3, 3], 10: [4, 3, 3], 11: [5, 3, 3]};
  const parts = sizes[points] ?? [points];
  const bins: {label: string; min: number; max: number}[] = [];
  let at = min;
  for (const size of parts) {
    bins.push({label: size === 1 ? String(at) : `${at}–${at + size - 1}`, min: at, max: at + size - 1});
    at += size;
  }
  return bins;
}

/** Age bands from the youngest to the oldest answer. */
export function ageBands(min: number, max: number): {label: string; min: number; max: number}[] {
  const edges = [18, 30, 50, 65];
  const bands: {label: string; min: number; max: number}[] = [];
  if (min < 18) bands.push({label: `under 18`, min, max: 17});
  for (let k = 0; k < edges.length; ++k) {
    const lo = edges[k];
    const hi = k + 1 < edges.length ? edges[k + 1] - 1 : Math.max(max, lo);
    if (hi < min || lo > max) continue;
    bands.push({label: k + 1 < edges.length ? `${lo}–${hi}` : `${lo}+`, min: lo, max: hi});
  }
  return bands;
}

const scaleName = (min: number, max: number) => `scale-${min}-${max}`;

/** The scale of a rating: one per range and anchors, shared by the questions that use it. */
function ensureScale(ctx: Context, min: number, max: number, anchors?: Map<string, string>): string {
  const same = (a?: Map<string, string>, b?: Map<string, string>) => JSON.stringify([...(a ?? [])]) === JSON.stringify([...(b ?? [])]);
  for (let k = 1; ; ++k) {
    const name = scaleName(min, max) + (k > 1 ? `-${k}` : "");
    const scale = ctx.scales.get(name);
    if (!scale) ctx.scales.set(name, {min, max, anchors, bins: scaleBins(min, max)});
    if (!scale || same(scale.anchors, anchors)) return name;
  }
}

/**
 * Checkbox answers joined in one cell: the options, if the parts of the cells split at `sep`
 * repeat. A label holding the separator ("Instagram, Reels") shows as parts that always come
 * together, one right after the other: those are joined back. Options come in the form's order
 * where the cells show it (platforms write ticked options in the form's order), else by count.
 */
export function checkboxOptions(s: ColumnStats, sp: SeparatorParts, {writeIns: allowWriteIns = true} = {}): {options: {label: string; n: number}[]; writeIns: number} | null {
  if (sp.distinctParts > 300) return null;
  const count = new Map(sp.parts.map(({p, n}) => [p, n]));
  let pairs = sp.pairs.map((x) => ({...x}));
  // A part that is always followed by one of some parts, each of which is only ever found right
  // after it, is the start of labels holding the separator ("Yes, once", "Yes, often").
  for (let changed = true; changed; ) {
    changed = false;
    for (const a of count.keys()) {
      const next = pairs.filter((x) => x.a === a && x.b !== a);
      if (!next.length || next.reduce((t, x) => t + x.n, 0) !== count.get(a) || !next.every((x) => x.n === count.get(x.b) && !pairs.some((y) => y.b === x.b && y.a !== a))) continue;
      const joined = new Map(next.map((x) => [x.b, a + sp.sep + x.b]));
      count.delete(a);
      for (const x of next) {
        count.delete(x.b);
        count.set(joined.get(x.b)!, x.n);
      }
      // What came before `a` now comes before the first joined label, what came after a `b` after its label.
      const first = joined.get(next[0].b)!;
      pairs = pairs
        .filter((x) => x.a !== a)
        .map((x) => ({a: joined.get(x.a) ?? x.a, b: x.b === a ? first : x.b, n: x.n}));
      changed = true;
      break;
    }
  }
  const together = pairs.reduce((t, x) => t + x.n, 0);
  if (!together) return null; // no cell holds two options: a single choice (or text)
  const parts = [...count].map(([label, n]) => ({label, n}));
  if (parts.length < 2 || parts.length > 60) return null;
  const occurrences = parts.reduce((t, p) => t + p.n, 0);
  if (occurrences / parts.length < 2 && s.nonEmpty >= 10) return null; // parts do not repeat: free text with commas
  if (parts.some((p) => p.label.length > 200)) return null;
  // Written-in answers ("Other") are parts seen once or twice among many answers.
  let writeIns = 0;
  let options = parts;
  if (allowWriteIns && s.nonEmpty >= 50 && parts.length > 5) {
    const rare = Math.max(2, s.nonEmpty * 0.002);
    writeIns = parts.filter((p) => p.n <= rare).length;
    if (writeIns) options = parts.filter((p) => p.n > rare);
  }
  return {options: formOrder(options, pairs), writeIns};
}

/** Options in the order adjacent parts show (a topological order of "a comes before b"), else by count. */
function formOrder(options: {label: string; n: number}[], pairs: {a: string; b: string; n: number}[]): {label: string; n: number}[] {
  const byCount = [...options].sort((x, y) => y.n - x.n || (x.label < y.label ? -1 : 1));
  const known = new Set(options.map((o) => o.label));
  const after = new Map<string, Set<string>>();
  const indegree = new Map(options.map((o) => [o.label, 0]));
  for (const {a, b} of pairs) {
    if (!known.has(a) || !known.has(b) || after.get(a)?.has(b)) continue;
    if (!after.has(a)) after.set(a, new Set());
    after.get(a)!.add(b);
    indegree.set(b, indegree.get(b)! + 1);
  }
  const order: {label: string; n: number}[] = [];
  const ready = byCount.filter((o) => indegree.get(o.label) === 0);
  while (ready.length) {
    const o = ready.shift()!;
    order.push(o);
    for (const b of after.get(o.label) ?? []) {
      indegree.set(b, indegree.get(b)! - 1);
      if (indegree.get(b) === 0) ready.push(byCount.find((x) => x.label === b)!), ready.sort((x, y) => byCount.indexOf(x) - byCount.indexOf(y));
    }
  }
  return order.length === options.length ? order : byCount; // a cycle: the cells disagree on an order
}

/** Numeric codes in number order; labels starting with a number by that number; others by count. */
function orderValues(values: Value[]): Value[] {
  const lead = (v: string) => Number(/^[<>≤≥]?\s*(-?\d+(?:[.,]\d+)?)/.exec(v)?.[1]?.replace(",", "."));
  if (values.every((x) => !Number.isNaN(lead(x.v)))) return [...values].sort((a, b) => lead(a.v) - lead(b.v) || b.n - a.n);
  return [...values].sort((a, b) => b.n - a.n || (a.v < b.v ? -1 : 1));
}

const optionMap = (pairs: [string, string][]) => new Map(pairs);

/** A column read as free text, private. */
function textEntry(base: Base, why: string, {unsure = [] as string[], notes = [] as string[]} = {}): Entry {
  return {
    question: [...base.head, ["type", "text"], ["private", true]],
    unsure, notes: [...notes, ` private: ${why}`], columns: base.columns, summary: `text, private (${why})`, typeNote: undefined
  };
}

interface Base {head: [string, unknown][]; columns: number[]; header: string}

/**
 * A column's question as its values suggest (any format). `codeLabels`: labels for codes, where
 * the file or a dictionary gives them.
 */
export function guessColumn(s: ColumnStats, base: Base, ctx: Context): Entry {
  const {header} = base;
  const blanks = s.rows - s.nonEmpty;
  const evidence = (what: string) => `${what}; ${fmt(s.nonEmpty)} answered${blanks ? `, ${fmt(blanks)} blank` : ""}`;
  if (!s.nonEmpty) return textEntry(base, "every cell is empty", {unsure: [" unsure: every cell is empty; nothing to guess from (private text until you know what it is)"]});
  // Identifying columns, by name or by content.
  if (s.emails >= 0.5 * s.nonEmpty) return textEntry(base, "it holds e-mail addresses, which identify respondents");
  if (s.ips >= 0.5 * s.nonEmpty) return textEntry(base, "it holds IP addresses, which identify respondents");
  const unique = s.distinct >= 0.95 * s.nonEmpty && s.nonEmpty >= 5;
  // The header, and the column's own name where it differs (an SPSS variable "id" labelled "Respondent number").
  const column = String(base.head.find(([k]) => k === "column")?.[1] ?? header);
  const named = [header, column].find((h) => IDENTIFIER_HEADER.test(h) && (unique || !/^\s*(age|id)\s*$/i.test(h)));
  if (named !== undefined && (s.numeric < s.nonEmpty || unique))
    return textEntry(base, `its ${named === header ? "header" : "column name"} "${named}" names an identifier (a name, an address, an ID), which identifies respondents`);
  if (s.dates >= 0.9 * s.nonEmpty) return textEntry(base, "it holds dates and times, which can identify respondents");
  const all = s.numeric === s.nonEmpty;
  if (all && s.integer === s.nonEmpty && unique && s.nonEmpty >= 20 && s.min !== null && s.min >= 0 && (s.max! - s.min) <= 2 * s.nonEmpty && !AGE_HEADER.test(header))
    return textEntry(base, "every value is a different whole number: a respondent ID, which identifies respondents", {unsure: [` unsure: read as an ID (${fmt(s.distinct)} different whole numbers); if it is a measurement, make it type: number`]});

  if (all) return numberColumn(s, base, ctx, evidence);
  // Mostly numbers, with a few words ("Prefer not to say"): a number question whose words mean
  // missing. Words cannot be numbers, so the draft applies them as missing codes (unlike numeric
  // codes such as 99, which may be real answers and are only suggested); the author is told.
  const words = s.top.filter((t) => !new RegExp(`^${NUMBER}$`).test(t.v));
  const manyNumbers = s.distinctNumeric > 15 || (s.distinctNumeric >= 5 && s.distinctNumeric >= 0.5 * s.numeric) || AGE_HEADER.test(header) || QUANTITY_HEADER.test(header);
  if (s.numeric >= 0.8 * s.nonEmpty && manyNumbers && words.length && words.length <= 3 && s.distinct - s.distinctNumeric <= 3) {
    const numbers: ColumnStats = {...s, nonEmpty: s.numeric, distinct: s.distinctNumeric, top: s.top.filter((t) => !words.includes(t))};
    const entry = numberColumn(numbers, base, ctx, (what) => `${what}; ${fmt(s.numeric)} answered, ${fmt(s.nonEmpty - s.numeric)} ${quoteList(words.map((w) => w.v))}${blanks ? `, ${fmt(blanks)} blank` : ""}`);
    entry.question.push(["missing", optionMap(words.map((w) => [w.v, w.v]))]);
    entry.unsure.push(` unsure: ${words.map((w) => `"${w.v}" (n = ${fmt(w.n)})`).join(", ")} read as ${words.length === 1 ? "a missing answer" : "missing answers"}, left out of the denominator; to count ${words.length === 1 ? "it" : "them"} otherwise set missing_as (codebook.md, "Missing-value codes")`);
    return entry;
  }
  // A header asking for comments is free text however often its answers repeat (and whatever commas they hold).
  const few = s.distinct <= 15 && s.nonEmpty >= 30 ? {unsure: [` unsure: only ${s.distinct} different answers; if they are choices, make it type: single with options`]} : {};
  if (TEXT_HEADER.test(header)) return textEntry(base, "its header asks for free text, which can identify respondents", few);
  // Checkbox answers joined in one cell.
  for (const sep of ctx.separators) {
    const sp = s.separators.find((x) => x.sep === sep);
    if (!sp || !sp.multi) continue;
    // Qualtrics writes an "Other" choice's text in its own _TEXT column: every part is a choice.
    const found = checkboxOptions(s, sp, {writeIns: ctx.format !== "qualtrics"});
    if (!found) continue;
    const unsure: string[] = [];
    const head = [...base.head, ["type", "multiple"] as [string, unknown]];
    const options = found.options.map((o) => [o.label, o.label] as [string, string]);
    const question: [string, unknown][] = [...head, ["options", optionMap(options)]];
    if (found.writeIns) {
      question.push(["other", "Other"]);
      unsure.push(` unsure: ${found.writeIns} rare answer${found.writeIns === 1 ? " is" : "s are"} (each given once or twice) read as written-in "Other" text; if one is an option, add it to options`);
    }
    if (options.some(([l]) => l !== l.trim())) unsure.push(` unsure: an option begins or ends with a space: probably part of a label that holds "${sep}"; join it to its neighbour`);
    if (sep !== ctx.defaultSeparator && ctx.separators[0] !== sep) unsure.push(` unsure: options joined by "${sep}"`);
    return {
      question, unsure, notes: [], columns: base.columns,
      typeNote: evidence(`${options.length} options, joined by "${sep}" (${fmt(sp.multi)} cells with more than one)`),
      optionNotes: new Map(found.options.map((o) => [o.label, `n = ${fmt(o.n)}`])),
      summary: `${options.length} options joined by "${sep}"`
    };
  }
  // Answers written as sentences are free text, however often they repeat.
  const sentences = s.top.filter((t) => /[.!?]$/.test(t.v) && t.v.includes(" ")).reduce((a, t) => a + t.n, 0);
  if (s.meanLength > 25 && sentences >= 0.5 * s.top.reduce((a, t) => a + t.n, 0)) return textEntry(base, "answers written as sentences: free text, which can identify respondents", few);
  // A single choice: few distinct short labels that repeat; else free text.
  const short = s.maxLength <= 80;
  const repeats = s.nonEmpty / s.distinct;
  const mostlyUnique = s.nonEmpty >= 5 && s.distinct > 0.7 * s.nonEmpty;
  if (short && !mostlyUnique && s.distinct <= 40 && (s.distinct <= 15 || repeats >= 20)) {
    const values = orderValues(s.top);
    const unsure = s.distinct > 15 ? [` unsure: ${s.distinct} different answers: a single choice with many options, or free text (then type: text)?`] : [];
    if (s.distinct <= 2 && values.every((x) => /^(yes|no|oui|non|sí|si|ja|nein|true|false|да|нет)$/i.test(x.v)) === false && s.nonEmpty < 10)
      unsure.push(" unsure: very few answers to judge from");
    return {
      question: [...base.head, ["type", "single"], ["options", optionMap(values.map((x) => [x.v, x.v]))]],
      unsure, notes: [], columns: base.columns,
      typeNote: evidence(`${s.distinct} different answers`),
      optionNotes: new Map(values.map((x) => [x.v, `n = ${fmt(x.n)}`])),
      summary: `${s.distinct} options`
    };
  }
  const why = s.maxLength > 80 || s.meanLength > 40 ? `long answers (up to ${fmt(s.maxLength)} characters): free text, which can identify respondents` : `mostly different answers (${fmt(s.distinct)} of ${fmt(s.nonEmpty)}): free text, which can identify respondents`;
  return textEntry(base, why);
}

/** A column of numbers only: a rating, coded answers, or a number. */
function numberColumn(s: ColumnStats, base: Base, ctx: Context, evidence: (what: string) => string): Entry {
  const {header} = base;
  const integers = s.integer === s.nonEmpty;
  const known = s.distinctNumeric <= 40; // every value is in s.lowest
  const values = integers ? (known ? s.lowest : [...s.lowest, ...s.highest]) : [];
  const codes = integers ? likelyMissingCodes(values.map((x) => x.x)) : [];
  const counts = new Map(values.map((x) => [x.x, x.n]));
  const rest = values.filter((x) => !codes.includes(x.x));
  const restMin = rest.length ? Math.min(...rest.map((x) => x.x)) : s.min!;
  const restMax = rest.length ? Math.max(...rest.map((x) => x.x)) : s.max!;
  const missingNote = codes.length
    ? [` missing: {${codes.map((c) => `"${c}": "${c === 8 || c === 98 || c === 998 || c === 88 ? "Don't know" : c === 9 || c === 99 || c === 999 ? "Refused" : "Missing"}"`).join(", ")}}   # uncomment if these codes mean missing (not applied by the draft)`]
    : [];
  const codesUnsure = codes.length ? [` unsure: ${codes.map((c) => `${c} (n = ${fmt(counts.get(c) ?? 0)})`).join(", ")} look${codes.length === 1 ? "s" : ""} like ${codes.length === 1 ? "a missing code" : "missing codes"} (set apart from ${restMin}–${restMax}); kept as answers until you uncomment missing: below`] : [];
  const points = rest.length;
  // A rating: whole numbers in a small range starting at 0 or 1.
  if (integers && known && points >= 3 && restMin >= 0 && restMin <= 1 && restMax <= 10 && restMax - restMin >= 4 && !QUANTITY_HEADER.test(header)) {
    const lo = restMin;
    const hi = restMax;
    if (codes.length) {
      // The codes would fall outside the scale: kept as ordered options so the draft builds.
      const name = ensureScale(ctx, lo, hi);
      const options = values.map((x) => [String(x.x), String(x.x)] as [string, string]);
      return {
        question: [...base.head, ["type", "ordinal"], ["options", optionMap(options)]],
        unsure: [...codesUnsure, ` unsure: a ${lo}–${hi} rating? Once the codes are missing, make it type: rating, scale: ${name} (drafted under scales) and drop options`],
        notes: [], columns: base.columns, suggest: missingNote,
        typeNote: evidence(`whole numbers ${lo}–${hi} and ${codes.join(", ")}`),
        optionNotes: new Map(values.map((x) => [String(x.x), `n = ${fmt(x.n)}`])),
        summary: `${lo}–${hi} rating with missing codes? (ordinal for now)`
      };
    }
    const name = ensureScale(ctx, lo, hi);
    return {
      question: [...base.head, ["type", "rating"], ["scale", name]],
      unsure: [` unsure: a ${lo}–${hi} rating (the answers span ${lo}–${hi}); if the scale is wider, or its points are categories, change scale or type; check the bins of ${name}`],
      notes: [], columns: base.columns,
      typeNote: evidence(`whole numbers ${lo}–${hi}`),
      summary: `rating ${lo}–${hi}`
    };
  }
  // Coded answers: a few small whole numbers.
  if (integers && known && s.distinctNumeric <= 15 && restMax <= 20 && !QUANTITY_HEADER.test(header)) {
    const options = values.map((x) => [String(x.x), String(x.x)] as [string, string]);
    const scaleLike = points >= 2 && points <= 4 && restMin >= 0 && restMin <= 1 && restMax - restMin + 1 === points;
    return {
      question: [...base.head, ["type", "single"], ["options", optionMap(options)]],
      unsure: [
        ` unsure: codes without labels: write each code's label (the value after the colon)${scaleLike ? `, or make it a ${restMin}–${restMax} rating` : ""}`,
        ...codesUnsure
      ],
      notes: [], columns: base.columns, suggest: missingNote,
      typeNote: evidence(`codes ${values.map((x) => x.x).join(", ")}`),
      optionNotes: new Map(values.map((x) => [String(x.x), `n = ${fmt(x.n)}`])),
      summary: `${values.length} codes (labels to write)`
    };
  }
  // A number.
  const unsure: string[] = [...codesUnsure];
  const notes: string[] = [];
  const suggest = [...missingNote];
  const q: [string, unknown][] = [...base.head, ["type", "number"]];
  if (integers) q.push(["integer", true]);
  // "1,5" with no "1.5" anywhere: the file writes decimal commas, which the build reads only when told.
  if (s.commaDecimals && !s.pointDecimals) {
    q.push(["decimal", ","]);
    if (s.top.some((t) => /,[0-9]{3}$/.test(t.v))) unsure.push(` unsure: "1,500"-like values: decimal commas (read as 1.5) or thousands (1500)? The draft reads decimal commas`);
  } else if (s.commaDecimals && s.pointDecimals) {
    unsure.push(` unsure: ${fmt(s.commaDecimals)} cells write a decimal comma and ${fmt(s.pointDecimals)} a decimal point; the build reads points only (decimal: "," for commas only): correct the file's cells`);
  }
  if (AGE_HEADER.test(header) && integers && restMin >= 0 && restMax <= 120) {
    const bands = ageBands(restMin, restMax);
    suggest.push(` bands:   # suggested age bands; uncomment (and adjust) to tabulate the ages by band (every answer must fall in a band)`, ...bands.map((b) => `   - {label: "${b.label}", min: ${b.min}, max: ${b.max}}`));
  }
  if (!integers && WEIGHT_HEADER.test(header) && s.min! > 0) {
    unsure.push(` unsure: this looks like a survey weight (decimals ${s.min}–${s.max}); the report does not weight answers: keep it private (private: true) or as a number, and say so in the paper`);
  }
  return {
    question: q, unsure, notes, columns: base.columns, suggest,
    typeNote: evidence(`${integers ? "whole numbers" : "numbers"} ${s.min}–${s.max}${codes.length ? ` (${restMin}–${restMax} without ${codes.join(", ")})` : ""}`),
    summary: `${integers ? "whole numbers" : "numbers"} ${s.min}–${s.max}`
  };
}

/** The value a sub-column cell holds when its option is ticked, per the spec: anything but "", "0", "Unchecked". */
const ticked = (s: ColumnStats) => s.top.filter((t) => t.v !== "0" && t.v !== "Unchecked").reduce((a, t) => a + t.n, 0);
/** A sub-column that holds one mark (a code or the option's text) or 0/1, Checked/Unchecked. */
const isTickColumn = (s: ColumnStats) => {
  const marks = s.top.filter((t) => t.v !== "0" && t.v !== "Unchecked");
  return s.distinct <= 2 && marks.length <= 1 && s.top.every((t) => marks.includes(t) || t.v === "0" || t.v === "Unchecked");
};

function groupEntry(base: Base, options: [string, string][], counts: number[], why: string, unsure: string[] = []): Entry {
  return {
    question: [...base.head, ["type", "multiple"], ["layout", "columns"], ["options", optionMap(options)]],
    unsure, notes: [], columns: base.columns,
    typeNote: why,
    optionNotes: new Map(options.map(([key], k) => [key, `n = ${fmt(counts[k])} ticked`])),
    summary: `${options.length} options, one column each`
  };
}

// ---------------------------------------------------------------------------------------------
// The draft

export interface DraftInput {
  id: string;
  /** The raw file's name in data/<id>/. */
  file: string;
  sniffed: Sniffed;
  head: string[][];
  stats: ColumnStats[];
  variables?: SavVariable[];
  dictionary?: Map<string, RedcapField>;
  dictionaryFile?: string;
}

export interface Draft {
  yaml: string;
  entries: Entry[];
  /** Columns read as the platform's own (never published), not drafted. */
  platform: string[];
  timestamp?: string;
  /** The platform's respondent id column, when the export has one. */
  respondentId?: string;
  /** Columns with an empty or repeated header: not drafted, and unlisted: private. */
  unnamed: number[];
}

const columnLetter = (index: number) => {
  let s = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

/** A question id from a header: snake_case, ASCII, at most 40 characters. */
export function slug(text: string): string {
  let s = text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/['’`]/g, "").replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
  if (/^[0-9]/.test(s)) s = `q${s}`;
  if (s.length > 40) {
    const cut = s.slice(0, 41).lastIndexOf("_");
    s = s.slice(0, cut >= 12 ? cut : 40).replace(/_+$/, "");
  }
  return s;
}

/** Drafts the codebook: one entry per column (or checkbox group), in the file's order. */
export function draftCodebook(input: DraftInput): Draft {
  const {sniffed, head, stats, id} = input;
  const {format} = sniffed;
  const width = stats.length;
  const info = columnInfo(format, head, width);
  const formatDef = FORMATS[format];
  const defaultSeparator = format === "google-forms" ? ", " : format === "qualtrics" ? "," : format === "csv" ? ";" : ", ";
  const separators = format === "google-forms" ? [", "] : format === "qualtrics" ? [","] : format === "csv" ? [";", ", "] : [];
  const ctx: Context = {format, variant: sniffed.variant, separators, defaultSeparator, scales: new Map()};

  // Names: empty or repeated headers cannot be a codebook `column`.
  // (A repeated header names none of its columns: the loader cannot tell which is meant.)
  const times = new Map<string, number>();
  for (const c of info) times.set(c.name, (times.get(c.name) ?? 0) + 1);
  const unnamed: number[] = [];
  const seen = new Map<string, number>();
  info.forEach((c, k) => {
    if (!c.name || times.get(c.name)! > 1) unnamed.push(k);
    else seen.set(c.name, k);
  });

  let timestamp: string | undefined;
  if (format === "google-forms") timestamp = info[0].name;
  if (format === "qualtrics" && seen.has("RecordedDate")) timestamp = "RecordedDate";
  if (format === "surveymonkey" && seen.has("End Date")) timestamp = "End Date";
  // The platform's respondent id, so that a respondent exported twice stops the build.
  const respondentId = ({qualtrics: "ResponseId", surveymonkey: "Respondent ID", redcap: "record_id"} as Record<string, string>)[format];
  const idColumn = respondentId !== undefined && seen.has(respondentId) ? respondentId : undefined;
  const platform: string[] = [];
  const done = new Set<number>(unnamed);
  if (timestamp !== undefined) done.add(seen.get(timestamp)!);

  const ids = new Set<string>();
  const uniqueId = (text: string, k: number) => {
    let base = slug(text) || `q${k + 1}`;
    let idText = base;
    for (let n = 2; ids.has(idText); ++n) idText = `${base.slice(0, 40 - String(n).length - 1)}_${n}`;
    ids.add(idText);
    return idText;
  };
  const variables = new Map((input.variables ?? []).map((v) => [v.name, v]));
  const entries: Entry[] = [];
  // `header`, which the guesses read for hints (an age, an e-mail, a comment), is the question's text.
  const baseOf = (k: number, column: string, label: string, idText = column): Base => ({head: [["id", uniqueId(idText, k)], ["column", column], ["label", label]], columns: [k], header: label});

  // --- Checkbox groups: one column per option -------------------------------------------------
  const groupAt = new Map<number, Entry>();
  if (format === "qualtrics" || format === "spss" || format === "csv") {
    // Q5_1, Q5_2 … (Qualtrics "split multi-value fields"; SPSS dichotomies): <column>_<key>.
    const groups = new Map<string, number[]>();
    info.forEach((c, k) => {
      const m = /^(.+)_([0-9]+)$/.exec(c.name);
      if (m && !done.has(k) && !seen.has(m[1])) groups.set(m[1], [...(groups.get(m[1]) ?? []), k]);
    });
    for (const [column, ks] of groups) {
      if (ks.length < 2 || !ks.every((k) => isTickColumn(stats[k]) && stats[k].nonEmpty > 0 || stats[k].nonEmpty === 0) || !ks.some((k) => stats[k].nonEmpty)) continue;
      if (format === "spss" && !ks.every((k) => stats[k].top.every((t) => /^[01]$/.test(t.v) || variables.get(info[k].name)?.valueLabels[t.v]))) continue;
      const keys = ks.map((k) => /_([0-9]+)$/.exec(info[k].name)![1]);
      const labels = ks.map((k, j) => {
        const mark = stats[k].top.find((t) => t.v !== "0" && t.v !== "Unchecked")?.v;
        const text = format === "spss" ? variables.get(info[k].name)?.label ?? "" : info[k].text;
        const after = text.includes(" - ") ? text.slice(text.lastIndexOf(" - ") + 3) : text.includes(": ") ? text.slice(text.lastIndexOf(": ") + 2) : "";
        if (format === "qualtrics" && mark && !/^[0-9]+$/.test(mark)) return mark; // choice-text export: the cell is the choice
        return after || (format === "csv" || !text ? keys[j] : text);
      });
      const text0 = format === "spss" ? variables.get(info[ks[0]].name)?.label ?? "" : info[ks[0]].text;
      const label = text0.includes(" - ") ? text0.slice(0, text0.indexOf(" - ")) : text0.includes(": ") ? text0.slice(0, text0.indexOf(": ")) : column;
      const base: Base = {head: [["id", uniqueId(column, ks[0])], ["column", column], ["label", label]], columns: ks, header: column};
      const unsure = labels.some((l, j) => l === keys[j]) ? [" unsure: option labels not known: write each option's label (its key names the column <column>_<key>)"] : [];
      if (format === "csv") unsure.push(` unsure: columns ${ks.map((k) => info[k].name).slice(0, 3).join(", ")}… hold one mark each: read as one checkbox question`);
      const entry = groupEntry(base, keys.map((key, j) => [key, labels[j]]), ks.map((k) => ticked(stats[k])), `${ks.length} columns ${info[ks[0]].name} … ${info[ks[ks.length - 1]].name}, one per option`, unsure);
      groupAt.set(ks[0], entry);
      ks.forEach((k) => done.add(k));
    }
  }
  if (format === "surveymonkey") {
    // A question over several sub-columns, each holding its option's text when ticked: <column> / <key>.
    const groups = new Map<string, number[]>();
    info.forEach((c, k) => {
      if (!done.has(k) && c.sub) groups.set(c.question!, [...(groups.get(c.question!) ?? []), k]);
    });
    for (const [column, ks] of groups) {
      const ticks = ks.filter((k) => isTickColumn(stats[k]));
      const others = ks.filter((k) => !ticks.includes(k));
      // Matrix rows (several answers per sub-column) stay questions of their own; a lone
      // free-text sub-column ("Other (please specify)") becomes a text question.
      if (ticks.length < 2 || others.length > 1) continue;
      const options = ticks.map((k) => [info[k].sub!, info[k].sub!] as [string, string]);
      const base: Base = {head: [["id", uniqueId(column, ticks[0])], ["column", column], ["label", column]], columns: ticks, header: column};
      const entry = groupEntry(base, options, ticks.map((k) => ticked(stats[k])), `${ticks.length} sub-columns, one per option`);
      groupAt.set(ticks[0], entry);
      ticks.forEach((k) => done.add(k));
    }
  }
  if (format === "redcap") {
    // Checkbox fields: field___code.
    const groups = new Map<string, number[]>();
    info.forEach((c, k) => {
      const m = /^(.+?)___([A-Za-z0-9_]+)$/.exec(c.name);
      if (m && !done.has(k)) groups.set(m[1], [...(groups.get(m[1]) ?? []), k]);
    });
    for (const [field, ks] of groups) {
      const def = input.dictionary?.get(field);
      const keys = ks.map((k) => /___([A-Za-z0-9_]+)$/.exec(info[k].name)![1]);
      const labelOf = (key: string) => def?.choices.find(([code]) => code.toLowerCase() === key.toLowerCase())?.[1];
      const options = keys.map((key) => [key, labelOf(key) ?? key] as [string, string]);
      const unsure: string[] = [];
      if (!def) unsure.push(` unsure: "${field}" is not in ${input.dictionary ? "the data dictionary" : "a data dictionary (none given)"}: write each option's label`);
      else if (keys.some((key) => !labelOf(key))) unsure.push(` unsure: codes ${keys.filter((key) => !labelOf(key)).join(", ")} are not among the dictionary's choices`);
      const bad = ks.filter((k) => stats[k].top.some((t) => !["0", "1", "Checked", "Unchecked"].includes(t.v)));
      if (bad.length) unsure.push(` unsure: ${bad.map((k) => info[k].name).join(", ")} hold${bad.length === 1 ? "s" : ""} values other than 0/1 and Checked/Unchecked`);
      const base: Base = {head: [["id", uniqueId(field, ks[0])], ["column", field], ["label", def?.label || field]], columns: ks, header: field};
      const entry = groupEntry(base, options, ks.map((k) => ticked(stats[k])), `REDCap checkbox field: ${ks.length} columns ${field}___…`, unsure);
      if (def?.branching) addBranching(entry, def.branching, input.dictionary!);
      groupAt.set(ks[0], entry);
      ks.forEach((k) => done.add(k));
    }
  }

  // --- Every other column ------------------------------------------------------------------------
  for (let k = 0; k < width; ++k) {
    if (groupAt.has(k)) {
      entries.push(groupAt.get(k)!);
      continue;
    }
    if (done.has(k)) continue;
    const c = info[k];
    const s = stats[k];
    // The platform's own columns: known to the loader (loaders/formats.ts), so not drafted.
    if (formatDef && isMetadata(formatDef, c.name)) {
      platform.push(c.name);
      continue;
    }
    const platformColumn =
      format === "qualtrics" && (/^Q_/.test(c.name) || /_DO$/.test(c.name) || /^(SC\d+|RandomID|Create New Field)/i.test(c.name)) ? "Qualtrics'"
      : null;
    if (platformColumn) {
      entries.push(textEntry(baseOf(k, c.name, c.text), `${platformColumn} own column (metadata), never published`));
      continue;
    }
    if (format === "redcap") {
      entries.push(redcapColumn(s, c.name, baseOf(k, c.name, input.dictionary?.get(c.name)?.label || c.name), input.dictionary, ctx, k === 0));
      continue;
    }
    if (format === "spss") {
      const v = variables.get(c.name);
      entries.push(spssColumn(s, baseOf(k, c.name, v?.label || c.name), v, ctx));
      continue;
    }
    if (format === "qualtrics" && /_TEXT$/.test(c.name)) {
      const parent = /^(.+?)_(\d+)_TEXT$/.exec(c.name);
      const parentId = parent && entries.find((e) => e.question.some(([key, v]) => key === "column" && v === parent[1]))?.question[0][1];
      entries.push(textEntry(baseOf(k, c.name, c.text), "written-in text", {notes: parent ? [` the text written in for choice ${parent[2]} of ${parent[1]}; could be asked_if: {question: ${parentId ?? `<${parent[1]}'s id>`}, in: [<that choice as the file has it>]}`] : []}));
      continue;
    }
    const entry = guessColumn(s, baseOf(k, c.name, c.text, format === "qualtrics" ? c.name : c.text), ctx);
    if ((format === "qualtrics" && sniffed.variant === "numeric values") || sniffed.variant === "coded") {
      // Codes from a numeric export: their labels are in the survey, not the file.
      if (entry.question.some(([key, v]) => key === "type" && (v === "multiple" || v === "single")) && !entry.unsure.some((u) => u.includes("codes without labels")))
        entry.unsure.unshift(" unsure: codes without labels: write each code's label (the value after the colon)");
    }
    entries.push(entry);
  }

  const unlisted = unnamed.length > 0;
  const yaml = renderDocument(input, {entries, scales: ctx.scales, timestamp, respondentId: idColumn, unlisted, unnamed, platform, separator: pickSeparator(entries, defaultSeparator)});
  return {yaml, entries, platform, timestamp, respondentId: idColumn, unnamed};
}

/** The separator the drafted checkbox questions use, when not the format's default. */
function pickSeparator(entries: Entry[], defaultSeparator: string): string | undefined {
  const used = entries.map((e) => /joined by "([^"]+)"/.exec(e.typeNote ?? "")?.[1]).filter((x): x is string => !!x);
  if (!used.length) return undefined;
  const counts = new Map<string, number>();
  for (const sep of used) counts.set(sep, (counts.get(sep) ?? 0) + 1);
  const best = [...counts].sort((a, b) => b[1] - a[1])[0][0];
  return best === defaultSeparator ? undefined : best;
}

function addBranching(entry: Entry, logic: string, dictionary: Map<string, RedcapField>) {
  const cond = branchingAsAskedIf(logic);
  if (cond && dictionary.has(cond.question))
    (entry.suggest ??= []).push(` asked_if: {question: ${slug(cond.question) || cond.question}, in: [${cond.in.map((v) => JSON.stringify(v)).join(", ")}]}   # from REDCap's branching logic ${logic}; uncomment (check the id) to count blanks as not asked`);
  else entry.notes.push(` REDCap branching logic: ${logic} (write it as asked_if)`);
}

/** A REDCap field, from its data dictionary entry where there is one. */
function redcapColumn(s: ColumnStats, name: string, base: Base, dictionary: Map<string, RedcapField> | undefined, ctx: Context, first: boolean): Entry {
  const def = dictionary?.get(name);
  const identifierNote = def?.identifier ? " marked as an identifier in the data dictionary" : undefined;
  if (first && (name === "record_id" || [...(dictionary?.keys() ?? [])][0] === name))
    return textEntry(base, "REDCap's record ID, which identifies respondents");
  if (!def) {
    const entry = guessColumn(s, base, ctx);
    entry.unsure.unshift(` unsure: "${name}" is not in ${dictionary ? "the data dictionary" : "a data dictionary (none given)"}: guessed from its values`);
    return entry;
  }
  let entry: Entry;
  const values = s.top.map((t) => t.v);
  // A radio field over consecutive whole numbers whose labels are the numbers, words only at the
  // ends ("1 Not at all" … "5 Completely"): a rating, the words its anchors.
  const codesN = def.choices.map(([code]) => Number(code));
  const worded = def.choices.filter(([code, label]) => label.replace(new RegExp(`^${code}\\b\\s*[-–:.]?\\s*`), "") !== "");
  const ratingLike =
    ["radio", "dropdown"].includes(def.type) && def.choices.length >= 5 && def.choices.length <= 11 && codesN.every((c, j) => Number.isInteger(c) && c === codesN[0] + j) && codesN[0] >= 0 && codesN[0] <= 1 &&
    worded.every(([code]) => code === def.choices[0][0] || code === def.choices[def.choices.length - 1][0]) && values.every((v) => def.choices.some(([code]) => code === v));
  if (ratingLike) {
    const lo = codesN[0];
    const hi = codesN[codesN.length - 1];
    const anchors = worded.length ? new Map(worded.map(([code, label]) => [code, label.replace(new RegExp(`^${code}\\b\\s*[-–:.]?\\s*`), "")])) : undefined;
    const name = ensureScale(ctx, lo, hi, anchors);
    entry = {
      question: [...base.head, ["type", "rating"], ["scale", name]],
      unsure: [` unsure: a ${lo}–${hi} rating (choices ${lo}–${hi}${anchors ? ", words only at the ends, taken as anchors" : ""}); if its points are categories, make it type: single with options; check the bins of ${name}`],
      notes: [], columns: base.columns,
      typeNote: `REDCap ${def.type} field; ${fmt(s.nonEmpty)} answered${s.rows - s.nonEmpty ? `, ${fmt(s.rows - s.nonEmpty)} blank` : ""}`,
      summary: `rating ${lo}–${hi}`
    };
  } else if (def.choices.length && ["radio", "dropdown", "yesno", "truefalse"].includes(def.type)) {
    const codes = def.choices.map(([code]) => code);
    const labels = def.choices.map(([, label]) => label);
    const counts = new Map(s.top.map((t) => [t.v, t.n]));
    // A raw export holds codes; a labels export the labels.
    const byLabel = values.length > 0 && values.every((v) => labels.includes(v)) && !values.every((v) => codes.includes(v));
    const options: [string, string][] = byLabel ? labels.map((l) => [l, l]) : def.choices.map(([code, label]) => [code, label]);
    const unknown = values.filter((v) => !options.some(([key]) => key === v));
    for (const v of unknown) options.push([v, v]);
    entry = {
      question: [...base.head, ["type", "single"], ["options", optionMap(options)]],
      unsure: unknown.length ? [` unsure: ${quoteList(unknown)} ${unknown.length === 1 ? "is" : "are"} not among the dictionary's choices (added as options)`] : [],
      notes: [], columns: base.columns,
      typeNote: `REDCap ${def.type} field; ${fmt(s.nonEmpty)} answered${s.rows - s.nonEmpty ? `, ${fmt(s.rows - s.nonEmpty)} blank` : ""}`,
      optionNotes: new Map(options.map(([key]) => [key, `n = ${fmt(counts.get(key) ?? 0)}`])),
      summary: `${def.type}: ${options.length} options from the dictionary`
    };
  } else if (def.type === "notes" || def.type === "file") {
    entry = textEntry(base, def.type === "notes" ? "free text (a notes field), which can identify respondents" : "an uploaded file's name");
  } else if (def.type === "text" && /^(date|datetime|time)/.test(def.validation)) {
    entry = textEntry(base, `dates (${def.validation}), which can identify respondents`);
  } else if (def.type === "text" && /^(email|phone|zipcode|postalcode)/.test(def.validation)) {
    entry = textEntry(base, `${def.validation === "email" ? "e-mail addresses" : def.validation === "phone" ? "phone numbers" : "postal codes"}, which identify respondents`);
  } else if ((def.type === "text" && /^(integer|number)/.test(def.validation)) || def.type === "slider" || def.type === "calc") {
    if (s.numeric === s.nonEmpty) {
      entry = guessColumn(s, base, ctx);
      const isNumber = entry.question.some(([key, v]) => key === "type" && v === "number");
      const lo = def.type === "slider" ? 0 : Number(def.min);
      const hi = def.type === "slider" ? 100 : Number(def.max);
      if (isNumber && def.min !== "" && def.max !== "" || def.type === "slider") {
        if (Number.isFinite(lo) && Number.isFinite(hi) && (s.min === null || (s.min >= lo && s.max! <= hi))) entry.question.push(["min", lo], ["max", hi]);
      }
      entry.typeNote = `REDCap ${def.type}${def.validation ? ` (${def.validation})` : ""}; ${entry.typeNote ?? ""}`;
    } else {
      entry = guessColumn(s, base, ctx);
    }
  } else {
    entry = guessColumn(s, base, ctx);
  }
  if (identifierNote && !entry.question.some(([key]) => key === "private")) {
    entry.question.push(["private", true]);
    entry.notes.push(` private:${identifierNote}`);
  } else if (identifierNote) {
    entry.notes.push(` ${identifierNote.trim()}`);
  }
  if (def.branching) addBranching(entry, def.branching, dictionary!);
  return entry;
}

/** An SPSS variable: value labels become options; declared missing values are suggested. */
function spssColumn(s: ColumnStats, base: Base, v: SavVariable | undefined, ctx: Context): Entry {
  const labels = v ? Object.entries(v.valueLabels) : [];
  const declared = v?.missing ?? [];
  const missingSuggest = declared.length
    ? [` missing: {${declared.map((m) => `${JSON.stringify(m)}: ${JSON.stringify(v!.valueLabels[m] ?? "Missing")}`).join(", ")}}   # declared user-missing in the .sav; uncomment to treat as missing (the draft does not apply it)`]
    : [];
  const declaredUnsure = declared.length ? [` unsure: the .sav declares ${declared.join(", ")} user-missing; kept as answers until you uncomment missing: below`] : [];
  let entry: Entry;
  const integers = s.integer === s.nonEmpty;
  const observed = s.top.map((t) => t.v);
  const labelled = new Set(labels.map(([code]) => code));
  const rangeMin = s.min ?? 0;
  const rangeMax = s.max ?? 0;
  // Labels only at the ends of a small whole-number range: a rating's anchors.
  const anchorsOnly = labels.length >= 2 && labels.length <= 3 && integers && s.distinctNumeric <= 11 && rangeMax - rangeMin >= 4 && labelled.has(String(rangeMin)) && labelled.has(String(rangeMax)) && !declared.length;
  // Labels for a few codes of many values (99 "Refused" on an age) do not make a single choice.
  const unlabelledValues = s.top.filter((t) => !labelled.has(t.v) && !declared.includes(t.v)).length;
  if (labels.length && !anchorsOnly && (s.distinctNumeric <= 40 || v?.type === "string") && unlabelledValues <= Math.max(2, labels.length / 2)) {
    const numericKeys = labels.every(([code]) => /^-?[0-9.]+$/.test(code));
    const ordered = numericKeys ? [...labels].sort((a, b) => Number(a[0]) - Number(b[0])) : labels;
    const unlabelled = observed.filter((x) => !labelled.has(x));
    const options: [string, string][] = [...ordered, ...unlabelled.map((x) => [x, x] as [string, string])];
    const counts = new Map(s.top.map((t) => [t.v, t.n]));
    entry = {
      question: [...base.head, ["type", "single"], ["options", optionMap(options)]],
      unsure: unlabelled.length ? [` unsure: ${quoteList(unlabelled)} ${unlabelled.length === 1 ? "has" : "have"} no value label in the .sav (added as options: write their labels)`] : [],
      notes: [], columns: base.columns,
      typeNote: `SPSS value labels; ${fmt(s.nonEmpty)} answered${s.rows - s.nonEmpty ? `, ${fmt(s.rows - s.nonEmpty)} blank` : ""}`,
      optionNotes: new Map(options.map(([key]) => [key, `n = ${fmt(counts.get(key) ?? 0)}`])),
      summary: `${options.length} options from value labels`
    };
  } else if (anchorsOnly) {
    const name = ensureScale(ctx, rangeMin, rangeMax, new Map(labels));
    entry = {
      question: [...base.head, ["type", "rating"], ["scale", name]],
      unsure: [` unsure: a ${rangeMin}–${rangeMax} rating (value labels only at its ends, taken as anchors); check the bins of ${name}`],
      notes: [], columns: base.columns, typeNote: `whole numbers ${rangeMin}–${rangeMax}, labelled at the ends`, summary: `rating ${rangeMin}–${rangeMax}`
    };
  } else {
    entry = guessColumn(s, base, ctx);
    // The draft's own guesses of missing codes give way to what the file declares.
    if (declared.length) {
      entry.suggest = (entry.suggest ?? []).filter((line) => !/^ missing:/.test(line));
      entry.unsure = entry.unsure.filter((line) => !/like (a )?missing code/.test(line));
    }
  }
  entry.unsure.push(...declaredUnsure);
  entry.suggest = [...missingSuggest, ...(entry.suggest ?? [])];
  return entry;
}

// ---------------------------------------------------------------------------------------------
// Writing YAML with comments (the yaml package's Document API)

const YAML_11_WORDS = /^(y|yes|n|no|true|false|on|off|null|~)$/i;

function renderDocument(
  input: DraftInput,
  d: {entries: Entry[]; scales: Context["scales"]; timestamp?: string; respondentId?: string; unlisted: boolean; unnamed: number[]; platform: string[]; separator?: string}
): string {
  const {id, file, sniffed} = input;
  const doc = new Document();
  const yearInId = /(?:^|-)((?:19|20)\d\d)(?:-|$)/.exec(id)?.[1];
  const title = id.replace(/-((?:19|20)\d\d)$/, "").split("-").join(" ").replace(/^./, (c) => c.toUpperCase());
  const study = doc.createNode(new Map<string, unknown>([
    ["id", id],
    ["title", title],
    ["citation", `TODO: the citation of the paper that reports ${id}`],
    ["year", yearInId ? Number(yearInId) : new Date().getFullYear()],
    ["data", "original"]
  ])) as YAMLMap;
  const note = (map: YAMLMap, key: string, comment: string) => {
    (map.get(key, true) as Scalar).comment = comment;
  };
  note(study, "title", " unsure: write the study's title (this one is made from the id)");
  note(study, "citation", " unsure: write the citation (authors, title, journal, year)");
  note(study, "year", yearInId ? " unsure: the year in the id; write the year of publication" : " unsure: write the year of publication (this is the current year)");
  note(study, "data", " unsure: write reconstructed if the responses were rebuilt from published figures, not exported");

  const responses = doc.createNode(new Map<string, unknown>([
    ["file", file],
    ["format", sniffed.format],
    ...(d.timestamp !== undefined ? [["timestamp", d.timestamp] as [string, unknown]] : []),
    ...(d.respondentId !== undefined ? [["respondent_id", d.respondentId] as [string, unknown]] : []),
    ...(d.separator ? [["separator", d.separator] as [string, unknown]] : []),
    ...(d.unlisted ? [["unlisted", "private"] as [string, unknown]] : [])
  ])) as YAMLMap;
  note(responses, "format", ` sniffed: ${sniffed.reasons.join("; ")}`.replace(/\n/g, " "));
  if (d.timestamp !== undefined) note(responses, "timestamp", " the submission time: always private");
  if (d.respondentId !== undefined) note(responses, "respondent_id", " each respondent's id: one used twice stops the build; never published");
  if (d.unlisted) note(responses, "unlisted", ` columns ${d.unnamed.map(columnLetter).join(", ")} have an empty or repeated header, so no question can name them: they are never read`);

  const top = new YAMLMap();
  top.add(new Pair(doc.createNode("study"), study));
  top.add(new Pair(doc.createNode("responses"), responses));
  if (d.scales.size) {
    const scales = new YAMLMap();
    for (const [name, sc] of d.scales) {
      const node = doc.createNode(new Map<string, unknown>([
        ["min", sc.min], ["max", sc.max],
        ...(sc.anchors ? [["anchors", new Map(sc.anchors)] as [string, unknown]] : []),
        ["bins", sc.bins.map((b) => new Map<string, unknown>([["label", b.label], ["min", b.min], ["max", b.max]]))]
      ])) as YAMLMap;
      for (const bin of (node.get("bins", true) as unknown as YAMLSeq).items as YAMLMap[]) bin.flow = true;
      if (sc.anchors) (node.get("anchors", true) as unknown as YAMLMap).flow = true;
      node.commentBefore = " unsure: bins drafted as low / middle / high; change them to the groups the paper reports";
      scales.add(new Pair(doc.createNode(name), node));
    }
    top.add(new Pair(doc.createNode("scales"), scales));
  }
  const questions = new YAMLSeq();
  d.entries.forEach((e, k) => {
    const node = doc.createNode(new Map(e.question)) as YAMLMap;
    if (e.typeNote) note(node, "type", ` ${e.typeNote}`);
    const options = node.get("options", true) as YAMLMap | undefined;
    for (const pair of (options?.items ?? []) as Pair<Scalar, Scalar>[]) {
      for (const s of [pair.key, pair.value!]) if (typeof s.value === "string" && YAML_11_WORDS.test(s.value)) s.type = "QUOTE_DOUBLE";
      const n = e.optionNotes?.get(String(pair.key.value));
      if (n) pair.value!.comment = ` ${n}`;
    }
    for (const key of ["label", "column"]) {
      const s = node.get(key, true) as Scalar | undefined;
      if (s && typeof s.value === "string" && YAML_11_WORDS.test(s.value)) s.type = "QUOTE_DOUBLE";
    }
    const before = [...e.unsure, ...e.notes];
    if (before.length) node.commentBefore = before.join("\n");
    if (e.suggest?.length) node.comment = e.suggest.join("\n");
    if (k) node.spaceBefore = true;
    questions.add(node);
  });
  top.add(new Pair(doc.createNode("questions"), questions));
  top.add(new Pair(doc.createNode("disclosure"), disclosureDraft(doc, d.entries)));
  for (const pair of top.items.slice(1) as Pair<Scalar>[]) pair.key.spaceBefore = true;
  doc.contents = top;
  const unsure = d.entries.filter((e) => e.unsure.length).length;
  doc.commentBefore = [
    " yaml-language-server: $schema=../../schema/codebook.schema.json",
    ` Drafted by \`npm run new-study\` from ${file}${input.dictionaryFile ? ` and ${input.dictionaryFile}` : ""}: ${fmt(input.stats[0]?.rows ?? 0)} rows, format ${sniffed.format}${sniffed.variant ? ` (${sniffed.variant})` : ""}.`,
    ` ${unsure ? `${unsure} question${unsure === 1 ? " is" : "s are"} marked "unsure": check each,` : "Check each question,"} write the display labels, then npm run build.`,
    ...(d.platform.length ? [` The platform's own columns (${quoteList(d.platform, 3)}: ${d.platform.length}) are private and need no entry.`] : []),
    " The format: docs/codebook.md."
  ].join("\n");
  return doc.toString({lineWidth: 0});
}

/** Labels that usually name what someone could know about a respondent from elsewhere. */
const IDENTIFYING = /\b(age|âge|edad|alter|sex|sexe|gender|genre|profession|occupation|job|role|position|specialt(y|ies)|speciality|spécialité|country|pays|nationality|region|county|state|province|city|town|zip|post ?code|postal|ethnicity|ethnic|race|years? of (experience|practice|service)|department|hospital|institution|employer|workplace|education|degree|income|marital)\b/i;

/**
 * The draft's disclosure section: the single, ordinal and number questions whose label or column
 * looks identifying, each left out of the row-level files (the safe start: the build's tables still
 * use them). The author then keeps what the k check allows (docs/codebook.md "Disclosure control").
 */
function disclosureDraft(doc: Document, entries: Entry[]): YAMLMap {
  const value = (e: Entry, key: string) => e.question.find(([k]) => k === key)?.[1];
  const guessed = entries
    .filter((e) => ["single", "ordinal", "number"].includes(String(value(e, "type"))) && value(e, "private") !== true)
    .filter((e) => IDENTIFYING.test(String(value(e, "label"))) || IDENTIFYING.test(String(value(e, "column"))))
    .map((e) => String(value(e, "id")));
  const node = doc.createNode(new Map<string, unknown>([
    ["quasi_identifiers", guessed],
    ["k", 5],
    ...(guessed.length
      ? [["public_rows", new Map(guessed.map((id) => [id, "drop"]))] as [string, unknown]]
      : [["note", "Drafted by npm run new-study, which found no question that looks like age, sex, profession or place: check the list."] as [string, unknown]]),
    ["small_cells", new Map([["k", 5]])]
  ])) as YAMLMap;
  (node.get("quasi_identifiers", true) as unknown as YAMLSeq).flow = true;
  (node.get("small_cells", true) as unknown as YAMLMap).flow = true;
  const smallCells = node.items.find((p) => (p.key as Scalar).value === "small_cells")!;
  (smallCells.key as Scalar).commentBefore = ` The tables and figures show a count below 5 as "< 5" (and hide another where a total would give it away).`;
  node.commentBefore = [
    ` unsure: the questions someone could know about a respondent from elsewhere (age, sex, profession, place), guessed from their labels.`,
    ` The row-level files (responses.parquet, responses.arrow, the explorer) must not single anyone out: every row shares these`,
    ` answers with at least k - 1 others, or the build stops. The draft leaves each out of the row-level files; publish one`,
    ` as it is (delete its drop), in bands or top-coded when the build's check allows it. docs/codebook.md "Disclosure control".`
  ].join("\n");
  return node;
}

// ---------------------------------------------------------------------------------------------
// The command

export interface NewStudyOptions {
  id: string;
  exportPath: string;
  dictionaryPath?: string;
  /** Where study folders live (default data/, or SURVEY_DATA_DIR). */
  dataDir?: string;
  log?: (line: string) => void;
}

export interface NewStudyResult {
  dir: string;
  codebook: string;
  sniffed: Sniffed;
  draft: Draft;
  rows: number;
  seconds: number;
}

/** Reads an export, sniffs its format and drafts its codebook (nothing is written). */
export async function draftFromFile(exportPath: string, {id, dictionaryPath, log = () => {}}: {id: string; dictionaryPath?: string; log?: (line: string) => void}): Promise<{sniffed: Sniffed; draft: Draft; rows: number}> {
  const file = basename(exportPath);
  let kind: FileKind;
  try {
    kind = fileKind(exportPath);
  } catch {
    throw new NewStudyError(`${exportPath}: unsupported file type. new-study reads ${SUPPORTED}.`);
  }
  if (!existsSync(exportPath)) throw new NewStudyError(`${exportPath}: no such file. Give the path of the survey platform's export.`);
  const dictionary = dictionaryPath ? readDictionary(dictionaryPath, basename(dictionaryPath)) : undefined;
  const spill = mkdtempSync(join(tmpdir(), "new-study-"));
  const instance = await DuckDBInstance.create(":memory:", {memory_limit: "1GB", temp_directory: spill});
  const connection = await instance.connect();
  try {
    const started = performance.now();
    let sheet: Sheet;
    try {
      sheet = kind === "csv" ? await readCsv(connection, exportPath, displayPath(exportPath), "raw") : {table: "raw", ...(await loadSheet(connection, exportPath, {kind, table: "raw", file: displayPath(exportPath)}))};
    } catch (error) {
      if (error instanceof NewStudyError) throw error;
      throw unreadable(displayPath(exportPath), kind, error);
    }
    const head = ((await connection.runAndReadAll(`SELECT * FROM raw WHERE rowid < 3 ORDER BY rowid`)).getRows() as unknown as string[][]).map((r) => r.map((c) => String(c ?? "")));
    if (head[0]) head[0][0] = head[0][0].replace(/^\uFEFF/, "");
    let sniffed = sniffHeader(head, kind, {dictionary: !!dictionary});
    const separators = sniffed.format === "google-forms" ? [", "] : sniffed.format === "qualtrics" ? [","] : sniffed.format === "csv" ? [";", ", "] : [];
    const rows = Math.max(0, sheet.rows - sniffed.headerRows);
    log(`Read ${displayPath(exportPath)}: ${fmt(rows)} rows below the header, ${sheet.width} columns (${((performance.now() - started) / 1000).toFixed(1)} s).`);
    if (!rows) throw new NewStudyError(`${displayPath(exportPath)} has no responses below its header row${sniffed.headerRows === 1 ? "" : "s"}: export the responses again (with every response) and rerun.`);
    const stats = await columnStats(connection, "raw", sheet.width, sniffed.headerRows, separators);
    sniffed = refineSniff(sniffed, stats, columnInfo(sniffed.format, head, sheet.width));
    // SPSS: the reader's row 0 is the variable names.
    const draft = draftCodebook({id, file, sniffed, head, stats, variables: sheet.variables, dictionary, dictionaryFile: dictionaryPath ? basename(dictionaryPath) : undefined});
    return {sniffed, draft, rows};
  } finally {
    connection.closeSync();
    instance.closeSync();
    rmSync(spill, {recursive: true, force: true});
  }
}

/** `npm run new-study`: checks the arguments, drafts, then creates data/<id>/ with the copies and the draft. */
export async function newStudy({id, exportPath, dictionaryPath, dataDir = DATA_DIR, log = (line) => console.log(line)}: NewStudyOptions): Promise<NewStudyResult> {
  const started = performance.now();
  if (!STUDY_ID.test(id)) throw new NewStudyError(`"${id}" is not a study id: use lower-case letters and digits in groups joined by dashes (e.g. smith-2025)`);
  const dir = join(dataDir, id);
  if (existsSync(dir)) throw new NewStudyError(`${displayPath(dir)} already exists: choose another id, or remove the folder first`);
  if (dictionaryPath && !existsSync(dictionaryPath)) throw new NewStudyError(`${dictionaryPath}: no such file. Give the path of the REDCap data dictionary (CSV), or leave it out.`);
  if (dictionaryPath && basename(dictionaryPath) === basename(exportPath)) throw new NewStudyError(`the export and the dictionary have the same file name (${basename(exportPath)}): rename one`);
  if (basename(exportPath) === "codebook.yaml") throw new NewStudyError(`the export cannot be called codebook.yaml: rename it`);
  const {sniffed, draft, rows} = await draftFromFile(exportPath, {id, dictionaryPath, log});
  log(`Format: ${sniffed.format}${sniffed.variant ? ` (${sniffed.variant})` : ""}`);
  for (const reason of sniffed.reasons) log(`  - ${reason}`);
  if (draft.platform.length) log(`Platform columns (private, no entry needed): ${draft.platform.length}`);
  if (draft.timestamp !== undefined) log(`Timestamp (private): "${draft.timestamp}"`);
  if (draft.respondentId !== undefined) log(`Respondent id (private; each must be used once): "${draft.respondentId}"`);
  if (draft.unnamed.length) log(`Columns with an empty or repeated header, not drafted (unlisted: private): ${draft.unnamed.map(columnLetter).join(", ")}`);
  log(`Questions (${draft.entries.length}):`);
  const shown = draft.entries.slice(0, 80);
  for (const e of shown) {
    const get = (key: string) => e.question.find(([k]) => k === key)?.[1];
    log(`  ${String(get("id")).padEnd(32)} ${String(get("type")).padEnd(8)} ${e.summary}${e.unsure.length ? "  [unsure]" : ""}`);
  }
  if (draft.entries.length > shown.length) log(`  … and ${draft.entries.length - shown.length} more`);
  // Only now, with the draft made, is the folder created: a failure leaves nothing behind.
  mkdirSync(dir, {recursive: true});
  const codebook = join(dir, "codebook.yaml");
  try {
    copyFileSync(exportPath, join(dir, basename(exportPath)));
    if (dictionaryPath) copyFileSync(dictionaryPath, join(dir, basename(dictionaryPath)));
    writeFileSync(codebook, draft.yaml);
  } catch (error) {
    rmSync(dir, {recursive: true, force: true});
    throw error;
  }
  const seconds = (performance.now() - started) / 1000;
  const unsure = draft.entries.filter((e) => e.unsure.length).length;
  log(`Wrote ${displayPath(codebook)} (${draft.entries.length} questions, ${unsure} marked unsure) and copied ${basename(exportPath)}${dictionaryPath ? ` and ${basename(dictionaryPath)}` : ""} beside it, in ${seconds.toFixed(1)} s.`);
  log(`Next: read each "# unsure" comment in ${displayPath(codebook)}, write the labels, then npm run build.`);
  return {dir, codebook, sniffed, draft, rows, seconds};
}

const USAGE = "usage: npm run new-study -- <id> <export file> [<REDCap data dictionary>]";

const isInputError = (error: unknown): error is Error => error instanceof NewStudyError || error instanceof CodebookError || error instanceof ValidationError;

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  if (args.length < 2 || args.length > 3 || args.some((a) => a === "-h" || a === "--help")) {
    console.error(USAGE);
    process.exit(args.some((a) => a === "-h" || a === "--help") ? 0 : 1);
  }
  const [id, exportPath, dictionaryPath] = args;
  newStudy({id, exportPath: resolve(exportPath), dictionaryPath: dictionaryPath ? resolve(dictionaryPath) : undefined}).catch((error) => {
    // The author's mistakes by message alone; the script's own bugs with a stack (as scripts/build.ts).
    console.error(`\n${isInputError(error) ? `${error.name}: ${error.message}` : error instanceof Error ? error.stack : String(error)}`);
    process.exit(1);
  });
}
