// Design-based statistics for weighted survey data, equal to R's survey package for the
// weights-only design svydesign(ids = ~1, weights = ~w, data = d): svymean, svyciprop
// (method = "logit"), svychisq (Rao–Scott) and svyby(…, svymean). Each function follows the
// package's own code (survey 4.1-1: svymean.survey.design, svyciprop, svychisq.survey.design,
// svyby.default, onestrat); survey-stats.test.ts checks them against the values that
// survey-stats.R has R compute and write to survey-stats.fixture.json.
//
// In this design every row is its own PSU in one stratum, sampled with replacement, so the
// variance of an estimator with influence values u_i is survey's onestrat formula
// n/(n − 1) · Σ (u_i − ū)², and the design's degrees of freedom are n − 1.
import {betainc, gammainc, tQuantile} from "./stdlib.js";

export interface SvyEstimate {
  estimate: number;
  se: number;
}

export interface SvyByRow extends SvyEstimate {
  group: string;
  /** Unweighted number of rows in the group. */
  n: number;
  /** Sum of the group's weights. */
  weightedN: number;
}

export interface RaoScottResult {
  /** "F": the Rao–Scott F (R's `statistic`). "Chisq": the first-order corrected X², X² / mean(diag Δ). */
  statistic: number;
  /** "F": d0 = tr(Δ)² / tr(Δ²). "Chisq": the χ² degrees of freedom, (r − 1)(c − 1). */
  ndf: number;
  /** "F": d0 · (n − 1). "Chisq": null, a χ² reference distribution has no denominator df. */
  ddf: number | null;
  p: number;
  method: string;
  /** Pearson's X² of the weighted table scaled to n (what R prints as "X-squared" for "Chisq"). */
  pearson: number;
}

// --- input checks ---------------------------------------------------------------------

// survey refuses a one-PSU design ("Design has only one primary sampling unit"); so do we.
function checkDesign(fn: string, n: number, w: number[]): void {
  if (!Array.isArray(w)) throw new Error(`${fn}: w must be an array of weights`);
  if (w.length !== n) throw new Error(`${fn}: w has ${w.length} values but the data have ${n}; they must be the same length`);
  if (n < 2) throw new Error(`${fn}: needs at least 2 observations (got ${n}); R's svydesign refuses a design with one PSU`);
  for (let i = 0; i < n; i++) {
    const v = w[i];
    if (typeof v !== "number" || !Number.isFinite(v) || v <= 0) {
      throw new Error(`${fn}: w[${i}] is ${String(v)}; every weight must be a finite number > 0`);
    }
  }
}

function checkNumbers(fn: string, name: string, y: number[]): void {
  if (!Array.isArray(y)) throw new Error(`${fn}: ${name} must be an array`);
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (typeof v !== "number" || !Number.isFinite(v)) throw new Error(`${fn}: ${name}[${i}] is ${String(v)}; values must be finite numbers`);
  }
}

function checkStrings(fn: string, name: string, x: string[]): void {
  if (!Array.isArray(x)) throw new Error(`${fn}: ${name} must be an array`);
  for (let i = 0; i < x.length; i++) {
    if (typeof x[i] !== "string") throw new Error(`${fn}: ${name}[${i}] is ${String(x[i])}; values must be strings (a missing answer must be removed or given a label first)`);
  }
}

// --- shared pieces --------------------------------------------------------------------

// Factor levels in the order R gives them: factor() sorts with the locale's collation, which
// in a UTF-8 locale is ICU's (R's sort(), capabilities("ICU") TRUE): "_x" < "10" < "9" < "a" <
// "A" < "b" < "é" < "Z". Intl.Collator("und") is the same ICU root collation; code points break
// the rare ties it leaves so the order is total. In the C locale R would sort by code point
// instead ("A" < "Z" < "a"); survey-stats.R pins icuSetCollate(locale = "root").
const collator = new Intl.Collator("und");
function compareLevels(x: string, y: string): number {
  return collator.compare(x, y) || (x < y ? -1 : x > y ? 1 : 0);
}
function levelsOf(x: string[]): string[] {
  return [...new Set(x)].sort(compareLevels);
}

// onestrat() for one stratum of n single-row PSUs, no fpc: centre, square, scale by n/(n − 1).
function withReplacementVariance(u: number[]): number {
  const n = u.length;
  let mean = 0;
  for (const v of u) mean += v;
  mean /= n;
  let ss = 0;
  for (const v of u) ss += (v - mean) * (v - mean);
  return (ss * n) / (n - 1);
}

