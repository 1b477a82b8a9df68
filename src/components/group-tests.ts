// Tests that compare a continuous variable across groups, as gtsummary's
// `tbl_summary(by = g) |> add_p()` runs them, re-done in TypeScript so the build needs no R:
// Wilcoxon rank-sum, Kruskal–Wallis, Welch's t-test, one-way ANOVA, plus p.adjust for
// multiple comparisons. Every number is checked against real R in group-tests.test.ts, using
// the fixture that group-tests.R writes.
//
// Which test gtsummary picks (gtsummary 2.x, R/assign_tests.R and R/theme_gtsummary.R):
//   - by default, for a continuous variable: "wilcox.test" when `by` has two levels, otherwise
//     "kruskal.test" — whatever statistic the table shows;
//   - the parametric pair "t.test" (Welch: R's default var.equal = FALSE) / "aov" (an F test
//     with equal variances, summary(aov(y ~ g)), not Welch's oneway.test) is what
//     theme_gtsummary_mean_sd() sets when tables show mean (SD).
// compareGroups() below maps "median" → the default pair and "mean" → the mean_sd theme's pair.
//
// Input values must be finite numbers: R silently drops NA, but a NaN here usually means a
// parsing bug upstream, so every function throws, naming itself and the index, instead.
import {betainc, erfc, gammainc} from "./stdlib.js";

export interface WilcoxonResult {
  /** R's W: the rank sum of x minus nx(nx + 1)/2, i.e. the number of pairs with x > y. */
  statistic: number;
  p: number;
  method: string;
}

export interface KruskalResult {
  /** The tie-corrected Kruskal–Wallis chi-squared. */
  statistic: number;
  df: number;
  p: number;
  method: string;
}

export interface TTestResult {
  statistic: number;
  /** Welch–Satterthwaite degrees of freedom (not an integer in general). */
  df: number;
  p: number;
  method: string;
}

export interface AnovaResult {
  /** F = between-groups mean square / within-groups mean square. */
  statistic: number;
  ndf: number;
  ddf: number;
  p: number;
  method: string;
}

export type GroupTest = "wilcoxon" | "kruskal" | "t" | "anova";

export interface GroupComparison {
  p: number;
  /** null when fewer than 2 groups have values, so no test was run. */
  test: GroupTest | null;
  method: string;
}

// --- validation and ranks ----------------------------------------------------------------

function checkValues(fn: string, name: string, values: number[]): void {
  if (!Array.isArray(values)) throw new Error(`${fn}: ${name} must be an array of numbers`);
  values.forEach((v, i) => {
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new Error(`${fn}: ${name}[${i}] is ${v}; values must be finite numbers (drop missing answers first)`);
    }
  });
}

function checkGroups(fn: string, groups: number[][]): void {
  if (!Array.isArray(groups)) throw new Error(`${fn}: groups must be an array of arrays of numbers`);
  groups.forEach((g, i) => checkValues(fn, `groups[${i}]`, g));
}

// Average ranks for ties (R's rank(), ties.method = "average"), 1-based.
function ranks(values: number[]): Float64Array {
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  const r = new Float64Array(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && values[order[j + 1]] === values[order[i]]) j++;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) r[order[k]] = avg;
    i = j + 1;
  }
  return r;
}

// Σ (t³ − t) over the sizes t of the groups of equal keys: the tie correction both tests use.
function tieSum(keys: ArrayLike<number | string>): number {
  const counts = new Map<number | string, number>();
  for (let i = 0; i < keys.length; i++) counts.set(keys[i], (counts.get(keys[i]) ?? 0) + 1);
  let s = 0;
  for (const t of counts.values()) s += t * t * t - t;
  return s;
}

// R's mean(): the sum divided by n, then refined by the mean of the residuals (R does this
// in long double; one refinement pass in double gets within an ulp or so).
function mean(x: number[]): number {
  let s = 0;
  for (const v of x) s += v;
  const m = s / x.length;
  let t = 0;
  for (const v of x) t += v - m;
  return m + t / x.length;
}

// Two-pass sum of squared deviations, as R's var() does.
function sumSquares(x: number[], m: number): number {
  let s = 0;
  for (const v of x) s += (v - m) * (v - m);
  return s;
}

// Two-sided normal p-value 2·Φ(−|z|) = erfc(|z|/√2): no `1 − cdf`, so tiny p keep their digits.
function normalTwoSided(z: number): number {
  return erfc(Math.abs(z) / Math.SQRT2);
}

// --- Wilcoxon rank-sum ----------------------------------------------------------------------

