// Small-cell suppression (suppress.ts): the rules on made-up lines, then the fixture
// test/fixtures/small-cells-2025 through the build's own path (studyTables, as the compile step
// calls it), whose codebook comment lists what must be hidden and why.
import assert from "node:assert/strict";
import {readFileSync} from "node:fs";
import {after, before, describe, test} from "node:test";
import {fileURLToPath} from "node:url";
import {CodebookError, parseCodebook} from "./codebook.ts";
import {type StudyDatabase, openStudyDatabase} from "./database.ts";
import {ClaimsError, judgeClaim} from "./claims.ts";
import {cellsToHide, smallCellsLine} from "./suppress.ts";
import {type CategoricalRow, type NumberRow, type StudyTables, studyTables} from "./tables.ts";

const hide = (counts: Record<string, number>, lines: string[][], k = 5) => Object.fromEntries(cellsToHide(new Map(Object.entries(counts)), lines, k));

describe("cellsToHide", () => {
  test("counts from 1 to k - 1 are hidden; 0 and k are not", () => {
    assert.deepEqual(hide({a: 0, b: 1, c: 4, d: 5, e: 100}, []), {b: "primary", c: "primary"});
    assert.deepEqual(hide({a: 2, b: 3}, [], 3), {a: "primary"});
  });

  test("one hidden count in a line with a known total: the smallest other non-zero count is hidden with it", () => {
    // 21 + 16 + 3 = 40, printed as the base: 3 alone would be 40 - 21 - 16.
    assert.deepEqual(hide({f: 21, m: 16, o: 3, z: 0}, [["f", "m", "o", "z"]]), {o: "primary", m: "complementary"});
  });

  test("two hidden counts in a line need nothing more", () => {
    assert.deepEqual(hide({a: 22, b: 12, c: 4, d: 2}, [["a", "b", "c", "d"]]), {c: "primary", d: "primary"});
  });

  test("a line whose other counts are zeros gets nothing more: its total is the small count itself", () => {
    assert.deepEqual(hide({a: 3, b: 0, c: 0}, [["a", "b", "c"]]), {a: "primary"});
  });

  test("in a table, rows and columns are lines: a count hidden for a row makes its column need one, until every line has 0 or 2+", () => {
    // rows r1 = [2, 10, 20], r2 = [30, 40, 50]; columns c1 = [2, 30], c2 = [10, 40], c3 = [20, 50].
    // 2 is hidden; r1 then hides 10 (its smallest); c1 hides 30; c2 hides 40; r2 then has 30 and 40: done.
    const counts = {a: 2, b: 10, c: 20, d: 30, e: 40, f: 50};
    const result = hide(counts, [["a", "b", "c"], ["d", "e", "f"], ["a", "d"], ["b", "e"], ["c", "f"]]);
    assert.deepEqual(result, {a: "primary", b: "complementary", d: "complementary", e: "complementary"});
    const lines = [["a", "b", "c"], ["d", "e", "f"], ["a", "d"], ["b", "e"], ["c", "f"]];
    for (const line of lines) assert.notEqual(line.filter((key) => key in result).length, 1, `line ${line} has one hidden count`);
  });

  test("equal counts: the first of them, so that every build hides the same ones", () => {
    assert.deepEqual(hide({a: 3, b: 9, c: 9}, [["a", "b", "c"]]), {a: "primary", b: "complementary"});
  });
});

const DIR = fileURLToPath(new URL("../test/fixtures/small-cells-2025/", import.meta.url));
const text = readFileSync(`${DIR}codebook.yaml`, "utf8");

