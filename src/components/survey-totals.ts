// Design-based estimates for a design with weights only (R: svydesign(ids = ~1, weights = ~w)),
// from the totals one SQL aggregate gives (count, Σw, Σw², Σwy, Σw²y, …), so that a study of a
// million rows is summarised in DuckDB and only a few numbers reach JavaScript. The formulas are
// those survey's linearisation gives for this design, written out for totals:
//   a share or mean over a domain D (those who answered): ŷ = Σ_D w·y / Σ_D w, and
//   Var(ŷ) = n/(n − 1) · Σ_D w²(y − ŷ)² / (Σ_D w)²,
// with n the design's rows and degrees of freedom n_D − 1, as survey's subset() designs have them.
// Checked against R in two ways: the study fixture test/fixtures/weighted-2025 (its R script
// writes what svymean, svyciprop, svyby and svychisq give; loaders/tables.weighted.test.ts) and,
// on random data, against the array functions of survey-stats.ts (survey-totals.test.ts).
import betainc from "@stdlib/math-base-special-betainc";
import gammainc from "@stdlib/math-base-special-gammainc";
import tQuantile from "@stdlib/stats-base-dists-t-quantile";

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

/**
 * svyciprop's "logit" interval: a Wald interval for logit(p), whose SE is se(p)/(p(1 − p)), with
 * a t quantile on the design's degrees of freedom, mapped back. At p = 0 or 1 it is [p, p].
 */
export function logitInterval(p: number, se: number, df: number, level = 0.95): [number, number] {
  if (!Number.isFinite(p)) return [NaN, NaN];
  if (p <= 0 || p >= 1) return [p, p];
  const q = df > 0 ? tQuantile(1 - (1 - level) / 2, df) : NaN;
  const logit = Math.log(p / (1 - p));
  const h = (q * se) / (p * (1 - p));
  const expit = (x: number) => 1 / (1 + Math.exp(-x));
  return [expit(logit - h), expit(logit + h)];
}

/** survey::svyvar of a number over a domain: Σw(y − ŷ)²/Σw · n_D/(n_D − 1). */
export function svyVarOfTotals({n, w, wy, wyy}: Pick<MeanTotals, "n" | "w" | "wy" | "wyy">): number {
  if (!(w > 0) || n < 2) return NaN;
  const mean = wy / w;
  return (Math.max(0, wyy / w - mean * mean) * n) / (n - 1);
}

/** One cell of a two-way table: its rows, Σw and Σw². */
export interface CellTotals {n: number; w: number; w2: number}

export interface RaoScottResult {statistic: number; ndf: number; ddf: number; p: number; method: string}

/**
 * Rao–Scott adjusted χ² for a two-way table of a design with weights only, from its cells'
 * totals (cells[i][j] over the domain): survey::svychisq(~a + b, design), statistic "F" (the
 * default, second-order: F = X²/tr(Δ) on d0 = tr(Δ)²/tr(Δ²) and d0·(n_D − 1) degrees of freedom)
 * or "Chisq" (first order: X²/mean(diag Δ) on (r − 1)(c − 1) df). `designN`: the design's rows.
 * Rows or columns with no one in them are dropped first, as R's factors of the data have none.
 */