/**
 * Counts of the Wilcoxon/Mann–Whitney statistic W (pairs with x > y) over all C(m+n, m)
 * equally likely arrangements of m x's and n y's: counts[k] = #arrangements with W = k.
 *
 * The recursion is R's cwilcox: look at the largest of the m + n values. If it is an x it
 * beats all n y's, otherwise it beats nothing, so
 *     c(k; m, n) = c(k − n; m − 1, n) + c(k; m, n − 1),   c(k; m, 0) = c(k; 0, n) = [k = 0].
 * We run it bottom-up over n (outer) and m (inner), keeping one array per m. Only additions
 * of positive numbers, so the counts keep full relative precision even past 2^53 (49 vs 49
 * gives C(98, 49) ≈ 2.5e28). Cost ≈ m²n²/4 additions: instant for the default exact range
 * (both < 50); for exact = true on large samples it grows quickly, as it does in R.
 */
export function wilcoxonCounts(m: number, n: number): Float64Array {
  // f[i] holds c(·; i, j) for the current j.
  let f: Float64Array[] = Array.from({length: m + 1}, () => Float64Array.of(1));
  for (let j = 1; j <= n; j++) {
    const next: Float64Array[] = [Float64Array.of(1)];
    for (let i = 1; i <= m; i++) {
      const c = new Float64Array(i * j + 1);
      c.set(f[i]); // c(k; i, j − 1)
      const below = next[i - 1]; // c(·; i − 1, j), shifted by j
      for (let k = 0; k < below.length; k++) c[k + j] += below[k];
      next.push(c);
    }
    f = next;
  }
  return f[m];
}

// R's pwilcox(q, m, n, lower.tail): sums the counts over the shorter side of the
// distribution, as R does, and divides each by C(m + n, n).
function pwilcox(q: number, counts: Float64Array, total: number, m: number, n: number, lowerTail: boolean): number {
  q = Math.floor(q + 1e-7);
  const mn = m * n;
  if (q < 0) return lowerTail ? 0 : 1;
  if (q >= mn) return lowerTail ? 1 : 0;
  let p = 0;
  if (q <= mn / 2) {
    for (let i = 0; i <= q; i++) p += counts[i] / total;
  } else {
    q = mn - q;
    for (let i = 0; i < q; i++) p += counts[i] / total;
    lowerTail = !lowerTail;
  }
  return lowerTail ? p : 0.5 - p + 0.5;
}

/**
 * Two-sided Wilcoxon rank-sum (Mann–Whitney) test of x against y, as R's `wilcox.test(x, y)`:
 * - exact p (the counting recursion above) when `exact` is true, or by default (null) when
 *   both samples have fewer than 50 values — and only if there are no ties;
 * - otherwise the normal approximation with R's tie-corrected variance and, unless
 *   `correct` is false, its continuity correction of 0.5 toward the mean.
 * When every value is the same the variance is 0 and p is NaN, as in R.
 */
export function wilcoxonRankSumTest(
  x: number[],
  y: number[],
  options: {correct?: boolean; exact?: boolean | null} = {},
): WilcoxonResult {
  const {correct = true, exact = null} = options;
  const fn = "wilcoxonRankSumTest";
  checkValues(fn, "x", x);
  checkValues(fn, "y", y);
  if (x.length < 1) throw new Error(`${fn}: x has no values`);
  if (y.length < 1) throw new Error(`${fn}: y has no values`);
  const nx = x.length;
  const ny = y.length;
  const r = ranks([...x, ...y]);
  let rx = 0;
  for (let i = 0; i < nx; i++) rx += r[i];
  const statistic = rx - (nx * (nx + 1)) / 2;
  const useExact = exact ?? (nx < 50 && ny < 50);
  const tSum = tieSum(r);
  if (useExact && tSum === 0) {
    const counts = wilcoxonCounts(nx, ny);
    const total = choose(nx + ny, ny);
    const p =
      statistic > (nx * ny) / 2
        ? pwilcox(statistic - 1, counts, total, nx, ny, false)
        : pwilcox(statistic, counts, total, nx, ny, true);
    return {statistic, p: Math.min(2 * p, 1), method: "Wilcoxon rank sum exact test"};
  }
  // R warns "cannot compute exact p-value with ties" here when exact was asked for; we just
  // report the method actually used.
  let z = statistic - (nx * ny) / 2;
  const sigma = Math.sqrt(((nx * ny) / 12) * (nx + ny + 1 - tSum / ((nx + ny) * (nx + ny - 1))));
  const correction = correct ? Math.sign(z) * 0.5 : 0;
  z = (z - correction) / sigma;
  return {
    statistic,
    p: normalTwoSided(z),
    method: correct ? "Wilcoxon rank sum test with continuity correction" : "Wilcoxon rank sum test",
  };
}

