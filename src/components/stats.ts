// Statistics for the report's cross-tabs: the tests and formatting that R's gtsummary
// applies by default (tbl_summary + add_p), re-done in TypeScript so the build needs no R.
// Every number here is checked against real R (chisq.test, fisher.test, prop.test) in
// stats.test.ts; the formatting follows gtsummary 2.x's source (style_pvalue, style_percent,
// style_number → cards::round5).
//
// Tables are plain row-major arrays of counts: table[i][j] = count in row i, column j.
import betainc from "@stdlib/math-base-special-betainc";
import factorialln from "@stdlib/math-base-special-factorialln";
import gammainc from "@stdlib/math-base-special-gammainc";
import hypergeometricPmf from "@stdlib/stats-base-dists-hypergeometric-pmf";
import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";
export {raoScottTest, svyBy, svyCiProp, svyMean} from "./survey-stats.js";

export interface ChiSquareResult {
  statistic: number;
  df: number;
  p: number;
  /** Expected counts under independence, same shape as the input table. */
  expected: number[][];
  method: string;
}

export interface FisherResult {
  p: number;
  method: string;
}

export interface AssociationResult {
  p: number;
  test: "chisq" | "fisher";
  method: string;
  /** Only for test "chisq". */
  statistic?: number;
  /** Only for test "chisq". */
  df?: number;
  /** Smallest expected count, the number the choice of test was made on. */
  minExpected: number;
}

// Default cap on how many tables the r×c Fisher enumeration may visit: ~5e6 takes a couple
// of seconds; past that a report build would stall, so we fail loudly instead.
export const FISHER_MAX_TABLES = 5e6;

// R's fisher.test keeps tables whose probability is within this relative tolerance of the
// observed one (its `relErr`), so that ties computed with rounding noise are counted.
const FISHER_REL_ERR = 1 + 1e-7;

// --- validation ------------------------------------------------------------------------

// Shared checks so every function rejects the same bad input with the same wording.
function checkTable(fn: string, table: number[][], {integer}: {integer: boolean}): void {
  if (!Array.isArray(table) || table.length < 2) {
    throw new Error(`${fn}: the table must have at least 2 rows`);
  }
  const nc = Array.isArray(table[0]) ? table[0].length : 0;
  if (nc < 2) throw new Error(`${fn}: the table must have at least 2 columns`);
  let total = 0;
  table.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== nc) {
      throw new Error(`${fn}: row ${i + 1} has ${Array.isArray(row) ? row.length : "no"} cells, expected ${nc}`);
    }
    row.forEach((v, j) => {
      if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
        throw new Error(`${fn}: cell [${i + 1}][${j + 1}] is ${v}; counts must be finite and nonnegative`);
      }
      // R's fisher.test silently rounds non-integers (with a warning); we refuse instead,
      // because a fractional count here means weighted data, for which this test is wrong.
      if (integer && !Number.isInteger(v)) {
        throw new Error(`${fn}: cell [${i + 1}][${j + 1}] is ${v}; counts must be integers`);
      }
      total += v;
    });
  });
  if (total === 0) throw new Error(`${fn}: the table is all zeros`);
}

function rowSums(table: number[][]): number[] {
  return table.map((row) => row.reduce((a, b) => a + b, 0));
}

function colSums(table: number[][]): number[] {
  return table[0].map((_, j) => table.reduce((a, row) => a + row[j], 0));
}

// --- Pearson's chi-squared ---------------------------------------------------------------

/**
 * Pearson's chi-squared test of independence, as R's `chisq.test(table, correct)`.
 * `correct` (default false, unlike R) applies Yates' continuity correction, and only to 2×2
 * tables, exactly as R does: YATES = min(0.5, min |x − E|) over all cells.
 */
export function chiSquareTest(table: number[][], options: {correct?: boolean} = {}): ChiSquareResult {
  const {correct = false} = options;
  checkTable("chiSquareTest", table, {integer: false});
  const sr = rowSums(table);
  const sc = colSums(table);
  // A zero margin gives expected counts of 0 and a 0/0 term; R returns NaN with a warning.
  // A NaN p-value would silently become a blank in the report, so we throw instead.
  sr.forEach((s, i) => {
    if (s === 0) throw new Error(`chiSquareTest: row ${i + 1} sums to zero; drop empty rows before testing`);
  });
  sc.forEach((s, j) => {
    if (s === 0) throw new Error(`chiSquareTest: column ${j + 1} sums to zero; drop empty columns before testing`);
  });
  const n = sr.reduce((a, b) => a + b, 0);
  // Same operation order as R's outer(sr, sc) / n, so expected counts agree to the last bit.
  const expected = sr.map((r) => sc.map((c) => (r * c) / n));
  const nr = table.length;
  const nc = sc.length;
  let method = "Pearson's Chi-squared test";
  let yates = 0;
  if (correct && nr === 2 && nc === 2) {
    yates = 0.5;
    for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) yates = Math.min(yates, Math.abs(table[i][j] - expected[i][j]));
    // R names the correction only when it actually changed something.
    if (yates > 0) method += " with Yates' continuity correction";
  }
  let statistic = 0;
  for (let i = 0; i < nr; i++) {
    for (let j = 0; j < nc; j++) {
      const d = Math.abs(table[i][j] - expected[i][j]) - yates;
      statistic += (d * d) / expected[i][j];
    }
  }
  const df = (nr - 1) * (nc - 1);
  // Upper tail straight from the regularized upper incomplete gamma, Q(df/2, x/2): `1 - cdf`
  // would round to 0 for p below ~1e-16 (R uses pchisq(lower.tail = FALSE) for the same reason).
  const p = gammainc(statistic / 2, df / 2, true, true);
  return {statistic, df, p, expected, method};
}

