// A raw survey export checked against its codebook and typed, in DuckDB SQL.
//
// DuckDB reads the file itself (every cell as text); the codebook becomes SQL expressions: label
// lookups, number patterns and ranges, the checkbox split, skip logic. A first pass over the file
// collects each question's distinct cells, which are typed and judged once; a second builds a
// working table holding the typed answers and, per row, the codes of the problems found;
// if there are none, `responses` and `choices` are made from it, otherwise the first problems
// become a ValidationError. JavaScript reads only the few header rows, and words the messages of
// the rows SQL flagged, so a million-row export loads at close to DuckDB's own speed and no
// JavaScript object is made per row.
import {openSync, readSync, closeSync} from "node:fs";
import {csvParseRows} from "d3-dsv";
import type {DuckDBConnection} from "@duckdb/node-api";
import {type Codebook, type Question, type Condition, blankOf, combinesWith, conditionsOf, hasOptionColumns, decimalOf, looseLabel, matchOf, missingCodesOf, scaleOf, weightQuestion} from "./codebook.ts";
import {splitChoices} from "./choices.ts";
import {exportFormat, headerKeys, isMetadata, optionColumn} from "./formats.ts";
import {fileKind, loadSheet} from "./readers.ts";
import {type Issue, MAX_ISSUES, ValidationError, columnLetter, publicQuestions} from "./responses.ts";
import {ident, literal, missingColumn} from "../src/components/sql.ts";

export function sqlType(q: Question): string {
  switch (q.type) {
    case "rating": return "INTEGER";
    case "number": return q.integer ? "INTEGER" : "DOUBLE";
    case "multiple": return "VARCHAR[]";
    default: return "VARCHAR";
  }
}

// What JavaScript's String.prototype.trim() removes (the old parser trimmed with it); DuckDB's
// trim() alone removes spaces only.
export const JS_WHITESPACE = " \t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";
// Most cells have nothing to trim, and trim() with a set of characters is slow: look at the ends first.
// (A cell that starts and ends with a printable ASCII character has nothing to trim.)
const trim = (sql: string) =>
  `CASE WHEN ord(${sql}) BETWEEN 33 AND 126 AND ord(${sql}[-1]) BETWEEN 33 AND 126 THEN ${sql} ELSE trim(${sql}, ${literal(JS_WHITESPACE)}) END`;
/** Text matched literally by RE2 (DuckDB's regular expressions). */
const escapeRegex = (s: string) => s.replace(/[\\^$.|?*+()[\]{}]/g, "\\$&");
// Marks a value DuckDB should read as NULL. No export holds it, so an empty cell reads as '' and
// only the padding of a short row (null_padding) is NULL: that is how a row's cells are counted.
export const NO_NULL = "\u0001\u0002no-null\u0002\u0001";

/** A band's test on the number `n` (min and max inclusive, either may be open). */
const bandTest = (n: string, b: {min?: number; max?: number}) =>
  `(${[...(b.min !== undefined ? [`${n} >= ${b.min}`] : []), ...(b.max !== undefined ? [`${n} <= ${b.max}`] : [])].join(" AND ")})`;
/** What a column of one checkbox option holds when ticked (REDCap: only these) and when not. */
const TICKED = ["1", "Checked"], UNTICKED = ["", "0", "Unchecked"];
/** A trimmed cell as `match: loose` compares it (looseLabel in SQL). */
const looseCell = (t: string) => `lower(regexp_replace(${t}, '\\s+', ' ', 'g'))`;
/** How a blank counted in a denominator (blank: no) is labelled. */
export const BLANK_LABEL = "Blank";

/** The first `count` records of a CSV file (the header rows), read as the old parser read them. */
export function headerRows(path: string, count: number): string[][] {
  const fd = openSync(path, "r");
  try {
    // Read until one more record than the header has begun, so the header's last record is whole.
    let bytes = Buffer.alloc(0);
    for (let size = 1 << 16; ; size *= 4) {
      const chunk = Buffer.alloc(size);
      const n = readSync(fd, chunk, 0, size, bytes.length);
      bytes = Buffer.concat([bytes, chunk.subarray(0, n)]);
      const rows = csvParseRows(bytes.toString("utf8").replace(/^\uFEFF/, ""));
      if (n < size || rows.length > count) return rows.slice(0, count);
    }
  } finally {
    closeSync(fd);
  }
}

export interface ExportSource {
  codebook: Codebook;
  /** The raw export on disk. */
  path: string;
  /** The file as messages name it. */
  file: string;
}

/**
 * Reads `source` into `connection` as the tables `responses` and `choices`, or throws a
 * ValidationError listing the first problems (rows numbered as in a spreadsheet, the header is
 * row 1) and how many there are.
 */