// Binomial coefficient in doubles by the multiplicative formula (each step is an integer).
function choose(n: number, k: number): number {
  k = Math.min(k, n - k);
  let c = 1;
  for (let j = 1; j <= k; j++) c = (c * (n - k + j)) / j;
  return c;
}

// --- Kruskal–Wallis ---------------------------------------------------------------------------

/**
 * Kruskal–Wallis rank-sum test across groups, as R's `kruskal.test(list(...))`: the
 * chi-squared statistic with R's tie correction, k − 1 df, upper-tail p.
 *
 * R counts ties with table(x), which compares values as text with 15 significant digits,
 * while the ranks compare exact doubles; we do the same (0.1 + 0.2 and 0.3 get different
 * ranks but count as one tie), so the statistic matches R even then. All values equal gives
 * 0/0 = NaN, as in R.
 */
export function kruskalWallisTest(groups: number[][]): KruskalResult {
  const fn = "kruskalWallisTest";
  checkGroups(fn, groups);
  if (groups.length < 2) throw new Error(`${fn}: needs at least 2 groups, got ${groups.length}`);
  groups.forEach((g, i) => {
    if (g.length === 0) throw new Error(`${fn}: groups[${i}] has no values; all groups must contain data`);
  });
  const all = groups.flat();
  const n = all.length;
  const r = ranks(all);
  let s = 0;
  let offset = 0;
  for (const g of groups) {
    let rs = 0;
    for (let i = 0; i < g.length; i++) rs += r[offset + i];
    s += (rs * rs) / g.length;
    offset += g.length;
  }
  const ties = tieSum(all.map((v) => v.toPrecision(15)));
  const statistic = ((12 * s) / (n * (n + 1)) - 3 * (n + 1)) / (1 - ties / (n * n * n - n));
  const df = groups.length - 1;
  // Upper tail Q(df/2, H/2) directly (no 1 − cdf). Rounding can leave H a hair below 0 when
  // all mean ranks are equal; pchisq gives 1 there, gammainc would give NaN.
  const p = Number.isNaN(statistic) ? NaN : statistic <= 0 ? 1 : gammainc(statistic / 2, df / 2, true, true);
  return {statistic, df, p, method: "Kruskal-Wallis rank sum test"};
}

// --- Welch's t-test -----------------------------------------------------------------------------

/**
 * Two-sided Welch two-sample t-test, as R's `t.test(x, y)` (var.equal = FALSE):
 * t = (x̄ − ȳ)/√(s²x/nx + s²y/ny) with Welch–Satterthwaite df. Like R, throws when a sample has
 * fewer than 2 values or the data are essentially constant.
 */
export function welchTTest(x: number[], y: number[]): TTestResult {
  const fn = "welchTTest";
  checkValues(fn, "x", x);
  checkValues(fn, "y", y);
  if (x.length < 2) throw new Error(`${fn}: x has ${x.length} value(s); needs at least 2`);
  if (y.length < 2) throw new Error(`${fn}: y has ${y.length} value(s); needs at least 2`);
  const nx = x.length;
  const ny = y.length;
  const mx = mean(x);
  const my = mean(y);
  const vx = sumSquares(x, mx) / (nx - 1);
  const vy = sumSquares(y, my) / (ny - 1);
  const sx = Math.sqrt(vx / nx);
  const sy = Math.sqrt(vy / ny);
  const stderr = Math.sqrt(sx * sx + sy * sy);
  if (stderr < 10 * Number.EPSILON * Math.max(Math.abs(mx), Math.abs(my))) {
    throw new Error(`${fn}: data are essentially constant`);
  }
  const df = stderr ** 4 / (sx ** 4 / (nx - 1) + sy ** 4 / (ny - 1));
  const statistic = (mx - my) / stderr;
  // 2·P(T > |t|) = I_{df/(df+t²)}(df/2, 1/2): the t tails without `1 − cdf` (as R's pt does).
  const p = betainc(df / (df + statistic * statistic), df / 2, 0.5, true, false);
  return {statistic, df, p, method: "Welch Two Sample t-test"};
}

// --- one-way ANOVA ------------------------------------------------------------------------------

