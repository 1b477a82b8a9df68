// Table 1 as gtsummary's tbl_summary(by = g) |> add_overall() |> add_p() builds it, against what R
// computes from the same file: test/fixtures/table1 (codebook.yaml, responses.csv and reference.json,
// all written by make-table1.R beside them; R is not needed here). The reference's cell strings are
// made in R, with gtsummary's rounding and styles written out there, not by this project's formatters.
// Run: node --import tsx --test loaders/tables.table1.test.ts
import assert from "node:assert/strict";
import {readFileSync} from "node:fs";
import {after, before, describe, test} from "node:test";
import {fileURLToPath} from "node:url";
import {CodebookError, parseCodebook} from "./codebook.ts";
import {type StudyDatabase, openStudyDatabase} from "./database.ts";
import {ADJUST_NOTES, COUNT_NOTE, RESPONSES_NOTE, UNKNOWN_NOTE, WEIGHTED_COUNT_NOTE, statisticNote} from "./manuscript/layout.ts";
import {type CategoricalRow, type ChoiceRow, type LevelRow, NO_WEIGHTED_NUMBER_TEST, type NumberRow, type StudyTables, type SubgroupTable, type SubgroupTest, associationTest, crossTab, studyTables, subgroupTable, summaryDigits} from "./tables.ts";
import {formatP} from "../src/components/stats.ts";

const DIR = fileURLToPath(new URL("../test/fixtures/table1/", import.meta.url));
const reference = JSON.parse(readFileSync(`${DIR}reference.json`, "utf8"));
const text = readFileSync(`${DIR}codebook.yaml`, "utf8");
/** The same study weighted by its wt column (responses.weight), as make-table1.R's svydesign. */
const weightedText = text
  .replace("  unlisted: private", "  weight: wt\n  unlisted: private")
  .replace("questions:\n", "questions:\n  - {id: wt, column: wt, label: Weight (synthetic), type: number, min: 0}\n");

let db: StudyDatabase, weightedDb: StudyDatabase;
let tables: StudyTables, weighted: StudyTables;
before(async () => {
  db = await openStudyDatabase({codebook: parseCodebook(text, "codebook.yaml"), path: `${DIR}responses.csv`});
  tables = await studyTables(db);
  weightedDb = await openStudyDatabase({codebook: parseCodebook(weightedText, "codebook.yaml"), path: `${DIR}responses.csv`});
  weighted = await studyTables(weightedDb);
});
after(() => {
  db?.close();
  weightedDb?.close();
});

/** |a − b| ≤ tol·|b|, with the values in the message. */
const close = (actual: number, expected: number, tol: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= tol * Math.abs(expected), `${what}: ${actual} vs R ${expected} (relative error ${Math.abs(actual - expected) / Math.abs(expected)})`);

// What R wrote for one row of one grouping's block.
type RCategorical = {kind: "categorical"; levels: string[]; cells: string[][]; overall: string[]; unknown: number[]; unknownOverall: number; test: string; p: number};
type RStats = {n: number; median: number; q1: number; q3: number; q1_type7: number; q3_type7: number; mean: number; sd: number};
type RNumber = {kind: "number"; statistic: "median" | "mean"; digits: number; cells: string[]; overall: string; stats: RStats[]; overallStats: RStats; unknown: number[]; unknownOverall: number; test: string; p: number};
type RMultiple = {kind: "multiple"; percent: string; options: {level: string; cells: string[]; overall: string; test: string; p: number}[]; unknown: number[]; unknownOverall: number};
type RLevel = {kind: "level"; cells: string[]; overall: string; test: string; p: number};
type RRow = RCategorical | RNumber | RMultiple | RLevel;
type RBlock = {header: {groups: string[]; N: number[]; total: number}; rows: RRow[]; holm?: {raw: number[]; adjusted: number[]}; BH?: {raw: number[]; adjusted: number[]}};