export async function loadExport(connection: DuckDBConnection, {codebook: cb, path, file}: ExportSource, {privateAnswers = false} = {}): Promise<void> {
  const formatName = cb.responses?.format ?? "google-forms";
  const format = exportFormat(formatName);
  const H = format.headerRows;
  // An .xlsx sheet or .sav file is read by its library into a table of text cells (loaders/readers.ts);
  // a CSV is read by DuckDB itself, twice (it is faster to read again than to store).
  const kind = fileKind(path);
  const sheet = kind === "csv" ? null : await loadSheet(connection, path, {kind, table: "_sheet", sheet: cb.responses?.sheet, file});

  // --- The header rows, in JavaScript (there are at most three) --------------------------------
  const head = sheet
    ? (await connection.runAndReadAll(`SELECT * FROM _sheet WHERE rowid < ${H} ORDER BY rowid`)).getRows().map((r) => r.map((x) => String(x ?? "")))
    : headerRows(path, H);
  if (head.length < H) throw new ValidationError([{file, row: head.length + 1, column: "-", value: "", expected: `${H} header row(s) of a ${cb.responses?.format} export`}]);
  const wrongFormat = format.checkHeader?.(head);
  if (wrongFormat) throw new ValidationError([{file, row: H, column: "-", value: "", expected: wrongFormat}]);
  const header = headerKeys(format, head);
  const keyRow = format.keyRow + 1;
  const issues: Issue[] = [];
  let total = 0;
  const issue = (row: number, col: number, name: string, value: string, expected: string) => {
    if (++total <= MAX_ISSUES) issues.push({file, row, column: col < 0 ? "" : `${columnLetter(col)} "${name}"`, value, expected});
  };
  // The header must hold each codebook column once, and nothing the codebook or the platform does
  // not describe: an unknown column could be identifying, so it is not silently carried along.
  const index = new Map<string, number>();
  // A repeated header is a problem where the codebook names it (it cannot tell which column is
  // meant) or must describe every column.
  const named = new Set(cb.questions.map((q) => q.column));
  header.forEach((h, col) => {
    if (index.has(h) && (named.has(h) || cb.responses?.unlisted !== "private")) issue(keyRow, col, h, h, "each column header once (this one repeats, so the codebook cannot name it)");
    if (!index.has(h)) index.set(h, col);
  });
  const timestamp = cb.responses?.timestamp;
  // The columns a question reads: its own, or one per option (SurveyMonkey, REDCap checkboxes…).
  const columnsOf = (q: Question) => (hasOptionColumns(cb, q) ? Object.keys(q.options!).map((key) => optionColumn(format, q.column, key)) : [q.column]);
  const respondentId = cb.responses?.respondent_id;
  const known = new Set([...cb.questions.flatMap(columnsOf), ...(timestamp ? [timestamp] : []), ...(respondentId ? [respondentId] : [])]);
  if (cb.responses?.unlisted !== "private")
    header.forEach((h, col) => {
      if (!known.has(h) && !isMetadata(format, h)) issue(keyRow, col, h, h, "a column described in the codebook (add it as a question, private if it is identifying; or set responses.unlisted: private to leave every undescribed column unread)");
    });
  for (const column of known) if (!index.has(column)) issue(keyRow, header.length, "(missing)", "", `a column headed "${column}"${column === respondentId ? " (responses.respondent_id names it): correct the codebook, or export the column" : ""}`);
  if (total) throw new ValidationError(issues, total);

  // --- The rows, in SQL -------------------------------------------------------------------------
  const W = header.length;
  // Columns beyond the header catch the cells of a row that is too long (strict_mode = false drops
  // what does not fit, so a row longer than this is reported as "at least" this long).
  const D = 2 * W + 8;
  const separator = cb.responses?.separator ?? format.separator;
  const c = (col: number) => `_c${col}`;
  const questions = cb.questions;
  const publicQs = publicQuestions(cb);
  const ord = new Map(questions.map((q, i) => [q.id, i]));
  const optionColumns = questions.filter((q) => hasOptionColumns(cb, q));
  // A question with one column per option reads a cell made of its ticked options' keys, joined by
  // a character no label holds (so the split is exact), or \u0002 when a column holds neither a tick
  // nor a blank (REDCap allows 0/1 and Checked/Unchecked only).
  const UNIT = "\u001f", BAD = "\u0002";
  const col = (q: Question) => (hasOptionColumns(cb, q) ? `_vc${ord.get(q.id)}` : c(index.get(q.column)!));
  const separatorOf = (q: Question) => (hasOptionColumns(cb, q) ? UNIT : separator);
  // A column is ticked unless it is one of UNTICKED; REDCap allows only TICKED or UNTICKED (else NULL: invalid).
  const inList = (x: string, list: string[]) => `trim(${x}) IN (${list.map(literal).join(", ")})`;
  const tick = (x: string) =>
    formatName === "redcap"
      ? `CASE WHEN ${inList(x, TICKED)} THEN 1 WHEN ${inList(x, UNTICKED)} THEN 0 END`
      : `CASE WHEN ${inList(x, UNTICKED)} THEN 0 ELSE 1 END`;
  const optionCells = optionColumns.map((q) => {
    const subs = Object.keys(q.options!).map((key) => ({key, cell: c(index.get(optionColumn(format, q.column, key))!)}));
    return `CASE WHEN ${subs.map(({cell}) => `${tick(cell)} IS NULL`).join(" OR ")} THEN ${literal(BAD)} ELSE concat_ws(${literal(UNIT)}, ${subs.map(({key, cell}) => `CASE WHEN ${tick(cell)} = 1 THEN ${literal(key)} END`).join(", ")}) END AS ${col(q)}`;
  });

  // Typed value of each question's cell, ignoring skip logic (_p, NULL when invalid), from the raw
  // cell (raw) and the cell trimmed as the old parser trimmed it (t, an expression for the
  // lookups, which try the raw cell first: most cells need no trimming, and trim() is not free).
  // Single-choice lookups are a CASE over the codebook's labels (the label table, inlined: a join
  // per question would cost a hash table and a pass each).
  const lookup = (x: string, pairs: [string, string][]) => `CASE ${x} ${pairs.map(([raw, value]) => `WHEN ${literal(raw)} THEN ${value}`).join(" ")} END`;
  const rawFirst = (raw: string, t: string, pairs: [string, string][]) =>
    pairs.every(([r]) => r === r.trim()) ? `coalesce(${lookup(raw, pairs)}, CASE WHEN ${raw} <> '' THEN ${lookup(t, pairs)} END)` : lookup(t, pairs);
  const parsed = (q: Question, raw: string, t: string): {value: string; bad: string; stages?: string[][]} => {
    switch (q.type) {
      case "single":
      case "ordinal": {
        const value = matchOf(cb, q) === "loose"
          ? lookup(looseCell(t), [...new Map(Object.entries(q.options!).map(([r, label]) => [looseLabel(r), literal(label)]))])
          : rawFirst(raw, t, Object.entries(q.options!).map(([r, label]) => [r, literal(label)]));
        return {value, bad: `_p${ord.get(q.id)} IS NULL`};
      }
      case "rating": {
        const {min, max} = scaleOf(cb, q);
        const n = `TRY_CAST(${t} AS BIGINT)`;
        const ok = `(regexp_full_match(${t}, '-?[0-9]+') AND ${n} BETWEEN ${min} AND ${max})`;
        const exact = `CASE WHEN ${ok} THEN CAST(${n} AS INTEGER) END`;
        // The scale's values as written ("0" … "10") are looked up; anything else ("007", " 7") is parsed.
        const canonical = max - min <= 200 ? `coalesce(${lookup(raw, Array.from({length: max - min + 1}, (_, k) => [String(min + k), String(min + k)]))}, CASE WHEN ${raw} <> '' THEN ${exact} END)` : exact;
        return {value: canonical, bad: `_p${ord.get(q.id)} IS NULL`};
      }
      case "number": {
        // One decimal separator, as the codebook says (a point unless `decimal: ","`), so "1,500"
        // is never silently 1.5. Also ".49" and "-.5", as statistical packages write them.
        const d = decimalOf(cb, q) === "," ? "," : "\\.";
        const n = d === "," ? `TRY_CAST(replace(${t}, ',', '.') AS DOUBLE)` : `TRY_CAST(${t} AS DOUBLE)`;
        const conds = [`regexp_full_match(${t}, '-?([0-9]+(${d}[0-9]*)?|${d}[0-9]+)')`, `isfinite(${n})`];
        if (q.integer) conds.push(`${n} = floor(${n})`, `TRY_CAST(${n} AS INTEGER) IS NOT NULL`);
        if (q.min !== undefined) conds.push(`${n} >= ${q.min}`);
        if (q.max !== undefined) conds.push(`${n} <= ${q.max}`);
        if (q.bands) conds.push(`(${q.bands.map((b) => bandTest(n, b)).join(" OR ")})`);
        const ok = `coalesce(${conds.join(" AND ")}, false)`;
        return {value: `CASE WHEN ${ok} THEN CAST(${n} AS ${sqlType(q)}) END`, bad: `_p${ord.get(q.id)} IS NULL`};
      }
      case "multiple": {
        // Options are matched longest first, each ending at the end of the cell or before a
        // separator (labels may contain the separator), as splitChoices does.
        const i = ord.get(q.id)!;
        const separator = separatorOf(q);
        // Loose matching compares the cell and the labels in one normal form (looseLabel).
        const loose = matchOf(cb, q) === "loose";
        const options = loose ? [...new Map(Object.entries(q.options!).map(([r, label]) => [looseLabel(r), label]))] : Object.entries(q.options!);
        const raws = options.map(([r]) => r);
        if (loose) raw = t = looseCell(t);
        const sep = literal(separator);
        const g = (n: number) => `_g${n}_${i}`;
        // Fast path, for cells of options only. If no option begins with another option and the
        // separator, a cell has at most one reading as options joined by the separator, and that
        // is the one splitChoices finds; so any reading will do: the labels that hold the
        // separator become placeholders, the rest is split on it (string functions, no regexp).
        // Otherwise (a codebook where readings compete) one regexp pass finds the options, checked
        // by joining them back into the cell.
        const unambiguous = !raws.some((a) => raws.some((b) => a !== b && a.startsWith(b + separator)));
        const placeholder = (k: number) => `chr(1) || '${k}' || chr(1)`;
        const withSep = raws.map((raw, k) => ({raw, k})).filter(({raw}) => raw.includes(separator)).sort((x, y) => y.raw.length - x.raw.length);
        const alt = [...raws].sort((a, b) => b.length - a.length).map(escapeRegex).join("|");
        const rsep = escapeRegex(separator);
        // (Options-only cells need no trimming when the labels are trimmed: the raw cell is split.)
        // (The regexp path accepts a trailing separator, which trimming may have cut: it reads t.)
        const f = unambiguous && raws.every((r) => r === r.trim()) ? raw : t;
        const fast = unambiguous
          ? [
              `CASE WHEN NOT contains(${f}, chr(1)) THEN string_split(${withSep.reduce((x, {raw, k}) => `replace(${x}, ${literal(raw)}, ${placeholder(k)})`, f)}, ${sep}) END AS _f${i}`,
              `coalesce(${f} <> '' AND list_has_all([${raws.map((raw, k) => (raw.includes(separator) ? placeholder(k) : literal(raw))).join(", ")}], _f${i}), false) AS _k${i}`
            ]
          : [
              `regexp_extract_all(${f}, ${literal(`(${alt})(?:${rsep}|$)`)}, 1) AS _f${i}`,
              `coalesce(${f} <> '' AND (array_to_string(_f${i}, ${sep}) = ${f} OR array_to_string(_f${i}, ${sep}) || ${sep} = ${f}), false) AS _k${i}`
            ];
        // The other cells take the full pattern, whose alternatives are splitChoices' steps: an
        // option here; else written-in text up to the first separator followed by an option; else
        // written-in text to the end (RE2 prefers the first alternative and the shortest .*?).
        const full = literal(`(?s)(${alt})(?:${rsep}|$)|(.*?)${rsep}(${alt})(?:${rsep}|$)|(.+)$`);
        const stages = [
          [fast[0]],
          [fast[1]],
          [1, 2, 3, 4].map((n) => `CASE WHEN NOT _k${i} AND ${raw} <> '' THEN regexp_extract_all(${t}, ${full}, ${n}) END AS ${g(n)}`),
          [
            // The options found, in the cell's order (_ch), and whether written-in text was left (_o).
            `CASE WHEN _k${i} THEN _f${i} ELSE list_filter(list_transform(range(1, len(${g(1)}) + 1), lambda k: coalesce(${g(1)}[k], ${g(3)}[k])), lambda x: x IS NOT NULL) END AS _ch${i}`,
            `CASE WHEN _k${i} THEN false ELSE len(list_filter(${g(2)} || ${g(4)}, lambda x: ${trim("x")} <> '')) > 0 END AS _o${i}`
          ]
        ];
        // Each display label once (the first time: several raw labels may show as one, and an
        // option may be ticked twice); written-in text counts as the `other` label.
        const display = options.flatMap(([raw, label], k) => [
          `WHEN ${literal(raw)} THEN ${literal(label)}`,
          ...(unambiguous && raw.includes(separator) ? [`WHEN ${placeholder(k)} THEN ${literal(label)}`] : [])
        ]);
        stages.push([`list_transform(_ch${i}, lambda x: CASE x ${display.join(" ")} END) AS _lb${i}`]);
        const labels = `CASE WHEN len(list_distinct(_lb${i})) = len(_lb${i}) THEN _lb${i} ELSE list_filter(_lb${i}, lambda x, j: list_position(_lb${i}, x) = j) END`;
        const value = q.other ? `CASE WHEN _o${i} AND NOT list_contains(${labels}, ${literal(q.other)}) THEN list_append(${labels}, ${literal(q.other)}) ELSE ${labels} END` : labels;
        return {value, bad: q.other ? "false" : `_o${i}`, stages};
      }
      case "text":
        // A private text's value is wanted only by readResponses.
        return {value: publicQs.includes(q) || privateAnswers ? t : "NULL::VARCHAR", bad: "false"};
    }
  };

  // Skip logic on display labels: `in` holds when the answer has a label of a listed option,
  // `not` when it has none (what conditionHolds decides on the raw labels behind the answer).
  const condition = (cond: Condition): string => {
    const target = questions[ord.get(cond.question)!];
    const labels = `[${[...new Set((cond.in ?? cond.not!).map((raw) => target.options![raw]))].map(literal).join(", ")}]`;
    const v = `_v${ord.get(target.id)}`;
    const any = target.type === "multiple" ? `list_has_any(${v}, ${labels})` : `list_contains(${labels}, ${v})`;
    return `(${v} IS NOT NULL AND ${cond.in ? any : `NOT ${any}`})`;
  };
  const holds = (q: Question): string => `(${conditionsOf(q.asked_if!).map(condition).join(combinesWith(q.asked_if!) === "any" ? " OR " : " AND ")})`;
  const targetsOf = (q: Question) => (q.asked_if ? [...new Set(conditionsOf(q.asked_if).map((c) => c.question))] : []);
  // Each question gets, per row: _p (typed value), _b (invalid value), _e (empty cell), _u (not
  // judged: the question its skip logic reads was itself invalid — one problem, not a cascade),
  // _a (asked), _i (a problem to report), _v (the answer).
  // Questions are computed in layers, each reading the answers of the layers before.
  const depth = new Map<string, number>();
  for (const q of questions) depth.set(q.id, Math.max(-1, ...targetsOf(q).map((t) => depth.get(t)!)) + 1);
  const layers: Question[][] = [];
  for (const q of questions) (layers[depth.get(q.id)!] ??= []).push(q);

  // Every question but a text is a function of its cell alone, and cells repeat: each distinct
  // cell of such a question is typed and judged once, in a small table (the checkbox split and
  // label lookups cost far more than the read), and each row looks its cell up by position. The
  // position is the cell's code in an ENUM of the distinct cells, and the answers are lists in
  // code order: a projection, so the file's order is kept (a join would not promise it), and no
  // row carries the split's working columns.
  const looked = questions.filter((q) => q.type !== "text");
  // Texts read their trimmed cell (_t) several times, so it is a column; a private text is only
  // tested for emptiness: no column.
  const trimmedColumn = (q: Question) => q.type === "text" && publicQs.includes(q);
  const isEmpty = (x: string) => `CASE WHEN ${x} = '' THEN true WHEN ord(${x}) BETWEEN 33 AND 126 THEN false ELSE trim(${x}, ${literal(JS_WHITESPACE)}) = '' END`;
  // One distinct cell's typed value (p), verdict (b) and whether it is empty once trimmed (e), by
  // the layers of `parsed` over the distinct cells (named `cell`). Numbers read the trimmed cell
  // several times, so it is a column there. A cell that gave a value is not empty: only the others
  // are looked at.
  // Missing codes are looked up on the trimmed cell before it is typed: "99" may be a refusal, not an age.
  const missingOf = (q: Question) => Object.entries(missingCodesOf(cb, q));
  const missingAs = (q: Question) => q.missing_as ?? cb.responses?.missing_as ?? "excluded";
  const lookupTable = (q: Question) => {
    const i = ord.get(q.id)!;
    const t = q.type === "number" ? `_t${i}` : `(${trim("cell")})`;
    const d = parsed(q, "cell", t);
    const missing = missingOf(q);
    const steps = [
      q.type === "number" ? [`${trim("cell")} AS _t${i}`] : [],
      ...(d.stages ?? []),
      [`${d.value} AS _p${i}`, missing.length ? `CASE ${q.type === "number" ? `_t${i}` : t} ${missing.map(([code, m]) => `WHEN ${literal(code)} THEN ${literal(m.label)}`).join(" ")} END AS _mc${i}` : `NULL::VARCHAR AS _mc${i}`]
    ];
    let relation = `(SELECT unnest(_d${i}) AS cell FROM _distinct)`;
    for (const step of steps) if (step.length) relation = `(SELECT *, ${step.join(", ")} FROM ${relation})`;
    let e = q.type === "number" ? `_t${i} = ''` : `CASE WHEN ${q.type === "multiple" ? `_k${i}` : `_p${i} IS NOT NULL`} THEN false ELSE ${isEmpty("cell")} END`;
    let p = `_p${i}`, b = d.bad;
    // An exclusive option ("None of the above") ticked with another is invalid.
    const exclusive = [...new Set((q.exclusive ?? []).map((raw) => q.options![raw]))];
    if (exclusive.length) b = `(${b} OR coalesce(len(_p${i}) > 1 AND list_has_any(_p${i}, [${exclusive.map(literal).join(", ")}]), false))`;
    if (missing.length) {
      // A missing code shown as a level is the answer (a label); otherwise the answer is NULL and
      // the code's label goes to the question's missing column. A code that means "not asked"
      // reads as an empty cell.
      const asLevel = missingAs(q) === "level";
      const levelValue = asLevel && (q.type === "single" || q.type === "ordinal") ? `_mc${i}` : asLevel && q.type === "multiple" ? `[_mc${i}]` : "NULL";
      p = `CASE WHEN _mc${i} IS NOT NULL THEN ${levelValue} ELSE _p${i} END`;
      b = `CASE WHEN _mc${i} IS NOT NULL THEN false ELSE ${b} END`;
      e = `CASE WHEN _mc${i} IS NOT NULL THEN ${missingAs(q) === "not-asked"} ELSE ${e} END`;
    }
    return `SELECT cell, ${p} AS p, ${b} AS b, ${e} AS e, _mc${i} AS m FROM ${relation}`;
  };
  // Each row's typed value (_p), verdict (_b) and emptiness (_e), before skip logic reads them: a
  // text's from its cell, the others' from their cell's entry (_x, 1-based; a NULL cell, only in
  // rows of the wrong length or blank, which are not read further, finds none).
  const steps: string[][] = [
    questions.flatMap((q, i) => (trimmedColumn(q) ? [`${trim(col(q))} AS _t${i}`] : [])),
    looked.map((q) => `enum_code(CAST(${col(q)} AS _enum${ord.get(q.id)})) + 1 AS _x${ord.get(q.id)}`),
    looked.map((q) => `getvariable('_l${ord.get(q.id)}').s[_x${ord.get(q.id)}] AS _s${ord.get(q.id)}`),
    looked.filter((q) => missingOf(q).length).map((q) => `getvariable('_l${ord.get(q.id)}').m[_x${ord.get(q.id)}] AS _mv${ord.get(q.id)}`)
  ];
  const hasMissingCodes = (q: Question) => q.type !== "text" && missingOf(q).length > 0;
  const mv = (q: Question) => (hasMissingCodes(q) ? `_mv${ord.get(q.id)}` : "NULL::VARCHAR");
  steps.push(questions.flatMap((q, i) => {
    // A looked-up cell's verdict, emptiness and whether it has a value, read as one small number
    // (_s: 1 invalid, 2 verdict NULL, 4 empty, 8 no value); the value itself only where skip logic
    // or a derived grouping reads it (in _v).
    if (q.type !== "text") return [`CASE _s${i} & 3 WHEN 0 THEN false WHEN 1 THEN true END AS _b${i}`, `(_s${i} & 4) <> 0 AS _e${i}`];
    const d = parsed(q, col(q), trimmedColumn(q) ? `_t${i}` : `(${trim(col(q))})`);
    return [`${d.value} AS _p${i}`, `${d.bad} AS _b${i}`, trimmedColumn(q) ? `_t${i} = '' AS _e${i}` : `${isEmpty(col(q))} AS _e${i}`];
  }));
  // Private answers are read only for readResponses (tests and the reconstruction generators
  // count them in their own output); they go to a table of their own, never `responses`.
  const privateQs = privateAnswers ? questions.filter((q) => !publicQs.includes(q)) : [];
  // The survey weight must be there, and positive, in every row (its value is read to check it).
  const weight = weightQuestion(cb);
  const noWeight = weight ? `(NOT _i${ord.get(weight.id)} AND NOT coalesce(_v${ord.get(weight.id)} ${cb.responses?.weight_zero === "allowed" ? ">=" : ">"} 0, false))` : "";
  const valueRead = new Set([...questions.flatMap(targetsOf), ...(cb.derived ?? []).map((d) => d.from), ...privateQs.map((q) => q.id), ...(weight ? [weight.id] : [])]);
  for (const layer of layers) {
    steps.push(layer.flatMap((q) => {
      const i = ord.get(q.id)!;
      const u = q.asked_if ? `(${targetsOf(q).map((t) => `_i${ord.get(t)}`).join(" OR ")})` : "false";
      const a = q.asked_if ? holds(q) : "true";
      return [`${u} AS _u${i}`, `${a} AS _a${i}`];
    }));
    steps.push(layer.flatMap((q) => {
      const i = ord.get(q.id)!;
      const judged = `NOT _u${i} AND NOT _e${i}`;
      const answered = `${judged} AND _a${i} AND NOT _b${i}`;
      return [
        `coalesce(${judged} AND (NOT _a${i} OR _b${i}), false) AS _i${i}`,
        ...(q.type === "text"
          ? [`CASE WHEN ${answered} THEN _p${i} END AS _v${i}`]
          : [
              // The answer as its entry (_w), and as its value where it is read (_v).
              `CASE WHEN ${answered} AND (_s${i} & 8) = 0 THEN _x${i} END AS _w${i}`,
              ...(valueRead.has(q.id) ? [`CASE WHEN ${answered} THEN getvariable('_l${i}').p[_x${i}] END AS _v${i}`] : [])
            ])
      ];
    }));
    // Why a public question has no answer, for the denominators: 0 answered, 1 not asked (skip
    // logic, a blank meaning not asked, or a code meaning it), 2 no answer, 3 a missing code or a
    // blank counted as "no" (its label in _cm).
    steps.push(layer.filter((q) => q.type !== "text" && publicQs.includes(q)).flatMap((q) => {
      const i = ord.get(q.id)!;
      const blank = {unanswered: 2, "not-asked": 1, no: 3}[blankOf(cb, q)];
      return [`CASE WHEN NOT _a${i} THEN 1 WHEN _e${i} THEN CASE WHEN ${mv(q)} IS NOT NULL THEN 1 ELSE ${blank} END WHEN ${mv(q)} IS NOT NULL AND (_s${i} & 8) <> 0 THEN 3 ELSE 0 END AS _st${i}`];
    }));
  }
  // Questions whose missing column says why there is no answer.
  const explained = publicQs.filter((q) => q.type !== "text" && (hasMissingCodes(q) || blankOf(cb, q) === "no"));

  // Per row, the problems as codes in the order the old parser listed them (the codebook's
  // questions, then the timestamp): "<question>a" an answer to a skipped question, "<question>v"
  // an invalid answer, "t" no timestamp. "L" is a row of the wrong length, which is not read further.
  const codes = [
    ...questions.map((q, i) => `CASE WHEN _i${i} THEN '${i}' || CASE WHEN _a${i} THEN 'v' ELSE 'a' END END`),
    ...(timestamp ? [`CASE WHEN ${isEmpty(c(index.get(timestamp)!))} THEN 't' END`] : []),
    // "w": no usable weight (an invalid number is already reported as the question's own problem).
    ...(weight ? [`CASE WHEN ${noWeight} THEN 'w' END`] : [])
  ];
  // Incomplete: a question that applies left blank (a blank that means "not asked" or "no", or a
  // code meaning not asked, is not a gap).
  const incomplete = questions.map((q, i) => (q.type === "text" || blankOf(cb, q) !== "unanswered" ? null : `(NOT _u${i} AND _a${i} AND _e${i} AND ${mv(q)} IS NULL)`)).filter((x) => x);
  const rightLength = `(${c(W - 1)} IS NOT NULL AND ${c(W)} IS NULL)`;

  const derived = (cb.derived ?? []).map((d) => {
    // The group of the answer's raw label (the first raw label shown as that answer), else the
    // "*" group; no answer, no group.
    const source = questions[ord.get(d.from)!];
    const v = `_v${ord.get(d.from)}`;
    const star = Object.entries(d.groups).find(([, labels]) => labels === "*")?.[0];
    const starSql = star === undefined ? "NULL" : literal(star);
    if (source.type === "multiple") return `CASE WHEN ${v} IS NOT NULL THEN ${starSql} END AS ${ident(d.id)}`;
    const firstRaw = new Map<string, string>();
    for (const [raw, label] of Object.entries(source.options!)) if (!firstRaw.has(label)) firstRaw.set(label, raw);
    const whens = [...firstRaw].map(([label, raw]) => {
      const group = Object.entries(d.groups).find(([, labels]) => labels !== "*" && labels.includes(raw))?.[0] ?? star;
      return `WHEN ${literal(label)} THEN ${group === undefined ? "NULL" : literal(group)}`;
    });
    return `CASE WHEN ${v} IS NULL THEN NULL ${whens.map((w) => w.replace(/^WHEN /, `WHEN ${v} = `)).join(" ")} ELSE ${starSql} END AS ${ident(d.id)}`;
  });

  // The file's cells, and the cells made of the columns of a question with one column per option.
  // A sheet's rows all have its width (empty cells are ''), padded with NULLs to the CSV's D columns.
  const withOptionCells = (from: string) => (optionCells.length ? `(SELECT *, ${optionCells.join(", ")} FROM ${from})` : from);
  const csv = (parallel: boolean) =>
    withOptionCells(
      sheet
        ? `(SELECT *${Array.from({length: Math.max(0, D - sheet.width)}, (_, k) => `, NULL::VARCHAR AS ${c(sheet.width + k)}`).join("")} FROM _sheet)`
        : `read_csv(${literal(path)}, header = false, all_varchar = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
      columns = {${Array.from({length: D}, (_, k) => `${literal(c(k))}: 'VARCHAR'`).join(", ")}},
      null_padding = true, strict_mode = false, nullstr = ${literal(NO_NULL)}, parallel = ${parallel})`
    );
  // A sheet has no rows of the wrong length (cells past the header must be empty), and a blank row
  // is one of empty cells.
  const blankRow = sheet ? `(concat(${Array.from({length: W}, (_, k) => c(k)).join(", ")}) = '')` : `(${c(0)} = '' AND ${c(1)} IS NULL)`;
  const okRow = sheet ? `(coalesce(${c(W)}, '') = '')` : rightLength;
  // A layer is a SELECT over the one before (DuckDB merges them; each names what the next reads).
  // A blank row (one empty cell) is no response, as the old parser had it. DuckDB drops lines with
  // no character at all, which the old parser counted as rows: after one, rows are numbered one less.
  let relation = `(SELECT *, ${blankRow} AS _blank, ${okRow} AS _ok FROM __CSV__)`;
  for (const step of steps) if (step.length) relation = `(SELECT *, ${step.join(", ")} FROM ${relation})`;
  // Rows of the wrong length are only counted; their cells are not checked. Only flagged rows keep
  // their raw cells, for the messages.
  relation = `(SELECT *, CASE WHEN _blank THEN '' WHEN NOT _ok THEN 'L' WHEN ${[...questions.map((q, i) => `_i${i}`), ...(timestamp ? [isEmpty(c(index.get(timestamp)!))] : []), ...(weight ? [noWeight] : []), "false"].join(" OR ")} THEN concat_ws(',', ${[...codes, "NULL"].join(", ")}) ELSE '' END AS _problems FROM ${relation})`;
  // The table keeps the file's order (DuckDB preserves insertion order, also when it reads the
  // file in parallel), so a row's rowid + 1 is its spreadsheet row: the header rows come first and
  // are left out below. No row_number() window: it would make the whole pass single-threaded.
  // A looked-up answer is kept as its cell's entry (a small integer) and becomes its value only in
  // `responses`: the working table holds no label, list or number more than once.
  const stored = (q: Question) => `${q.type === "text" ? "_v" : "_w"}${ord.get(q.id)}`;
  const value = (q: Question) => (q.type === "text" ? ident(q.id) : `getvariable('_l${ord.get(q.id)}').p[${ident(q.id)}]`);
  const dropLookups = async () => {
    for (const q of looked) {
      await connection.run(`DROP TYPE _enum${ord.get(q.id)}`);
      await connection.run(`RESET VARIABLE _l${ord.get(q.id)}`);
    }
  };
  // Two rows of the same cells are one response counted twice (unless the codebook allows it);
  // their cells are compared by a 128-bit hash, computed by DuckDB as it reads.
  const duplicatesChecked = cb.responses?.duplicates !== "allowed";
  const parse = (csv: string) => connection.run(`CREATE TEMP TABLE _parsed AS SELECT _blank, _problems,
      ${incomplete.length ? `NOT (${incomplete.join(" OR ")})` : "true"} AS _complete,
      ${[
        ...publicQs.map((q) => `${stored(q)} AS ${ident(q.id)}`),
        ...derived,
        ...privateQs.map((q) => `_v${ord.get(q.id)} AS _private_${ord.get(q.id)}`),
        ...publicQs.filter((q) => q.type !== "text").map((q) => `CAST(_st${ord.get(q.id)} AS UTINYINT) AS _st${ord.get(q.id)}`),
        ...explained.map((q) => `CASE WHEN _st${ord.get(q.id)} = 3 THEN coalesce(${mv(q)}, ${literal(BLANK_LABEL)}) END AS ${ident(missingColumn(q.id))}`)
      ].map((x) => `${x},`).join(" ")}
      ${duplicatesChecked ? `md5_number(concat_ws(${literal(UNIT)}, ${Array.from({length: W}, (_, k) => `coalesce(${c(k)}, ${literal(BAD)})`).join(", ")})) AS _h,` : ""}
      ${respondentId ? `${trim(c(index.get(respondentId)!))} AS _id,` : ""}
      CASE WHEN _problems <> '' THEN [${Array.from({length: D}, (_, k) => c(k)).join(", ")}] END AS _cells
    FROM ${relation.replace("__CSV__", csv)}`);
  // The distinct cells of each looked-up question, in one read of the file (header rows included:
  // they are typed too, and left out with their rows).
  const distinct = (csv: string) => connection.run(`CREATE TEMP TABLE _distinct AS SELECT ${
    looked.length ? looked.map((q) => `list(DISTINCT ${col(q)}) FILTER (${col(q)} IS NOT NULL) AS _d${ord.get(q.id)}`).join(", ") : "NULL AS _none"} FROM ${csv}`);
  const readFile = async (read: (csv: string) => Promise<unknown>, table: string) => {
    try {
      try {
        await read(csv(true));
      } catch (error) {
        // DuckDB's parallel reader cannot pad short rows when a quoted cell holds a line break; such a
        // file is read on one thread (same result, slower).
        if (!/null_padding in conjunction with quoted new lines/.test(String(error))) throw error;
        await connection.run(`DROP TABLE IF EXISTS ${table}`);
        await read(csv(false));
      }
    } catch (error) {
      throw csvReadError(error, file) ?? error;
    }
  };
  await readFile(distinct, "_distinct");
  for (const q of looked) {
    const i = ord.get(q.id)!;
    await connection.run(`CREATE TYPE _enum${i} AS ENUM (SELECT unnest(_d${i}) FROM _distinct)`);
    const order = `ORDER BY enum_code(CAST(cell AS _enum${i}))`;
    await connection.run(`SET VARIABLE _l${i} = (SELECT {p: list(p ${order}), s: list(CAST(CASE WHEN b IS NULL THEN 2 WHEN b THEN 1 ELSE 0 END + CASE WHEN e THEN 4 ELSE 0 END + CASE WHEN p IS NULL THEN 8 ELSE 0 END AS UTINYINT) ${order})${missingOf(q).length ? `, m: list(m ${order})` : ""}} FROM (${lookupTable(q)}))`);
  }
  await readFile(parse, "_parsed");
  await connection.run("DROP TABLE _distinct");
  if (sheet) await connection.run("DROP TABLE _sheet");
  const rows = `FROM _parsed WHERE rowid >= ${H}`;

  const counted = (await connection.runAndReadAll(`SELECT count(*) FILTER (_problems <> '') AS rows,
      coalesce(sum(len(string_split(_problems, ','))) FILTER (_problems <> ''), 0) AS n,
      count(*) FILTER (_blank) AS blank, count(*) FILTER (NOT _blank) AS kept ${rows}`)).getRowObjectsJS()[0];
  // The working table and lookups go with the error the rows' problems become.
  const abandon = async (error: ValidationError): Promise<never> => {
    await connection.run("DROP TABLE _parsed");
    await dropLookups();
    throw error;
  };
  // A question with a column per option: the column that is wrong, and why.
  const optionColumnIssue = (q: Question, row: number, cells: (string | null)[], skipped: boolean) => {
    const subs = Object.entries(q.options!).map(([key, label]) => {
      const name = optionColumn(format, q.column, key);
      const k = index.get(name)!;
      const cell = (cells[k] ?? "").trim();
      const ticked = formatName === "redcap" ? (TICKED.includes(cell) ? true : UNTICKED.includes(cell) ? false : null) : !UNTICKED.includes(cell);
      return {key, label, name, k, cell: cells[k] ?? "", ticked};
    });
    const bad = subs.find((s) => s.ticked === null);
    const ticked = subs.filter((s) => s.ticked);
    if (skipped) {
      const s = ticked[0] ?? subs[0];
      issue(row, s.k, s.name, s.cell, `an empty cell: "${q.id}" is asked only when ${describeCondition(q, cb)}`);
    } else if (bad) {
      issue(row, bad.k, bad.name, bad.cell, `1 or "Checked" (ticked), or 0, "Unchecked" or an empty cell (not ticked)`);
    } else {
      const excl = ticked.find((s) => q.exclusive?.includes(s.key)) ?? ticked[0];
      issue(row, excl.k, excl.name, excl.cell, `"${excl.label}" alone: it cannot be ticked with ${ticked.filter((s) => s !== excl).map((s) => `"${s.label}"`).join(", ")} (exclusive in the codebook)`);
    }
  };
  if (Number(counted.rows)) {
    const flagged = (await connection.runAndReadAll(`SELECT rowid + 1 AS _row, _problems, _cells ${rows} AND _problems <> '' ORDER BY rowid LIMIT ${MAX_ISSUES}`)).getRowObjectsJS();
    for (const f of flagged) {
      const row = Number(f._row);
      const all = (f._cells as unknown as (string | null)[]);
      const cells = all.filter((x) => x !== null) as string[];
      for (const code of String(f._problems).split(",")) {
        if (code === "L") {
          const n = cells.length === D ? `${D} or more` : String(cells.length);
          issue(row, Math.min(cells.length, W), "(row length)", n, `${W} cells, as in the header (a quote or separator is probably out of place)`);
        } else if (code === "t") {
          issue(row, index.get(timestamp!)!, timestamp!, "", "the submission time");
        } else if (code === "w") {
          const k = index.get(weight!.column)!;
          const zero = cb.responses?.weight_zero === "allowed";
          issue(row, k, weight!.column, cells[k], `a survey weight ${zero ? "≥ 0" : "> 0"} in every row (responses.weight: ${weight!.id}); export the weights again${zero ? "" : ", or set responses.weight_zero: allowed if a weight of 0 is intended"}`);
        } else {
          const q = questions[Number(code.slice(0, -1))];
          if (hasOptionColumns(cb, q)) {
            optionColumnIssue(q, row, all, code.endsWith("a"));
            continue;
          }
          const k = index.get(q.column)!;
          issue(row, k, q.column, cells[k], code.endsWith("a") ? `an empty cell: "${q.id}" is asked only when ${describeCondition(q, cb)}` : expectation(q, cells[k].trim(), cb, separator));
        }
      }
    }
    total = Number(counted.n);
    await abandon(new ValidationError(issues, total));
  }

  await checkRespondentsOnce(connection, {rows, issue, duplicatesChecked, respondentId, idColumn: respondentId ? index.get(respondentId)! : -1});
  if (total) await abandon(new ValidationError(issues, total));
  // An export of header rows only: there is nothing to report on (and no share has a denominator).
  if (!Number(counted.kept))
    await abandon(new ValidationError([{file, row: "-", column: "-", value: "", expected: `responses, but the export has no responses: it has its header row${H > 1 ? "s" : ""} but no row of answers (export again once responses have come in)`}]));

  const columns = [
    "respondent INTEGER NOT NULL PRIMARY KEY",
    "complete BOOLEAN NOT NULL",
    ...publicQs.map((q) => `${ident(q.id)} ${sqlType(q)}`),
    ...(cb.derived ?? []).map((d) => `${ident(d.id)} VARCHAR`),
    ...explained.map((q) => `${ident(missingColumn(q.id))} VARCHAR`)
  ];
  await connection.run(`CREATE TABLE responses (${columns.join(", ")})`);
  // Respondents are numbered 1… in file order; a window is needed only when blank rows interrupt it.
  const respondent = Number(counted.blank) ? "CAST(row_number() OVER (ORDER BY rowid) AS INTEGER)" : `CAST(rowid - ${H - 1} AS INTEGER)`;
  // A scan of _parsed is in rowid order (DuckDB keeps insertion order), so no sort is needed,
  // except after the window.
  const kept = `${rows} AND NOT _blank${Number(counted.blank) ? " ORDER BY rowid" : ""}`;
  await connection.run(`INSERT INTO responses SELECT ${respondent}, _complete${[...publicQs.map(value), ...(cb.derived ?? []).map((d) => ident(d.id)), ...explained.map((q) => ident(missingColumn(q.id)))].map((x) => `, ${x}`).join("")} ${kept}`);
  // How many were not asked, and how many left each question blank: the denominators' words.
  const judged = publicQs.filter((q) => q.type !== "text");
  await connection.run(`CREATE TABLE answer_counts (question VARCHAR, not_asked BIGINT, unanswered BIGINT)`);
  if (judged.length)
    await connection.run(`INSERT INTO answer_counts SELECT unnest([${judged.map((q) => `{question: ${literal(q.id)}, not_asked: count(*) FILTER (_st${ord.get(q.id)} = 1), unanswered: count(*) FILTER (_st${ord.get(q.id)} = 2)}`).join(", ")}], recursive := true) ${rows} AND NOT _blank`);
  if (privateAnswers)
    await connection.run(`CREATE TEMP TABLE private_answers AS SELECT ${respondent} AS respondent${privateQs.map((q) => `, _private_${ord.get(q.id)} AS ${ident(q.id)}`).join("")} ${kept}`);
  await connection.run("DROP TABLE _parsed");
  await dropLookups();
  const multiple = publicQs.filter((q) => q.type === "multiple");
  // Made in the order of (respondent, question) without sorting: `responses` is in respondent
  // order, and each row unnests its questions in DuckDB's order of their ids (byte order).
  const byId = [...multiple].sort((a, b) => Buffer.compare(Buffer.from(a.id), Buffer.from(b.id)));
  await connection.run(
    `CREATE TABLE choices AS ${
      multiple.length
        ? `SELECT respondent, s.question AS question, unnest(s.options) AS option FROM (SELECT respondent, unnest([${byId.map((q) => `{question: ${literal(q.id)}, options: ${ident(q.id)}}`).join(", ")}]) AS s FROM responses)`
        : "SELECT NULL::INTEGER AS respondent, NULL::VARCHAR AS question, NULL::VARCHAR AS option WHERE false"
    }`
  );
}

