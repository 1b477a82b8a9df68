// Tests for src/components/survey-stats.ts. Run: node --import tsx --test src/components/survey-stats.test.ts
//
// The reference values are R's own (survey package, design svydesign(ids = ~1, weights = ~w)),
// written by `Rscript src/components/survey-stats.R` into survey-stats.fixture.json, which
// records the R and survey versions. These tests only read that file; they never call R.
import assert from "node:assert/strict";
import {readFileSync} from "node:fs";
import {test} from "node:test";
import {raoScottTest, svyBy, svyCiProp, svyMean} from "./stats.ts";

interface Fixture {
  R: string;
  survey: string;
  svymean: {name: string; y: number[]; w: number[]; estimate: number; se: number}[];
  svyciprop: {name: string; y: number[]; w: number[]; results: {level: number; estimate: number; lower: number | null; upper: number | null}[]}[];
  svychisq: {
    name: string;
    a: string[];
    b: string[];
    w: number[];
    F: {statistic: number; ndf: number; ddf: number; p: number};
    Chisq: {pearson: number; statistic: number; df: number; p: number};
  }[];
  svyby: {name: string; y: number[]; group: string[]; w: number[]; rows: {group: string; estimate: number; se: number; n: number; weightedN: number}[]}[];
  svychisqErrors: {name: string; a: string[]; b: string[]; w: number[]; rError: string}[];
}

const fixture: Fixture = JSON.parse(readFileSync(new URL("./survey-stats.fixture.json", import.meta.url), "utf8"));

const REL = 1e-9;
const REL_P = 1e-6;

// Largest relative error seen per kind of value, printed at the end so a reader sees the margin.
const worst = new Map<string, number>();

function assertClose(actual: number, expected: number, what: string, rel = REL, kind = "value"): void {
  const err = expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
  worst.set(kind, Math.max(worst.get(kind) ?? 0, err));
  assert.ok(err <= rel, `${what}: got ${actual}, R gives ${expected} (relative error ${err})`);
}

test("fixture: written by R with the survey package", () => {
  assert.match(fixture.R, /^R version \d/);
  assert.match(fixture.survey, /^\d+\.\d+/);
  assert.ok(fixture.svymean.length >= 10 && fixture.svyciprop.length >= 10 && fixture.svychisq.length >= 8 && fixture.svyby.length >= 6);
});

test("svyMean equals svymean: coef and SE", () => {
  for (const c of fixture.svymean) {
    const r = svyMean(c.y, c.w);
    assertClose(r.estimate, c.estimate, `${c.name}: estimate`, REL, "svyMean estimate");
    if (c.name === "constant y") {
      // R's SE here is rounding noise (y − ȳ is ±1 ulp), as is ours: compare on the scale of ȳ.
      assert.ok(c.se < 1e-14 * c.estimate && r.se < 1e-14 * c.estimate, `${c.name}: se ${r.se}, R ${c.se}`);
      continue;
    }
    assertClose(r.se, c.se, `${c.name}: se`, REL, "svyMean se");
  }
});

