// Tests for src/components/stats.ts. Run: node --import tsx --test src/components/stats.test.ts
//
// Reference values come from real R 4.2.2 (Debian r-base-core), printed with
// format(x, digits = 17). To regenerate them, run this with Rscript:
//
//   m <- function(v, nr) matrix(v, nrow = nr, byrow = TRUE)  # tables written row by row, as in the tests
//   f <- function(x) cat(format(x, digits = 17), "\n")
//   t22 <- m(c(12, 5, 7, 15), 2)
//   f(unlist(chisq.test(t22, correct = FALSE)[c("statistic", "p.value")])); f(t(chisq.test(t22, correct = FALSE)$expected))
//   f(unlist(chisq.test(t22, correct = TRUE)[c("statistic", "p.value")])); cat(chisq.test(t22, correct = TRUE)$method, "\n")
//   cat(chisq.test(m(c(10, 10, 10, 11), 2), correct = TRUE)$method, "\n")  # statistic 0, p 1
//   cat(chisq.test(m(c(5, 5, 5, 5), 2), correct = TRUE)$method, "\n")      # statistic 0, p 1
//   t23 <- m(c(20, 15, 25, 10, 18, 12), 2)
//   f(unlist(chisq.test(t23)[c("statistic", "parameter", "p.value")])); f(t(chisq.test(t23)$expected))
//   t34 <- m(c(12, 7, 9, 14, 8, 11, 6, 10, 15, 9, 13, 7), 3)
//   f(unlist(chisq.test(t34)[c("statistic", "parameter", "p.value")]))
//   f(unlist(chisq.test(m(c(200, 10, 10, 200), 2), correct = FALSE)[c("statistic", "p.value")]))
//   f(fisher.test(m(c(3, 1, 1, 3), 2))$p.value)
//   f(fisher.test(m(c(0, 5, 6, 1), 2))$p.value)
//   f(fisher.test(t22)$p.value)
//   f(fisher.test(m(c(25, 10, 8, 30), 2))$p.value)
//   f(fisher.test(m(c(3, 1, 4, 1, 5, 2), 2))$p.value)
//   f(fisher.test(t23)$p.value)
//   f(fisher.test(m(c(2, 3, 1, 0, 4, 2, 3, 0, 5), 3))$p.value)
//   f(fisher.test(m(c(1, 2, 0, 3, 2, 0, 3, 1, 0, 3, 1, 2), 3))$p.value)
//   f(fisher.test(m(c(3, 4, 2, 0, 0, 0, 1, 1, 5), 3))$p.value)
//   f(fisher.test(m(c(3, 4, 2, 0, 0, 0, 0, 0, 0), 3))$p.value)
//   f(fisher.test(m(c(3, 0, 4, 0), 2))$p.value)
//   f(fisher.test(matrix(10, 4, 5))$p.value)  # 1
//   ci <- function(x, n, level = 0.95) prop.test(x, n, correct = FALSE, conf.level = level)$conf.int
//   f(ci(0, 20)); f(ci(20, 20)); f(ci(7, 25)); f(ci(412, 1000)); f(ci(1, 1))
//   f(ci(7, 25, 0.9)); f(ci(0, 20, 0.9))
//   tc <- m(c(30, 20, 25, 25), 2); f(min(chisq.test(tc)$expected)); f(unlist(chisq.test(tc, correct = FALSE)[c("statistic", "p.value")]))
//   tb <- m(c(4, 6, 6, 4), 2); f(min(chisq.test(tb)$expected)); f(unlist(chisq.test(tb, correct = FALSE)[c("statistic", "p.value")]))
//   tf <- m(c(8, 2, 3, 7), 2); f(min(suppressWarnings(chisq.test(tf))$expected)); f(fisher.test(tf)$p.value)
//
// Many more r×c references for Fisher's test, with the R script that computes them, are in
// fisher.fixture.json (fisher.R writes it, fisher.test.ts checks it).
//
// The expected strings for formatP / formatPercent / formatNPercent come from gtsummary 2.x's
// logic, which is not packaged for Debian, so it was transcribed from its source
// (cards::round5, style_number, style_pvalue(digits = 1), style_percent(digits = 0)) and run in R:
//
//   round5 <- function(x, digits = 0) trunc(abs(x) * 10^digits + 0.5 + sqrt(.Machine$double.eps)) / 10^digits * sign(as.numeric(x))
//   style_number <- function(x, digits = 0) format(round5(x, digits), big.mark = ",", nsmall = digits, scientific = FALSE, trim = TRUE)
//   style_pvalue <- function(x) ifelse(x > 1 + 1e-15 | x < -1e-15, NA,
//     ifelse(x > 0.9, ">0.9", ifelse(round5(x, 1) >= 0.2, style_number(x, 1),
//     ifelse(round5(x, 2) >= 0.1, style_number(x, 2), ifelse(x >= 0.001, style_number(x, 3), "<0.001")))))
//   style_percent <- function(x) ifelse(x * 100 >= 10, style_number(x * 100, 0),
//     ifelse(x * 100 >= 0.1, style_number(x * 100, 1), ifelse(x > 0, "<0.1", "0")))
//   for (v in c(0, 0.0005, 0.00099, 0.0009996, 0.001, 0.002, 0.06, 0.0625, 0.0949, 0.095, 0.0994, 0.0996,
//               0.1, 0.12, 0.125, 0.1499, 0.15, 0.1949, 0.197, 0.2, 0.25, 0.5, 0.9, 0.9000001, 1))
//     cat(v, style_pvalue(v), "\n")
//   x <- c(45, 300, 1300, 0, 1, 1, 996, 49, 1, 1, 1, 23, 29, 10, 5); n <- c(726, 430, 1857, 10, 2000, 1000, 10000, 2000, 8, 40, 16, 40, 200, 10, 10)
//   for (i in seq_along(x)) cat(paste0(style_number(x[i]), " (", style_percent(x[i] / n[i]), "%)"), "\n")
import assert from "node:assert/strict";
import {test} from "node:test";
import {
  chiSquareTest,
  compareProportions,
  correlationTest,
  fisherExactTest,
  formatNPercent,
  styleNumber,
  formatP,
  formatPercent,
  wilsonInterval,
} from "./stats.ts";

