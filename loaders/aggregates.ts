// Studies known only by their published figures (data: aggregates in the codebook): a CSV with one
// published number per row and its source. They are shown as published, never turned into
// respondents. Columns are fixed (docs/codebook.md); every cell is checked like a survey export's.
import {createHash} from "node:crypto";
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {csvParseRows} from "d3-dsv";
import {type Codebook, DATA_DIR, displayPath, loadCodebook} from "./codebook.ts";
import {type Issue, ValidationError, columnLetter} from "./responses.ts";
import {wilsonInterval} from "../src/components/stats.ts";

export interface Aggregate {
  /** Unique within the study; claims and headlines refer to it. */
  id: string;
  /** What was measured, e.g. "Uses YouTube". */
  measure: string;
  /** Who, e.g. "US adults", "US adults aged 18–24". */
  population: string;
  /** The value as printed (a string: "73", "47"). */
  printed: string;
  value: number;
  unit: "%";
  /** Sample size behind the value, when the source gives one. */
  n: number | null;
  /** Year of fieldwork or publication the source gives. */
  year: number;
  /** Citation of the source that prints the value. */
  source: string;
  /** Where in the source it is printed. */
  where: string;
  /** Caveat, e.g. a weighting the value includes. */
  note: string;
  /** 95% Wilson interval (percent) when the source gives n, as if from a simple random sample. */
  low: number | null;
  high: number | null;
}

export const AGGREGATE_COLUMNS = ["id", "measure", "population", "value", "unit", "n", "year", "source", "where", "note"] as const;

export interface AggregateData {
  codebook: Codebook;
  aggregates: Aggregate[];
  sha256: string;
}

export function readAggregates(study: string): AggregateData {
  const codebook = loadCodebook(study);
  if (!codebook.aggregates) throw new Error(`${study}: the codebook names no aggregates file`);
  const path = join(DATA_DIR, study, codebook.aggregates.file);
  const bytes = readFileSync(path);
  return {codebook, aggregates: parseAggregates(bytes.toString("utf8"), displayPath(path)), sha256: createHash("sha256").update(bytes).digest("hex")};
}

export function parseAggregates(text: string, file = "aggregates.csv"): Aggregate[] {
  const rows = csvParseRows(text.replace(/^\uFEFF/, ""));
  const issues: Issue[] = [];
  const header = rows[0] ?? [];
  const fail = (row: number, col: number, value: string, expected: string) =>
    issues.push({file, row, column: `${columnLetter(col)} "${header[col] ?? AGGREGATE_COLUMNS[col] ?? ""}"`, value, expected});
  if (header.join(",") !== AGGREGATE_COLUMNS.join(",")) {
    fail(1, 0, header.join(","), `the header ${AGGREGATE_COLUMNS.join(",")}`);
    throw new ValidationError(issues);
  }
  const ids = new Set<string>();
  const aggregates: Aggregate[] = [];
  rows.slice(1).forEach((cells, i) => {
    const row = i + 2;
    if (cells.length === 1 && cells[0] === "") return;
    if (cells.length !== header.length) return void fail(row, 0, String(cells.length), `${header.length} cells`);
    const [id, measure, population, value, unit, n, year, source, where, note] = cells.map((c) => c.trim());
    if (!/^[a-z0-9_]+$/.test(id) || ids.has(id)) fail(row, 0, id, "a unique id of lower-case letters, digits and _");
    ids.add(id);
    if (!measure) fail(row, 1, measure, "what was measured");
    if (!population) fail(row, 2, population, "who was measured");
    if (!/^\d+(\.\d+)?$/.test(value) || Number(value) > 100) fail(row, 3, value, "a percentage from 0 to 100, as printed");
    if (unit !== "%") fail(row, 4, unit, '"%"');
    if (n !== "" && !/^[1-9]\d*$/.test(n)) fail(row, 5, n, "a whole number, or empty when the source gives none");
    if (!/^(19|20)\d\d$/.test(year)) fail(row, 6, year, "a four-digit year");
    if (!source) fail(row, 7, source, "the citation of the source that prints the value");
    if (!where) fail(row, 8, where, "where in the source the value is printed");
    const size = n === "" ? null : Number(n);
    // The printed share times n need not be a whole count (weighted estimates): Wilson's formula
    // takes the proportion as it is.
    const [low, high] = size && Number(value) <= 100 ? wilsonInterval((Number(value) / 100) * size, size).map((b) => 100 * b) : [null, null];
    aggregates.push({id, measure, population, printed: value, value: Number(value), unit: "%", n: size, year: Number(year), source, where, note, low, high});
  });
  if (issues.length) throw new ValidationError(issues);
  return aggregates;
}