function sum(x: number[]): number {
  let s = 0;
  for (const v of x) s += v;
  return s;
}

// --- svymean ---------------------------------------------------------------------------

/**
 * Weighted mean and its design-based (linearization) SE, equal to `coef()` and `SE()` of
 * `survey::svymean(~y, svydesign(ids = ~1, weights = ~w, data = d))`.
 */
export function svyMean(y: number[], w: number[]): SvyEstimate {
  checkNumbers("svyMean", "y", y);
  checkDesign("svyMean", y.length, w);
  return meanOf(y, w);
}

function meanOf(y: number[], w: number[]): SvyEstimate {
  const total = sum(w);
  // Same order of operations as svymean: colSums(x * pweights / psum).
  let estimate = 0;
  for (let i = 0; i < y.length; i++) estimate += (y[i] * w[i]) / total;
  const u = y.map((v, i) => ((v - estimate) * w[i]) / total);
  return {estimate, se: Math.sqrt(withReplacementVariance(u))};
}

// --- svyciprop -------------------------------------------------------------------------

/**
 * Confidence interval for a weighted proportion, equal to
 * `confint(survey::svyciprop(~y, design, method = "logit", level = level))`.
 *
 * R fits svyglm(y ~ 1, family = quasibinomial) and takes a Wald interval on the logit scale
 * with t quantiles on degf(design) = n − 1 df, then back-transforms. For an intercept-only
 * model that is, in closed form, logit(p̂) ± t · SE(p̂) / (p̂(1 − p̂)) with SE(p̂) from svymean;
 * the closed form differs from R's fitted glm only by its IRLS tolerance (~1e-12 here).
 *
 * Two places where we deliberately differ from R's digits:
 * - p̂ = 0 or 1 (all y equal): the logit is infinite and R's glm stops at a fitted value of
 *   about 1e-11 (or 1 − 1e-11), so R reports an interval of width ~1e-12 there, e.g.
 *   [6.6e-12, 8.8e-12]. That is the IRLS stopping point, not a statistic; we return its limit,
 *   [0, 0] or [1, 1].
 * - R's confint.svyglm turns the t quantile into a normal level, 1 − 2·pnorm(qt(α/2, df)), and
 *   back with qnorm. Once |t| > 8.3 (df = 1 at 95%, df = 2 at 99%) that level rounds to 1 and R
 *   gives [0, NaN]; a little below that the round trip costs digits. We use the t quantile
 *   itself, so the interval stays finite and exact.
 */
export function svyCiProp(y: number[], w: number[], options: {level?: number} = {}): [number, number] {
  const level = options.level ?? 0.95;
  if (typeof level !== "number" || !(level > 0 && level < 1)) throw new Error(`svyCiProp: level is ${String(level)}; it must be between 0 and 1`);
  checkNumbers("svyCiProp", "y", y);
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw new Error(`svyCiProp: y[${i}] is ${y[i]}; a proportion needs y coded 0 or 1`);
  }
  checkDesign("svyCiProp", y.length, w);
  // Tested on y, not p̂: Σ w·y/W of all-ones can round to 1 − 2e-16.
  if (y.every((v) => v === 0)) return [0, 0];
  if (y.every((v) => v === 1)) return [1, 1];
  const {estimate: p, se} = meanOf(y, w);
  return logitInterval(p, se, y.length - 1, level);
}

/** svyciprop's logit interval in closed form: logit(p̂) ± t_df · SE(p̂)/(p̂(1 − p̂)), mapped back; [p̂, p̂] at 0 or 1. */
export function logitInterval(p: number, se: number, df: number, level = 0.95): [number, number] {
  if (!Number.isFinite(p)) return [NaN, NaN];
  if (p <= 0 || p >= 1) return [p, p];
  const t = -tQuantile((1 - level) / 2, df); // R: qt((1 - level)/2, df), the lower tail
  const eta = Math.log(p / (1 - p));
  const half = (t * se) / (p * (1 - p));
  return [expit(eta - half), expit(eta + half)];
}

// exp(η)/(1 + exp(η)) written so neither branch overflows.
function expit(eta: number): number {
  if (eta >= 0) return 1 / (1 + Math.exp(-eta));
  const e = Math.exp(eta);
  return e / (1 + e);
}

// --- svyby -----------------------------------------------------------------------------