/** A test against R's: the same test, the raw p and (with the table's adjust) R's p.adjust, printed as gtsummary prints it. */
function sameTest(t: SubgroupTest, test: string, raw: number, adjusted: number | undefined, what: string) {
  assert.equal(t.test, test, `${what}: test`);
  close(t.pRaw ?? t.p, raw, 1e-9, `${what}: p`);
  if (adjusted !== undefined) {
    close(t.pRaw!, raw, 1e-9, `${what}: pRaw`);
    close(t.p, adjusted, 1e-9, `${what}: adjusted p`);
  }
  assert.equal(t.pText, formatP(adjusted ?? raw), `${what}: printed p`);
}

/** Every row of a built table against R's block for one grouping: cells, overall, Unknown, test, p. */
function compareBlock(table: SubgroupTable, by: string, r: RBlock, {unknown = true, adjust}: {unknown?: boolean; adjust: "holm" | "BH"}) {
  const b = table.by.find((x) => x.id === by)!;
  assert.deepEqual(b.groups.map((g) => g.group), r.header.groups, `${by}: groups`);
  assert.deepEqual(b.groups.map((g) => g.n), r.header.N, `${by}: N per group (those with no group are left out)`);
  const adjusted = r[adjust]!;
  let k = 0; // the index of the next test in R's p.adjust vector
  const next = () => ({raw: adjusted.raw[k], adj: adjusted.adjusted[k++]});
  table.rows.forEach((row, i) => {
    const ref = r.rows[i];
    const what = `${table.id} ${row.variable} by ${by}`;
    assert.equal(row.kind ?? "level", ref.kind, `${what}: kind`);
    if (ref.kind === "categorical") {
      const x = (row as CategoricalRow).by[by];
      assert.deepEqual(x.levels.map((l) => l.level), ref.levels, `${what}: levels`);
      assert.deepEqual(x.levels.map((l) => l.cells.map((c) => c.text)), ref.cells, `${what}: n (%)`);
      if (table.overall) assert.deepEqual(x.levels.map((l) => l.overall!.text), ref.overall, `${what}: overall`);
      if (unknown) assert.deepEqual(x.unknown, {cells: b.groups.map((g, j) => ({group: g.group, n: ref.unknown[j]})), ...(table.overall ? {overall: ref.unknownOverall} : {})}, `${what}: Unknown`);
      else assert.equal(x.unknown, undefined, `${what}: no Unknown row (missing: no)`);
      const {raw, adj} = next();
      assert.equal(raw, ref.p);
      sameTest(x.test, ref.test, ref.p, adj, what);
    } else if (ref.kind === "number") {
      const x = (row as NumberRow).by[by];
      assert.equal((row as NumberRow).statistic, ref.statistic, `${what}: statistic`);
      assert.equal(x.digits, ref.digits, `${what}: gtsummary's decimals`);
      assert.deepEqual(x.cells.map((c) => c.text), ref.cells, `${what}: cells`);
      assert.equal(x.overall!.text, ref.overall, `${what}: overall`);
      [...x.cells, x.overall!].forEach((c, j) => {
        const s = j < x.cells.length ? ref.stats[j] : ref.overallStats;
        assert.equal(c.n, s.n, `${what} ${c.group}: n`);
        for (const k of ["median", "q1", "q3", "mean", "sd"] as const) close(c[k], s[k], 1e-12, `${what} ${c.group}: ${k}`);
      });
      assert.deepEqual(x.unknown, {cells: b.groups.map((g, j) => ({group: g.group, n: ref.unknown[j]})), overall: ref.unknownOverall}, `${what}: Unknown`);
      const {adj} = next();
      sameTest(x.test, ref.test, ref.p, adj, what);
    } else if (ref.kind === "multiple") {
      const x = (row as ChoiceRow).by[by];
      assert.equal((row as ChoiceRow).percent, ref.percent, `${what}: percent of`);
      assert.deepEqual(x.levels.map((l) => l.level), ref.options.map((o) => o.level), `${what}: options`);
      x.levels.forEach((l, j) => {
        const o = ref.options[j];
        assert.deepEqual(l.cells.map((c) => c.text), o.cells, `${what} ${l.level}: n (%)`);
        if (table.overall) assert.equal(l.overall!.text, o.overall, `${what} ${l.level}: overall`);
        const {adj} = next();
        sameTest(l.test, o.test, o.p, adj, `${what} ${l.level}`);
      });
      if (unknown) assert.deepEqual(x.unknown?.cells.map((c) => c.n), ref.unknown, `${what}: Unknown`);
      else assert.equal(x.unknown, undefined);
    } else {
      const x = (row as LevelRow).by[by];
      assert.deepEqual(x.cells.map((c) => c.text), ref.cells, `${what}: n (%)`);
      if (table.overall) assert.equal(x.overall!.text, ref.overall, `${what}: overall`);
      const {adj} = next();
      sameTest(x.test, ref.test, ref.p, adj, what);
    }
  });
  assert.equal(k, adjusted.raw.length, `${by}: every test of the table was adjusted together`);
}

