// Statistics for the report's cross-tabs: the tests and formatting that R's gtsummary
// applies by default (tbl_summary + add_p), re-done in TypeScript so the build needs no R.
// Every number here is checked against real R (chisq.test, fisher.test, prop.test) in
// stats.test.ts; the formatting follows gtsummary 2.x's source (style_pvalue, style_percent,
// style_number → cards::round5).
//
// Tables are plain row-major arrays of counts: table[i][j] = count in row i, column j.
import {betainc, factorialln, gammainc, hypergeometricPmf, normalQuantile} from "./stdlib.js";
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

// Default cap on the work of the r×c Fisher test, in steps of its network search (see
// fisherRxC): 1e7 steps is a few seconds. It covers every table R's fisher.test solves with its
// default workspace, and many for which R needs `workspace = 2e8`; past it a report build would
// stall, so we fail loudly instead. A count, not a time: the same table always gets the same result.
export const FISHER_MAX_WORK = 1e7;

// R's fisher.test keeps 2×2 tables whose probability is within this relative tolerance of the
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
 * with R's tolerance on "no more likely" (1 + 1e-7 on the probability for 2×2, FEXACT's
 * 3.45254e-7 on its log for larger tables).
 *
 * Rows/columns that sum to zero are dropped first; they do not change the conditional
 * distribution (R gives the same p-value). If fewer than 2 rows or columns remain, only one
 * table has these margins and p = 1.
 *
 * `maxWork` caps the r×c computation, in steps of its network search (default FISHER_MAX_WORK);
 * beyond it we throw an error saying so.
 */
