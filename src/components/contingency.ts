// A cross-tabulation of two questions, as the reader's explorer builds it: the SQL that counts it
// (DuckDB-Wasm in the page; native DuckDB in the tests) and the table made from those counts —
// n, row or column % with Wilson 95% intervals, and gtsummary's test (χ², or Fisher's exact test
// when an expected count is below 5). The statistics are the build's own (stats.ts), so for the
// groupings a paper used, the p-value is the one in the study's Table 1 (contingency.test.ts).
// A weighted study's table is weighted as the build weights Table 1: weighted %, survey's logit
// intervals and the Rao–Scott test, from each cell's Σw and Σw² (survey-totals.ts).
import {type AssociationResult, chiSquareTest, compareProportions, formatNPercent, formatP, formatPercent, wilsonInterval} from "./stats.js";
import {raoScottOfCells, svyShareOfTotals} from "./survey-totals.js";
import {type CodebookLike, answerIs, ident, levelExpression, literal} from "./sql.js";

/** What the reader picked. */
export interface CrossTabSpec {
  /** The question whose answers are counted (the table's rows). */
  row: string;
  /** The question that splits respondents into groups (the table's columns). */
  column: string;
  /** Count one answer of `row` against all the others (needed for a multiple-choice question). */
  rowLevel?: string;
  /** Only respondents who gave this answer. */
  filter?: {variable: string; level: string};
}

/** The row that stands for every answer but `rowLevel`. */
export const OTHER_ANSWERS = "Any other answer";

/**
 * SQL counting respondents by (row answer, column answer). Either is NULL for a respondent who
 * did not answer that question; those are counted too, so the table can say how many it leaves out.
 */
export function crossTabQuery(codebook: CodebookLike, {row, column, rowLevel, filter}: CrossTabSpec): string {
  const rowType = codebook.questions.find((q) => q.id === row)?.type;
  if (rowType === "multiple" && rowLevel === undefined)
    throw new Error(`"${row}" allows several answers: pick one answer to count against the others`);
  if (codebook.questions.find((q) => q.id === column)?.type === "multiple")
    throw new Error(`"${column}" allows several answers, so it cannot split respondents into groups`);
  const rowExpression =
    rowLevel === undefined
      ? levelExpression(codebook, row)
      : `CASE WHEN ${ident(row)} IS NULL THEN NULL WHEN ${answerIs(codebook, row, rowLevel)} THEN ${literal(rowLevel)} ELSE ${literal(OTHER_ANSWERS)} END`;
  return [
    `SELECT ${rowExpression} AS row_level,`,
    `  ${levelExpression(codebook, column)} AS column_level,`,
    `  CAST(count(*) AS INTEGER) AS n${codebook.weight ? `, sum(${ident(codebook.weight.id)}) AS w, sum(${ident(codebook.weight.id)} * ${ident(codebook.weight.id)}) AS w2` : ""}`,
    `FROM responses`,
    ...(filter ? [`WHERE ${answerIs(codebook, filter.variable, filter.level)}`] : []),
    `GROUP BY ALL`
  ].join("\n");
}

export interface Cell {
  row: string;
  column: string;
  n: number;
  /** The count the percentage is of: the column's total, or the row's. */
  base: number;
  percent: number;
  /** Wilson 95% interval of the percentage, in percent. */
  low: number;
  high: number;
  /** gtsummary's "n (%)" (in a weighted table: unweighted n, weighted %). */
  text: string;
  /** Weighted tables: the cell's Σw. */
  weighted?: number;
}