test(`the reference values come from ${reference.r} (base R; survey ${reference.survey} for the weighted variant)`, () => {
  assert.equal(tables.respondents.total, reference.n);
  assert.deepEqual(Object.keys(tables.subgroups), ["table1", "table2"]);
});

describe("Table 1 (overall, Unknown rows, Holm) equals R's, block by block", () => {
  for (const by of ["sex", "site"])
    test(`by ${by}: every cell string, Unknown row, overall cell, test and p (raw and Holm-adjusted)`, () => {
      compareBlock(tables.subgroups.table1, by, reference.table1[by], {adjust: "holm"});
    });
  test("by site (table 2: percent of responses, bands, a derived grouping, missing: no, BH)", () => {
    compareBlock(tables.subgroups.table2, "site", reference.table2.site, {unknown: false, adjust: "BH"});
  });
});

test("quartiles are gtsummary's (R's quantile type 2), not the type 7 of the study's number summaries", () => {
  const bmi = (tables.subgroups.table1.rows[2] as NumberRow).by.sex;
  const female = reference.table1.sex.rows[2].stats[0] as RStats;
  assert.notEqual(female.q1, female.q1_type7, "the fixture tells the two apart");
  assert.equal(bmi.cells[0].q1, female.q1);
  assert.equal(bmi.cells[0].text, "25.8 (23.1, 28.0)");
  // gtsummary's decimals: 0 for whole numbers, else by the 5th–95th percentile spread.
  assert.equal(summaryDigits([1.5, 2.25, 3], false), 2);
  assert.equal(summaryDigits([0, 15], false), 1);
  assert.equal(summaryDigits([0, 30], false), 0);
  assert.equal(summaryDigits([0.001, 0.05], false), 3);
  assert.equal(summaryDigits([0.001, 0.002], false), 4);
  assert.equal(summaryDigits([1.5, 2.25, 3], true), 0);
});

test("a level row in a new table is laid out as before, with its overall cell", async () => {
  const row = tables.subgroups.table1.rows[6] as LevelRow;
  assert.equal(row.kind, undefined);
  assert.deepEqual(Object.keys(row), ["variable", "level", "label", "published", "by"]);
  const plain = await crossTab(db, "uses", "Yes", "sex");
  assert.deepEqual(row.by.sex.cells, plain.cells);
  assert.deepEqual(plain.overall, undefined, "no overall cell unless the table asks for one");
  assert.deepEqual(row.by.sex.overall, {group: "Overall", x: 107, n: 150, percent: (100 * 107) / 150, text: "107 (71%)"});
});