const REL = 1e-9;

function assertClose(actual: number, expected: number, what = "value"): void {
  assert.ok(
    Math.abs(actual - expected) <= REL * Math.abs(expected),
    `${what}: got ${actual}, R gives ${expected} (relative error ${Math.abs(actual - expected) / Math.abs(expected)})`,
  );
}

function assertCloseMatrix(actual: number[][], expected: number[][]): void {
  assert.equal(actual.length, expected.length);
  actual.forEach((row, i) => {
    assert.equal(row.length, expected[i].length);
    row.forEach((v, j) => assertClose(v, expected[i][j], `expected[${i}][${j}]`));
  });
}

const T22 = [[12, 5], [7, 15]];
const T23 = [[20, 15, 25], [10, 18, 12]];
const T34 = [[12, 7, 9, 14], [8, 11, 6, 10], [15, 9, 13, 7]];

// --- chi-squared -------------------------------------------------------------------------

test("chiSquareTest 2×2 without correction (the default) matches chisq.test(correct = FALSE)", () => {
  // R: chisq.test(t22, correct = FALSE)
  for (const r of [chiSquareTest(T22), chiSquareTest(T22, {correct: false})]) {
    assertClose(r.statistic, 5.76959611595834332, "statistic");
    assertClose(r.p, 0.01630578158465017, "p");
    assert.equal(r.df, 1);
    assert.equal(r.method, "Pearson's Chi-squared test");
    // R: t(chisq.test(t22, correct = FALSE)$expected)
    assertCloseMatrix(r.expected, [[8.2820512820512828, 8.7179487179487172], [10.7179487179487172, 11.2820512820512828]]);
  }
});

test("chiSquareTest 2×2 with Yates' correction matches chisq.test(correct = TRUE)", () => {
  // R: chisq.test(t22, correct = TRUE)
  const r = chiSquareTest(T22, {correct: true});
  assertClose(r.statistic, 4.322120391218686741, "statistic");
  assertClose(r.p, 0.037620016634840062, "p");
  assert.equal(r.df, 1);
  assert.equal(r.method, "Pearson's Chi-squared test with Yates' continuity correction");
});

test("Yates' correction is capped at min |x − E| and only named when it is non-zero, as in R", () => {
  // R: chisq.test(m(c(10, 10, 10, 11), 2), correct = TRUE) → X-squared = 0, p-value = 1, method "... with Yates' ..."
  const small = chiSquareTest([[10, 10], [10, 11]], {correct: true});
  assert.equal(small.statistic, 0);
  assert.equal(small.p, 1);
  assert.equal(small.method, "Pearson's Chi-squared test with Yates' continuity correction");
  // R: chisq.test(m(c(5, 5, 5, 5), 2), correct = TRUE) → X-squared = 0, p-value = 1, plain method (YATES = 0)
  const exact = chiSquareTest([[5, 5], [5, 5]], {correct: true});
  assert.equal(exact.statistic, 0);
  assert.equal(exact.p, 1);
  assert.equal(exact.method, "Pearson's Chi-squared test");
});

