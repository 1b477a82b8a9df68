// Tests for fisherExactTest's r×c code (stats.ts). Run: node --import tsx --test src/components/fisher.test.ts
//
// The reference p-values are R's own, in fisher.fixture.json, written by
// `Rscript src/components/fisher.R` (run from the project root; see that script for what it
// computes). These tests only read the fixture: they do not need R. They make no timing
// assertions; the work cap is a count of steps, so the outcome does not depend on the machine.
import assert from "node:assert/strict";
import {readFileSync} from "node:fs";
import {test} from "node:test";
import factorialln from "@stdlib/math-base-special-factorialln";
import {FISHER_MAX_WORK, fisherExactTest} from "./stats.ts";

interface Case {
  name: string;
  group: string;
  workspace: number;
  p: number;
  table: number[][];
}
const fixture: {r_version: string; cases: Case[]} = JSON.parse(readFileSync(new URL("./fisher.fixture.json", import.meta.url), "utf8"));

// Within 1e-9 of R's p-value, relatively, or 1e-12 absolutely for tiny p.
function close(actual: number, expected: number): boolean {
  return Math.abs(actual - expected) <= Math.max(1e-9 * Math.abs(expected), 1e-12);
}

test("the fixture comes from R and has the cases it should", () => {
  assert.match(fixture.r_version, /^R version \d+\.\d+\.\d+/);
  const shape = (t: number[][]) => `${t.length}×${t[0].length} N=${t.flat().reduce((a, b) => a + b, 0)}`;
  const shapes = new Set(fixture.cases.map((c) => shape(c.table)));
  // The three shapes the old enumeration gave up on.
  for (const s of ["4×3 N=128", "5×4 N=47", "2×5 N=2613"]) assert.ok(shapes.has(s), `no ${s} table in the fixture`);
  const groups = new Set(fixture.cases.map((c) => c.group));
  for (const g of ["named", "stats.test", "zeros", "ties", "random", "large"]) assert.ok(groups.has(g), `no "${g}" cases`);
  // Some need more than R's default workspace, and R solved those too.
  assert.ok(fixture.cases.some((c) => c.workspace > 200000));
  assert.ok(fixture.cases.length >= 80);
});

test("fisherExactTest gives R's fisher.test p-value on every table of the fixture", () => {
  const wrong: string[] = [];
  for (const c of fixture.cases) {
    const {p, method} = fisherExactTest(c.table);
    assert.equal(method, "Fisher's Exact Test for Count Data");
    if (!close(p, c.p)) wrong.push(`${c.name}: got ${p}, R gives ${c.p} (relative error ${Math.abs(p - c.p) / c.p})`);
  }
  assert.deepEqual(wrong, []);
});

test("near-ties are judged with FEXACT's tolerance, as R does for tables larger than 2×2", () => {
  // In this table some other table is more likely than the observed one by a factor between
  // 1 + 1e-7 (the tolerance of R's 2×2 code) and e^3.45254e-7 (FEXACT's): R counts it, and a
  // p-value computed with 1 + 1e-7 would be off by 2e-6 relative.
  const c = fixture.cases.find((c) => c.name === "2x5 N=2613 (hand-made)")!;
  assert.ok(close(fisherExactTest(c.table).p, c.p));
});

// --- an independent check: every table with the margins, enumerated --------------------------