describe("the layout: what the page, the CSV, the XLSX and the DOCX show", () => {
  test("table 2, whole: an option row per option with its p, a label row with the block's p, indented levels", () => {
    const layout = tables.subgroups.table2.layout!;
    const p = (i: number, marker: string) => `${formatP(reference.table2.site.BH.adjusted[i])}${marker}`;
    assert.deepEqual(layout.header, ["Site", "Site A\nN = 73", "Site B\nN = 43", "Site C\nN = 30", "p"]);
    assert.deepEqual(layout.rows, [
      ["Platforms used (percent of responses)", "", "", "", ""],
      ["Platform A", "30 (45%)", "18 (45%)", "17 (52%)", p(0, "¹")],
      ["Platform B", "17 (26%)", "13 (33%)", "9 (27%)", p(1, "¹")],
      ["Platform C", "14 (21%)", "5 (13%)", "6 (18%)", p(2, "¹")],
      ["Platform D", "5 (7.6%)", "4 (10%)", "1 (3.0%)", p(3, "²")],
      ["Age group", "", "", "", p(4, "²")],
      ["18–39", "22 (31%)", "13 (32%)", "4 (14%)", ""],
      ["40–59", "44 (62%)", "19 (46%)", "19 (68%)", ""],
      ["60+", "5 (7.0%)", "9 (22%)", "5 (18%)", ""],
      ["Has ever smoked", "", "", "", p(5, "¹")],
      ["Yes", "37 (55%)", "22 (52%)", "10 (34%)", ""],
      ["No", "30 (45%)", "20 (48%)", "19 (66%)", ""],
      ["Uses social media", "", "", "", p(6, "¹")],
      ["Yes", "49 (67%)", "31 (72%)", "25 (83%)", ""],
      ["No", "24 (33%)", "12 (28%)", "5 (17%)", ""]
    ]);
    // The strings are R's.
    const r = reference.table2.site.rows as RRow[];
    assert.deepEqual(layout.rows.slice(1, 5).map((row) => row.slice(1, 4)), (r[0] as RMultiple).options.map((o) => o.cells));
    assert.deepEqual(layout.rows.slice(6, 9).map((row) => row.slice(1, 4)), (r[1] as RCategorical).cells);
    assert.deepEqual(layout.headings, []);
    assert.deepEqual(layout.indented, [1, 2, 3, 4, 6, 7, 8, 10, 11, 13, 14]);
    assert.deepEqual(layout.footnotes, [COUNT_NOTE, RESPONSES_NOTE, "¹ Pearson's Chi-squared test.", "² Fisher's Exact Test for Count Data.", ADJUST_NOTES.BH]);
    assert.equal(ADJUST_NOTES.BH, "p-values adjusted across the table's rows, within each grouping: Benjamini–Hochberg false discovery rate.");
  });

  test("table 1: an Overall column, Unknown rows, a number row's cells and p on one line, both groupings", () => {
    const layout = tables.subgroups.table1.layout!;
    assert.deepEqual(layout.header, ["Sex", "Overall\nN = 150", "Female\nN = 86", "Male\nN = 64", "", "p"]);
    const r = reference.table1.sex;
    const smoke = r.rows[0] as RCategorical, age = r.rows[1] as RNumber;
    assert.deepEqual(layout.rows.slice(0, 7), [
      ["Smoking", "", "", "", "", `${formatP(r.holm.adjusted[0])}¹`],
      ["Never", smoke.overall[0], ...smoke.cells[0], "", ""],
      ["Former", smoke.overall[1], ...smoke.cells[1], "", ""],
      ["Current", smoke.overall[2], ...smoke.cells[2], "", ""],
      ["Unknown", "8", "5", "3", "", ""],
      // The table mixes medians and means, so each number row says which it shows.
      ["Age (years), mean (SD)", age.overall, ...age.cells, "", `${formatP(r.holm.adjusted[1])}²`],
      ["Unknown", "6", "3", "3", "", ""]
    ]);
    assert.deepEqual(layout.rows[16], ["Platforms used (percent of respondents)", "", "", "", "", ""]);
    // The second block opens with its grouping row; every p sits in the last column.
    const site = layout.headings[0];
    assert.deepEqual(layout.rows[site], ["Site", "Overall\nN = 146", "Site A\nN = 73", "Site B\nN = 43", "Site C\nN = 30", "p"]);
    assert.equal(layout.rows.length, 2 * site + 1);
    assert.ok(layout.rows.every((row) => row.length === 6));
    assert.equal(layout.rows[site - 1][0], "Uses social media");
    assert.deepEqual(layout.indented!.filter((i) => i < site), [1, 2, 3, 4, 6, 8, 10, 12, 13, 14, 15, 17, 18, 19, 20, 21]);
    assert.deepEqual(layout.footnotes, [
      COUNT_NOTE,
      statisticNote(["mean", "median"], false),
      UNKNOWN_NOTE,
      "¹ Pearson's Chi-squared test.",
      "² Welch Two Sample t-test.",
      "³ Wilcoxon rank sum test with continuity correction.",
      "⁴ Fisher's Exact Test for Count Data.",
      "⁵ One-way ANOVA.",
      "⁶ Kruskal-Wallis rank sum test.",
      ADJUST_NOTES.holm
    ]);
    assert.equal(statisticNote(["mean", "median"], false), "Median (Q1, Q3) and mean (SD) of those in each group who answered; quartiles as gtsummary computes them, R's quantile(type = 2).");
    assert.equal(ADJUST_NOTES.holm, "p-values adjusted across the table's rows, within each grouping: Holm's correction for multiple testing.");
  });

  test("tables.json keeps the raw p beside the adjusted one, and says how it was adjusted", () => {
    const t = tables.subgroups.table1;
    assert.equal(t.adjust, "holm");
    assert.equal(t.overall, true);
    const smoke = (t.rows[0] as CategoricalRow).by.sex.test;
    close(smoke.pRaw!, reference.table1.sex.holm.raw[0], 1e-9, "pRaw");
    close(smoke.p, reference.table1.sex.holm.adjusted[0], 1e-9, "p");
    assert.ok(smoke.p > smoke.pRaw!);
  });
});