export function fisherExactTest(table: number[][], options: {maxWork?: number} = {}): FisherResult {
  const {maxWork = FISHER_MAX_WORK} = options;
  checkTable("fisherExactTest", table, {integer: true});
  const method = "Fisher's Exact Test for Count Data";
  const keepRows = rowSums(table).map((s) => s > 0);
  const keepCols = colSums(table).map((s) => s > 0);
  const x = table.filter((_, i) => keepRows[i]).map((row) => row.filter((_, j) => keepCols[j]));
  if (x.length < 2 || x[0].length < 2) return {p: 1, method};
  const p = x.length === 2 && x[0].length === 2 ? fisher2x2(x) : fisherRxC(x, maxWork);
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

// r×c: hand-written, because no npm package does an exact r×c Fisher test (R calls FEXACT, the
// network algorithm of Mehta & Patel (1983), in C). The same idea, written afresh:
//
// A table is built one column at a time, the "columns" being the longer dimension, smallest
// first (as FEXACT). Once some columns are placed, what is left to decide depends only on what
// each row (the shorter dimension) still needs, and rows needing the same amount are
// interchangeable, so the node of a partial table is that vector of remaining row sums, sorted.
// Nodes form a layered network (a node's total says how many columns are placed) and each table
// is a path through it. With K = Π R_i! Π C_j! / N!, a table's probability is K·exp(past +
// future), past and future being −Σ log n_ij! over the cells placed before and after a node.
// For each node the search reaches we compute, when it first meets it:
//  - the sum of exp(future) over all of its completions, in closed form: for remaining row sums
//    r (total M) and remaining columns c it is M! / (Π r_i! Π c_j!), because the hypergeometric
//    probabilities of those margins sum to 1;
//  - the longest path, the max of `future` (the most likely completion), exactly: a convex-cost
//    transportation problem, solved by cancelling negative cycles (modeFuture);
//  - the shortest path, the min of `future` (the least likely completion): exactly two columns
//    from the end (lastTwoBounds), elsewhere a lower bound (leastFuture), which on the tables of
//    the fixture decides as the exact value does.
// The search walks the network layer by layer, carrying for each node the distinct `past`
// values that reach it with their multiplicities (paths with equal pasts are merged). A past p
// at a node whose completions lie in [lo, hi] is settled there and then if p + hi ≤ threshold
// (every completion is at least as extreme as the observed table: add the closed-form mass) or
// p + lo > threshold (none is: that mass goes to the other side); only the undecided go on to
// the children. Pasts are kept sorted, so each edge splits them into the three groups with two
// binary searches and prefix sums, and the runs passed to a child are merged, not hashed. Two
// columns from the end the completions are listed outright, which settles the rest. The p-value
// is the extreme mass over all the mass (which is 1 but for rounding in K, which so cancels).
//
// As in R, a table is as extreme as the observed one when its log-probability is at most the
// observed one's plus FEXACT's tolerance, 3.45254e-7 (R's own 2×2 code uses 1 + 1e-7 on the
// probability; fisher.fixture.json has a table where the difference shows, at 2e-6). The work
// (columns listed, nodes bounded, pasts carried and merged) is capped at `maxWork` steps, and
// the pasts held at once at MAX_PASTS; past either we throw rather than stall the build. The caps
// are counts, not times, so a table always gets the same outcome. FEXACT sums its log-factorials
// up one by one, and that rounding shows in R's p-values at large N (about 1e-10 relative at
// N = 2,613); ours come from stdlib and are normalised as above.
//
// Checked against R on every table of fisher.fixture.json (fisher.R writes it) and against a
// plain enumeration of all tables on small random ones (fisher.test.ts).

// Tolerance FEXACT (R's fisher.test for tables larger than 2×2) puts on "no more likely".
const FEXACT_TOL = 3.45254e-7;
// Pasts within this of each other (in log-probability) are merged: paths with equal products
// Π n_ij! differ only by rounding (~1e-12). Their mass is kept exactly; only a table within 1e-9
// of the threshold could be judged on the wrong side of it.
const PAST_MERGE = 1e-9;
// Margin by which the bounds are widened, so that rounding never makes them too tight (a wider
// bound only defers a decision to the complete tables).
const BOUND_SLACK = 1e-9;
// What creating a node (its key, its bounds' setup) costs, in steps.
const NODE_COST = 20;
// At most this many pasts are held at once (for one layer, or arriving at one node), so that
// memory stays bounded (some 250 MB) whatever the steps; the tables of fisher.fixture.json need
// a twentieth of it.
const MAX_PASTS = 4e6;

function fisherRxC(x: number[][], maxWork: number): number {
  const R = rowSums(x);
  const C = colSums(x);
  const N = R.reduce((a, b) => a + b, 0);
  // Nodes over the shorter dimension, layers over the longer one (fewer, smaller nodes).
  const [stateSums, layerSums] = R.length <= C.length ? [R, C] : [C, R];
  const s = stateSums.length;
  // Smallest columns first, as FEXACT: few pasts in the early layers.
  const cols = layerSums.slice().sort((a, b) => a - b);
  const K = cols.length; // ≥ 3: 2×2 tables do not come here
  const lf = new Float64Array(N + 1);
  for (let i = 0; i <= N; i++) lf[i] = factorialln(i);
  let logK = -lf[N];
  for (const r of R) logK += lf[r];
  for (const c of C) logK += lf[c];
  let observed = 0;
  for (const row of x) for (const v of row) observed -= lf[v];
  const threshold = observed + FEXACT_TOL;
  const lfColsFrom = new Float64Array(K + 1); // Σ_{j ≥ k} log c_j!
  for (let k = K - 1; k >= 0; k--) lfColsFrom[k] = lfColsFrom[k + 1] + lf[cols[k]];

  // Work is counted in steps of roughly equal cost (following an edge, listing a next column and
  // looking its node up, is 2); operations are weighted by what they cost, as measured on this
  // code, so that the cap stands for a roughly constant amount of time.
  let work = 0;
  const spend = (units: number): void => {
    work += units;
    if (work > maxWork) {
      throw new Error(
        `fisherExactTest: it would take more than ${maxWork} steps to compute exactly (N = ${N}, ${x.length}×${x[0].length}); ` +
          `merge sparse categories or use the chi-squared test`,
      );
    }
  };
  const tooMany = (): never => {
    throw new Error(
      `fisherExactTest: it would hold more than ${MAX_PASTS} partial tables at once to compute exactly (N = ${N}, ${x.length}×${x[0].length}); ` +
        `merge sparse categories or use the chi-squared test`,
    );
  };

  // Exact [min, max] of `future` for a node two columns from the end (sorted v; the next column
  // has total a, the last one what is left). A completion is a column n with Σ n_i = a,
  // 0 ≤ n_i ≤ v_i, and future = −Σ h_i(n_i) with h_i(m) = log m! + log (v_i − m)!, convex in m.
  //  - max: minimise a separable convex sum under one total: start from the proportional split
  //    and move single units between rows while that lowers it; no improving move means optimal.
  //  - min: maximise it: the optimum is at a vertex of {Σ n_i = a, 0 ≤ n_i ≤ v_i}, where every
  //    n_i but one is 0 or v_i (contributing log v_i! either way); try every such vertex.
  // Rows beyond 12 (2^12 vertices) fall back to listing the columns.
  const h = (i: number, v: Int32Array, m: number) => lf[m] + lf[v[i] - m];
  const boundLister = new ColumnLister(s, lf);
  const take = new Int32Array(s);
  const subsetSum = new Int32Array(s <= 12 ? 1 << s : 0);
  const lastTwoBounds = (v: Int32Array, a: number): [number, number] => {
    let M = 0;
    let allLf = 0;
    for (let i = 0; i < s; i++) {
      M += v[i];
      allLf += lf[v[i]];
    }
    if (s > 12) {
      let hi = -Infinity;
      let lo = Infinity;
      const count = boundLister.list(v, a);
      for (let e = 0; e < count; e++) {
        let len = boundLister.lens[e];
        for (let i = 0; i < s; i++) len -= lf[v[i] - boundLister.columns[e * s + i]];
        hi = Math.max(hi, len);
        lo = Math.min(lo, len);
      }
      spend(count / 3);
      return [lo - BOUND_SLACK, hi + BOUND_SLACK];
    }
    // max
    let placed = 0;
    for (let i = 0; i < s; i++) {
      take[i] = Math.min(v[i], Math.floor((v[i] * a) / M));
      placed += take[i];
    }
    for (; placed < a; placed++) {
      let best = -1;
      let bestGain = Infinity;
      for (let i = 0; i < s; i++) {
        if (take[i] === v[i]) continue;
        const gain = h(i, v, take[i] + 1) - h(i, v, take[i]);
        if (gain < bestGain) {
          bestGain = gain;
          best = i;
        }
      }
      take[best]++;
    }
    for (let steps = 0; ; steps++) {
      // the best unit to add and the best unit to remove
      let up = -1;
      let upCost = Infinity;
      let down = -1;
      let downCost = Infinity;
      for (let i = 0; i < s; i++) {
        if (take[i] < v[i]) {
          const c = h(i, v, take[i] + 1) - h(i, v, take[i]);
          if (c < upCost) {
            upCost = c;
            up = i;
          }
        }
        if (take[i] > 0) {
          const c = h(i, v, take[i] - 1) - h(i, v, take[i]);
          if (c < downCost) {
            downCost = c;
            down = i;
          }
        }
      }
      if (up === -1 || down === -1 || up === down || upCost + downCost >= -1e-12) break;
      take[up]++;
      take[down]--;
      spend(s / 16);
    }
    let best = 0;
    for (let i = 0; i < s; i++) best += h(i, v, take[i]);
    const hi = -best;
    // min
    let worst = -Infinity;
    for (let mask = 0; mask < 1 << s; mask++) {
      if (mask > 0) {
        const low = 31 - Math.clz32(mask & -mask);
        subsetSum[mask] = subsetSum[mask & (mask - 1)] + v[low];
      }
      const t = a - subsetSum[mask];
      if (t < 0) continue;
      for (let j = 0; j < s; j++) {
        if (mask & (1 << j) || t > v[j]) continue;
        const val = allLf - lf[v[j]] + h(j, v, t);
        if (val > worst) worst = val;
      }
    }
    spend((s << s) / 16);
    return [-worst - BOUND_SLACK, hi + BOUND_SLACK];
  };

  // Bounds three or more columns from the end. The most likely completion (max of `future`)
  // minimises the separable convex Σ log n_ij! over tables with these margins, a convex-cost
  // transportation problem: start from the proportional table, rounded, and cancel negative
  // cycles of unit moves (Bellman–Ford on rows + columns) until there is none, which means
  // optimal. The least likely one is only bounded: Σ log n_ij! is at most what each row could
  // reach alone (its count split over columns no larger than theirs, a convex maximum, so at a
  // vertex: some columns full, one partial), and likewise for each column; the smaller of the
  // two sums serves.
  const cell = new Int32Array(s * K); // cell[i·m + j]
  const rowLeft = new Int32Array(s);
  const colLeft = new Int32Array(K);
  const dist = new Float64Array(s + K);
  const pred = new Int32Array(s + K);
  const onCycle = new Int32Array(s + K);
  const modeFuture = (v: Int32Array, k: number): number => {
    const m = K - k;
    const V = s + m;
    let M = 0;
    for (let i = 0; i < s; i++) {
      M += v[i];
      rowLeft[i] = v[i];
    }
    for (let j = 0; j < m; j++) colLeft[j] = cols[k + j];
    for (let i = 0; i < s; i++) {
      for (let j = 0; j < m; j++) {
        const e = Math.floor((v[i] * cols[k + j]) / M);
        cell[i * m + j] = e;
        rowLeft[i] -= e;
        colLeft[j] -= e;
      }
    }
    // What the rounding left over, filled corner to corner.
    for (let i = 0, j = 0; i < s && j < m; ) {
      const e = Math.min(rowLeft[i], colLeft[j]);
      cell[i * m + j] += e;
      rowLeft[i] -= e;
      colLeft[j] -= e;
      if (rowLeft[i] === 0) i++;
      else j++;
    }
    for (let round = 0; ; round++) {
      spend((V * s * m) / 64);
      // Arcs: row i → column j adds a unit to cell ij (cost log(n + 1)), column j → row i takes
      // one away (cost −log n). A negative cycle is a move that keeps the margins and helps.
      dist.fill(0, 0, V);
      pred.fill(-1, 0, V);
      let last = -1;
      for (let pass = 0; pass < V; pass++) {
        last = -1;
        for (let i = 0; i < s; i++) {
          for (let j = 0; j < m; j++) {
            const c = cell[i * m + j];
            const up = dist[i] + (lf[c + 1] - lf[c]);
            if (up < dist[s + j] - 1e-12) {
              dist[s + j] = up;
              pred[s + j] = i;
              last = s + j;
            }
            if (c > 0) {
              const down = dist[s + j] - (lf[c] - lf[c - 1]);
              if (down < dist[i] - 1e-12) {
                dist[i] = down;
                pred[i] = s + j;
                last = i;
              }
            }
          }
        }
        if (last === -1) break;
      }
      if (last === -1) break;
      // Still improving after V passes: walk back into the cycle and apply it.
      let u = last;
      for (let t = 0; t < V; t++) u = pred[u];
      onCycle.fill(0, 0, V);
      for (let w = u; !onCycle[w]; w = pred[w]) {
        onCycle[w] = 1;
        const p = pred[w];
        if (w >= s) cell[p * m + (w - s)]++; // arc row p → column w
        else cell[w * m + (p - s)]--; // arc column p → row w
      }
    }
    let future = 0;
    for (let c = 0; c < s * m; c++) future -= lf[cell[c]];
    cell.fill(0, 0, s * m);
    return future;
  };
  // Largest Σ log x_j! with Σ x_j = total and 0 ≤ x_j ≤ caps[j] (at a vertex: some x_j full, one
  // partial, the rest 0). Past 12 caps, the plain bound log total!.
  const boxMax = (total: number, caps: ArrayLike<number>, from: number, to: number): number => {
    const m = to - from;
    if (m > 12) return lf[total];
    let best = -Infinity;
    for (let mask = 0; mask < 1 << m; mask++) {
      let sum = 0;
      let val = 0;
      for (let j = 0; j < m; j++) {
        if (mask & (1 << j)) {
          sum += caps[from + j];
          val += lf[caps[from + j]];
        }
      }
      const t = total - sum;
      if (t < 0) continue;
      if (t === 0) best = Math.max(best, val);
      else for (let j = 0; j < m; j++) if (!(mask & (1 << j)) && t <= caps[from + j]) best = Math.max(best, val + lf[t]);
    }
    return best;
  };
  const leastFuture = (v: Int32Array, k: number): number => {
    let rows = 0;
    for (let i = 0; i < s; i++) rows += boxMax(v[i], cols, k, K);
    let columns = 0;
    for (let j = k; j < K; j++) columns += boxMax(cols[j], v, 0, s);
    spend((s * (K - k) * (1 << Math.min(K - k, 12)) + (K - k) * s * (1 << Math.min(s, 12))) / 16);
    return -Math.min(rows, columns);
  };

  // --- the network: nodes, created (with their bounds) as the search reaches them ---
  const base = Math.max(...stateSums) + 1;
  const numericKeys = base ** s < Number.MAX_SAFE_INTEGER;
  const keyOf = (v: Int32Array): number | string => {
    if (!numericKeys) return v.join(",");
    let key = 0;
    for (let i = s - 1; i >= 0; i--) key = key * base + v[i];
    return key;
  };
  // Each node's bounds sit in its slot of the index, after the key: the longest path (max of
  // `future` over the completions), the shortest path or a lower bound on it (min of `future`),
  // log Σ exp(future) over all completions, and the node's id.
  const index: NodeTable = numericKeys ? new NodeIndex() : new StringIndex();
  let nodes = 0;
  let nodeVec = new Int32Array(64 * s); // node id's sorted vector at [id·s, id·s + s)
  const vecOf = (id: number, out: Int32Array): Int32Array => {
    for (let i = 0; i < s; i++) out[i] = nodeVec[id * s + i];
    return out;
  };
  // The slot of the node for sorted v before layer k (valid until the next node is added).
  const slotOf = (v: Int32Array, k: number): number => {
    const key = keyOf(v);
    const known = index.find(key);
    if (known >= 0) return known;
    const id = nodes++;
    if (nodeVec.length < nodes * s) {
      const grown = new Int32Array(2 * nodes * s);
      grown.set(nodeVec);
      nodeVec = grown;
    }
    let sumLf = 0;
    let M = 0;
    for (let i = 0; i < s; i++) {
      nodeVec[id * s + i] = v[i];
      sumLf += lf[v[i]];
      M += v[i];
    }
    let hi: number;
    let lo: number;
    if (k === K - 2) [lo, hi] = lastTwoBounds(v, cols[k]);
    else {
      hi = modeFuture(v, k) + BOUND_SLACK;
      lo = leastFuture(v, k) - BOUND_SLACK;
    }
    spend(NODE_COST);
    return index.add(key, hi, lo, lf[M] - sumLf - lfColsFrom[k], id);
  };
  const root = index.data[5 * slotOf(Int32Array.from(stateSums).sort(), 0) + 4];

  // --- the search, layer by layer ---
  // A layer: node ids, and for each its pasts P (sorted) and multiplicities W, at
  // [start[g], start[g + 1]) of the flat arrays.
  let layerNodes = [root];
  let layerStart = [0, 1];
  let P: Float64Array = new Float64Array([0]);
  let W: Float64Array = new Float64Array([1]);
  let extreme = 0;
  let rest = 0;
  let below = new Float64Array(16);
  let above = new Float64Array(16);
  // Scratch for merging the runs of pasts passed to one child.
  let runP = new Float64Array(16);
  let runW = new Float64Array(16);
  let mergedP = new Float64Array(16);
  let mergedW = new Float64Array(16);
  let runStart = new Int32Array(16);
  let mergedStart = new Int32Array(16);
  const v = new Int32Array(s);
  const child = new Int32Array(s);
  const lister = new ColumnLister(s, lf);
  for (let k = 0; layerNodes.length > 0; k++) {
    // The undecided pasts each edge passes on: P[from .. to) + len, W·mult, to child.
    const taskChild: number[] = [];
    const taskFrom: number[] = [];
    const taskTo: number[] = [];
    const taskLen: number[] = [];
    const taskMult: number[] = [];
    for (let g = 0; g < layerNodes.length; g++) {
      const id = layerNodes[g];
      const from = layerStart[g];
      const to = layerStart[g + 1];
      const L = to - from;
      const ref = P[to - 1];
      // below[i] = Σ_{t<i} W e^(P − ref) and above[i] = Σ_{t≥i} W e^(P − ref), over this node's pasts
      if (below.length < L + 1) {
        below = new Float64Array(2 * L + 2);
        above = new Float64Array(2 * L + 2);
      }
      below[0] = 0;
      for (let i = 0; i < L; i++) below[i + 1] = below[i] + W[from + i] * Math.exp(P[from + i] - ref);
      above[L] = 0;
      for (let i = L - 1; i >= 0; i--) above[i] = above[i + 1] + W[from + i] * Math.exp(P[from + i] - ref);
      // How many of this node's pasts are ≤ cut.
      const count = (cut: number): number => {
        let a = from;
        let b = to;
        while (a < b) {
          const m = (a + b) >> 1;
          if (P[m] <= cut) a = m + 1;
          else b = m;
        }
        return a - from;
      };
      vecOf(id, v);
      const listed = lister.list(v, cols[k]);
      const {columns, lens, mults} = lister;
      spend(k === K - 2 ? (2 * listed) / 3 : 2 * listed);
      if (k === K - 2) {
        // Complete tables: settle every past against every possible column.
        for (let e = 0; e < listed; e++) {
          let len = lens[e];
          for (let i = 0; i < s; i++) len -= lf[v[i] - columns[e * s + i]];
          const a = count(threshold - len);
          const mass = mults[e] * Math.exp(ref + len + logK);
          extreme += mass * below[a];
          rest += mass * above[a];
        }
        continue;
      }
      let carried = 0;
      for (let e = 0; e < listed; e++) {
        // child: v − column, sorted
        for (let t = 0; t < s; t++) {
          const val = v[t] - columns[e * s + t];
          let u = t;
          while (u > 0 && child[u - 1] > val) {
            child[u] = child[u - 1];
            u--;
          }
          child[u] = val;
        }
        const at = 5 * slotOf(child, k + 1);
        const bound = index.data;
        const len = lens[e];
        const a = count(threshold - len - bound[at + 1]); // pasts [0, a): every completion extreme
        const b = count(threshold - len - bound[at + 2]); // pasts [b, L): no completion extreme
        if (a > 0 || b < L) {
          const mass = mults[e] * Math.exp(ref + len + bound[at + 3] + logK);
          extreme += mass * below[a];
          rest += mass * above[b];
        }
        if (b > a) {
          taskChild.push(bound[at + 4]);
          taskFrom.push(from + a);
          taskTo.push(from + b);
          taskLen.push(len);
          taskMult.push(mults[e]);
          carried += b - a;
        }
      }
      spend(carried / 64);
    }
    // The next layer: for each child, the runs passed to it (each sorted, being a parent's sorted
    // pasts plus a constant) merged pairwise into one sorted list, equal pasts combined.
    const byChild = new Map<number, number[]>();
    for (let t = 0; t < taskChild.length; t++) {
      const list = byChild.get(taskChild[t]);
      if (list) list.push(t);
      else byChild.set(taskChild[t], [t]);
    }
    const nextNodes: number[] = [];
    const nextStart = [0];
    let nextP = new Float64Array(1024);
    let nextW = new Float64Array(1024);
    let filled = 0;
    for (const [cid, tasks] of byChild) {
      let total = 0;
      for (const t of tasks) total += taskTo[t] - taskFrom[t];
      if (total > MAX_PASTS) tooMany();
      if (runP.length < total) {
        const size = Math.max(total, Math.min(2 * total, MAX_PASTS));
        runP = new Float64Array(size);
        runW = new Float64Array(size);
        mergedP = new Float64Array(size);
        mergedW = new Float64Array(size);
      }
      if (runStart.length < tasks.length + 1) {
        runStart = new Int32Array(2 * tasks.length + 2);
        mergedStart = new Int32Array(2 * tasks.length + 2);
      }
      let j = 0;
      for (let r = 0; r < tasks.length; r++) {
        const t = tasks[r];
        runStart[r] = j;
        const len = taskLen[t];
        const mult = taskMult[t];
        for (let i = taskFrom[t]; i < taskTo[t]; i++, j++) {
          runP[j] = P[i] + len;
          runW[j] = W[i] * mult;
        }
      }
      let runs = tasks.length;
      runStart[runs] = j;
      while (runs > 1) {
        spend(runStart[runs] / 8);
        let out = 0;
        let merged = 0;
        for (let r = 0; r < runs; r += 2) {
          mergedStart[merged++] = out;
          out = r + 1 < runs ? mergeRuns(runP, runW, runStart[r], runStart[r + 1], runStart[r + 2], mergedP, mergedW, out) : copyRun(runP, runW, runStart[r], runStart[r + 1], mergedP, mergedW, out);
        }
        mergedStart[merged] = out;
        [runP, mergedP] = [mergedP, runP];
        [runW, mergedW] = [mergedW, runW];
        [runStart, mergedStart] = [mergedStart, runStart];
        runs = merged;
      }
      const size = runStart[1];
      if (filled + size > MAX_PASTS) tooMany();
      if (filled + size > nextP.length) {
        const grownP = new Float64Array(Math.min(2 * (filled + size), MAX_PASTS));
        const grownW = new Float64Array(grownP.length);
        grownP.set(nextP.subarray(0, filled));
        grownW.set(nextW.subarray(0, filled));
        nextP = grownP;
        nextW = grownW;
      }
      nextP.set(runP.subarray(0, size), filled);
      nextW.set(runW.subarray(0, size), filled);
      filled += size;
      nextNodes.push(cid);
      nextStart.push(filled);
    }
    layerNodes = nextNodes;
    layerStart = nextStart;
    P = nextP;
    W = nextW;
  }
  return extreme / (extreme + rest);
}

// Lists every possible next column n (0 ≤ n_i ≤ v_i, Σ n_i = total) for a sorted v into
// `columns` (s entries each), with `lens` = −Σ log n_i! and `mults`. Rows with equal v_i are
// interchangeable, so within such a run only non-increasing n are listed, each standing for its
// `mults` distinct permutations.
class ColumnLister {
  columns: Int32Array; // s entries per column listed
  lens = new Float64Array(64);
  mults = new Float64Array(64);
  private count = 0;
  private v: Int32Array = new Int32Array(0);
  private readonly n: Int32Array;
  private readonly capFrom: Int32Array;

  constructor(
    private readonly s: number,
    private readonly lf: Float64Array,
  ) {
    this.n = new Int32Array(s);
    this.capFrom = new Int32Array(s + 1);
    this.columns = new Int32Array(64 * s);
  }

  list(v: Int32Array, total: number): number {
    this.v = v;
    this.count = 0;
    for (let i = this.s - 1; i >= 0; i--) this.capFrom[i] = this.capFrom[i + 1] + v[i];
    this.place(0, total, 0, 1, 0, 0);
    return this.count;
  }

  private place(i: number, rem: number, len: number, mult: number, runPos: number, tie: number): void {
    const {v, n, lf, s} = this;
    if (i === s - 1) {
      // The last entry is forced.
      if (rem > v[i]) return;
      if (i > 0 && v[i] === v[i - 1]) {
        if (rem > n[i - 1]) return;
        mult = (mult * (runPos + 1)) / (rem === n[i - 1] ? tie + 1 : 1);
      }
      n[i] = rem;
      this.emit(len - lf[rem], mult);
      return;
    }
    const sameRun = i > 0 && v[i] === v[i - 1];
    const lo = Math.max(0, rem - this.capFrom[i + 1]);
    const hi = Math.min(v[i], rem, sameRun ? n[i - 1] : rem);
    for (let val = lo; val <= hi; val++) {
      n[i] = val;
      if (sameRun) {
        const t = val === n[i - 1] ? tie + 1 : 1;
        this.place(i + 1, rem - val, len - lf[val], (mult * (runPos + 1)) / t, runPos + 1, t);
      } else {
        this.place(i + 1, rem - val, len - lf[val], mult, 1, 1);
      }
    }
  }

  private emit(len: number, mult: number): void {
    const {s, n} = this;
    const c = this.count;
    if (c === this.lens.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T, make: (size: number) => T): T => {
        const b = make(2 * a.length);
        b.set(a);
        return b;
      };
      this.columns = grow(this.columns, (size) => new Int32Array(size));
      this.lens = grow(this.lens, (size) => new Float64Array(size));
      this.mults = grow(this.mults, (size) => new Float64Array(size));
    }
    for (let i = 0; i < s; i++) this.columns[c * s + i] = n[i];
    this.lens[c] = len;
    this.mults[c] = mult;
    this.count = c + 1;
  }
}