test("svyMean with all weights 1 is the plain mean, and its SE is sd/sqrt(n)", () => {
  const y = [3.1, 4.7, 2.2, 9.0, 5.5, 6.1, 0.4, 7.3, 4.4, 5.0, 3.3];
  const n = y.length;
  const mean = y.reduce((s, v) => s + v, 0) / n;
  const sd = Math.sqrt(y.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
  const r = svyMean(y, new Array(n).fill(1));
  assertClose(r.estimate, mean, "estimate", 1e-14, "all weights 1 vs plain mean, sd/sqrt(n)");
  assertClose(r.se, sd / Math.sqrt(n), "se", 1e-14, "all weights 1 vs plain mean, sd/sqrt(n)");
  // Scaling every weight by the same factor changes nothing.
  const scaled = svyMean(y, new Array(n).fill(250));
  assertClose(scaled.estimate, mean, "estimate, weights 250", 1e-14, "all weights 1 vs plain mean, sd/sqrt(n)");
  assertClose(scaled.se, sd / Math.sqrt(n), "se, weights 250", 1e-14, "all weights 1 vs plain mean, sd/sqrt(n)");
});

test("svyCiProp equals confint(svyciprop(method = \"logit\"))", () => {
  for (const c of fixture.svyciprop) {
    for (const res of c.results) {
      const what = `${c.name}, level ${res.level}`;
      const [lower, upper] = svyCiProp(c.y, c.w, {level: res.level});
      const allSame = c.y.every((v) => v === c.y[0]);
      if (allSame) {
        // p̂ = 0 or 1: R's estimate and interval are where its glm stopped iterating, ~1e-11
        // from the bound; ours are the bound itself.
        const bound = c.y[0];
        assert.deepEqual([lower, upper], [bound, bound], what);
        assert.ok(Math.abs(svyMean(c.y, c.w).estimate - bound) < 1e-15, `${what}: svyMean`);
        for (const v of [res.estimate, res.lower!, res.upper!]) assert.ok(Math.abs(v - bound) < 1e-9, `${what}: R gives ${res.estimate} [${res.lower}, ${res.upper}]`);
        continue;
      }
      assertClose(svyMean(c.y, c.w).estimate, res.estimate, `${what}: estimate`, REL, "svyCiProp estimate");
      if (res.upper === null) {
        // n = 2 (df = 1): R turns the t quantile into a normal level, 1 − 2·pnorm(qt(…)), which
        // rounds to 1 once |t| > 8.3, and its interval becomes [expit(−Inf), expit(Inf)] = [0, NaN].
        // We use the t quantile itself, so the interval is finite.
        assert.equal(res.lower, 0, `${what}: R's lower`);
        assert.ok(lower >= 0 && lower < 1e-9, `${what}: lower ${lower}`);
        assert.ok(upper > res.estimate && upper <= 1, `${what}: upper ${upper}`);
        continue;
      }
      assertClose(lower, res.lower!, `${what}: lower`, REL, "svyCiProp bounds");
      assertClose(upper, res.upper!, `${what}: upper`, REL, "svyCiProp bounds");
    }
  }
});

test("svyCiProp defaults to a 95% interval", () => {
  const c = fixture.svyciprop.find((c) => c.results.some((r) => r.level === 0.95 && r.upper !== null && r.lower! > 0))!;
  const res = c.results.find((r) => r.level === 0.95)!;
  const [lower, upper] = svyCiProp(c.y, c.w);
  assertClose(lower, res.lower!, `${c.name}: lower`, REL, "svyCiProp bounds");
  assertClose(upper, res.upper!, `${c.name}: upper`, REL, "svyCiProp bounds");
});

test("raoScottTest equals svychisq(statistic = \"F\"), the default", () => {
  for (const c of fixture.svychisq) {
    const r = raoScottTest(c.a, c.b, c.w);
    assertClose(r.statistic, c.F.statistic, `${c.name}: F`, REL, "Rao-Scott F statistic");
    assertClose(r.ndf, c.F.ndf, `${c.name}: ndf`, REL, "Rao-Scott ndf/ddf");
    assertClose(r.ddf!, c.F.ddf, `${c.name}: ddf`, REL, "Rao-Scott ndf/ddf");
    assertClose(r.p, c.F.p, `${c.name}: p`, REL_P, "Rao-Scott F p");
    assertClose(r.pearson, c.Chisq.pearson, `${c.name}: Pearson X²`, REL, "Pearson X²");
    assert.match(r.method, /Rao–Scott.*second order/);
  }
});

test("raoScottTest equals svychisq(statistic = \"Chisq\")", () => {
  for (const c of fixture.svychisq) {
    const r = raoScottTest(c.a, c.b, c.w, {statistic: "Chisq"});
    // R's printed statistic is the unadjusted X² (our `pearson`); its p-value is for
    // X²/mean(diag Δ), which is our `statistic`.
    assertClose(r.pearson, c.Chisq.pearson, `${c.name}: Pearson X²`, REL, "Pearson X²");
    assertClose(r.statistic, c.Chisq.statistic, `${c.name}: X²/mean(diag Δ)`, REL, "Rao-Scott first-order statistic");
    assert.equal(r.ndf, c.Chisq.df, `${c.name}: df`);
    assert.equal(r.ddf, null);
    assertClose(r.p, c.Chisq.p, `${c.name}: p`, REL_P, "Rao-Scott first-order p");
    assert.match(r.method, /Rao–Scott.*first order/);
  }
});

test("raoScottTest does not depend on which variable is the row", () => {
  for (const c of fixture.svychisq) {
    const ab = raoScottTest(c.a, c.b, c.w);
    const ba = raoScottTest(c.b, c.a, c.w);
    assertClose(ba.statistic, ab.statistic, `${c.name}: F`, 1e-9, "a↔b swap");
    assertClose(ba.ndf, ab.ndf, `${c.name}: ndf`, 1e-9, "a↔b swap");
  }
});

test("raoScottTest throws where R's svychisq fails", () => {
  for (const c of fixture.svychisqErrors) {
    assert.throws(() => raoScottTest(c.a, c.b, c.w), /^Error: raoScottTest: .*R's (svychisq|solve\(\)) fails too/, `${c.name} (R: ${c.rError})`);
  }
});

test("svyBy equals svyby(~y, ~group, design, svymean), in R's group order", () => {
  for (const c of fixture.svyby) {
    const rows = svyBy(c.y, c.group, c.w);
    assert.deepEqual(
      rows.map((r) => r.group),
      c.rows.map((r) => r.group),
      `${c.name}: group order`,
    );
    rows.forEach((r, i) => {
      const e = c.rows[i];
      const what = `${c.name}, group ${e.group}`;
      assertClose(r.estimate, e.estimate, `${what}: estimate`, REL, "svyBy estimate");
      if (e.n === 1) {
        // One row: its influence value is w(y − ȳ)/W = 0 up to rounding; R's SE is that noise.
        assert.ok(r.se < 1e-15 && e.se < 1e-15, `${what}: se ${r.se}, R ${e.se}`);
      } else {
        assertClose(r.se, e.se, `${what}: se`, REL, "svyBy se");
      }
      assert.equal(r.n, e.n, `${what}: n`);
      assertClose(r.weightedN, e.weightedN, `${what}: weightedN`, 1e-12, "svyBy weightedN");
    });
  }
});

test("svyBy's SE is the domain SE on the whole design, not svymean on the group's rows", () => {
  const c = fixture.svyby.find((c) => c.name.startsWith("unequal group sizes"))!;
  const g = c.rows[c.rows.length - 1].group;
  const idx = c.group.flatMap((v, i) => (v === g ? [i] : []));
  const alone = svyMean(idx.map((i) => c.y[i]), idx.map((i) => c.w[i]));
  const byRow = svyBy(c.y, c.group, c.w).find((r) => r.group === g)!;
  assertClose(byRow.estimate, alone.estimate, "estimate", 1e-12, "svyBy vs group-alone formula");
  // The two differ by the factor sqrt(n/(n − 1) · (m − 1)/m) for a domain of m rows out of n.
  const n = c.y.length;
  const m = idx.length;
  assertClose(byRow.se, alone.se * Math.sqrt((n / (n - 1)) * ((m - 1) / m)), "se", 1e-12, "svyBy vs group-alone formula");
  assert.notEqual(byRow.se, alone.se);
});

test("inputs: lengths, weights and values are checked, naming the function and the index", () => {
  assert.throws(() => svyMean([1, 2, 3], [1, 2]), /^Error: svyMean: w has 2 values but the data have 3/);
  assert.throws(() => svyMean([1, 2, 3], [1, 0, 2]), /^Error: svyMean: w\[1\] is 0; every weight must be a finite number > 0/);
  assert.throws(() => svyMean([1, 2, 3], [1, 2, -1]), /^Error: svyMean: w\[2\] is -1/);
  assert.throws(() => svyMean([1, 2, 3], [NaN, 1, 1]), /^Error: svyMean: w\[0\] is NaN/);
  assert.throws(() => svyMean([1, 2, 3], [1, Infinity, 1]), /^Error: svyMean: w\[1\] is Infinity/);
  assert.throws(() => svyMean([1, NaN, 3], [1, 1, 1]), /^Error: svyMean: y\[1\] is NaN/);
  assert.throws(() => svyMean([1], [1]), /^Error: svyMean: needs at least 2 observations/);
  assert.throws(() => svyCiProp([0, 1, 2], [1, 1, 1]), /^Error: svyCiProp: y\[2\] is 2; a proportion needs y coded 0 or 1/);
  assert.throws(() => svyCiProp([0, 1, 1], [1, 1, 1], {level: 95}), /^Error: svyCiProp: level is 95/);
  assert.throws(() => svyCiProp([0, 1, 1], [1, 1, 1], {level: 0}), /^Error: svyCiProp: level is 0/);
  assert.throws(() => svyCiProp([0, 1], [1, 1, 1]), /^Error: svyCiProp: w has 3 values/);
  assert.throws(() => svyBy([1, 2, 3], ["a", "b"], [1, 1, 1]), /^Error: svyBy: group has 2 values but y has 3/);
  assert.throws(() => svyBy([1, 2, 3], ["a", null as unknown as string, "b"], [1, 1, 1]), /^Error: svyBy: group\[1\] is null/);
  assert.throws(() => svyBy([1, 2, 3], ["a", "b", "b"], [1, 1, -2]), /^Error: svyBy: w\[2\] is -2/);
  assert.throws(() => raoScottTest(["a", "b"], ["x", "y", "x"], [1, 1]), /^Error: raoScottTest: b has 3 values but a has 2/);
  assert.throws(() => raoScottTest(["a", "b", "a"], ["x", "y", "x"], [1, 1]), /^Error: raoScottTest: w has 2 values but the data have 3/);
  assert.throws(() => raoScottTest(["a", "b", "a"], ["x", "y", "x"], [1, 0, 1]), /^Error: raoScottTest: w\[1\] is 0/);
  assert.throws(() => raoScottTest(["a", "b", undefined as unknown as string], ["x", "y", "x"], [1, 1, 1]), /^Error: raoScottTest: a\[2\] is undefined/);
  assert.throws(() => raoScottTest(["a", "b", "a"], ["x", "x", "x"], [1, 1, 1]), /^Error: raoScottTest: b has only the value "x"/);
  assert.throws(() => raoScottTest(["a", "b", "a"], ["x", "y", "x"], [1, 1, 1], {statistic: "Wald" as "F"}), /^Error: raoScottTest: statistic is Wald/);
});

test("largest relative errors against R", (t) => {
  for (const [kind, err] of [...worst].sort()) t.diagnostic(`${kind}: ${err.toExponential(2)}`);
  assert.ok(worst.size > 0);
});