describe("the weighted variant (responses.weight: wt) equals R's survey package", () => {
  test("categorical block: weighted % per level (svyby svymean), one Rao–Scott test of the levels × groups table (svychisq)", () => {
    for (const by of ["sex", "site"]) {
      const row = weighted.subgroups.table1.rows[0] as CategoricalRow;
      const r = reference.weighted.smoke[by];
      row.by[by].levels.forEach((l, i) => l.cells.forEach((c, j) => close(c.percent, r.percent[i][j], 1e-12, `smoke ${l.level} ${c.group} %`)));
      assert.equal(row.by[by].test.test, "rao-scott");
      close(row.by[by].test.pRaw!, r.p, 1e-9, `smoke by ${by}: Rao–Scott p`);
      // n stays the unweighted count.
      assert.deepEqual(row.by[by].levels.map((l) => l.cells.map((c) => c.x)), (tables.subgroups.table1.rows[0] as CategoricalRow).by[by].levels.map((l) => l.cells.map((c) => c.x)));
    }
  });

  test("number rows: weighted mean (SD) (svymean, svyvar); medians of the answers; no p-value, and a footnote that says so", () => {
    for (const by of ["sex", "site"]) {
      for (const [i, id] of [[1, "age"], [2, "bmi"]] as const) {
        const x = (weighted.subgroups.table1.rows[i] as NumberRow).by[by];
        const r = reference.weighted[id][by];
        x.cells.forEach((c, j) => {
          close(c.mean, r.mean[j], 1e-12, `${id} ${c.group} mean`);
          close(c.sd, r.sd[j], 1e-9, `${id} ${c.group} sd`);
          assert.equal(c.weighted, true);
        });
        close(x.overall!.mean, r.overallMean, 1e-12, `${id} overall mean`);
        close(x.overall!.sd, r.overallSd, 1e-9, `${id} overall sd`);
        assert.deepEqual(x.test, {p: NaN, pText: "—", test: "none", method: NO_WEIGHTED_NUMBER_TEST});
      }
      const bmi = (weighted.subgroups.table1.rows[2] as NumberRow).by[by];
      assert.deepEqual(bmi.cells.map((c) => c.text), reference.table1[by].rows[2].cells, "the median (Q1, Q3) is of the answers, unweighted");
    }
    const {footnotes, rows} = weighted.subgroups.table1.layout!;
    assert.equal(footnotes[0], WEIGHTED_COUNT_NOTE);
    assert.equal(footnotes[1], statisticNote(["mean", "median"], true));
    assert.ok(footnotes.includes(`² ${NO_WEIGHTED_NUMBER_TEST}.`), footnotes.join("\n"));
    assert.equal(rows[5].at(-1), "—²");
  });

  test("multiple choice: weighted % of respondents and of responses, each option's Rao–Scott test", () => {
    for (const by of ["sex", "site"]) {
      const row = weighted.subgroups.table1.rows[5] as ChoiceRow;
      row.by[by].levels.forEach((l, i) => {
        const r = reference.weighted.platforms[by][i];
        l.cells.forEach((c, j) => close(c.percent, r.percent[j], 1e-12, `${l.level} ${c.group} %`));
        close(l.test.pRaw!, r.p, 1e-9, `${l.level} by ${by}: Rao–Scott p`);
      });
    }
    const responses = weighted.subgroups.table2.rows[0] as ChoiceRow;
    responses.by.site.levels.forEach((l, i) => l.cells.forEach((c, j) => close(c.percent, reference.weighted.platformsResponses[i][j], 1e-12, `${l.level} ${c.group} % of responses`)));
  });
});

