// Tests for src/components/contingency.ts. Run: node --import tsx --test src/components/contingency.test.ts
// The explorer's cross-tab is checked against the build: its SQL runs in native DuckDB over each
// study's database, and every p-value of every subgroup table must equal the build's.
import assert from "node:assert/strict";
import {describe, test} from "node:test";
import {readFileSync} from "node:fs";
import {fileURLToPath} from "node:url";
import {loadCodebook, parseCodebook, studies} from "../../loaders/codebook.ts";
import {type StudyDatabase, openStudyDatabase, withStudyDatabase} from "../../loaders/database.ts";
import {publicCodebook} from "../../loaders/responses.ts";
import {type LevelRow, type StudyTables, type SubgroupCell, type SubgroupTest, studyTables} from "../../loaders/tables.ts";
import {OTHER_ANSWERS, crossTabQuery, crossTabulate, describeTest} from "./contingency.ts";
import {wilsonInterval} from "./stats.ts";

type Counts = {row_level: string | null; column_level: string | null; n: number}[];
const query = async (db: StudyDatabase, sql: string) => (await db.connection.runAndReadAll(sql)).getRowObjectsJS() as Counts;
const levelsIn = (cb: ReturnType<typeof publicCodebook>, id: string) =>
  [...cb.questions, ...cb.derived].find((q) => q.id === id)?.levels ?? assert.fail(`no levels for "${id}"`);

/**
 * Every row × grouping of every subgroup table the build made, cross-tabbed by the explorer: the
 * same counts, test and p (a table's `adjust` aside: the explorer gives the test's own p, pRaw).
 * A level row is its level against the others; a categorical block the whole variable; each option
 * of a multiple-choice block is that option against the rest. Number rows have no cross-tab.
 */
async function compareWithBuild(db: StudyDatabase, built: StudyTables): Promise<number> {
  const cb = publicCodebook(db.codebook);
  let compared = 0;
  const check = (what: string, tab: ReturnType<typeof crossTabulate>, expected: SubgroupTest) => {
    assert.ok(tab.test, `${what}: no test (${tab.noTest})`);
    assert.equal(tab.test.p, expected.pRaw ?? expected.p, `${what}: p`);
    assert.equal(tab.test.test, expected.test, `${what}: test`);
    if (expected.pRaw === undefined) assert.equal(tab.test.pText, expected.pText, `${what}: printed p`);
    compared++;
  };
  const sameCells = (what: string, tab: ReturnType<typeof crossTabulate>, level: string, cells: SubgroupCell[]) => {
    for (const c of cells.filter((c) => c.n > 0)) {
      const got = tab.cells.find((t) => t.row === level && t.column === c.group);
      assert.equal(got?.n ?? 0, c.x, `${what}, ${c.group}: n`);
      if (got) assert.equal(got.base, c.n, `${what}, ${c.group}: answered both`);
      if (got) assert.equal(got.text, c.text, `${what}, ${c.group}: n (%)`);
    }
  };
  for (const table of Object.values(built.subgroups))
    for (const row of table.rows)
      for (const by of Object.keys(row.by)) {
        if (row.kind === undefined) {
          const {cells, test: expected} = row.by[by];
          const tab = crossTabulate(await query(db, crossTabQuery(cb, {row: row.variable, column: by, rowLevel: row.level})), {rows: [row.level, OTHER_ANSWERS], columns: levelsIn(cb, by)});
          const what = `${row.variable} = "${row.level}" by ${by}`;
          check(what, tab, expected);
          sameCells(what, tab, row.level, cells);
        } else if (row.kind === "categorical") {
          const r = row.by[by];
          const tab = crossTabulate(await query(db, crossTabQuery(cb, {row: row.variable, column: by})), {rows: levelsIn(cb, row.variable), columns: levelsIn(cb, by)});
          check(`${row.variable} by ${by}`, tab, r.test);
          for (const l of r.levels) sameCells(`${row.variable} = "${l.level}" by ${by}`, tab, l.level, l.cells);
        } else if (row.kind === "multiple") {
          for (const l of row.by[by].levels) {
            const tab = crossTabulate(await query(db, crossTabQuery(cb, {row: row.variable, column: by, rowLevel: l.level})), {rows: [l.level, OTHER_ANSWERS], columns: levelsIn(cb, by)});
            const what = `${row.variable}: "${l.level}" by ${by}`;
            check(what, tab, l.test);
            if (row.percent === "respondents") sameCells(what, tab, l.level, l.cells);
          }
        }
      }
  return compared;
}