/**
 * Weighted mean of y within each group, equal to `survey::svyby(~y, ~group, design, svymean)`
 * (coef and SE), in R's factor-level order (see compareLevels: R's ICU collation).
 *
 * svyby subsets the design, and survey keeps the full design's PSU count in a subset (rows
 * outside the domain count as zero), so each SE is the domain estimator's SE on the whole
 * design: influence values w_i(y_i − ȳ_g)/W_g inside the group, 0 outside, with n/(n − 1) for
 * the full n — not the SE of svymean on the group's rows alone.
 */
export function svyBy(y: number[], group: string[], w: number[]): SvyByRow[] {
  checkNumbers("svyBy", "y", y);
  checkStrings("svyBy", "group", group);
  if (group.length !== y.length) throw new Error(`svyBy: group has ${group.length} values but y has ${y.length}; they must be the same length`);
  checkDesign("svyBy", y.length, w);
  const n = y.length;
  const rows = new Map<string, number[]>();
  group.forEach((g, i) => {
    const list = rows.get(g);
    if (list) list.push(i);
    else rows.set(g, [i]);
  });
  return levelsOf(group).map((g) => {
    const idx = rows.get(g)!;
    let total = 0;
    for (const i of idx) total += w[i];
    let estimate = 0;
    for (const i of idx) estimate += (y[i] * w[i]) / total;
    const u = new Array<number>(n).fill(0);
    for (const i of idx) u[i] = ((y[i] - estimate) * w[i]) / total;
    return {group: g, estimate, se: Math.sqrt(withReplacementVariance(u)), n: idx.length, weightedN: total};
  });
}

// --- svychisq (Rao–Scott) --------------------------------------------------------------

/**
 * Rao–Scott test of association between a and b, equal to `survey::svychisq(~a + b, design,
 * statistic = "F")` (the default; second-order correction, F on d0 and d0·(n − 1) df) or
 * `statistic = "Chisq"` (first-order correction, χ² on (r − 1)(c − 1) df).
 *
 * Levels are the values present in the data, as in R (a zero cell inside the table is kept;
 * a level cannot be empty). Fewer than 2 levels in a or b: R fails ("contrasts can be applied
 * only to factors with 2 or more levels"), and so do we. A design effect matrix R cannot solve
 * (e.g. a 3×3 table with only its diagonal filled) throws, as R's solve() does.
 *
 * For "Chisq", R reports Pearson's unadjusted X² as its statistic while its p-value uses
 * X² / mean(diag Δ); we return the adjusted value as `statistic` (so p = P(χ²_df > statistic))
 * and R's unadjusted one as `pearson`.
 */
export function raoScottTest(a: string[], b: string[], w: number[], options: {statistic?: "F" | "Chisq"} = {}): RaoScottResult {
  const kind = options.statistic ?? "F";
  if (kind !== "F" && kind !== "Chisq") throw new Error(`raoScottTest: statistic is ${String(kind)}; use "F" or "Chisq"`);
  checkStrings("raoScottTest", "a", a);
  checkStrings("raoScottTest", "b", b);
  if (b.length !== a.length) throw new Error(`raoScottTest: b has ${b.length} values but a has ${a.length}; they must be the same length`);
  checkDesign("raoScottTest", a.length, w);
  const rowLevels = levelsOf(a);
  const colLevels = levelsOf(b);
  if (rowLevels.length < 2) throw new Error(`raoScottTest: a has only the value ${JSON.stringify(rowLevels[0])}; a test of association needs 2 or more (R's svychisq fails too)`);
  if (colLevels.length < 2) throw new Error(`raoScottTest: b has only the value ${JSON.stringify(colLevels[0])}; a test of association needs 2 or more (R's svychisq fails too)`);

  const n = a.length;
  const nr = rowLevels.length;
  const nc = colLevels.length;
  const rowOf = new Map(rowLevels.map((l, i) => [l, i]));
  const colOf = new Map(colLevels.map((l, j) => [l, j]));
  // Cell k = row + nr·col: R's interaction(factor(a), factor(b)) and expand.grid order.
  const cellW = new Array<number>(nr * nc).fill(0); // Σ w in the cell
  const cellW2 = new Array<number>(nr * nc).fill(0); // Σ w² in the cell
  for (let i = 0; i < n; i++) {
    const k = rowOf.get(a[i])! + nr * colOf.get(b[i])!;
    cellW[k] += w[i];
    cellW2[k] += w[i] * w[i];
  }
  return raoScottOfSums({cellW, cellW2, nr, nc, designN: n, degf: n - 1, statistic: kind});
}

