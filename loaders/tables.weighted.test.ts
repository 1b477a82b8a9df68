// A weighted study's tables against what R's survey package computes from the same file:
// test/fixtures/weighted-2025 (responses.csv and reference.json, both written by make-weighted.R
// beside them; R is not needed here). Run: node --import tsx --test loaders/tables.weighted.test.ts
import assert from "node:assert/strict";
import {readFileSync} from "node:fs";
import {after, before, test} from "node:test";
import {fileURLToPath} from "node:url";
import {parseCodebook} from "./codebook.ts";
import {WEIGHTED_COUNT_NOTE} from "./manuscript/layout.ts";
import {type StudyDatabase, openStudyDatabase} from "./database.ts";
import {type LevelRow, type StudyTables, studyTables} from "./tables.ts";

const DIR = fileURLToPath(new URL("../test/fixtures/weighted-2025/", import.meta.url));
const reference = JSON.parse(readFileSync(`${DIR}reference.json`, "utf8"));
const codebook = parseCodebook(readFileSync(`${DIR}codebook.yaml`, "utf8"), "codebook.yaml");
let db: StudyDatabase;
let tables: StudyTables;
before(async () => {
  db = await openStudyDatabase({codebook, path: `${DIR}responses.csv`});
  tables = await studyTables(db);
});
after(() => db?.close());

/** |a − b| ≤ tol·|b|, with the values in the message. */
const close = (actual: number, expected: number, tol: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= tol * Math.abs(expected), `${what}: ${actual} vs R ${expected} (relative error ${Math.abs(actual - expected) / Math.abs(expected)})`);

test(`the reference values come from ${reference.r}, survey ${reference.survey}`, () => {
  assert.equal(tables.respondents.total, reference.n);
  assert.deepEqual(tables.weight && {id: tables.weight.id, label: tables.weight.label}, {id: "wt", label: codebook.questions.find((q) => q.id === "wt")!.label});
  close(tables.weight!.total, reference.weightTotal, 1e-12, "Σw");
});

test("the weight is the design, not a question: it has no table of its own", () => {
  assert.equal(tables.numbers.wt, undefined);
  assert.equal(tables.distributions.wt, undefined);
});

test("shares of single-choice questions are weighted (svymean on those who answered), with the unweighted n beside them", () => {
  for (const [id, r] of Object.entries(reference.distributions) as [string, {levels: string[]; percent: number[]; n: number[]; weighted: number[]}][]) {
    const d = tables.distributions[id];
    assert.deepEqual(d.levels.map((l) => l.level), r.levels, id);
    d.levels.forEach((l, k) => {
      close(l.percent, r.percent[k], 1e-12, `${id} ${l.level} %`);
      close(l.weighted!, r.weighted[k], 1e-12, `${id} ${l.level} Σw`);
      assert.equal(l.n, r.n[k], `${id} ${l.level} unweighted n`);
    });
  }
  // The refusals (a missing code) are out of the weighted base as they are out of n.
  assert.equal(tables.distributions.uses_f.base, 588);
  assert.equal(tables.distributions.uses_f.excluded[0].n, 12);
});

test("multiple choice: weighted shares with survey's logit interval (svyciprop, method = \"logit\")", () => {
  const c = tables.choices.platforms;
  for (const [key, r] of Object.entries(reference.choices) as [string, {percent: number; low: number; high: number}][]) {
    const o = c.options.find((o) => o.level === `Platform ${key}`)!;
    // R finds this share by fitting a logistic model (svyglm), converged to ~1e-11.
    close(o.percent, r.percent, 1e-9, `Platform ${key} %`);
    close(o.low, r.low, 1e-9, `Platform ${key} lower`);
    close(o.high, r.high, 1e-9, `Platform ${key} upper`);
  }
});