// Plain enumeration (the old implementation): fine for small tables, and too simple to be wrong
// in the same way as the network algorithm.
function enumerated(x: number[][]): number {
  const R = x.map((row) => row.reduce((a, b) => a + b, 0));
  const C = x[0].map((_, j) => x.reduce((a, row) => a + row[j], 0));
  const nr = R.length;
  const nc = C.length;
  const lf = (n: number) => factorialln(n);
  const observed = -x.flat().reduce((a, v) => a + lf(v), 0);
  const colLeft = C.slice();
  const logs: number[] = [];
  const fill = (i: number, j: number, rowLeft: number, acc: number): void => {
    if (i === nr - 1) {
      logs.push(acc - colLeft.reduce((a, v) => a + lf(v), 0));
      return;
    }
    if (j === nc - 1) {
      if (rowLeft > colLeft[j]) return;
      colLeft[j] -= rowLeft;
      fill(i + 1, 0, R[i + 1], acc - lf(rowLeft));
      colLeft[j] += rowLeft;
      return;
    }
    for (let v = 0; v <= Math.min(rowLeft, colLeft[j]); v++) {
      colLeft[j] -= v;
      fill(i, j + 1, rowLeft - v, acc - lf(v));
      colLeft[j] += v;
    }
  };
  fill(0, 0, R[0], 0);
  const top = Math.max(...logs);
  let tail = 0;
  let total = 0;
  for (const l of logs) {
    total += Math.exp(l - top);
    if (l <= observed + 3.45254e-7) tail += Math.exp(l - top);
  }
  return tail / total;
}

test("fisherExactTest agrees with a plain enumeration on 300 small random tables, 2×3 to 6×6", () => {
  // A small seeded generator (mulberry32), so that the tables are the same on every run.
  let seed = 20240612;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let checked = 0;
  for (let k = 0; k < 300; k++) {
    const nr = 2 + Math.floor(random() * 5); // 2..6 rows
    const nc = 3 + Math.floor(random() * 4); // 3..6 columns
    const cells = nr * nc;
    const N = 5 + Math.floor(random() * (cells <= 9 ? 30 : cells <= 16 ? 16 : 10));
    const weights = Array.from({length: nr * nc}, () => random() ** 2);
    const sum = weights.reduce((a, b) => a + b, 0);
    const counts = new Array(cells).fill(0);
    for (let n = 0; n < N; n++) {
      let u = random() * sum;
      let c = 0;
      while (c < cells - 1 && u > weights[c]) u -= weights[c++];
      counts[c]++;
    }
    const table = Array.from({length: nr}, (_, i) => counts.slice(i * nc, i * nc + nc));
    // Empty rows and columns go first in fisherExactTest; compare on what is left.
    const x = table.filter((row) => row.some((v) => v > 0));
    const keep = x[0]?.map((_, j) => x.some((row) => row[j] > 0)) ?? [];
    const y = x.map((row) => row.filter((_, j) => keep[j]));
    if (y.length < 2 || y[0].length < 2 || (y.length === 2 && y[0].length === 2)) continue;
    const expected = enumerated(y);
    const got = fisherExactTest(table).p;
    assert.ok(close(got, expected), `${JSON.stringify(table)}: got ${got}, enumeration gives ${expected}`);
    checked++;
  }
  assert.ok(checked > 200);
});

// --- the work cap ----------------------------------------------------------------------------

test("past its work cap fisherExactTest throws, and says so", () => {
  // 6×5 with N = 100: R needs workspace = 2e8 and some 40 seconds; here it is over the cap.
  const big = [[3, 2, 0, 0, 3], [6, 4, 4, 7, 7], [1, 1, 1, 2, 2], [4, 5, 2, 4, 3], [3, 10, 5, 0, 3], [4, 5, 2, 3, 4]];
  assert.throws(() => fisherExactTest(big), new RegExp(`^Error: fisherExactTest: it would take more than ${FISHER_MAX_WORK} steps to compute exactly \\(N = 100, 6×5\\); merge sparse`));
  // The cap is an option; a 3×4 table needs more than 10 steps.
  assert.throws(() => fisherExactTest([[1, 2, 0, 3], [2, 0, 3, 1], [0, 3, 1, 2]], {maxWork: 10}), /more than 10 steps to compute exactly \(N = 18, 3×4\)/);
  // A table that is the most likely one with its margins is settled at the first step, however big.
  assert.equal(fisherExactTest(Array.from({length: 4}, () => [10, 10, 10, 10, 10])).p, 1);
});