/**
 * One-way analysis of variance F test (equal variances), the numbers of
 * `summary(aov(y ~ g))`, which is what gtsummary's "aov" test reports.
 * F = [SS_between/(k − 1)] / [SS_within/(N − k)], p = P(F_{k−1, N−k} > F).
 * With N = k (one value per group) R prints no F: we give NaN. If the within-group sum of
 * squares is exactly 0 we give F = Infinity and p = 0 (R's QR fit may leave a tiny residual
 * instead and print a huge F).
 */
export function oneWayAnova(groups: number[][]): AnovaResult {
  const fn = "oneWayAnova";
  checkGroups(fn, groups);
  if (groups.length < 2) throw new Error(`${fn}: needs at least 2 groups, got ${groups.length}`);
  groups.forEach((g, i) => {
    if (g.length === 0) throw new Error(`${fn}: groups[${i}] has no values; drop empty groups first`);
  });
  const all = groups.flat();
  const n = all.length;
  const k = groups.length;
  const grand = mean(all);
  let between = 0;
  let within = 0;
  for (const g of groups) {
    const m = mean(g);
    between += g.length * (m - grand) * (m - grand);
    within += sumSquares(g, m);
  }
  const ndf = k - 1;
  const ddf = n - k;
  const method = "One-way ANOVA";
  if (ddf === 0) return {statistic: NaN, ndf, ddf, p: NaN, method};
  const statistic = between / ndf / (within / ddf);
  // Upper tail of F as I_{ddf/(ddf + ndf·F)}(ddf/2, ndf/2): no `1 − cdf`, so tiny p survive.
  const p = Number.isNaN(statistic) ? NaN : statistic === Infinity ? 0 : betainc(ddf / (ddf + ndf * statistic), ddf / 2, ndf / 2, true, false);
  return {statistic, ndf, ddf, p, method};
}

// --- quantiles ------------------------------------------------------------------------------

/**
 * R's `quantile(x, p, type)` for type 2 (what gtsummary's `{p25}` and `{p75}` are:
 * tbl_summary.R's `.str_to_quantile_fun` calls `quantile(type = 2)`) and type 7 (R's default,
 * DuckDB's quantile_cont; gtsummary uses it for the spread that picks a summary's decimals).
 * Type 2 is the inverse of the empirical distribution, averaging at discontinuities: with
 * j = ⌊np⌋, x₍ⱼ₊₁₎ when np > j, else (x₍ⱼ₎ + x₍ⱼ₊₁₎)/2. Written as R's quantile.default computes it
 * (its fuzz of 4·ε on ⌊np⌋, and (1 − h)·a + h·b), so the doubles agree. `x` need not be sorted.
 */
export function quantile(x: number[], p: number, type: 2 | 7): number {
  const fn = "quantile";
  checkValues(fn, "x", x);
  if (!x.length) throw new Error(`${fn}: x is empty`);
  if (!(p >= 0 && p <= 1)) throw new Error(`${fn}: p is ${p}; it must be between 0 and 1`);
  if (type !== 2 && type !== 7) throw new Error(`${fn}: type is ${type}; use 2 or 7`);
  const s = Float64Array.from(x).sort();
  const n = s.length;
  if (type === 7) {
    const index = (n - 1) * p; // 0-based: R's 1 + (n − 1)p
    const lo = Math.floor(index), hi = Math.ceil(index);
    const h = index - lo;
    return index > lo && s[hi] !== s[lo] ? (1 - h) * s[lo] + h * s[hi] : s[lo];
  }
  const nppm = n * p;
  const j = Math.floor(nppm + 4 * Number.EPSILON);
  const h = nppm > j ? 1 : 0.5;
  // R pads the sorted values with the first and last twice, so x₍₀₎ = x₍₁₎ and x₍ₙ₊₁₎ = x₍ₙ₎.
  const at = (k: number) => s[Math.min(Math.max(k, 1), n) - 1];
  const a = at(j), b = at(j + 1);
  if (h === 1) return b;
  return a !== b ? (1 - h) * a + h * b : a;
}

// --- multiple comparisons -------------------------------------------------------------------

/**
 * Adjusted p-values, as R's `p.adjust(p, method)`:
 * - "bonferroni": min(1, n·p);
 * - "holm": step-down, min(1, cummax((n − i + 1)·p₍ᵢ₎)) over the ascending order;
 * - "BH" (Benjamini–Hochberg false discovery rate, gtsummary's add_q() default):
 *   min(1, cummin(n/i · p₍ᵢ₎)) over the descending order.
 * NaN entries (tests that could not be run) stay NaN and do not count in n, as R does with NA.
 * Any other value outside [0, 1] throws. With n ≤ 1 the values come back unchanged (as in R).
 */