test("subgroup table: weighted shares by group (svyby) and the Rao–Scott test (svychisq, F)", () => {
  const row = tables.subgroups.use_by_group.rows[0] as LevelRow;
  for (const [by, key] of [["sex_f", "by_sex"], ["region_f", "by_region"]] as const) {
    const r = reference[key];
    const {cells, test: t} = row.by[by];
    assert.deepEqual(cells.map((c) => c.group), r.groups);
    cells.forEach((c, k) => close(c.percent, r.percent[k], 1e-12, `${by} ${c.group} %`));
    assert.equal(t.test, "rao-scott");
    assert.match(t.method, /Rao–Scott/);
    close(t.p, r.p, 1e-6, `${by} p`);
  }
  // The cell prints the unweighted n and the weighted share, and the table's note says so.
  const female = row.by.sex_f.cells[0];
  assert.equal(female.text, `${female.x} (${Math.round(female.percent)}%)`);
  const {footnotes} = tables.subgroups.use_by_group.layout!;
  assert.equal(footnotes[0], WEIGHTED_COUNT_NOTE);
  assert.ok(footnotes.some((f) => /Rao–Scott adjusted χ² \(second order, F test\)/.test(f)), footnotes.join("\n"));
});

test("a rating's mean and SD are weighted (svymean, svyvar); its quartiles are of the answers", () => {
  const s = tables.numbers.trust_n;
  assert.equal(s.weighted, true);
  close(s.mean, reference.trust.mean, 1e-12, "mean");
  close(s.se!, reference.trust.se, 1e-9, "SE of the mean");
  close(s.sd, reference.trust.sd, 1e-9, "SD");
});

test("claims compare like with like: weighted unless the claim says weighted: false", async () => {
  const {judgeClaim} = await import("./claims.ts");
  const r = reference.distributions.uses_f;
  const printed = r.percent[0].toFixed(1); // "47.0", as a paper would print R's weighted share
  const claim = {id: "users", where: "Abstract", printed, of: {share: "uses_f", level: "Yes"}};
  const weighted = judgeClaim("weighted-2025", claim, tables);
  assert.equal(weighted.weighted, true);
  assert.equal(weighted.verdict, "rounded", JSON.stringify(weighted));
  assert.equal(weighted.grim, null, "a weighted share has no whole count: GRIM does not apply");
  // The same printed number read as unweighted (274 of 588 = 46.6%) does not match.
  const unweighted = judgeClaim("weighted-2025", {...claim, weighted: false}, tables);
  assert.equal(unweighted.weighted, false);
  assert.equal(unweighted.verdict, "inconsistent");
  assert.equal(unweighted.computed, (100 * 274) / 588);
  assert.equal(judgeClaim("weighted-2025", {...claim, printed: "46.6", weighted: false}, tables).verdict, "rounded");
  // A mean, both ways.
  const mean = {id: "trust", where: "Table 2", printed: reference.trust.mean.toFixed(2), of: {statistic: "mean" as const, of: "trust_n"}};
  assert.equal(judgeClaim("weighted-2025", mean, tables).verdict, "rounded");
  assert.equal(judgeClaim("weighted-2025", {...mean, weighted: false}, tables).computed, tables.numbers.trust_n.unweighted!.mean);
});


test("a cross-study share of a weighted study is its weighted share, with the logit interval", async () => {
  const {shareOfLevels} = await import("./compare.ts");
  const d = tables.distributions.region_f;
  const r = reference.distributions.region_f;
  // One level: the distribution's own weighted share.
  const north = shareOfLevels(d, [d.levels[0]], {designN: tables.respondents.total});
  close(north.percent, r.percent[0], 1e-12, "North %");
  // Two levels summed: Σw adds, as R's share of the union does.
  const both = shareOfLevels(d, d.levels.slice(0, 2), {designN: tables.respondents.total});
  close(both.percent, r.percent[0] + r.percent[1], 1e-12, "North + South %");
  assert.ok(both.low < both.percent && both.percent < both.high);
});
