// A cross-tabulation of two questions, as the reader's explorer builds it: the SQL that counts it
// (DuckDB-Wasm in the page; native DuckDB in the tests) and the table made from those counts —
// n, row or column % with Wilson 95% intervals, and gtsummary's test (χ², or Fisher's exact test
// when an expected count is below 5). The statistics are the build's own (stats.ts), so for the
// groupings a paper used, the p-value is the one in the study's Table 1 (contingency.test.ts).
import {type AssociationResult, chiSquareTest, compareProportions, formatNPercent, formatP, wilsonInterval} from "./stats.js";
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
    `  CAST(count(*) AS INTEGER) AS n`,
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
  /** gtsummary's "n (%)". */
  text: string;
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
  test: (AssociationResult & {pText: string; approximate?: boolean}) | null;
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
export function crossTabulate(
  counts: {row_level: string | null; column_level: string | null; n: number}[],
  {rows, columns, percent = "column"}: {rows: string[]; columns: string[]; percent?: "column" | "row"}
): CrossTab {
  let missing = 0;
  const count = new Map<string, number>();
  const key = (r: string, c: string) => JSON.stringify([r, c]);
  for (const {row_level: r, column_level: c, n} of counts) {
    if (r === null || c === null) {
      missing += Number(n);
      continue;
    }
    if (!rows.includes(r)) throw new Error(`the answer "${r}" is not one of ${rows.map((l) => `"${l}"`).join(", ")}`);
    if (!columns.includes(c)) throw new Error(`the group "${c}" is not one of ${columns.map((l) => `"${l}"`).join(", ")}`);
    count.set(key(r, c), (count.get(key(r, c)) ?? 0) + Number(n));
  }
  const at = (r: string, c: string) => count.get(key(r, c)) ?? 0;
  const rowTotal = (r: string) => columns.reduce((s, c) => s + at(r, c), 0);
  const columnTotal = (c: string) => rows.reduce((s, r) => s + at(r, c), 0);
  const keptRows = rows.filter((r) => rowTotal(r) > 0);
  const keptColumns = columns.filter((c) => columnTotal(c) > 0);
  const total = keptRows.reduce((s, r) => s + rowTotal(r), 0);

  const cell = (row: string, column: string, n: number, base: number): Cell => {
    const [low, high] = wilsonInterval(n, base);
    return {row, column, n, base, percent: (100 * n) / base, low: 100 * low, high: 100 * high, text: formatNPercent(n, base)};
  };
  const cells = keptRows.flatMap((r) => keptColumns.map((c) => cell(r, c, at(r, c), percent === "column" ? columnTotal(c) : rowTotal(r))));
  const margins =
    percent === "column" ? keptRows.map((r) => cell(r, "Total", rowTotal(r), total)) : keptColumns.map((c) => cell("Total", c, columnTotal(c), total));

  let test: CrossTab["test"] = null;
  let noTest: string | undefined;
  let caveat: string | undefined;
  if (keptRows.length < 2 || keptColumns.length < 2) {
    noTest = `a test needs at least two answers and two groups with respondents (this table has ${keptRows.length} and ${keptColumns.length})`;
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
    noTest,
    caveat
  };
}

/** "Pearson's χ² test: χ² = 12.34, df = 4, p = 0.015", "Fisher's exact test: p <0.001". */
export function describeTest(test: NonNullable<CrossTab["test"]>): string {
  const p = /^[<>]/.test(test.pText) ? `p ${test.pText}` : `p = ${test.pText}`;
  if (test.test === "chisq") return `Pearson's χ² test${test.approximate ? " (approximate)" : ""}: χ² = ${test.statistic!.toFixed(2)}, df = ${test.df}, ${p}`;
  return `Fisher's exact test: ${p}`;
}