export function raoScottOfCells(cells: CellTotals[][], {designN, statistic = "F"}: {designN: number; statistic?: "F" | "Chisq"}): RaoScottResult {
  const method = statistic === "F" ? "Rao–Scott adjusted χ² (F)" : "Rao–Scott adjusted χ² (first order)";
  const rowsKept = cells.filter((row) => row.some((c) => c.n > 0));
  const colsKept = cells[0].map((_, j) => j).filter((j) => cells.some((row) => row[j].n > 0));
  const x = rowsKept.map((row) => colsKept.map((j) => row[j]));
  const nr = x.length, nc = x[0]?.length ?? 0;
  if (nr < 2 || nc < 2) return {statistic: NaN, ndf: NaN, ddf: NaN, p: NaN, method};
  // Cells in one order: k = i·nc + j.
  const flat = x.flat();
  const K = flat.length;
  const W = flat.reduce((s, c) => s + c.w, 0);
  const W2 = flat.reduce((s, c) => s + c.w2, 0);
  const nD = flat.reduce((s, c) => s + c.n, 0);
  const p = flat.map((c) => c.w / W);
  // V = n/(n − 1)/W² · (diag(S2) − S2·pᵀ − p·S2ᵀ + ΣS2·p·pᵀ): svymean's variance of the cell shares.
  const s2 = flat.map((c) => c.w2);
  const f = scale(designN) / (W * W);
  const V = p.map((pa, a) => p.map((pb, b) => f * ((a === b ? s2[a] : 0) - s2[a] * pb - pa * s2[b] + W2 * pa * pb)));
  // The interaction contrasts: the interaction columns of the cell grid's model matrix, less their
  // projection on the main effects (R: qr.resid(qr(X1), X12[, interactions])).
  const X1 = Array.from({length: K}, (_, k) => {
    const i = Math.floor(k / nc), j = k % nc;
    return [1, ...Array.from({length: nr - 1}, (_, a) => (i === a + 1 ? 1 : 0)), ...Array.from({length: nc - 1}, (_, b) => (j === b + 1 ? 1 : 0))];
  });
  const inter = Array.from({length: K}, (_, k) => {
    const i = Math.floor(k / nc), j = k % nc;
    const row: number[] = [];
    for (let b = 1; b < nc; b++) for (let a = 1; a < nr; a++) row.push(i === a && j === b ? 1 : 0);
    return row;
  });
  const C = residuals(X1, inter);
  const iD = p.map((v) => (v === 0 ? 0 : 1 / v));
  // denom = Cᵀ (D⁻¹/N) C and numer = Cᵀ D⁻¹ V D⁻¹ C, with N = W (svychisq's sum of weights).
  const m = C[0].length;
  const denom = Array.from({length: m}, (_, a) => Array.from({length: m}, (_, b) => C.reduce((s, row, k) => s + (row[a] * iD[k] * row[b]) / W, 0)));
  const numer = Array.from({length: m}, (_, a) =>
    Array.from({length: m}, (_, b) => {
      let s = 0;
      for (let k = 0; k < K; k++) for (let l = 0; l < K; l++) s += C[k][a] * iD[k] * V[k][l] * iD[l] * C[l][b];
      return s;
    })
  );
  const delta = solve(denom, numer);
  const trace = delta.reduce((s, row, a) => s + row[a], 0);
  let trace2 = 0;
  for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) trace2 += delta[a][b] * delta[b][a];
  // Pearson's X² on the weighted table (svytable scaled to N = W, which it already sums to).
  const rowW = x.map((row) => row.reduce((s, c) => s + c.w, 0));
  const colW = colsKept.map((_, j) => x.reduce((s, row) => s + row[j].w, 0));
  let X2 = 0;
  x.forEach((row, i) => row.forEach((c, j) => {
    const e = (rowW[i] * colW[j]) / W;
    X2 += ((c.w - e) * (c.w - e)) / e;
  }));
  const degf = nD - 1;
  if (statistic === "Chisq") {
    const stat = X2 / (trace / m);
    return {statistic: stat, ndf: m, ddf: Infinity, p: chisqUpper(stat, m), method};
  }
  const d0 = (trace * trace) / trace2;
  const F = X2 / trace;
  return {statistic: F, ndf: d0, ddf: d0 * degf, p: fUpper(F, d0, d0 * degf), method};
}

/** P(F > x) on (d1, d2) degrees of freedom, as R's pf(lower.tail = FALSE): I_{d2/(d2 + d1·x)}(d2/2, d1/2). */
export function fUpper(x: number, d1: number, d2: number): number {
  if (!(x > 0)) return 1;
  return betainc(d2 / (d2 + d1 * x), d2 / 2, d1 / 2);
}

/** P(χ²_df > x), as R's pchisq(lower.tail = FALSE). */
export function chisqUpper(x: number, df: number): number {
  if (!(x > 0)) return 1;
  return gammainc(x / 2, df / 2, true, true);
}

// Small dense linear algebra, by hand: the matrices are (r·c) × ((r−1)(c−1)) at most, a few dozen
// cells, and the two operations needed (least-squares residuals and one solve) are a few lines;
// a matrix library would be a dependency for twenty lines of Gaussian elimination.

/** Y less its least-squares projection on the columns of X (R's qr.resid(qr(X), Y)). */
function residuals(X: number[][], Y: number[][]): number[][] {
  // Gram–Schmidt on X's columns (modified, twice for accuracy), then subtract each from Y.
  const basis: number[][] = [];
  for (let c = 0; c < X[0].length; c++) {
    let v = X.map((row) => row[c]);
    for (let pass = 0; pass < 2; pass++)
      for (const q of basis) {
        const d = v.reduce((s, x, k) => s + x * q[k], 0);
        v = v.map((x, k) => x - d * q[k]);
      }
    const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
    if (norm > 1e-10) basis.push(v.map((x) => x / norm));
  }
  return project(Y, basis);
}

function project(Y: number[][], basis: number[][]): number[][] {
  const out = Y.map((row) => row.slice());
  for (let c = 0; c < (Y[0]?.length ?? 0); c++)
    for (let pass = 0; pass < 2; pass++)
      for (const q of basis) {
        let d = 0;
        for (let k = 0; k < out.length; k++) d += out[k][c] * q[k];
        for (let k = 0; k < out.length; k++) out[k][c] -= d * q[k];
      }
  return out;
}

/** A⁻¹B by Gaussian elimination with partial pivoting. */
function solve(A: number[][], B: number[][]): number[][] {
  const n = A.length;
  const a = A.map((row, i) => [...row, ...B[i]]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) pivot = r;
    [a[c], a[pivot]] = [a[pivot], a[c]];
    if (a[c][c] === 0) throw new Error("raoScottOfCells: the design effect matrix is singular (a table with an empty row or column?)");
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = a[r][c] / a[c][c];
      if (f !== 0) for (let k = c; k < a[r].length; k++) a[r][k] -= f * a[c][k];
    }
  }
  return a.map((row, i) => row.slice(n).map((x) => x / a[i][i]));
}