/**
 * Each respondent once: no two rows with the same cells (unless responses.duplicates: allowed), and
 * no respondent id (responses.respondent_id) empty or used twice. Adds an issue per repeat, naming
 * the row and the one it repeats, as the grouping found them in SQL (one pass, a hash per row).
 */
async function checkRespondentsOnce(
  connection: DuckDBConnection,
  {rows, issue, duplicatesChecked, respondentId, idColumn}: {rows: string; issue: (row: number, col: number, name: string, value: string, expected: string) => void; duplicatesChecked: boolean; respondentId?: string; idColumn: number}
): Promise<void> {
  // The repeated keys first (a count per key), then the rows of those only: listing the rows of
  // every key, a million lists of one, took most of the check's time on a million rows.
  const repeats = async (key: "_h" | "_id") =>
    (await connection.runAndReadAll(
      `WITH keyed AS (SELECT rowid, ${key} AS _k ${rows} AND NOT _blank${key === "_id" ? " AND _id <> ''" : ""}),
            repeated AS (SELECT _k FROM keyed GROUP BY _k HAVING count(*) > 1 ORDER BY min(rowid) LIMIT ${MAX_ISSUES})
       SELECT list(rowid + 1 ORDER BY rowid) AS r, any_value(${key === "_h" ? "NULL" : "_k"}) AS id FROM keyed WHERE _k IN (SELECT _k FROM repeated) GROUP BY _k ORDER BY min(rowid)`
    )).getRowObjectsJS() as {r: bigint[]; id: string | null}[];
  if (duplicatesChecked)
    for (const {r} of await repeats("_h"))
      for (const row of r.slice(1))
        issue(Number(row), -1, "", "", `a response once, but every cell of row ${row} is the same as in row ${r[0]} (a response counted twice): delete the repeat on the platform and export again, or set responses.duplicates: allowed if different respondents can give identical rows`);
  if (respondentId) {
    const empty = (await connection.runAndReadAll(`SELECT rowid + 1 ${rows} AND NOT _blank AND _id = '' ORDER BY rowid LIMIT ${MAX_ISSUES}`)).getRows();
    for (const [row] of empty) issue(Number(row), idColumn, respondentId, "", `the respondent's id (responses.respondent_id)`);
    for (const {r, id} of await repeats("_id"))
      for (const row of r.slice(1)) issue(Number(row), idColumn, respondentId, id ?? "", `an id no other row has, but row ${r[0]} has it too: the respondent id "${id}" is used twice (a respondent counted twice; remove the repeat and export again)`);
  }
}