export interface CrossTab {
  percent: "column" | "row";
  rows: string[];
  columns: string[];
  cells: Cell[];
  /** Each row over every respondent in the table (percent = column), or each column's total (percent = row). */
  margins: Cell[];
  total: number;
  /** Respondents left out because they did not answer one of the two questions. */
  missing: number;
  /** Answers or groups nobody in the table gave: not shown, and not part of the test. */
  empty: string[];
  /** `approximate`: χ² although an expected count is below 5, because Fisher's test was out of reach. */
  test: ((AssociationResult | RaoScottAssociation) & {pText: string; approximate?: boolean}) | null;
  /** Whether percentages and the test are weighted. */
  weighted: boolean;
  /** Why there is no test, when there is none. */
  noTest?: string;
  /** Why the test is approximate, when it is. */
  caveat?: string;
}

/**
 * The table from the counts `crossTabQuery` returns. `rows` and `columns` are the answers in the
 * codebook's order. Answers nobody gave are left out of the table and the test: gtsummary keeps an
 * empty level, which makes an expected count 0 and so forces Fisher's test, which can be out of
 * reach with thousands of respondents; an empty level does not change Fisher's p-value.
 */
/** The Rao–Scott test of a weighted table. */
export interface RaoScottAssociation {p: number; test: "rao-scott"; method: string; statistic: number; ndf: number; ddf: number | null}