// --- Fisher's exact test ---------------------------------------------------------------

/**
 * Two-sided Fisher's exact test for 2×2 and r×c tables, matching R's `fisher.test(table)$p.value`:
 * the total probability (given the margins) of all tables no more likely than the observed one,
 * with R's relative tolerance of 1e-7 on "no more likely".
 *
 * Rows/columns that sum to zero are dropped first; they do not change the conditional
 * distribution (R gives the same p-value). If fewer than 2 rows or columns remain, only one
 * table has these margins and p = 1.
 *
 * `maxTables` bounds the r×c enumeration (default FISHER_MAX_TABLES); beyond it we throw.
 */
export function fisherExactTest(table: number[][], options: {maxTables?: number} = {}): FisherResult {
  const {maxTables = FISHER_MAX_TABLES} = options;
  checkTable("fisherExactTest", table, {integer: true});
  const method = "Fisher's Exact Test for Count Data";
  const keepRows = rowSums(table).map((s) => s > 0);
  const keepCols = colSums(table).map((s) => s > 0);
  const x = table.filter((_, i) => keepRows[i]).map((row) => row.filter((_, j) => keepCols[j]));
  if (x.length < 2 || x[0].length < 2) return {p: 1, method};
  const p = x.length === 2 && x[0].length === 2 ? fisher2x2(x) : fisherRxC(x, maxTables);
  return {p: Math.min(1, Math.max(0, p)), method};
}

// 2×2: the tables with these margins are indexed by the top-left cell, which is hypergeometric.
// Same recipe as R: densities over the support, normalised to sum 1, summed where ≤ observed.
function fisher2x2(x: number[][]): number {
  const m = x[0][0] + x[1][0]; // column 1 total
  const n = x[0][1] + x[1][1]; // column 2 total
  const k = x[0][0] + x[0][1]; // row 1 total
  const lo = Math.max(0, k - n);
  const hi = Math.min(k, m);
  const d: number[] = [];
  for (let s = lo; s <= hi; s++) d.push(hypergeometricPmf(s, m + n, m, k));
  const sum = d.reduce((a, b) => a + b, 0);
  const threshold = d[x[0][0] - lo] * FISHER_REL_ERR;
  let p = 0;
  for (const v of d) if (v <= threshold) p += v;
  return p / sum;
}

// r×c: hand-written because no npm package does an exact r×c Fisher test (R uses the
// FEXACT network algorithm in C). We simply enumerate every table with the observed margins,
// cell by cell with bounds that keep each partial table completable, and sum the
// probabilities P = Π R_i! Π C_j! / (N! Π n_ij!) in log space. Limits: the count of tables
// grows very fast with N and with the number of cells, so this is meant for the small,
// sparse tables where gtsummary picks Fisher (some expected count < 5); anything needing more
// than `maxTables` tables throws rather than stalling the build. FEXACT's own tolerance is
// slightly different from R's 2×2 relErr, which only matters for near-ties below 1e-7.
function fisherRxC(x: number[][], maxTables: number): number {
  const nr = x.length;
  const nc = x[0].length;
  const R = rowSums(x);
  const C = colSums(x);
  const N = R.reduce((a, b) => a + b, 0);
  const lf = new Float64Array(N + 1);
  for (let i = 0; i <= N; i++) lf[i] = factorialln(i);
  let constant = -lf[N];
  for (const r of R) constant += lf[r];
  for (const c of C) constant += lf[c];
  let observed = 0;
  for (const row of x) for (const v of row) observed += lf[v];
  const threshold = constant - observed + Math.log(FISHER_REL_ERR);

  const colRem = C.slice();
  let count = 0;
  let total = 0;
  let tail = 0;
  const leaf = (acc: number) => {
    if (++count > maxTables) {
      throw new Error(
        `fisherExactTest: more than ${maxTables} tables share these margins (N = ${N}, ${nr}×${nc}); ` +
          `too many to enumerate exactly — merge sparse categories or use the chi-squared test`,
      );
    }
    const logP = constant - acc;
    const prob = Math.exp(logP);
    total += prob;
    if (logP <= threshold) tail += prob;
  };
  // acc = Σ log(n_ij!) over the cells filled so far; rowRem = what row i still needs.
  const fill = (i: number, j: number, rowRem: number, acc: number): void => {
    if (i === nr - 1) {
      // The last row is forced: whatever each column still lacks.
      let s = acc;
      for (let k = 0; k < nc; k++) s += lf[colRem[k]];
      leaf(s);
      return;
    }
    if (j === nc - 1) {
      // The last cell of a row is forced; the lower bounds below guarantee it fits.
      colRem[j] -= rowRem;
      fill(i + 1, 0, R[i + 1], acc + lf[rowRem]);
      colRem[j] += rowRem;
      return;
    }
    let later = 0;
    for (let k = j + 1; k < nc; k++) later += colRem[k];
    const lo = Math.max(0, rowRem - later);
    const hi = Math.min(rowRem, colRem[j]);
    for (let v = lo; v <= hi; v++) {
      colRem[j] -= v;
      fill(i, j + 1, rowRem - v, acc + lf[v]);
      colRem[j] += v;
    }
  };
  fill(0, 0, R[0], 0);
  // Divide by the enumerated total (≈ 1) so rounding in the log-factorial constant cancels.
  return tail / total;
}