/**
 * The longest row DuckDB reads: its default, 2 MB. (Raising it makes every reading thread hold
 * buffers of that size, which ran a small export out of the 600 MB memory limit.)
 */
const MAX_LINE_BYTES = 2_000_000;

/**
 * DuckDB's own CSV errors (a row longer than MAX_LINE_BYTES, bytes it cannot decode) as a
 * ValidationError naming the row; undefined for any other error (a bug, shown with its stack).
 */
function csvReadError(error: unknown, file: string): ValidationError | undefined {
  const message = error instanceof Error ? error.message : String(error);
  const line = /CSV Error on Line: (\d+)/.exec(message)?.[1];
  if (!line) return undefined;
  const size = /Maximum line size of \d+ bytes exceeded\. Actual Size:(\d+) bytes/.exec(message)?.[1];
  const reason = size
    ? `a row of at most ${MAX_LINE_BYTES / 1e6} MB, but this one is ${Number(size).toLocaleString("en-US")} bytes (a cell holding a whole file, or a quote never closed): correct it on the platform and export again`
    : `a row DuckDB can read (${message.split("\n").find((l) => !/^(Invalid Input Error|Original Line|Possible Solution|\s*file =)/.test(l))?.slice(0, 200) ?? "it could not"})`;
  return new ValidationError([{file, row: Number(line), column: "", value: "", expected: reason}]);
}