describe("the explorer's cross-tab equals the build's subgroup tables", () => {
  const withTables = studies().filter((id) => loadCodebook(id).tables);
  test("at least one study has a subgroup table (bendayan-2024's Table 1)", () => assert.ok(withTables.includes("bendayan-2024"), withTables.join(", ")));

  for (const id of withTables)
    test(`${id}: every row × grouping, same counts, same test, same p`, async () => {
      await withStudyDatabase(id, async (db) => {
        const compared = await compareWithBuild(db, await studyTables(db));
        assert.ok(compared >= 3, `${compared} p-values compared`);
      });
    });

  test("test/fixtures/table1: every block (categorical, multiple choice) and level row, the same p (before adjustment)", async () => {
    const dir = fileURLToPath(new URL("../../test/fixtures/table1/", import.meta.url));
    const db = await openStudyDatabase({codebook: parseCodebook(readFileSync(`${dir}codebook.yaml`, "utf8")), path: `${dir}responses.csv`});
    try {
      assert.ok((await compareWithBuild(db, await studyTables(db))) >= 20);
    } finally {
      db.close();
    }
  });

  test("bendayan-2024: a two-answer question cross-tabbed whole gives Table 1's p (sought an opinion, by specialty group)", async () => {
    await withStudyDatabase("bendayan-2024", async (db) => {
      const built = await studyTables(db);
      const cb = publicCodebook(db.codebook);
      const expected = (built.subgroups.subgroups.rows.find((r) => r.variable === "sought_opinion") as LevelRow).by.specialty_group.test;
      const tab = crossTabulate(await query(db, crossTabQuery(cb, {row: "sought_opinion", column: "specialty_group"})), {
        rows: levelsIn(cb, "sought_opinion"),
        columns: levelsIn(cb, "specialty_group")
      });
      assert.deepEqual(tab.rows, ["Yes", "No"]);
      assert.equal(tab.test?.p, expected.p);
      assert.ok(tab.missing > 0, "respondents who did not answer are counted as left out");
      assert.equal(tab.total + tab.missing, built.respondents.total);
    });
  });

  test("a filter keeps only the respondents who gave that answer", async () => {
    await withStudyDatabase("bendayan-2024", async (db) => {
      const cb = publicCodebook(db.codebook);
      const spec = {row: "sought_opinion", column: "age_band", filter: {variable: "specialty", level: "General practice"}};
      const tab = crossTabulate(await query(db, crossTabQuery(cb, spec)), {rows: levelsIn(cb, "sought_opinion"), columns: levelsIn(cb, "age_band")});
      const [{n}] = (await db.connection.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM responses WHERE specialty = 'General practice'`)).getRowObjectsJS() as {n: number}[];
      assert.equal(n, 944);
      assert.equal(tab.total + tab.missing, 944);
    });
  });
});

describe("crossTabulate", () => {
  const counts: Counts = [
    {row_level: "Yes", column_level: "A", n: 30},
    {row_level: "No", column_level: "A", n: 10},
    {row_level: "Yes", column_level: "B", n: 5},
    {row_level: "No", column_level: "B", n: 15},
    {row_level: null, column_level: "A", n: 7},
    {row_level: "Yes", column_level: null, n: 2}
  ];
  const levels = {rows: ["Yes", "No", "Maybe"], columns: ["A", "B", "C"]};

  test("column percentages with Wilson intervals, the total column, the left-out respondents", () => {
    const tab = crossTabulate(counts, levels);
    assert.deepEqual(tab.rows, ["Yes", "No"]);
    assert.deepEqual(tab.columns, ["A", "B"]);
    assert.deepEqual(tab.empty, ["Maybe", "C"]);
    assert.equal(tab.total, 60);
    assert.equal(tab.missing, 9);
    const yesA = tab.cells.find((c) => c.row === "Yes" && c.column === "A")!;
    assert.equal(yesA.base, 40);
    assert.equal(yesA.percent, 75);
    assert.equal(yesA.text, "30 (75%)");
    const [low, high] = wilsonInterval(30, 40);
    assert.equal(yesA.low, 100 * low);
    assert.equal(yesA.high, 100 * high);
    assert.deepEqual(tab.margins.map((m) => [m.row, m.n, m.base]), [["Yes", 35, 60], ["No", 25, 60]]);
  });

  test("row percentages", () => {
    const tab = crossTabulate(counts, {...levels, percent: "row"});
    const yesA = tab.cells.find((c) => c.row === "Yes" && c.column === "A")!;
    assert.equal(yesA.base, 35);
    assert.deepEqual(tab.margins.map((m) => [m.column, m.n, m.base]), [["A", 40, 60], ["B", 20, 60]]);
  });

  test("the test is the build's choice: χ² when every expected count is ≥ 5, else Fisher", () => {
    const chisq = crossTabulate(counts, levels).test!;
    assert.equal(chisq.test, "chisq");
    assert.equal(chisq.df, 1);
    // By hand: expected 23.3, 16.7, 11.7, 8.3 → χ² = 1.905 + 2.667 + 3.810 + 5.333 = 13.71.
    assert.equal(describeTest(chisq), "Pearson's χ² test: χ² = 13.71, df = 1, p <0.001");
    const small = crossTabulate([{row_level: "Yes", column_level: "A", n: 3}, {row_level: "No", column_level: "B", n: 4}], levels).test!;
    assert.equal(small.test, "fisher");
    assert.equal(describeTest(small), `Fisher's exact test: p = ${small.pText}`);
  });

  test("a sparse 5 × 5 table gets Fisher's exact test, with R's p-value", () => {
    // 100 respondents spread thin; this used to be past the old enumeration's cap and fell back
    // to χ². R: fisher.test(m(c(2, 5, 3, 6, 4, 4, 2, 5, 3, 6, 6, 4, 2, 5, 3, 3, 6, 4, 2, 5, 5, 3, 6, 4, 2), 5))
    // → 0.731961046753134 (default workspace; also in fisher.fixture.json).
    const rows = ["1", "2", "3", "4", "5"];
    const cells: Counts = rows.flatMap((r, i) => rows.map((c, j) => ({row_level: r, column_level: c, n: 2 + ((i * 7 + j * 3) % 5)})));
    const tab = crossTabulate(cells, {rows, columns: rows});
    assert.equal(tab.test?.test, "fisher");
    assert.equal(tab.test.approximate, undefined);
    assert.equal(tab.caveat, undefined);
    assert.ok(Math.abs(tab.test.p - 0.731961046753134) < 1e-9 * 0.731961046753134, `p = ${tab.test.p}`);
  });

  test("past Fisher's work cap, Pearson's χ² is given and said to be approximate", () => {
    // 6 answers × 5 groups, 100 respondents: R's fisher.test needs workspace = 2e8 (and some 40
    // seconds) for it; Fisher's test here stops at its cap (FISHER_MAX_WORK steps).
    const table = [[3, 2, 0, 0, 3], [6, 4, 4, 7, 7], [1, 1, 1, 2, 2], [4, 5, 2, 4, 3], [3, 10, 5, 0, 3], [4, 5, 2, 3, 4]];
    const rows = ["1", "2", "3", "4", "5", "6"];
    const columns = ["A", "B", "C", "D", "E"];
    const cells: Counts = rows.flatMap((r, i) => columns.map((c, j) => ({row_level: r, column_level: c, n: table[i][j]})));
    const tab = crossTabulate(cells, {rows, columns});
    assert.ok(tab.test?.approximate, `expected the fallback, got ${JSON.stringify(tab.test)}`);
    assert.equal(tab.test.test, "chisq");
    assert.equal(tab.test.df, 20);
    assert.ok(tab.test.minExpected < 5);
    assert.match(
      tab.caveat!,
      /^Fisher's exact test is out of reach for this table \(it would take more than 10000000 steps to compute exactly \(N = 100, 5×6\)\), so this is Pearson's χ² test, approximate/,
    );
    assert.match(describeTest(tab.test), /^Pearson's χ² test \(approximate\): χ² = /);
  });

  test("no test with one group, and an answer outside the codebook's levels is an error", () => {
    const one = crossTabulate(counts.filter((c) => c.column_level === "A"), levels);
    assert.equal(one.test, null);
    assert.match(one.noTest!, /at least two answers and two groups/);
    assert.throws(() => crossTabulate([{row_level: "Perhaps", column_level: "A", n: 1}], levels), /the answer "Perhaps" is not one of "Yes", "No", "Maybe"/);
  });
});

describe("crossTabQuery", () => {
  const cb = {
    questions: [
      {id: "platforms", type: "multiple"},
      {id: "useful", type: "rating", scale: "s"},
      {id: "group", type: "single"}
    ],
    scales: {s: {bins: [{label: "0–4", min: 0, max: 4}, {label: "5–10", min: 5, max: 10}]}}
  };
  test("a multiple-choice question needs one answer to count, and cannot be the grouping", () => {
    assert.throws(() => crossTabQuery(cb, {row: "platforms", column: "group"}), /allows several answers: pick one answer/);
    assert.throws(() => crossTabQuery(cb, {row: "group", column: "platforms"}), /cannot split respondents into groups/);
    assert.match(crossTabQuery(cb, {row: "platforms", column: "group", rowLevel: "X's"}), /list_contains\("platforms", 'X''s'\)/);
  });
  test("a rating is counted by its scale's bins", () => {
    assert.match(crossTabQuery(cb, {row: "useful", column: "group"}), /WHEN "useful" BETWEEN 5 AND 10 THEN '5–10'/);
  });
});

test("a weighted study's cross-tab (the weighted fixture) is weighted as its Table 1 and as R's svychisq", async () => {
  const {readFileSync} = await import("node:fs");
  const {parseCodebook} = await import("../../loaders/codebook.ts");
  const {openStudyDatabase} = await import("../../loaders/database.ts");
  const dir = new URL("../../test/fixtures/weighted-2025/", import.meta.url).pathname;
  const reference = JSON.parse(readFileSync(`${dir}reference.json`, "utf8"));
  const codebook = parseCodebook(readFileSync(`${dir}codebook.yaml`, "utf8"), "codebook.yaml");
  const db = await openStudyDatabase({codebook, path: `${dir}responses.csv`});
  try {
    const built = await studyTables(db);
    const cb = publicCodebook(db.codebook);
    for (const [by, key] of [["sex_f", "by_sex"], ["region_f", "by_region"]] as const) {
      const counts = await query(db, crossTabQuery(cb, {row: "uses_f", column: by}));
      const tab = crossTabulate(counts, {rows: levelsIn(cb, "uses_f"), columns: levelsIn(cb, by)});
      assert.equal(tab.weighted, true);
      assert.equal(tab.test?.test, "rao-scott");
      const r = reference[key];
      assert.ok(Math.abs(tab.test!.p - r.p) <= 1e-6 * r.p, `${by}: p ${tab.test!.p} vs R ${r.p}`);
      const t = tab.test as {statistic: number; ndf: number; ddf: number};
      for (const [mine, theirs, what] of [[t.statistic, r.F, "F"], [t.ndf, r.ndf, "ndf"], [t.ddf, r.ddf, "ddf"]] as const)
        assert.ok(Math.abs(mine - theirs) <= 1e-9 * Math.abs(theirs), `${by} ${what}: ${mine} vs R ${theirs}`);
      // The same p as the build's Table 1, and the same weighted shares.
      const row = (built.subgroups.use_by_group.rows[0] as LevelRow).by[by];
      assert.ok(Math.abs(tab.test!.p - row.test.p) <= 1e-12 * row.test.p, `${by}: explorer p ${tab.test!.p}, Table 1 p ${row.test.p}`);
      for (const c of row.cells) assert.ok(Math.abs(tab.cells.find((x) => x.row === "Yes" && x.column === c.group)!.percent - c.percent) < 1e-9, c.group);
      assert.match(describeTest(tab.test!), /^Rao–Scott adjusted χ² \(second order, F test\): F = [0-9.]+, df = [0-9.]+, [0-9.]+, p = /);
    }
  } finally {
    db.close();
  }
});