// --- Wilson interval -------------------------------------------------------------------

/**
 * Wilson score interval for x successes out of n, without continuity correction: the same
 * numbers as R's `prop.test(x, n, correct = FALSE, conf.level = level)$conf.int`, including
 * its exact 0 / 1 endpoints when x = 0 / x = n. Non-integer x and n (weighted counts) are allowed.
 */
export function wilsonInterval(x: number, n: number, options: {level?: number} = {}): [number, number] {
  const {level = 0.95} = options;
  if (!Number.isFinite(n) || n <= 0) throw new Error(`wilsonInterval: n is ${n}; it must be a positive number`);
  if (!Number.isFinite(x) || x < 0) throw new Error(`wilsonInterval: x is ${x}; it must be a nonnegative number`);
  if (x > n) throw new Error(`wilsonInterval: x (${x}) is larger than n (${n})`);
  if (!(level > 0 && level < 1)) throw new Error(`wilsonInterval: level is ${level}; it must be between 0 and 1`);
  // Written as in R's prop.test (k == 1 branch) so the floating-point results agree.
  const z = normalQuantile((1 + level) / 2, 0, 1);
  const z22n = (z * z) / (2 * n);
  const est = x / n;
  const half = z * Math.sqrt((est * (1 - est)) / n + z22n / (2 * n));
  const upper = est >= 1 ? 1 : (est + z22n + half) / (1 + 2 * z22n);
  const lower = est <= 0 ? 0 : (est + z22n - half) / (1 + 2 * z22n);
  return [Math.max(lower, 0), Math.min(upper, 1)];
}

// --- Pearson correlation ---------------------------------------------------------------

export interface CorrelationResult {
  r: number;
  n: number;
  df: number;
  /** t = r √(df / (1 − r²)) */
  statistic: number;
  p: number;
  method: string;
}

/**
 * The test of a Pearson correlation r over n pairs, two-sided, as R's cor.test: t with n − 2
 * degrees of freedom. The p-value is the regularized incomplete beta I_{df/(df+t²)}(df/2, 1/2),
 * which equals the two t tails without the cancellation of 1 − cdf for large |t|.
 * (r itself is computed where the data are: DuckDB's corr() in loaders/tables.ts.)
 */
export function correlationTest(r: number, n: number): CorrelationResult {
  if (!(Math.abs(r) <= 1)) throw new Error(`correlationTest: r is ${r}; it must be between -1 and 1`);
  if (!Number.isInteger(n) || n < 3) throw new Error(`correlationTest: n is ${n}; it needs at least 3 pairs`);
  const df = n - 2;
  const statistic = Math.abs(r) === 1 ? Math.sign(r) * Infinity : r * Math.sqrt(df / (1 - r * r));
  const p = Math.abs(r) === 1 ? 0 : betainc(df / (df + statistic * statistic), df / 2, 0.5, true, false);
  return {r, n, df, statistic, p, method: "Pearson's product-moment correlation"};
}

// --- gtsummary's default categorical test ---------------------------------------------

/**
 * The test gtsummary's `add_p()` picks by default for a categorical variable: Pearson's
 * chi-squared without Yates' correction ("chisq.test.no.correct") when every expected count is
 * ≥ 5, otherwise Fisher's exact test. Counts must be integers (this is the unweighted test;
 * gtsummary uses other tests for survey-weighted tables). Empty rows/columns make some expected
 * count 0 and so lead to Fisher, as in gtsummary.
 *
 * gtsummary computes the expected counts as row proportion × column proportion × N; we use
 * R_i·C_j/N, which can differ only in the last bit — it matters only if an expected count is
 * within rounding of exactly 5.
 */
