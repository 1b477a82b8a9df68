// Tests for src/components/group-tests.ts. Run: node --import tsx --test src/components/group-tests.test.ts
//
// The reference values are R's own (wilcox.test, kruskal.test, t.test, summary(aov()),
// p.adjust), computed by src/components/group-tests.R on inputs it generates and stored with
// those inputs in group-tests.fixture.json. To regenerate: `Rscript src/components/group-tests.R`
// from the project root. These tests only read the fixture; they never run R.
import assert from "node:assert/strict";
import {readFileSync} from "node:fs";
import {test} from "node:test";
import {
  compareGroups,
  kruskalWallisTest,
  oneWayAnova,
  pAdjust,
  quantile,
  wilcoxonCounts,
  wilcoxonRankSumTest,
  welchTTest,
} from "./group-tests.ts";

type Num = number | null; // the fixture writes R's NaN / NA as null
interface Fixture {
  r_version: string;
  wilcoxon: {name: string; x: number[]; y: number[]; options: {correct: boolean; exact?: boolean}; statistic: Num; p: Num; method: string}[];
  kruskal: {name: string; groups: number[][]; statistic: Num; df: number; p: Num; method: string}[];
  welch: {name: string; x: number[]; y: number[]; statistic: number; df: number; p: number; method: string}[];
  anova: {name: string; groups: number[][]; statistic: number; ndf: number; ddf: number; p: number; method: string}[];
  p_adjust: {name: string; p: Num[]; holm: Num[]; BH: Num[]; bonferroni: Num[]}[];
  choose: {name: string; groups: number[][]; statistic: "median" | "mean"; test: string | null; p: Num}[];
}

const fixture: Fixture = JSON.parse(readFileSync(new URL("./group-tests.fixture.json", import.meta.url), "utf8"));
const num = (v: Num): number => (v === null ? NaN : v);

const REL = 1e-9;
const ABS_TINY = 1e-14;
const worst = {statistic: 0, p: 0};

// Relative error ≤ 1e-9; for p-values below 1e-5 an absolute error ≤ 1e-14 also passes (the
// fixture's tiny p-values in fact agree relatively too — see the worst-case report below).
function close(actual: number, expected: Num, what: string, kind: "statistic" | "p"): void {
  const e = num(expected);
  if (Number.isNaN(e)) {
    assert.ok(Number.isNaN(actual), `${what}: expected NaN, got ${actual}`);
    return;
  }
  if (e === actual) return;
  const rel = Math.abs(actual - e) / Math.abs(e);
  worst[kind] = Math.max(worst[kind], rel);
  const ok = rel <= REL || (kind === "p" && Math.abs(e) < 1e-5 && Math.abs(actual - e) <= ABS_TINY);
  assert.ok(ok, `${what}: got ${actual}, R gives ${e} (relative error ${rel.toExponential(2)})`);
}

test("the fixture was made by R and has every kind of case", () => {
  assert.match(fixture.r_version, /^R version \d+\.\d+\.\d+/);
  assert.ok(fixture.wilcoxon.length >= 10 && fixture.kruskal.length >= 5 && fixture.welch.length >= 5);
  assert.ok(fixture.anova.length >= 5 && fixture.p_adjust.length >= 5 && fixture.choose.length >= 5);
  const methods = new Set(fixture.wilcoxon.map((c) => c.method));
  for (const m of ["Wilcoxon rank sum exact test", "Wilcoxon rank sum test with continuity correction", "Wilcoxon rank sum test"]) {
    assert.ok(methods.has(m), `no Wilcoxon case with method ${m}`);
  }
  assert.ok(fixture.wilcoxon.some((c) => c.x.length >= 50 || c.y.length >= 50), "no Wilcoxon case with n ≥ 50");
  const tiny = [...fixture.wilcoxon, ...fixture.kruskal, ...fixture.welch, ...fixture.anova].filter((c) => num(c.p) < 1e-11);
  assert.ok(tiny.length >= 4, "too few cases with a tiny p");
});

test("wilcoxonRankSumTest equals R's wilcox.test(x, y, ...)", () => {
  for (const c of fixture.wilcoxon) {
    const r = wilcoxonRankSumTest(c.x, c.y, c.options);
    close(r.statistic, c.statistic, `${c.name}: W`, "statistic");
    close(r.p, c.p, `${c.name}: p`, "p");
    assert.equal(r.method, c.method, c.name);
  }
});