describe("claims on the new rows", () => {
  const judge = async (of: object, printed = "1") => (await import("./claims.ts")).resolve("table1-2025", {id: "c", where: "Table 1", printed, of: of as never}, tables);
  test("a level of a block: {subgroup, row, level, by, group}, and Overall", async () => {
    const r = await judge({subgroup: "table1", row: "smoke", level: "Former", by: "sex", group: "Male"});
    assert.deepEqual(r, {value: (100 * 23) / 61, n: 61, kind: "percent"});
    assert.equal((await judge({subgroup: "table1", row: "smoke", level: "Former", by: "sex", group: "Overall"})).value, (100 * 39) / 142);
    assert.equal((await judge({subgroup: "table1", row: "platforms", level: "Platform D", by: "site", group: "Site C"})).value, (100 * 1) / 21);
  });
  test("a block's p: {subgroup_p, row, by} (the adjusted p the table prints); a multiple-choice option's needs its level", async () => {
    const p = await judge({subgroup_p: "table2", row: "age", by: "site"});
    close(p.value, reference.table2.site.BH.adjusted[4], 1e-9, "age group p");
    assert.equal(p.kind, "p");
    close((await judge({subgroup_p: "table2", row: "platforms", level: "Platform D", by: "site"})).value, reference.table2.site.BH.adjusted[3], 1e-9, "Platform D p");
    await assert.rejects(judge({subgroup_p: "table2", row: "platforms", by: "site"}), /is a block of levels: add level \(one of Platform A, Platform B, Platform C, Platform D\)/);
  });
  test("a number row: the group's median, or mean (with its n, for GRIM)", async () => {
    const bmi = reference.table1.sex.rows[2] as RNumber, age = reference.table1.sex.rows[1] as RNumber;
    assert.deepEqual(await judge({subgroup: "table1", row: "bmi", by: "sex", group: "Male"}), {value: bmi.stats[1].median, n: null, kind: "number"});
    const mean = await judge({subgroup: "table1", row: "age", by: "sex", group: "Female"});
    close(mean.value, age.stats[0].mean, 1e-12, "mean");
    assert.deepEqual([mean.n, mean.kind], [83, "mean"]);
  });
  test("two rows of one variable need a level to tell them apart", async () => {
    await assert.rejects(judge({subgroup_p: "table1", row: "satisfaction", by: "sex"}), /has 2 rows of "satisfaction": add level \(one of number block, categorical block\)/);
    close((await judge({subgroup_p: "table1", row: "satisfaction", level: "7–8", by: "sex"})).value, reference.table1.sex.holm.adjusted[4], 1e-9, "bins p");
  });
});