test("chiSquareTest 2×3 matches chisq.test, and correct = true is ignored beyond 2×2", () => {
  // R: chisq.test(t23)  (R's default correct = TRUE has no effect on a 2×3 table)
  for (const r of [chiSquareTest(T23), chiSquareTest(T23, {correct: true})]) {
    assertClose(r.statistic, 4.34752934752934905, "statistic");
    assert.equal(r.df, 2);
    assertClose(r.p, 0.11374858352402274, "p");
    assert.equal(r.method, "Pearson's Chi-squared test");
    // R: t(chisq.test(t23)$expected)
    assertCloseMatrix(r.expected, [[18, 19.800000000000001, 22.199999999999999], [12, 13.199999999999999, 14.800000000000001]]);
  }
});

test("chiSquareTest 3×4 matches chisq.test", () => {
  // R: chisq.test(t34)
  const r = chiSquareTest(T34);
  assertClose(r.statistic, 6.91597966904802597, "statistic");
  assert.equal(r.df, 6);
  assertClose(r.p, 0.32868734547594836, "p");
});

test("chiSquareTest keeps relative precision for tiny p-values (upper tail, not 1 − cdf)", () => {
  // R: chisq.test(m(c(200, 10, 10, 200), 2), correct = FALSE)
  const r = chiSquareTest([[200, 10], [10, 200]]);
  assertClose(r.statistic, 343.80952380952380, "statistic");
  assertClose(r.p, 9.4457723512622127e-77, "p");
});

// --- Fisher ------------------------------------------------------------------------------

test("fisherExactTest 2×2 matches fisher.test", () => {
  const cases: [number[][], number, string][] = [
    [[[3, 1], [1, 3]], 0.48571428571428582, "fisher.test(m(c(3, 1, 1, 3), 2))"],
    [[[0, 5], [6, 1]], 0.015151515151515155, "fisher.test(m(c(0, 5, 6, 1), 2))"],
    [T22, 0.024841720377823322, "fisher.test(t22)"],
    [[[25, 10], [8, 30]], 1.9102838179235502e-05, "fisher.test(m(c(25, 10, 8, 30), 2))"],
  ];
  for (const [table, p, call] of cases) {
    const r = fisherExactTest(table);
    assertClose(r.p, p, call);
    assert.equal(r.method, "Fisher's Exact Test for Count Data");
  }
});

test("fisherExactTest r×c matches fisher.test", () => {
  const cases: [number[][], number, string][] = [
    [[[3, 1, 4], [1, 5, 2]], 0.23076923076923106, "fisher.test(m(c(3, 1, 4, 1, 5, 2), 2))"],
    [T23, 0.12288474885671334, "fisher.test(t23)"],
    [[[2, 3, 1], [0, 4, 2], [3, 0, 5]], 0.042431940264756829, "fisher.test(m(c(2, 3, 1, 0, 4, 2, 3, 0, 5), 3))"],
    [[[1, 2, 0, 3], [2, 0, 3, 1], [0, 3, 1, 2]], 0.18967587034813718, "fisher.test(m(c(1, 2, 0, 3, 2, 0, 3, 1, 0, 3, 1, 2), 3))"],
  ];
  for (const [table, p, call] of cases) {
    const r = fisherExactTest(table);
    assertClose(r.p, p, call);
    assert.equal(r.method, "Fisher's Exact Test for Count Data");
  }
});

test("fisherExactTest ignores empty rows/columns like R, and gives 1 when only one table is possible", () => {
  // R: fisher.test(m(c(3, 4, 2, 0, 0, 0, 1, 1, 5), 3))
  assertClose(fisherExactTest([[3, 4, 2], [0, 0, 0], [1, 1, 5]]).p, 0.23513986013986099, "3×3 with empty row");
  // R: fisher.test(m(c(3, 4, 2, 0, 0, 0, 0, 0, 0), 3)) → 1
  assert.equal(fisherExactTest([[3, 4, 2], [0, 0, 0], [0, 0, 0]]).p, 1);
  // R: fisher.test(m(c(3, 0, 4, 0), 2)) → 1
  assert.equal(fisherExactTest([[3, 0], [4, 0]]).p, 1);
});