test("kruskalWallisTest equals R's kruskal.test(list(...))", () => {
  for (const c of fixture.kruskal) {
    const r = kruskalWallisTest(c.groups);
    close(r.statistic, c.statistic, `${c.name}: statistic`, "statistic");
    assert.equal(r.df, c.df, c.name);
    close(r.p, c.p, `${c.name}: p`, "p");
    assert.equal(r.method, c.method, c.name);
  }
});

test("welchTTest equals R's t.test(x, y)", () => {
  for (const c of fixture.welch) {
    const r = welchTTest(c.x, c.y);
    close(r.statistic, c.statistic, `${c.name}: t`, "statistic");
    close(r.df, c.df, `${c.name}: df`, "statistic");
    close(r.p, c.p, `${c.name}: p`, "p");
    assert.equal(r.method, c.method, c.name);
  }
});

test("oneWayAnova equals R's summary(aov(y ~ g))", () => {
  for (const c of fixture.anova) {
    const r = oneWayAnova(c.groups);
    close(r.statistic, c.statistic, `${c.name}: F`, "statistic");
    assert.equal(r.ndf, c.ndf, c.name);
    assert.equal(r.ddf, c.ddf, c.name);
    close(r.p, c.p, `${c.name}: p`, "p");
  }
});

test("pAdjust equals R's p.adjust for holm, BH and bonferroni", () => {
  for (const c of fixture.p_adjust) {
    const p = c.p.map(num);
    for (const method of ["holm", "BH", "bonferroni"] as const) {
      const got = pAdjust(p, method);
      const want = c[method];
      assert.equal(got.length, want.length, `${c.name} ${method}`);
      got.forEach((v, i) => close(v, want[i], `${c.name} ${method} [${i}]`, "p"));
    }
  }
  assert.deepEqual(pAdjust([], "BH"), []);
  // The input is not modified.
  const p = [0.04, 0.01];
  pAdjust(p, "holm");
  assert.deepEqual(p, [0.04, 0.01]);
});

test("compareGroups picks gtsummary's test and gives R's p", () => {
  for (const c of fixture.choose) {
    const r = compareGroups(c.groups, {statistic: c.statistic});
    assert.equal(r.test, c.test, c.name);
    close(r.p, c.p, `${c.name}: p`, "p");
  }
});

test("compareGroups: explains when no p-value can be computed", () => {
  const none = compareGroups([[], []], {statistic: "median"});
  assert.ok(Number.isNaN(none.p));
  assert.equal(none.test, null);
  assert.match(none.method, /no group has values/);
  assert.match(compareGroups([[1, 2], []], {statistic: "mean"}).method, /only one group has values/);
  const single = compareGroups([[1], [2, 3, 4]], {statistic: "mean"});
  assert.equal(single.test, "t");
  assert.ok(Number.isNaN(single.p));
  assert.match(single.method, /only one value/);
  const constant = compareGroups([[5, 5], [5, 5, 5]], {statistic: "mean"});
  assert.ok(Number.isNaN(constant.p));
  assert.match(constant.method, /essentially constant/);
  const equalRanks = compareGroups([[2, 2], [2, 2], [2]], {statistic: "median"});
  assert.equal(equalRanks.test, "kruskal");
  assert.ok(Number.isNaN(equalRanks.p));
  assert.match(equalRanks.method, /all values are equal/);
  const oneEach = compareGroups([[1], [2], [3]], {statistic: "mean"});
  assert.equal(oneEach.test, "anova");
  assert.match(oneEach.method, /only one value/);
});