/**
 * The Rao–Scott test from each cell's Σw and Σw² (cell k = row + nr·col), as raoScottTest and
 * the build's SQL totals (survey-totals.ts) give them. `designN`: the design's rows, which the
 * variance scales by (a domain keeps the whole design's); `degf`: its degrees of freedom (for a
 * domain, survey's subset() design has the domain's rows − 1).
 */
export function raoScottOfSums({cellW, cellW2, nr, nc, designN, degf, statistic: kind = "F"}: {cellW: number[]; cellW2: number[]; nr: number; nc: number; designN: number; degf: number; statistic?: "F" | "Chisq"}): RaoScottResult {
  const n = designN;
  const K = nr * nc;
  const q = (nr - 1) * (nc - 1);
  const total = sum(cellW);
  const N = n;
  const nu = degf;

  // mean2 <- svymean(mm, design): cell proportions and their covariance. The influence row of
  // observation i in cell c is (w_i/W)(e_c − m), so Σ u_i u_iᵀ = Σ_c (Σ_{i∈c} w_i²)/W² ·
  // (e_c − m)(e_c − m)ᵀ: the same matrix as R's crossprod, built in O(n + K³) not O(n·K²).
  const m = cellW.map((v) => v / total);
  const V = zeros(K, K);
  const ubar = new Array<number>(K).fill(0);
  for (let c = 0; c < K; c++) {
    if (cellW[c] === 0) continue;
    const s = cellW2[c] / (total * total);
    for (let k = 0; k < K; k++) {
      const dk = (k === c ? 1 : 0) - m[k];
      ubar[k] += ((cellW[c] / total) * dk) / n;
      for (let l = 0; l < K; l++) V[k][l] += s * dk * ((l === c ? 1 : 0) - m[l]);
    }
  }
  // onestrat centres the influence values (ū is 0 up to rounding) and scales by n/(n − 1).
  for (let k = 0; k < K; k++) for (let l = 0; l < K; l++) V[k][l] = ((V[k][l] - n * ubar[k] * ubar[l]) * n) / (n - 1);

  // Cmat <- qr.resid(qr(X1), X12[, interaction columns]): residuals of the interaction dummies
  // after the additive (row + column) model on the r×c grid of cells. The grid has one point
  // per cell, so the projection is the two-way ANOVA sweep and the residual of the dummy for
  // cell (i, j) is exactly (δ_row,i − 1/r)(δ_col,j − 1/c); no QR needed. Any basis of that
  // space gives the same traces of Δ below, so the column order does not matter either.
  const C = zeros(K, q);
  for (let i = 1; i < nr; i++) {
    for (let j = 1; j < nc; j++) {
      const col = i - 1 + (nr - 1) * (j - 1);
      for (let r = 0; r < nr; r++) for (let s = 0; s < nc; s++) C[r + nr * s][col] = ((r === i ? 1 : 0) - 1 / nr) * ((s === j ? 1 : 0) - 1 / nc);
    }
  }
  const iD = m.map((v) => (v === 0 ? 0 : 1 / v)); // R: ifelse(mean2 == 0, 0, 1/mean2)
  // denom <- t(Cmat) %*% (iDmat/N) %*% Cmat;  numr <- t(Cmat) %*% iDmat %*% V %*% iDmat %*% Cmat
  const B = C.map((row, k) => row.map((v) => v * iD[k]));
  const denom = zeros(q, q);
  for (let x = 0; x < q; x++) for (let y = 0; y < q; y++) for (let k = 0; k < K; k++) denom[x][y] += (C[k][x] * iD[k] * C[k][y]) / N;
  const VB = zeros(K, q);
  for (let k = 0; k < K; k++) for (let y = 0; y < q; y++) for (let l = 0; l < K; l++) VB[k][y] += V[k][l] * B[l][y];
  const numr = zeros(q, q);
  for (let x = 0; x < q; x++) for (let y = 0; y < q; y++) for (let k = 0; k < K; k++) numr[x][y] += B[k][x] * VB[k][y];
  const Delta = solve(denom, numr);
  let trD = 0;
  let trD2 = 0;
  for (let x = 0; x < q; x++) {
    trD += Delta[x][x];
    for (let y = 0; y < q; y++) trD2 += Delta[x][y] * Delta[y][x];
  }
  const d0 = (trD * trD) / trD2;

  // chisq.test(svytable(~a + b, design, Ntotal = N), correct = FALSE): Pearson's X² on the
  // weighted table rescaled to sum to n. Every row and column has a present level, so E > 0.
  const tableTotal = sum(cellW);
  const table = cellW.map((v) => (v * N) / tableTotal);
  const rowSums = new Array<number>(nr).fill(0);
  const colSums = new Array<number>(nc).fill(0);
  table.forEach((v, k) => {
    rowSums[k % nr] += v;
    colSums[Math.floor(k / nr)] += v;
  });
  const grand = sum(table);
  let pearson = 0;
  table.forEach((v, k) => {
    const e = (rowSums[k % nr] * colSums[Math.floor(k / nr)]) / grand;
    pearson += ((v - e) * (v - e)) / e;
  });

  if (kind === "F") {
    const statistic = pearson / trD;
    return {statistic, ndf: d0, ddf: d0 * nu, p: fUpper(statistic, d0, d0 * nu), method: "Rao–Scott adjusted χ² (second order, F test)", pearson};
  }
  const statistic = pearson / (trD / q);
  // Upper tail straight from Q(df/2, x/2): 1 − cdf would lose small p-values (as in stats.ts).
  return {statistic, ndf: q, ddf: null, p: gammainc(statistic / 2, q / 2, true, true), method: "Rao–Scott adjusted χ² (first order)", pearson};
}