test("fisherExactTest r×c: a large table can be quick, and the work cap is an option", () => {
  // R: fisher.test(matrix(10, 4, 5)) → 1. This table is the most likely one with its margins, so
  // every table counts; that is settled at the first layer of the search, although far more than
  // the 5e6 tables the old enumeration stopped at have these margins.
  assert.equal(fisherExactTest(Array.from({length: 4}, () => [10, 10, 10, 10, 10])).p, 1);
  // The cap (FISHER_MAX_WORK steps by default; fisher.test.ts has a table beyond it) can be set:
  // the 3×4 table above needs more than 10 steps.
  assert.throws(() => fisherExactTest([[1, 2, 0, 3], [2, 0, 3, 1], [0, 3, 1, 2]], {maxWork: 10}), /more than 10 steps/);
});

// --- Wilson ------------------------------------------------------------------------------

test("wilsonInterval matches prop.test(correct = FALSE)$conf.int", () => {
  // R: prop.test(0, 20, correct = FALSE)$conf.int — lower is exactly 0
  let [lo, hi] = wilsonInterval(0, 20);
  assert.equal(lo, 0);
  assertClose(hi, 0.1611251580528193, "0/20 upper");
  // R: prop.test(20, 20, correct = FALSE)$conf.int — upper is exactly 1
  [lo, hi] = wilsonInterval(20, 20);
  assertClose(lo, 0.83887484194718065, "20/20 lower");
  assert.equal(hi, 1);
  // R: prop.test(7, 25, correct = FALSE)$conf.int
  [lo, hi] = wilsonInterval(7, 25);
  assertClose(lo, 0.14283853850956565, "7/25 lower");
  assertClose(hi, 0.47576605190361576, "7/25 upper");
  // R: prop.test(412, 1000, correct = FALSE)$conf.int
  [lo, hi] = wilsonInterval(412, 1000);
  assertClose(lo, 0.38188731127995779, "412/1000 lower");
  assertClose(hi, 0.44278619821349990, "412/1000 upper");
  // R: prop.test(1, 1, correct = FALSE)$conf.int
  [lo, hi] = wilsonInterval(1, 1);
  assertClose(lo, 0.2065493143772375, "1/1 lower");
  assert.equal(hi, 1);
});

test("wilsonInterval at level 0.9 matches prop.test(correct = FALSE, conf.level = 0.9)", () => {
  // R: prop.test(7, 25, correct = FALSE, conf.level = 0.9)$conf.int
  let [lo, hi] = wilsonInterval(7, 25, {level: 0.9});
  assertClose(lo, 0.15953836195207011, "7/25 lower");
  assertClose(hi, 0.44342918069059228, "7/25 upper");
  // R: prop.test(0, 20, correct = FALSE, conf.level = 0.9)$conf.int
  [lo, hi] = wilsonInterval(0, 20, {level: 0.9});
  assert.equal(lo, 0);
  assertClose(hi, 0.11915783736096437, "0/20 upper");
});

// --- gtsummary's choice of test ----------------------------------------------------------

test("compareProportions uses chi-squared without Yates when every expected count is ≥ 5", () => {
  // R: min(chisq.test(tc)$expected) = 22.5; chisq.test(tc, correct = FALSE)
  const r = compareProportions([[30, 20], [25, 25]]);
  assert.equal(r.test, "chisq");
  assert.equal(r.method, "Pearson's Chi-squared test");
  assert.equal(r.minExpected, 22.5);
  assertClose(r.statistic!, 1.01010101010101017, "statistic");
  assert.equal(r.df, 1);
  assertClose(r.p, 0.31487864133641985, "p");
});

test("compareProportions: an expected count of exactly 5 still gets chi-squared", () => {
  // R: min(chisq.test(tb)$expected) = 5; chisq.test(tb, correct = FALSE)
  const r = compareProportions([[4, 6], [6, 4]]);
  assert.equal(r.test, "chisq");
  assert.equal(r.minExpected, 5);
  assertClose(r.statistic!, 0.80000000000000004, "statistic");
  assertClose(r.p, 0.37109336952269761, "p");
});