export function compareProportions(table: number[][]): AssociationResult {
  checkTable("compareProportions", table, {integer: true});
  const sr = rowSums(table);
  const sc = colSums(table);
  const n = sr.reduce((a, b) => a + b, 0);
  const minExpected = (Math.min(...sr) * Math.min(...sc)) / n;
  if (minExpected >= 5) {
    const {p, statistic, df, method} = chiSquareTest(table, {correct: false});
    return {p, test: "chisq", method, statistic, df, minExpected};
  }
  const {p, method} = fisherExactTest(table);
  return {p, test: "fisher", method, minExpected};
}

// --- formatting (gtsummary style) -------------------------------------------------------

// gtsummary 2.x rounds with cards::round5, i.e. half away from zero after nudging by
// sqrt(machine epsilon), so 0.0625 → 0.063 and 2.45 (stored as 2.4499999…) → 2.5, where R's
// round()/sprintf would give 0.062 / 2.4. We copy round5 rather than use Math.round so that
// these binary near-halves land the way gtsummary prints them.
function round5(x: number, digits: number): number {
  const scale = 10 ** digits;
  return (Math.trunc(Math.abs(x) * scale + 0.5 + Math.sqrt(Number.EPSILON)) / scale) * Math.sign(x);
}

/** gtsummary's style_number: round5, fixed decimals, "," every three digits ("1,234.5"). */
export function styleNumber(x: number, digits: number): string {
  const [int, frac] = round5(x, digits).toFixed(digits).split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

/**
 * A p-value as gtsummary's default `style_pvalue(digits = 1)` prints it:
 * "<0.001", "0.002", "0.060", "0.12", "0.3", ">0.9".
 * Rules copied from gtsummary's source: p > 0.9 → ">0.9"; else if p rounded to 1 decimal
 * is ≥ 0.2 → 1 decimal; else if p rounded to 2 decimals is ≥ 0.1 → 2 decimals; else if
 * p ≥ 0.001 → 3 decimals; else "<0.001". Because the middle bands test the *rounded* value, the
 * effective cut points are 0.095 and 0.15, not 0.1 and 0.2: 0.0949 → "0.095", 0.0996 → "0.10"
 * (never "0.100"), 0.1499 → "0.15", 0.15 → "0.2". The outer bands use the raw value:
 * 0.00099 → "<0.001", 0.9 → "0.9", 0.9000001 → ">0.9".
 * gtsummary returns NA outside [0, 1]; we throw, so a broken p-value can't reach a table.
 */
export function formatP(p: number): string {
  if (typeof p !== "number" || Number.isNaN(p)) throw new Error(`formatP: p is ${p}; expected a number`);
  // gtsummary's leeway for values that are a rounding error outside [0, 1].
  if (p > 1 + 1e-15 || p < -1e-15) throw new Error(`formatP: p is ${p}; it must be between 0 and 1`);
  if (p > 0.9) return ">0.9";
  if (round5(p, 1) >= 0.2) return styleNumber(p, 1);
  if (round5(p, 2) >= 0.1) return styleNumber(p, 2);
  if (p >= 0.001) return styleNumber(p, 3);
  return "<0.001";
}

function checkCount(fn: string, x: number, n: number): void {
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${fn}: n is ${n}; it must be a positive number`);
  if (!Number.isFinite(x) || x < 0) throw new Error(`${fn}: x is ${x}; it must be a nonnegative number`);
  if (x > n) throw new Error(`${fn}: x (${x}) is larger than n (${n})`);
}

/**
 * x/n as gtsummary's default `style_percent()` plus "%": ≥ 10% with no decimals, ≥ 0.1% with
 * one, "<0.1%" below that, "0%" for zero. As in gtsummary the number of decimals is decided on
 * the unrounded percentage, so 9.96% prints as "10.0%". n = 0 throws (gtsummary shows NA).
 */
export function formatPercent(x: number, n: number): string {
  checkCount("formatPercent", x, n);
  const pct = (x / n) * 100; // gtsummary: p = n/N, then style_percent(p) scales by 100
  if (pct >= 10) return `${styleNumber(pct, 0)}%`;
  if (pct >= 0.1) return `${styleNumber(pct, 1)}%`;
  if (x > 0) return "<0.1%";
  return "0%";
}

/** gtsummary's default categorical cell, "{n} ({p}%)": e.g. "45 (6.2%)", "1,300 (70%)". */
export function formatNPercent(x: number, n: number): string {
  checkCount("formatNPercent", x, n);
  return `${styleNumber(x, 0)} (${formatPercent(x, n)})`;
}