// Where the search keeps its nodes: by key, a slot of 5 numbers in `data` (at 5·slot), the first
// reserved for the key and the other 4 the caller's.
interface NodeTable {
  data: Float64Array;
  /** The slot of `key`, or −1. */
  find(key: number | string): number;
  /** Adds `key` (absent) and returns its slot; other slots may move. */
  add(key: number | string, a: number, b: number, c: number, d: number): number;
}

// Numeric keys (the sorted vector in base max + 1, ≥ 0): open addressing, the data beside the
// key so that a lookup touches one place in memory.
class NodeIndex implements NodeTable {
  data = new Float64Array(5 * 1024).fill(-1);
  private size = 0;
  private mask = 1023;

  find(key: number | string): number {
    const k = key as number;
    for (let h = NodeIndex.hash(k) & this.mask; ; h = (h + 1) & this.mask) {
      const at = this.data[5 * h];
      if (at === k) return h;
      if (at === -1) return -1;
    }
  }

  add(key: number | string, a: number, b: number, c: number, d: number): number {
    if ((this.size + 1) * 2 > this.mask) this.grow();
    const h = this.place(key as number);
    const at = 5 * h;
    this.data[at] = key as number;
    this.data[at + 1] = a;
    this.data[at + 2] = b;
    this.data[at + 3] = c;
    this.data[at + 4] = d;
    this.size++;
    return h;
  }

