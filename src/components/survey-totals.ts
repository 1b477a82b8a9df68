// Design-based estimates for a design with weights only (R: svydesign(ids = ~1, weights = ~w)),
// from the totals one SQL aggregate gives (count, Σw, Σw², Σwy, Σw²y, …), so that a study of a
// million rows is summarised in DuckDB and only a few numbers reach JavaScript. The formulas are
// those survey's linearisation gives for this design, written out for totals:
//   a share or mean over a domain D (those who answered): ŷ = Σ_D w·y / Σ_D w, and
//   Var(ŷ) = n/(n − 1) · Σ_D w²(y − ŷ)² / (Σ_D w)²,
// with n the design's rows and degrees of freedom n_D − 1, as survey's subset() designs have them.
// The array functions of survey-stats.ts are the reference (checked against R there); these take
// totals instead of rows, and are checked against R on the study fixture test/fixtures/weighted-2025
// (its R script writes what svymean, svyciprop, svyby and svychisq give: loaders/tables.weighted.test.ts)
// and against the array functions on random data (survey-totals.test.ts).
import {type RaoScottResult, logitInterval, raoScottOfSums} from "./survey-stats.js";

/** A domain's totals: its rows, Σw, Σw²; and the rows of the design it is a domain of. */
export interface DomainTotals {
  /** Rows in the domain (those with an answer). */
  n: number;
  /** Σw and Σw² over the domain. */
  w: number;
  w2: number;
  /** Rows of the whole design (the respondents): the variance's n/(n − 1). */
  designN: number;
}

/** Totals for a 0/1 outcome (a level, a ticked option) over a domain: Σw·y and Σw²·y. */
export interface ShareTotals extends DomainTotals {wy: number; w2y: number}
/** Totals for a number over a domain: Σw·y, Σw²·y, Σw·y² and Σw²·y². */
export interface MeanTotals extends DomainTotals {wy: number; w2y: number; wyy: number; w2yy: number}

const scale = (designN: number) => (designN > 1 ? designN / (designN - 1) : NaN);

/** A weighted mean over a domain and its standard error (survey::svymean on a subset design). */
export function svyMeanOfTotals({n, w, w2, wy, w2y, w2yy, designN}: Omit<MeanTotals, "wyy">): {estimate: number; se: number; df: number} {
  if (!(w > 0)) return {estimate: NaN, se: NaN, df: n - 1};
  const estimate = wy / w;
  // Σ w²(y − ŷ)², expanded so it needs only totals; clamped at 0 against rounding.
  const ss = Math.max(0, w2yy - 2 * estimate * w2y + estimate * estimate * w2);
  return {estimate, se: Math.sqrt((scale(designN) * ss) / (w * w)), df: n - 1};
}

/** A weighted share over a domain, its SE, and its logit interval (survey::svyciprop, method "logit"). */
export function svyShareOfTotals(t: ShareTotals, {level = 0.95} = {}): {estimate: number; se: number; low: number; high: number; df: number} {
  // For a 0/1 outcome y² = y.
  const {estimate, se, df} = svyMeanOfTotals({...t, w2yy: t.w2y});
  const [low, high] = logitInterval(estimate, se, df, level);
  return {estimate, se, low, high, df};
}

/** survey::svyvar of a number over a domain: Σw(y − ŷ)²/Σw · n_D/(n_D − 1). */
export function svyVarOfTotals({n, w, wy, wyy}: Pick<MeanTotals, "n" | "w" | "wy" | "wyy">): number {
  if (!(w > 0) || n < 2) return NaN;
  const mean = wy / w;
  return (Math.max(0, wyy / w - mean * mean) * n) / (n - 1);
}

/** One cell of a two-way table: its rows, Σw and Σw². */
export interface CellTotals {n: number; w: number; w2: number}

/**
 * The Rao–Scott test (survey::svychisq, statistic "F" or "Chisq") of a two-way table over a
 * domain, from its cells' totals (cells[i][j]): survey-stats.ts's, which R checks. Rows or
 * columns with no one in them are dropped first, as R's factors of the data have none.
 */
export function raoScottOfCells(cells: CellTotals[][], {designN, statistic = "F"}: {designN: number; statistic?: "F" | "Chisq"}): RaoScottResult {
  const rowsKept = cells.filter((row) => row.some((c) => c.n > 0));
  const colsKept = (cells[0] ?? []).map((_, j) => j).filter((j) => cells.some((row) => row[j].n > 0));
  const nr = rowsKept.length, nc = colsKept.length;
  if (nr < 2 || nc < 2) return {statistic: NaN, ndf: NaN, ddf: NaN, p: NaN, method: "Rao–Scott adjusted χ² (no test: fewer than two rows or columns with respondents)", pearson: NaN};
  // Cell k = row + nr·col, as raoScottOfSums reads them.
  const at = (k: number) => rowsKept[k % nr][colsKept[Math.floor(k / nr)]];
  const K = nr * nc;
  const cellW = Array.from({length: K}, (_, k) => at(k).w);
  const cellW2 = Array.from({length: K}, (_, k) => at(k).w2);
  const domainN = rowsKept.reduce((s, row) => s + colsKept.reduce((t, j) => t + row[j].n, 0), 0);
  return raoScottOfSums({cellW, cellW2, nr, nc, designN, degf: domainN - 1, statistic});
}