describe("test/fixtures/small-cells-2025, as the build tabulates it (k = 5)", () => {
  let db: StudyDatabase;
  let t: StudyTables;
  before(async () => {
    db = await openStudyDatabase({codebook: parseCodebook(text, "codebook.yaml"), path: `${DIR}responses.csv`});
    t = await studyTables(db);
  });
  after(() => db?.close());

  const level = (id: string, name: string) => t.distributions[id].levels.find((l) => l.level === name)!;

  test("a question's answers: Pharmacist (4) and Other (2) shown as “< 5”, with no count or share; Physician and Nurse as counted", () => {
    assert.deepEqual(level("role", "Pharmacist"), {level: "Pharmacist", n: null, percent: null, suppressed: "< 5"});
    assert.deepEqual(level("role", "Other"), {level: "Other", n: null, percent: null, suppressed: "< 5"});
    assert.deepEqual([level("role", "Physician").n, level("role", "Nurse").n], [22, 12]);
  });

  test("sex: Another (3) is “< 5”, and Male (16) is hidden with it (“x”), as 40 - 21 would give it away", () => {
    assert.equal(level("sex", "Another").suppressed, "< 5");
    assert.equal(level("sex", "Male").suppressed, "x");
    assert.equal(level("sex", "Male").n, null);
    assert.equal(level("sex", "Female").n, 21);
  });

  test("a derived grouping is no way round it: No (6 = Pharmacist + Other) stays, both its parts being hidden", () => {
    assert.deepEqual(t.distributions.clinician.levels.map((l) => [l.level, l.n]), [["Yes", 34], ["No", 6]]);
  });

  test("a multiple-choice option: YouTube (2) hidden with its interval; X (0) shown as 0", () => {
    const option = (name: string) => t.choices.platforms.options.find((o) => o.level === name)!;
    assert.deepEqual(option("YouTube"), {level: "YouTube", n: null, percent: null, low: null, high: null, suppressed: "< 5"});
    assert.equal(option("X (Twitter)").n, 0);
  });

  test("summaries within groups: Another's (3 answers) hidden; Male's n hidden with it, its median kept (16 answers)", () => {
    const groups = t.summaries.hours_by_sex.groups;
    const another = groups.find((g) => g.group === "Another")!, male = groups.find((g) => g.group === "Male")!;
    assert.equal(another.suppressed, "< 5");
    assert.deepEqual([another.n, another.median, another.mean, another.min, another.max], [null, null, null, null, null]);
    assert.equal(male.suppressed, "x");
    assert.equal(male.n, null);
    assert.ok(Number.isFinite(male.median), "Male's median stays");
  });

  test("Table 1: the groups' N, each cell below 5, Male's Physician (8) and Nurse (5) with them, Another's hours; p-values kept", () => {
    const table = t.subgroups.by_sex;
    assert.deepEqual(table.by[0].groups, [{group: "Female", n: 21}, {group: "Male", n: null, suppressed: "x"}, {group: "Another", n: null, suppressed: "< 5"}]);
    const role = table.rows[0] as CategoricalRow;
    const texts = role.by.sex.levels.map((l) => [l.level, ...l.cells.map((c) => c.text)]);
    assert.deepEqual(texts, [
      ["Physician", "12 (57%)", "x", "< 5"],
      ["Nurse", "6 (29%)", "x", "< 5"],
      ["Pharmacist", "< 5", "< 5", "0"],
      ["Other", "< 5", "< 5", "0"]
    ]);
    for (const l of role.by.sex.levels) for (const c of l.cells) if (c.suppressed) assert.deepEqual([c.x, c.n, c.percent], [null, null, null], `${l.level}, ${c.group}`);
    assert.ok(Number.isFinite(role.by.sex.test.p), "the block's p-value stays");
    const hours = table.rows[1] as NumberRow;
    assert.deepEqual(hours.by.sex.cells.map((c) => c.text), ["12 (6, 18)", "12 (7, 18)", "< 5"]);
    assert.equal(hours.by.sex.cells[2].median, null);
    assert.ok(Number.isFinite(hours.by.sex.test.p));
  });

  test("a group whose N is hidden gives it away through none of its cells: counts without percentages, summaries without n", () => {
    const table = t.subgroups.by_sex;
    assert.equal(table.countsOnly, true);
    const role = table.rows[0] as CategoricalRow;
    const another = role.by.sex.levels.map((l) => l.cells[2]).filter((c) => !c.suppressed);
    assert.deepEqual(another.map((c) => [c.text, c.n, c.percent]), [["0", null, null], ["0", null, null]]);
    const hours = table.rows[1] as NumberRow;
    assert.deepEqual(hours.by.sex.cells.map((c) => c.n), [21, null, null], "Female's n stays; Male's (N hidden) and Another's go");
    // Nowhere in the table is Male's 16 or Another's 3 as an n.
    for (const l of role.by.sex.levels) for (const c of l.cells.slice(1)) assert.equal(c.n, null, `${l.level}, ${c.group}`);
    assert.ok(table.layout!.footnotes.some((f) => f.includes("In a group whose N is hidden, counts are shown without percentages")));
  });

  test("no line of Table 1 (a row across groups, a group's column with its N) has exactly one hidden count", () => {
    const role = t.subgroups.by_sex.rows[0] as CategoricalRow;
    const groups = t.subgroups.by_sex.by[0].groups;
    const hidden = (x: {suppressed?: string}) => (x.suppressed ? 1 : 0);
    for (const l of role.by.sex.levels) assert.notEqual(l.cells.reduce((s, c) => s + hidden(c), 0), 1, `row ${l.level}`);
    groups.forEach((g, i) => assert.notEqual(hidden(g) + role.by.sex.levels.reduce((s, l) => s + hidden(l.cells[i]), 0), 1, `column ${g.group}`));
  });

  test("its layout (page, CSV, XLSX, DOCX): “N < 5”, “N = x”, and a note saying what both mean", () => {
    const layout = t.subgroups.by_sex.layout!;
    assert.deepEqual(layout.header, ["Sex", "Female\nN = 21", "Male\nN = x", "Another\nN < 5", "p"]);
    assert.ok(layout.footnotes.some((f) => f.startsWith("< 5: fewer than 5, not published") && f.includes("x: a count hidden with one of them") && f.includes("The p-values use every answer")), layout.footnotes.join("\n"));
  });

  test("the report: how many were hidden, each way, and the build log's line", () => {
    assert.deepEqual(t.smallCells, {k: 5, primary: 12, complementary: 4});
    assert.equal(smallCellsLine(t.smallCells), 'tables: k = 5, 12 counts below it shown as "< 5", 4 more hidden with them ("x")');
    assert.equal(smallCellsLine({k: 5, primary: 0, complementary: 0}), "tables: k = 5, no count below it");
    assert.equal(smallCellsLine({accepted: "Why."}), "tables: every count shown, as the codebook accepts");
    assert.equal(smallCellsLine(undefined), "tables: every count shown (no small_cells in the codebook)");
  });

  test("a claim printing a hidden count fails, saying which and why; one printing a shown count passes", () => {
    const claim = (of: object) => ({id: "c", where: "Results", printed: "4 (10%)", of}) as Parameters<typeof judgeClaim>[1];
    assert.throws(() => judgeClaim("small-cells-2025", claim({count: "role", level: "Pharmacist"}), t), (e: Error) => e instanceof ClaimsError && /"role" level "Pharmacist" is hidden in the published tables \(shown as "< 5": disclosure\.small_cells/.test(e.message));
    assert.throws(() => judgeClaim("small-cells-2025", claim({subgroup: "by_sex", row: "role", level: "Physician", by: "sex", group: "Male"}), t), /group "Male" is hidden in the published tables \(shown as "x"/);
    assert.throws(() => judgeClaim("small-cells-2025", claim({subgroup: "by_sex", row: "role", level: "Pharmacist", by: "sex", group: "Another"}), t), /the percentage in table "by_sex", row "role", group "Another" \(whose N is hidden\) is hidden/);
    assert.equal(judgeClaim("small-cells-2025", {...claim({count: "role", level: "Physician"}), printed: "22"}, t).verdict, "exact");
  });
});

describe("small_cells in the codebook", () => {
  test("accept: every count published, and the reason is the report", async () => {
    const accepted = text.replace("small_cells: {k: 5}", "small_cells: {accept: Made-up people.}");
    const db = await openStudyDatabase({codebook: parseCodebook(accepted, "codebook.yaml"), path: `${DIR}responses.csv`});
    try {
      const t = await studyTables(db);
      assert.deepEqual(t.smallCells, {accepted: "Made-up people."});
      assert.equal(t.distributions.role.levels.find((l) => l.level === "Pharmacist")!.n, 4);
      assert.ok(!JSON.stringify(t).includes('"suppressed"'), "nothing is hidden");
    } finally {
      db.close();
    }
  });

  test("k below 2, or neither k nor accept: a codebook error naming the key", () => {
    for (const bad of ["small_cells: {k: 1}", "small_cells: {}", "small_cells: {k: 5, accept: both}"]) {
      assert.throws(() => parseCodebook(text.replace("small_cells: {k: 5}", bad), "codebook.yaml"), (e: Error) => e instanceof CodebookError && /small_cells/.test(e.message), bad);
    }
  });
});