test("input errors name the function and the index", () => {
  assert.throws(() => wilcoxonRankSumTest([1, NaN], [2]), /wilcoxonRankSumTest: x\[1\] is NaN/);
  assert.throws(() => wilcoxonRankSumTest([1], [2, Infinity]), /wilcoxonRankSumTest: y\[1\] is Infinity/);
  assert.throws(() => wilcoxonRankSumTest([], [2]), /wilcoxonRankSumTest: x has no values/);
  assert.throws(() => kruskalWallisTest([[1, 2], [3, NaN]]), /kruskalWallisTest: groups\[1\]\[1\] is NaN/);
  assert.throws(() => kruskalWallisTest([[1, 2]]), /kruskalWallisTest: needs at least 2 groups/);
  assert.throws(() => kruskalWallisTest([[1, 2], []]), /kruskalWallisTest: groups\[1\] has no values/);
  assert.throws(() => welchTTest([1, 2, 3], [4]), /welchTTest: y has 1 value\(s\)/);
  assert.throws(() => welchTTest([3, 3], [3, 3]), /welchTTest: data are essentially constant/);
  assert.throws(() => welchTTest([1, 2, -Infinity], [4, 5]), /welchTTest: x\[2\] is -Infinity/);
  assert.throws(() => oneWayAnova([[1, 2], [], [3]]), /oneWayAnova: groups\[1\] has no values/);
  assert.throws(() => pAdjust([0.1, 1.2], "BH"), /pAdjust: p\[1\] is 1.2/);
  assert.throws(() => pAdjust([0.1, -Infinity], "holm"), /pAdjust: p\[1\] is -Infinity/);
  assert.throws(() => pAdjust([0.1], "fdr" as "BH"), /pAdjust: method is "fdr"/);
  assert.throws(() => compareGroups([[1, 2], [3, NaN]], {statistic: "median"}), /compareGroups: groups\[1\]\[1\] is NaN/);
  assert.throws(() => compareGroups([[1, 2], [3]], {statistic: "mode" as "mean"}), /compareGroups: statistic is "mode"/);
});

test("wilcoxonCounts: the counts are the Gaussian binomial coefficients", () => {
  // m = 2, n = 2: W ∈ {0..4} with counts 1 1 2 1 1 (C(4, 2) = 6 arrangements).
  assert.deepEqual([...wilcoxonCounts(2, 2)], [1, 1, 2, 1, 1]);
  // Symmetric in W ↔ mn − W and in m ↔ n, summing to C(m + n, m).
  const c = wilcoxonCounts(7, 4);
  assert.deepEqual([...c], [...c].reverse());
  assert.deepEqual([...wilcoxonCounts(4, 7)], [...c]);
  assert.equal(c.reduce((a, b) => a + b, 0), 330);
  assert.deepEqual([...wilcoxonCounts(3, 0)], [1]);
});

test("worst agreement with R (reported, and within the tolerances)", (t) => {
  t.diagnostic(`R: ${fixture.r_version}`);
  t.diagnostic(`max relative error: statistic ${worst.statistic.toExponential(2)}, p ${worst.p.toExponential(2)}`);
  assert.ok(worst.statistic <= REL && worst.p <= REL);
});

test("quantile equals R's quantile(x, p, type = 2) and type = 7", () => {
  // From R 4.2.2: sprintf("%.17g", quantile(x, c(0, 0.05, 0.25, 0.5, 0.75, 0.95, 1), type = t)).
  const p = [0, 0.05, 0.25, 0.5, 0.75, 0.95, 1];
  const cases: [number[], number[], number[]][] = [
    [[5], [5, 5, 5, 5, 5, 5, 5], [5, 5, 5, 5, 5, 5, 5]],
    [[3, 1], [1, 1, 1, 2, 3, 3, 3], [1, 1.1000000000000001, 1.5, 2, 2.5, 2.8999999999999995, 3]],
    [[1, 2, 3, 4], [1, 1, 1.5, 2.5, 3.5, 4, 4], [1, 1.1499999999999999, 1.75, 2.5, 3.25, 3.8499999999999996, 4]],
    [[2.5, 1.5, 9, 4, 4, 7.25, 3], [1.5, 1.5, 2.5, 4, 7.25, 9, 9], [1.5, 1.7999999999999998, 2.75, 4, 5.625, 8.4749999999999979, 9]],
    [[10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120], [10, 10, 35, 65, 95, 120, 120], [10, 15.5, 37.5, 65, 92.5, 114.5, 120]],
    [[0.1, 0.2, 0.3, 0.7, 0.9], [0.1, 0.1, 0.2, 0.3, 0.7, 0.9, 0.9], [0.1, 0.12000000000000001, 0.2, 0.3, 0.7, 0.85999999999999999, 0.9]]
  ];
  for (const [x, type2, type7] of cases) {
    assert.deepEqual(p.map((q) => quantile(x, q, 2)), type2, `type 2 of ${x}`);
    p.forEach((q, i) => assert.ok(Math.abs(quantile(x, q, 7) - type7[i]) <= 1e-15 * Math.abs(type7[i]), `type 7 of ${x} at ${q}: ${quantile(x, q, 7)} vs ${type7[i]}`));
  }
  assert.throws(() => quantile([], 0.5, 2), /quantile: x is empty/);
  assert.throws(() => quantile([1, NaN], 0.5, 2), /quantile: x\[1\] is NaN/);
  assert.throws(() => quantile([1], 1.5, 7), /between 0 and 1/);
});