test("compareProportions switches to Fisher when some expected count is < 5", () => {
  // R: min(chisq.test(tf)$expected) = 4.5; fisher.test(tf)
  const r = compareProportions([[8, 2], [3, 7]]);
  assert.equal(r.test, "fisher");
  assert.equal(r.method, "Fisher's Exact Test for Count Data");
  assert.equal(r.minExpected, 4.5);
  assert.equal(r.statistic, undefined);
  assert.equal(r.df, undefined);
  assertClose(r.p, 0.069778518694927336, "p");
  // An empty category makes an expected count 0 → Fisher, which copes with it.
  // R: fisher.test(m(c(3, 4, 2, 0, 0, 0, 1, 1, 5), 3))
  const empty = compareProportions([[3, 4, 2], [0, 0, 0], [1, 1, 5]]);
  assert.equal(empty.test, "fisher");
  assert.equal(empty.minExpected, 0);
  assertClose(empty.p, 0.23513986013986099, "p with empty row");
});

// --- formatting ----------------------------------------------------------------------------

test("formatP follows gtsummary's style_pvalue at every band and boundary", () => {
  const cases: [number, string][] = [
    [0, "<0.001"],
    [0.0005, "<0.001"],
    [0.00099, "<0.001"],
    [0.0009996, "<0.001"], // the band is chosen on the raw value, so no "0.001" here
    [0.001, "0.001"],
    [0.002, "0.002"],
    [0.06, "0.060"],
    [0.0625, "0.063"], // round half up (cards::round5); R's sprintf would print 0.062
    [0.0949, "0.095"],
    [0.095, "0.10"], // rounds to 0.10 → two-decimal band
    [0.0994, "0.10"],
    [0.0996, "0.10"],
    [0.1, "0.10"],
    [0.12, "0.12"],
    [0.125, "0.13"],
    [0.1499, "0.15"],
    [0.15, "0.2"], // rounds to 0.2 → one-decimal band
    [0.1949, "0.2"],
    [0.197, "0.2"],
    [0.2, "0.2"],
    [0.25, "0.3"],
    [0.5, "0.5"],
    [0.9, "0.9"],
    [0.9000001, ">0.9"],
    [1, ">0.9"],
    [1 + Number.EPSILON, ">0.9"], // gtsummary's 1e-15 leeway for rounding noise
  ];
  for (const [p, s] of cases) assert.equal(formatP(p), s, `formatP(${p})`);
});

test("formatP rejects values that are not p-values", () => {
  assert.throws(() => formatP(Number.NaN), /formatP: p is NaN/);
  assert.throws(() => formatP(-0.01), /between 0 and 1/);
  assert.throws(() => formatP(1.01), /between 0 and 1/);
});

test("formatNPercent and formatPercent follow gtsummary's '{n} ({p}%)'", () => {
  const cases: [number, number, string][] = [
    [45, 726, "45 (6.2%)"],
    [300, 430, "300 (70%)"],
    [1300, 1857, "1,300 (70%)"],
    [0, 10, "0 (0%)"],
    [1, 2000, "1 (<0.1%)"],
    [1, 1000, "1 (0.1%)"],
    [996, 10000, "996 (10.0%)"], // decimals decided on the unrounded 9.96%
    [49, 2000, "49 (2.5%)"], // 2.45 is stored as 2.4499…; round5's nudge still rounds up
    [1, 8, "1 (13%)"],
    [1, 40, "1 (2.5%)"],
    [1, 16, "1 (6.3%)"], // half up; R's sprintf would print 6.2
    [23, 40, "23 (58%)"], // 57.49999999999999 in binary: round5's nudge gives 58, Math.round 57
    [29, 200, "29 (15%)"], // likewise 14.499999999999998 → 15
    [10, 10, "10 (100%)"],
    [5, 10, "5 (50%)"],
  ];
  for (const [x, n, s] of cases) {
    assert.equal(formatNPercent(x, n), s, `formatNPercent(${x}, ${n})`);
    assert.equal(formatPercent(x, n), s.slice(s.indexOf("(") + 1, -1), `formatPercent(${x}, ${n})`);
  }
});

// --- bad input -----------------------------------------------------------------------------

test("negative counts are rejected", () => {
  const bad = [[3, -1], [2, 4]];
  assert.throws(() => chiSquareTest(bad), /chiSquareTest: cell \[1\]\[2\] is -1/);
  assert.throws(() => fisherExactTest(bad), /fisherExactTest: cell \[1\]\[2\] is -1/);
  assert.throws(() => compareProportions(bad), /compareProportions: cell \[1\]\[2\] is -1/);
  assert.throws(() => chiSquareTest([[3, Number.NaN], [2, 4]]), /must be finite and nonnegative/);
});

