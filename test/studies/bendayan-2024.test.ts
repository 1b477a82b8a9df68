// The numbers Bendayan et al. print, recomputed by the same code the build runs, and the browser's
// arquero cross-tabs, on the rows of the Arrow file the page reads, checked against the build's DuckDB tables.
import assert from "node:assert/strict";
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {after, before, describe, test} from "node:test";
import {DataType, tableFromIPC} from "apache-arrow";
import * as aq from "arquero";
import {crossTabulate} from "../../src/components/crosstab.js";
import {DATA_DIR} from "../../loaders/codebook.ts";
import {compiledStudy} from "../../loaders/compile.ts";
import {type StudyDatabase, openStudyDatabase} from "../../loaders/database.ts";
import {type LevelRow, type StudyTables, crossTab, studyTables} from "../../loaders/tables.ts";
import {printsAs} from "../../loaders/printed.ts";

describe("bendayan-2024: the paper's numbers from the reconstructed data", () => {
  let db: StudyDatabase;
  let t: StudyTables;
  before(async () => {
    db = await openStudyDatabase("bendayan-2024");
    t = await studyTables(db);
  });
  after(() => db.close());

  const share = (table: {levels?: {level: string; percent: number}[]; options?: {level: string; percent: number}[]}, ...labels: string[]) =>
    (table.levels ?? table.options)!.filter((l) => labels.includes(l.level)).reduce((s, l) => s + l.percent, 0);
  const expectPrints = (what: string, value: number, printed: string) =>
    assert.ok(printsAs(value, printed), `${what}: the paper prints ${printed}%, the data give ${value.toFixed(3)}%`);

  test("1,451 participants, 989 complete (68.2%)", () => {
    assert.equal(t.respondents.total, 1451);
    assert.equal(t.respondents.complete, 989);
    expectPrints("completion", (100 * t.respondents.complete) / t.respondents.total, "68.2");
  });

  test("participant characteristics (Results, Fig 1)", () => {
    const d = t.distributions;
    const printed: [string, number, string][] = [
      ["female", share(d.sex, "Female"), "83"],
      ["aged 30–40", share(d.age, "30–40 years"), "63.8"],
      ["general practitioners", share(d.specialty, "General practice"), "65.1"],
      ["independent", share(d.practice, "Independent practice"), "59.6"],
      ["hospital-based", share(d.practice, "Hospital-based"), "16.9"],
      ["academic hospital-based", share(d.practice, "Academic hospital-based"), "5.3"],
      ["residents", share(d.practice, "Medical resident"), "5.1"],
      ["urban", share(d.setting, "Urban"), "58.5"],
      ["semi-rural", share(d.setting, "Semi-rural"), "30.3"],
      ["rural", share(d.setting, "Rural"), "11.2"],
      ["underserved", share(d.underserved, "Yes"), "28.9"],
      ["log on daily or more", share(d.login_frequency, "Several times a day", "Once a day"), "90.7"]
    ];
    for (const [what, value, p] of printed) expectPrints(what, value, p);
  });

  test("seeking and answering opinions, and another platform", () => {
    const seek = t.distributions.seek_frequency, answer = t.distributions.answer_frequency;
    expectPrints("seek frequently", share(seek, "Frequently"), "3.3");
    expectPrints("seek occasionally", share(seek, "Occasionally"), "25.7");
    for (const [level, p] of [["Frequently", "8.6"], ["Occasionally", "36.8"], ["Rarely", "34.3"], ["Never", "20.3"]])
      expectPrints(`answer ${level}`, share(answer, level), p);
    const yes = t.distributions.other_platform.levels.find((l) => l.level === "Yes")!;
    assert.equal(yes.n, 594);
    expectPrints("another platform", yes.percent, "41");
  });

  test("the paper's own disagreement on seeking is listed in RECONSTRUCTION.md, not hidden", () => {
    const seek = t.distributions.seek_frequency;
    // Table 1's splits imply ~63.8% ever sought; the Results print 65.3% (3.3 + 25.7 + 36.3).
    const inconsistent: [string, number, string][] = [
      ["Rarely", share(seek, "Rarely"), "36.3"],
      ["Never", share(seek, "Never"), "34.7"],
      ["ever sought", share(seek, "Frequently", "Occasionally", "Rarely"), "65.3"]
    ];
    const notes = readFileSync(join(DATA_DIR, "bendayan-2024", "RECONSTRUCTION.md"), "utf8");
    const section = notes.split("## What could not be met")[1]?.split("\n## ")[0] ?? "";
    for (const [what, value, printed] of inconsistent) {
      assert.ok(!printsAs(value, printed), `${what} now prints as the paper's ${printed}%: update RECONSTRUCTION.md`);
      assert.ok(section.includes(`${printed}%`), `RECONSTRUCTION.md's "could not be met" section names the paper's ${printed}% (${what})`);
    }
    expectPrints("ever sought, as Table 1 implies", share(seek, "Frequently", "Occasionally", "Rarely"), "63.8");
  });

  test("ratings ≥ 8 (Results, Figs 2 and 5)", () => {
    for (const [id, p] of [["useful", "74.7"], ["reassured", "81.7"], ["less_isolated", "85.7"], ["enriched_knowledge", "74.8"], ["access_documents", "54.7"]])
      expectPrints(`${id} ≥ 8`, share(t.distributions[id], "8–10"), p);
  });

  test("strengths and weaknesses (Figs 3 and 4)", () => {
    expectPrints("speed of responses", share(t.choices.strengths, "Speed of responses"), "87.5");
    expectPrints("accessibility at all times", share(t.choices.strengths, "Accessibility at all times"), "82");
    expectPrints("contradictions", share(t.choices.weaknesses, "Contradictions between different responses"), "51.2");
    assert.deepEqual(t.choices.strengths.options.slice(0, 2).map((o) => o.level), ["Speed of responses", "Accessibility at all times"]);
  });

  test("Table 1: sought an opinion by specialty (70% vs 52.3%, p < 0.001) and area (68.4% vs 61.9%, p = 0.02)", () => {
    const row = t.subgroups.subgroups.rows.find((r) => r.variable === "sought_opinion") as LevelRow;
    const [gp, other] = row.by.specialty_group.cells;
    expectPrints("GPs", gp.percent, "70");
    expectPrints("other specialties", other.percent, "52.3");
    assert.ok(row.by.specialty_group.test.p < 0.001, `p = ${row.by.specialty_group.test.p}`);
    const [yes, no] = row.by.underserved.cells;
    expectPrints("underserved", yes.percent, "68.4");
    expectPrints("not underserved", no.percent, "61.9");
    assert.ok(printsAs(row.by.underserved.test.p, "0.02"), `p = ${row.by.underserved.test.p}`);
    assert.equal(row.by.underserved.test.method, "Pearson's Chi-squared test");
  });

  test("arquero in the browser, on the compiled responses.arrow, and DuckDB at build give identical cross-tabs", async () => {
    // The page's own rows: the compiled file it fetches (src/data/bendayan-2024/responses.arrow,
    // from the build's cache), decoded as the page decodes it, with aq.fromArrow. Its text columns
    // are dictionaries, which is what broke the page's filter; rows rebuilt from DuckDB are not.
    const arrow = (await compiledStudy("bendayan-2024")).files.get("responses.arrow");
    assert.ok(arrow, "the compile step writes responses.arrow");
    const specialty = tableFromIPC(arrow).schema.fields.find((f) => f.name === "specialty_group");
    assert.ok(specialty && DataType.isDictionary(specialty.type), "the browser's Arrow file stores text columns as dictionaries");
    const rows = aq.fromArrow(arrow);
    assert.equal(rows.numRows(), t.respondents.total);
    const cb = db.codebook;
    const cases = cb.tables!.subgroups.rows.flatMap((row) => cb.tables!.subgroups.by.map((by) => ({...row, level: row.level!, by})));
    // Groupings the rows keep beyond the table's (the disclosure section drops setting, age and others).
    cases.push({variable: "seek_frequency", level: "Never", label: "", by: "login_frequency"}, {variable: "useful", level: "0–4", label: "", by: "other_platform"});
    for (const [id, how] of Object.entries(cb.disclosure!.public_rows!)) if (how === "drop") assert.ok(!rows.columnNames().includes(id), `${id} is left out of the page's rows`);
    for (const c of cases) {
      const fromDuckDB = (await crossTab(db, c.variable, c.level, c.by)).cells.map(({group, x, n}) => ({group, x, n}));
      const q = cb.questions.find((q) => q.id === c.variable);
      const groups = fromDuckDB.map((g) => g.group);
      const bins = q?.type === "rating" ? cb.scales![q.scale!].bins : undefined;
      const fromArquero = crossTabulate(rows, {variable: c.variable, level: c.level, by: c.by, groups, bins}).map(({group, x, n}: {group: string; x: number; n: number}) => ({group, x, n}));
      assert.deepEqual(fromArquero, fromDuckDB, `${c.variable} = ${c.level} by ${c.by}`);
      assert.ok(fromDuckDB.some((g) => g.x > 0), `${c.variable} = ${c.level} by ${c.by} counts something`);
    }
  });
});