describe("the codebook check", () => {
  const withRow = (row: string) => text.replace("      - {variable: uses, level: \"Yes\", label: Uses social media}       # a level row, as before", `      - ${row}`);
  for (const [row, message] of [
    ["{variable: smoke, label: x, statistic: mean}", /statistic is for number and rating rows; "smoke" is a single/],
    ["{variable: smoke, label: x, percent: responses}", /percent \(of respondents or responses\) is for multiple-choice rows/],
    ["{variable: age, level: \"60+\", label: x, statistic: mean}", /a row with a level shows that level's share; statistic belongs to a row without level/],
    ["{variable: id, label: x}", /"id" is private, so it cannot be a row/],
    ["{variable: smoke, label: x, statistic: mode}", /statistic must be equal to one of the allowed values/]
  ] as const)
    test(`refuses ${row}`, () => assert.throws(() => parseCodebook(withRow(row), "codebook.yaml"), (e: Error) => e instanceof CodebookError && message.test(e.message)));
  test("refuses an unknown table key", () => assert.throws(() => parseCodebook(text.replace("    adjust: holm", "    adjust: bonferroni"), "codebook.yaml"), /adjust must be equal to one of the allowed values \(one of: holm, BH\)/));
});

test("missing: always gives an Unknown row of zeros; no gives none; ifany (the default) only when someone has no answer", async () => {
  const always = parseCodebook(text.replace('    missing: "no"', "    missing: always"), "codebook.yaml");
  const d = await openStudyDatabase({codebook: always, path: `${DIR}responses.csv`});
  try {
    const uses = (await subgroupTable(d, "table2")).rows[3] as CategoricalRow;
    assert.deepEqual(uses.by.site.unknown, {cells: [{group: "Site A", n: 0}, {group: "Site B", n: 0}, {group: "Site C", n: 0}]});
  } finally {
    d.close();
  }
  // missing: no — none, though smoker and age have people without an answer.
  assert.ok((tables.subgroups.table2.rows as CategoricalRow[]).every((r) => Object.values(r.by).every((b) => b.unknown === undefined)));
});

test("associationTest: an answer nobody gave is left out of the test; past Fisher's reach, χ² said to be approximate", () => {
  const table = [[8, 2, 0], [3, 7, 0]];
  assert.deepEqual(associationTest(table), associationTest([[8, 2], [3, 7]]));
  assert.equal(associationTest(table).test, "fisher");
  assert.equal(associationTest([[5, 0], [0, 0]]).test, "none");
  // 5 groups × 6 answers, 100 respondents (contingency.test.ts's table, transposed): past Fisher's
  // work cap (R's fisher.test needs workspace = 2e8 and some 40 s for it).
  const answers = [[3, 2, 0, 0, 3], [6, 4, 4, 7, 7], [1, 1, 1, 2, 2], [4, 5, 2, 4, 3], [3, 10, 5, 0, 3], [4, 5, 2, 3, 4]];
  const big = answers[0].map((_, j) => answers.map((row) => row[j]));
  const t = associationTest(big);
  assert.equal(t.test, "chisq");
  assert.match(t.method, /approximate \(an expected count is below 5, and Fisher's exact test is out of reach/);
});