test("non-integer counts are rejected by Fisher (and the gtsummary choice), allowed by chi-squared", () => {
  const frac = [[3.5, 1], [2, 4]];
  assert.throws(() => fisherExactTest(frac), /fisherExactTest: cell \[1\]\[1\] is 3.5; counts must be integers/);
  assert.throws(() => compareProportions(frac), /counts must be integers/);
  assert.equal(chiSquareTest(frac).df, 1);
});

test("chiSquareTest rejects zero margins (R would return NaN)", () => {
  assert.throws(() => chiSquareTest([[3, 4], [0, 0]]), /row 2 sums to zero/);
  assert.throws(() => chiSquareTest([[3, 0, 4], [1, 0, 2]]), /column 2 sums to zero/);
});

test("malformed tables are rejected", () => {
  assert.throws(() => chiSquareTest([[1, 2, 3]]), /at least 2 rows/);
  assert.throws(() => fisherExactTest([[1], [2]]), /at least 2 columns/);
  assert.throws(() => chiSquareTest([[1, 2], [3]]), /row 2 has 1 cells, expected 2/);
  assert.throws(() => fisherExactTest([[0, 0], [0, 0]]), /all zeros/);
});

test("x > n and other bad proportions are rejected", () => {
  assert.throws(() => wilsonInterval(21, 20), /wilsonInterval: x \(21\) is larger than n \(20\)/);
  assert.throws(() => formatPercent(11, 10), /formatPercent: x \(11\) is larger than n \(10\)/);
  assert.throws(() => formatNPercent(11, 10), /formatNPercent: x \(11\) is larger than n \(10\)/);
  assert.throws(() => wilsonInterval(-1, 20), /nonnegative/);
  assert.throws(() => wilsonInterval(0, 0), /n is 0/);
  assert.throws(() => formatNPercent(0, 0), /n is 0/);
  assert.throws(() => wilsonInterval(3, 20, {level: 1}), /level is 1/);
  assert.throws(() => wilsonInterval(3, 20, {level: 0}), /level is 0/);
});

// R 4.2.2:
//   x <- c(1,2,3,4,5,2,3,4,5,5,1,2,4,3,5); y <- c(2,2,3,5,5,1,3,4,4,5,2,2,5,3,4)
//   ct <- cor.test(x, y); format(c(ct$estimate, ct$statistic, ct$parameter, ct$p.value), digits = 17)
//   → 0.87416152959308335, 6.4901261938885320, 13, 2.0346843680414849e-05
//   set.seed(1); a <- 1:100; b <- a + rnorm(100, sd = 10); cor.test(a, b)
//   → r 0.95489471201172094, t 31.834139145216344, p 1.7661819197089062e-53
//   cor.test(c(1,2,3,4), c(2,1,4,3)) → r 0.60000000000000009, p 0.39999999999999991
test("correlationTest matches R's cor.test", () => {
  const a = correlationTest(0.87416152959308335, 15);
  assert.equal(a.df, 13);
  assertClose(a.statistic, 6.490126193888532, "t");
  assertClose(a.p, 2.0346843680414849e-05, "p");
  const b = correlationTest(0.95489471201172094, 100);
  assertClose(b.statistic, 31.834139145216344, "t");
  assertClose(b.p, 1.7661819197089062e-53, "tiny p");
  assertClose(correlationTest(0.60000000000000009, 4).p, 0.39999999999999991, "p");
  assert.equal(correlationTest(1, 10).p, 0);
  assert.throws(() => correlationTest(1.2, 10), /between -1 and 1/);
  assert.throws(() => correlationTest(0.5, 2), /at least 3 pairs/);
});

test("styleNumber is gtsummary's style_number: round5 (half away from zero), fixed decimals, thousands commas", () => {
  assert.equal(styleNumber(1234.5, 1), "1,234.5");
  assert.equal(styleNumber(1234567, 0), "1,234,567");
  // Binary near-halves land as gtsummary prints them: 26.15 is stored as 26.1499…, R's round() gives 26.1.
  assert.equal(styleNumber(26.15, 1), "26.2");
  assert.equal(styleNumber(2.45, 1), "2.5");
  assert.equal(styleNumber(0.5, 0), "1");
  assert.equal(styleNumber(-0.5, 0), "-1");
  assert.equal(styleNumber(-0.4, 0), "0");
  assert.equal(styleNumber(12.2398764444201, 0), "12");
  assert.equal(styleNumber(3.14159, 2), "3.14");
});