/** What an invalid answer should have been. */
function expectation(q: Question, raw: string, cb: Codebook, separator: string): string {
  const codes = Object.keys(missingCodesOf(cb, q));
  const orMissing = codes.length ? ` (or a missing code: ${codes.map((c) => `"${c}"`).join(", ")})` : "";
  return expected(q, raw, cb, separator) + orMissing;
}

function expected(q: Question, raw: string, cb: Codebook, separator: string): string {
  const loose = matchOf(cb, q) === "loose" ? " (case and spaces aside)" : "";
  switch (q.type) {
    case "single":
    case "ordinal":
      return `one of ${listOptions(q)}${loose}`;
    case "multiple": {
      // The written-in text, as splitChoices finds it (SQL only said there was some).
      const {chosen, other} = splitChoices(raw, Object.keys(q.options!), separator);
      const exclusive = chosen.find((o) => q.exclusive?.includes(o));
      if (!other && exclusive) return `"${exclusive}" alone: it cannot be ticked with ${chosen.filter((o) => o !== exclusive).map((o) => `"${o}"`).join(", ")} (exclusive in the codebook)`;
      return `options of ${listOptions(q)}${loose}, joined with "${separator}" (found "${other}"; add \`other:\` to the question if written-in answers are allowed)`;
    }
    case "rating": {
      const scale = scaleOf(cb, q);
      return `a whole number from ${scale.min} to ${scale.max}`;
    }
    case "number":
      return `${q.integer ? "a whole number" : `a number (decimal ${decimalOf(cb, q) === "," ? 'comma, as `decimal: ","` says' : 'point; if the file writes 1,5 set `decimal: ","`'})`}${q.min !== undefined ? ` ≥ ${q.min}` : ""}${q.max !== undefined ? ` and ≤ ${q.max}` : ""}${
        q.bands ? ` in one of the bands ${q.bands.map((b) => `${b.label} (${b.min ?? "…"}–${b.max ?? "…"})`).join(", ")}; add a band or correct the value` : ""}`;
    case "text":
      throw new Error("a text answer is never invalid");
  }
}

function listOptions(q: Question): string {
  return Object.keys(q.options!).map((o) => `"${o}"`).join(", ");
}

function describeCondition(q: Question, _cb: Codebook): string {
  const one = (cond: Condition) =>
    cond.in ? `"${cond.question}" is ${cond.in.map((l) => `"${l}"`).join(" or ")}` : `"${cond.question}" is answered and is not ${cond.not!.map((l) => `"${l}"`).join(" or ")}`;
  const conds = conditionsOf(q.asked_if!);
  return conds.map(one).join(combinesWith(q.asked_if!) === "any" ? ", or " : ", and ");
}