export function pAdjust(p: number[], method: "holm" | "BH" | "bonferroni"): number[] {
  const fn = "pAdjust";
  if (!["holm", "BH", "bonferroni"].includes(method)) {
    throw new Error(`${fn}: method is ${JSON.stringify(method)}; use "holm", "BH" or "bonferroni"`);
  }
  if (!Array.isArray(p)) throw new Error(`${fn}: p must be an array of numbers`);
  p.forEach((v, i) => {
    if (typeof v !== "number" || (!Number.isNaN(v) && !(v >= 0 && v <= 1))) {
      throw new Error(`${fn}: p[${i}] is ${v}; p-values must be between 0 and 1 (NaN for a missing one)`);
    }
  });
  const out = p.slice();
  const idx = p.map((_, i) => i).filter((i) => !Number.isNaN(p[i]));
  const n = idx.length;
  if (n <= 1) return out;
  if (method === "bonferroni") {
    for (const i of idx) out[i] = Math.min(1, n * p[i]);
    return out;
  }
  if (method === "holm") {
    // Stable ascending order; ties end up equal whatever their order.
    const o = idx.slice().sort((a, b) => p[a] - p[b]);
    let run = -Infinity;
    o.forEach((i, r) => {
      run = Math.max(run, (n - r) * p[i]);
      out[i] = Math.min(1, run);
    });
    return out;
  }
  const o = idx.slice().sort((a, b) => p[b] - p[a]);
  let run = Infinity;
  o.forEach((i, r) => {
    run = Math.min(run, (n / (n - r)) * p[i]);
    out[i] = Math.min(1, run);
  });
  return out;
}

// --- gtsummary's choice ---------------------------------------------------------------------

/**
 * The test gtsummary's add_p() runs for a continuous variable split by a grouping variable,
 * and its p-value. Groups with no values are dropped first; then
 *   statistic "median" (the default table): 2 groups → Wilcoxon rank-sum, 3+ → Kruskal–Wallis;
 *   statistic "mean" (theme_gtsummary_mean_sd): 2 groups → Welch t-test, 3+ → one-way ANOVA.
 * Fewer than 2 groups with values → p NaN, test null, and a method saying why. Where R itself
 * would give NaN or stop (all values equal; a t-test group with one value) gtsummary shows no
 * p-value, so we return p NaN with the reason in `method`. Non-finite values still throw.
 *
 * One difference from gtsummary: it counts the levels of `by` among all rows, so a level whose
 * rows are all missing for this variable still makes it pick Kruskal–Wallis (run on the
 * remaining two groups). Dropping empty groups first picks Wilcoxon there instead.
 */
export function compareGroups(groups: number[][], options: {statistic: "median" | "mean"}): GroupComparison {
  const fn = "compareGroups";
  const {statistic} = options ?? {};
  if (statistic !== "median" && statistic !== "mean") {
    throw new Error(`${fn}: statistic is ${JSON.stringify(statistic)}; use "median" or "mean"`);
  }
  checkGroups(fn, groups);
  const kept = groups.filter((g) => g.length > 0);
  if (kept.length < 2) {
    return {p: NaN, test: null, method: `No test: ${kept.length === 0 ? "no group has" : "only one group has"} values`};
  }
  const two = kept.length === 2;
  if (statistic === "median") {
    const r = two ? wilcoxonRankSumTest(kept[0], kept[1]) : kruskalWallisTest(kept);
    const test = two ? "wilcoxon" : "kruskal";
    if (Number.isNaN(r.p)) return {p: NaN, test, method: `${r.method} not possible: all values are equal`};
    return {p: r.p, test, method: r.method};
  }
  if (two) {
    const short = kept.findIndex((g) => g.length < 2);
    if (short >= 0) return {p: NaN, test: "t", method: "Welch Two Sample t-test not possible: a group has only one value"};
    try {
      const r = welchTTest(kept[0], kept[1]);
      return {p: r.p, test: "t", method: r.method};
    } catch {
      return {p: NaN, test: "t", method: "Welch Two Sample t-test not possible: data are essentially constant"};
    }
  }
  const r = oneWayAnova(kept);
  if (Number.isNaN(r.p)) {
    const why = r.ddf === 0 ? "every group has only one value" : "all values are equal";
    return {p: NaN, test: "anova", method: `${r.method} not possible: ${why}`};
  }
  return {p: r.p, test: "anova", method: r.method};
}