  private place(k: number): number {
    let h = NodeIndex.hash(k) & this.mask;
    while (this.data[5 * h] !== -1) h = (h + 1) & this.mask;
    return h;
  }

  private grow(): void {
    const old = this.data;
    this.mask = 2 * (this.mask + 1) - 1;
    this.data = new Float64Array(5 * (this.mask + 1)).fill(-1);
    for (let at = 0; at < old.length; at += 5) {
      if (old[at] === -1) continue;
      this.data.set(old.subarray(at, at + 5), 5 * this.place(old[at]));
    }
  }

  private static hash(k: number): number {
    let h = (k | 0) ^ Math.imul((k / 4294967296) | 0, 0x9e3779b1);
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return h ^ (h >>> 16);
  }
}

// Keys too large for a number: a Map, slots in order of arrival.
class StringIndex implements NodeTable {
  data = new Float64Array(5 * 64);
  private slots = new Map<number | string, number>();

  find(key: number | string): number {
    return this.slots.get(key) ?? -1;
  }

  add(key: number | string, a: number, b: number, c: number, d: number): number {
    const h = this.slots.size;
    this.slots.set(key, h);
    if (this.data.length < 5 * (h + 1)) {
      const grown = new Float64Array(2 * this.data.length);
      grown.set(this.data);
      this.data = grown;
    }
    this.data.set([0, a, b, c, d], 5 * h);
    return h;
  }
}

// Merges the sorted runs P[a..b) and P[b..c) (multiplicities in W) into out[at..), combining
// pasts within PAST_MERGE of the first of their group; returns the end of the output.
function mergeRuns(P: Float64Array, W: Float64Array, a: number, b: number, c: number, outP: Float64Array, outW: Float64Array, at: number): number {
  const start = at;
  let i = a;
  let j = b;
  while (i < b || j < c) {
    let p: number;
    let w: number;
    if (j >= c || (i < b && P[i] <= P[j])) {
      p = P[i];
      w = W[i++];
    } else {
      p = P[j];
      w = W[j++];
    }
    if (at > start && p - outP[at - 1] <= PAST_MERGE) {
      // Equal up to rounding: keep the first value, adjust the mass to it (e^d ≈ 1 + d, d ≤ 1e-9).
      outW[at - 1] += w * (1 + (p - outP[at - 1]));
    } else {
      outP[at] = p;
      outW[at++] = w;
    }
  }
  return at;
}

function copyRun(P: Float64Array, W: Float64Array, a: number, b: number, outP: Float64Array, outW: Float64Array, at: number): number {
  outP.set(P.subarray(a, b), at);
  outW.set(W.subarray(a, b), at);
  return at + (b - a);
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