// P(F > x) for F(d1, d2), from the regularized incomplete beta the way R's pf(lower.tail =
// FALSE) does it: the tail is taken on whichever side of the beta keeps full relative accuracy.
export function fUpper(x: number, d1: number, d2: number): number {
  if (!(x > 0)) return x === 0 ? 1 : NaN;
  if (d1 * x > d2) return betainc(d2 / (d2 + d1 * x), d2 / 2, d1 / 2, true, false);
  return betainc((d1 * x) / (d2 + d1 * x), d1 / 2, d2 / 2, true, true);
}

// --- tiny dense linear algebra ----------------------------------------------------------
// The only matrices are (r − 1)(c − 1) square, a few dozen entries for survey tables; a
// 20-line LU solve is clearer than a dependency, and no small, well-kept npm package for it
// justifies one.

function zeros(r: number, c: number): number[][] {
  return Array.from({length: r}, () => new Array<number>(c).fill(0));
}

/**
 * solve(A, B) by LU with partial pivoting (LAPACK dgesv, as R uses). Like R's solve.default it
 * refuses a matrix whose reciprocal condition number (1-norm) is below machine epsilon; the
 * 1-norm of A⁻¹ is computed exactly here, where LAPACK estimates it.
 */
function solve(A: number[][], B: number[][]): number[][] {
  const n = A.length;
  const lu = A.map((row) => row.slice());
  const perm = Array.from({length: n}, (_, i) => i);
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(lu[i][k]) > Math.abs(lu[p][k])) p = i;
    if (lu[p][k] === 0) throw new Error("raoScottTest: the design effect system is exactly singular (R's solve() fails too); too many empty cells for this table");
    [lu[k], lu[p]] = [lu[p], lu[k]];
    [perm[k], perm[p]] = [perm[p], perm[k]];
    for (let i = k + 1; i < n; i++) {
      lu[i][k] /= lu[k][k];
      for (let j = k + 1; j < n; j++) lu[i][j] -= lu[i][k] * lu[k][j];
    }
  }
  const solveColumn = (b: number[]): number[] => {
    const x = perm.map((i) => b[i]);
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) x[i] -= lu[i][j] * x[j];
    for (let i = n - 1; i >= 0; i--) {
      for (let j = i + 1; j < n; j++) x[i] -= lu[i][j] * x[j];
      x[i] /= lu[i][i];
    }
    return x;
  };
  const columns = (M: number[][]): number[][] => M[0].map((_, j) => M.map((row) => row[j]));
  const inverse = columns(Array.from({length: n}, (_, j) => solveColumn(Array.from({length: n}, (_, i) => (i === j ? 1 : 0)))));
  const norm1 = (M: number[][]): number => Math.max(...M[0].map((_, j) => M.reduce((s, row) => s + Math.abs(row[j]), 0)));
  const rcond = 1 / (norm1(A) * norm1(inverse));
  if (!(rcond >= Number.EPSILON)) {
    throw new Error(`raoScottTest: the design effect system is computationally singular (reciprocal condition number ${rcond.toExponential(5)}; R's solve() fails too); too many empty cells for this table`);
  }
  return columns(columns(B).map(solveColumn));
}
