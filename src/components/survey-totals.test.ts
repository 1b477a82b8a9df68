// Tests for src/components/survey-totals.ts: the totals forms equal the array functions of
// survey-stats.ts (which survey-stats.test.ts checks against R) on seeded random designs.
// Run: node --import tsx --test src/components/survey-totals.test.ts
import assert from "node:assert/strict";
import {test} from "node:test";
import {seededRandom} from "../../scripts/reconstruct/random.ts";
import {raoScottTest, svyBy, svyCiProp, svyMean} from "./survey-stats.ts";
import {raoScottOfCells, svyMeanOfTotals, svyShareOfTotals} from "./survey-totals.ts";

const close = (a: number, b: number, tol: number, what: string) => assert.ok(Math.abs(a - b) <= tol * Math.max(Math.abs(b), 1e-300), `${what}: ${a} vs ${b}`);

function design(seed: number, n: number) {
  const {random} = seededRandom(seed);
  const w = Array.from({length: n}, () => Math.exp(2 * random() - 1) * (random() < 0.02 ? 100 : 1));
  const y = Array.from({length: n}, () => Math.round(10 * random()) / 2);
  const g = Array.from({length: n}, () => ["a", "b", "c"][Math.floor(3 * random())]);
  const h = Array.from({length: n}, () => (random() < 0.4 ? "x" : "y"));
  return {w, y, g, h, n};
}
const totals = (y: number[], w: number[], keep: (i: number) => boolean, designN: number) => {
  const t = {n: 0, w: 0, w2: 0, wy: 0, w2y: 0, wyy: 0, w2yy: 0, designN};
  y.forEach((v, i) => {
    if (!keep(i)) return;
    t.n++; t.w += w[i]; t.w2 += w[i] ** 2; t.wy += w[i] * v; t.w2y += w[i] ** 2 * v; t.wyy += w[i] * v * v; t.w2yy += w[i] ** 2 * v * v;
  });
  return t;
};

test("svyMeanOfTotals equals svyMean on the whole design, and svyBy on a domain", () => {
  for (const [seed, n] of [[1, 40], [2, 300], [3, 2000]]) {
    const {w, y, g} = design(seed, n);
    const whole = svyMeanOfTotals(totals(y, w, () => true, n));
    const ref = svyMean(y, w);
    close(whole.estimate, ref.estimate, 1e-12, "mean");
    close(whole.se, ref.se, 1e-9, "SE");
    for (const row of svyBy(y, g, w)) {
      const d = svyMeanOfTotals(totals(y, w, (i) => g[i] === row.group, n));
      close(d.estimate, row.estimate, 1e-12, `domain ${row.group} mean`);
      close(d.se, row.se, 1e-9, `domain ${row.group} SE`);
    }
  }
});

test("svyShareOfTotals' interval equals svyCiProp's on the whole design", () => {
  for (const [seed, n] of [[4, 30], [5, 500]]) {
    const {w, y} = design(seed, n);
    const yes = y.map((v) => (v >= 3 ? 1 : 0));
    const s = svyShareOfTotals(totals(yes, w, () => true, n));
    const [low, high] = svyCiProp(yes, w);
    close(s.low, low, 1e-12, "lower");
    close(s.high, high, 1e-12, "upper");
  }
});

test("raoScottOfCells on a table's cell totals equals raoScottTest on its rows", () => {
  for (const [seed, n] of [[6, 60], [7, 800]]) {
    const {w, g, h} = design(seed, n);
    const groups = ["a", "b", "c"], answers = ["x", "y"];
    const cells = groups.map((a) => answers.map((b) => {
      const idx = w.map((_, i) => i).filter((i) => g[i] === a && h[i] === b);
      return {n: idx.length, w: idx.reduce((s, i) => s + w[i], 0), w2: idx.reduce((s, i) => s + w[i] ** 2, 0)};
    }));
    for (const statistic of ["F", "Chisq"] as const) {
      const mine = raoScottOfCells(cells, {designN: n, statistic});
      const ref = raoScottTest(g, h, w, {statistic});
      close(mine.statistic, ref.statistic, 1e-12, `${statistic} statistic`);
      close(mine.p, ref.p, 1e-12, `${statistic} p`);
    }
  }
});

test("raoScottOfCells: a table with one column (everyone gave the same answer) has no test, and says why", () => {
  const r = raoScottOfCells([[{n: 5, w: 5.5, w2: 7}, {n: 0, w: 0, w2: 0}], [{n: 4, w: 3, w2: 2.5}, {n: 0, w: 0, w2: 0}]], {designN: 9});
  assert.ok(Number.isNaN(r.p));
  assert.match(r.method, /no test/);
});