export function crossTabulate(
  counts: {row_level: string | null; column_level: string | null; n: number; w?: number | null; w2?: number | null}[],
  {rows, columns, percent = "column"}: {rows: string[]; columns: string[]; percent?: "column" | "row"}
): CrossTab {
  let missing = 0;
  const count = new Map<string, number>();
  const sumW = new Map<string, number>();
  const sumW2 = new Map<string, number>();
  const weighted = counts.some((c) => c.w !== undefined && c.w !== null);
  // The design's rows, for survey's n/(n − 1): every respondent the query counted.
  const designN = counts.reduce((s, c) => s + Number(c.n), 0);
  const key = (r: string, c: string) => JSON.stringify([r, c]);
  const add = (m: Map<string, number>, k: string, x: number) => m.set(k, (m.get(k) ?? 0) + x);
  for (const {row_level: r, column_level: c, n, w, w2} of counts) {
    if (r === null || c === null) {
      missing += Number(n);
      continue;
    }
    if (!rows.includes(r)) throw new Error(`the answer "${r}" is not one of ${rows.map((l) => `"${l}"`).join(", ")}`);
    if (!columns.includes(c)) throw new Error(`the group "${c}" is not one of ${columns.map((l) => `"${l}"`).join(", ")}`);
    add(count, key(r, c), Number(n));
    if (weighted) {
      add(sumW, key(r, c), Number(w ?? 0));
      add(sumW2, key(r, c), Number(w2 ?? 0));
    }
  }
  const at = (r: string, c: string) => count.get(key(r, c)) ?? 0;
  const rowTotal = (r: string) => columns.reduce((s, c) => s + at(r, c), 0);
  const columnTotal = (c: string) => rows.reduce((s, r) => s + at(r, c), 0);
  const keptRows = rows.filter((r) => rowTotal(r) > 0);
  const keptColumns = columns.filter((c) => columnTotal(c) > 0);
  const total = keptRows.reduce((s, r) => s + rowTotal(r), 0);

  // Σw and Σw² over a set of cells (weighted tables).
  const sums = (pairs: [string, string][]) => ({
    n: pairs.reduce((s, [r, c]) => s + at(r, c), 0),
    w: pairs.reduce((s, [r, c]) => s + (sumW.get(key(r, c)) ?? 0), 0),
    w2: pairs.reduce((s, [r, c]) => s + (sumW2.get(key(r, c)) ?? 0), 0)
  });
  const cell = (row: string, column: string, part: [string, string][], whole: [string, string][]): Cell => {
    const x = sums(part), of = sums(whole);
    if (weighted) {
      const s = svyShareOfTotals({n: of.n, w: of.w, w2: of.w2, wy: x.w, w2y: x.w2, designN});
      const text = of.w > 0 ? `${x.n.toLocaleString("en-US")} (${formatPercent(Math.min(x.w, of.w), of.w)})` : "0 (–)";
      return {row, column, n: x.n, base: of.n, percent: 100 * s.estimate, low: 100 * s.low, high: 100 * s.high, text, weighted: x.w};
    }
    const [low, high] = wilsonInterval(x.n, of.n);
    return {row, column, n: x.n, base: of.n, percent: (100 * x.n) / of.n, low: 100 * low, high: 100 * high, text: formatNPercent(x.n, of.n)};
  };
  const inColumn = (c: string) => keptRows.map((r) => [r, c] as [string, string]);
  const inRow = (r: string) => keptColumns.map((c) => [r, c] as [string, string]);
  const everyone = keptRows.flatMap(inRow);
  const cells = keptRows.flatMap((r) => keptColumns.map((c) => cell(r, c, [[r, c]], percent === "column" ? inColumn(c) : inRow(r))));
  const margins = percent === "column" ? keptRows.map((r) => cell(r, "Total", inRow(r), everyone)) : keptColumns.map((c) => cell("Total", c, inColumn(c), everyone));

  let test: CrossTab["test"] = null;
  let noTest: string | undefined;
  let caveat: string | undefined;
  if (keptRows.length < 2 || keptColumns.length < 2) {
    noTest = `a test needs at least two answers and two groups with respondents (this table has ${keptRows.length} and ${keptColumns.length})`;
  } else if (weighted) {
    // Groups × answers, as the build lays out a weighted Table 1.
    const table = keptColumns.map((c) => keptRows.map((r) => sums([[r, c]])));
    const result = raoScottOfCells(table, {designN});
    test = {p: result.p, test: "rao-scott", method: result.method, statistic: result.statistic, ndf: result.ndf, ddf: result.ddf, pText: formatP(result.p)};
  } else {
    // Groups × answers, as the build lays out Table 1: the same sums in the same order, so the
    // same p-value to the last bit (the transpose differs in rounding only).
    const table = keptColumns.map((c) => keptRows.map((r) => at(r, c)));
    try {
      const result = compareProportions(table);
      test = {...result, pText: formatP(result.p)};
    } catch (error) {
      // Past its work cap (FISHER_MAX_WORK in stats.ts, well beyond what R's fisher.test does with
      // its default workspace), Fisher's test stops, and only then the reader gets Pearson's χ²,
      // said to be approximate.
      const {p, statistic, df, method, expected} = chiSquareTest(table, {correct: false});
      const minExpected = Math.min(...expected.flat());
      test = {p, test: "chisq", method, statistic, df, minExpected, pText: formatP(p), approximate: true};
      caveat =
        `Fisher's exact test is out of reach for this table (${(error as Error).message.replace(/^fisherExactTest: /, "").split(";")[0]}), ` +
        `so this is Pearson's χ² test, approximate because an expected count is below 5 (the smallest is ${minExpected.toFixed(1)}). ` +
        `Merging sparse answers or groups gives a sounder test.`;
    }
  }
  return {
    percent,
    rows: keptRows,
    columns: keptColumns,
    cells,
    margins,
    total,
    missing,
    empty: [...rows.filter((r) => !keptRows.includes(r)), ...columns.filter((c) => !keptColumns.includes(c))],
    test,
    weighted,
    noTest,
    caveat
  };
}

/** "Pearson's χ² test: χ² = 12.34, df = 4, p = 0.015", "Fisher's exact test: p <0.001". */
export function describeTest(test: NonNullable<CrossTab["test"]>): string {
  const p = /^[<>]/.test(test.pText) ? `p ${test.pText}` : `p = ${test.pText}`;
  if (test.test === "rao-scott") return `${test.method}: F = ${test.statistic.toFixed(2)}, df = ${test.ndf.toFixed(2)}, ${test.ddf?.toFixed(1)}, ${p}`;
  if (test.test === "chisq") return `Pearson's χ² test${test.approximate ? " (approximate)" : ""}: χ² = ${test.statistic!.toFixed(2)}, df = ${test.df}, ${p}`;
  return `Fisher's exact test: ${p}`;
}
