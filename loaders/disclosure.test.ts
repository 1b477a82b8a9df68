// Tests for loaders/disclosure.ts: the k check on the rows as published, each way of publishing a
// column, the refusal, and the real studies' compiled row-level files.
// Run: node --import tsx --test loaders/disclosure.test.ts
import assert from "node:assert/strict";
import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {test} from "node:test";
import {DuckDBInstance} from "@duckdb/node-api";
import {csvFormatRows} from "d3-dsv";
import {stringify} from "yaml";
import {type Codebook, CodebookError, parseCodebook, studies} from "./codebook.ts";
import {compiledStudy} from "./compile.ts";
import {toParquet, withStudyDatabase} from "./database.ts";
import {DEFAULT_K, DisclosureError, checkDisclosure, disclosureLine, publicChoicesQuery} from "./disclosure.ts";
import {seededRandom} from "../scripts/reconstruct/random.ts";

// 120 made-up respondents: sex, exact age (a number with bands), profession and a derived grouping
// of it, and one checkbox question. Exact age singles most of them out; its bands do not.
const {random} = seededRandom(7);
const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
const PROFESSIONS = ["Physician", "Nurse", "Pharmacist"];
const people = Array.from({length: 120}, (_, i) => ({
  sex: i % 2 ? "F" : "M",
  age: String(25 + Math.floor(random() * 40)),
  profession: pick(PROFESSIONS),
  tools: pick(["Forums", "Videos", "Forums;Videos"])
}));
const text = csvFormatRows([["sex", "age", "profession", "tools"], ...people.map((p) => [p.sex, p.age, p.profession, p.tools])]);

const codebook = (disclosure?: object): Codebook =>
  parseCodebook(stringify({
    study: {id: "disclosure-2025", title: "Disclosure fixture", citation: "Made up.", year: 2025, data: "original"},
    responses: {file: "responses.csv", format: "csv", duplicates: "allowed", separator: ";"},
    questions: [
      {id: "sex", column: "sex", label: "Sex", type: "single", options: {F: "Female", M: "Male"}},
      {id: "age", column: "age", label: "Age", type: "number", integer: true, min: 18, max: 99,
        bands: [{label: "< 40", max: 39}, {label: "40+", min: 40}]},
      {id: "profession", column: "profession", label: "Profession", type: "single", options: Object.fromEntries(PROFESSIONS.map((p) => [p, p]))},
      {id: "tools", column: "tools", label: "Tools", type: "multiple", options: {Forums: "Forums", Videos: "Videos"}}
    ],
    derived: [{id: "clinician", from: "profession", label: "Clinician", groups: {"Yes": ["Physician", "Nurse"], "No": "*"}}],
    ...(disclosure ? {disclosure} : {})
  }));

/** Group sizes counted in JavaScript from the people themselves (not the SQL under test). */
function rowsBelowK(key: (p: (typeof people)[number]) => string, k: number) {
  const sizes = new Map<string, number>();
  for (const p of people) sizes.set(key(p), (sizes.get(key(p)) ?? 0) + 1);
  return {below: people.filter((p) => sizes.get(key(p))! < k).length, unique: people.filter((p) => sizes.get(key(p)) === 1).length};
}
const band = (age: string) => (+age < 40 ? "< 40" : "40+");
const clinician = (profession: string) => (profession === "Pharmacist" ? "No" : "Yes");

const check = (disclosure?: object) => withStudyDatabase({codebook: codebook(disclosure), text}, checkDisclosure);
/** The published rows, read back from the Parquet bytes the compile step would write. */
async function publishedRows(disclosure: object) {
  const cb = codebook(disclosure);
  const [rows, choices] = await withStudyDatabase({codebook: cb, text}, async (db) => {
    await checkDisclosure(db);
    return [await toParquet(db, "SELECT * FROM public_responses ORDER BY respondent"), await toParquet(db, publicChoicesQuery(cb))];
  });
  const dir = mkdtempSync(join(tmpdir(), "disclosure-test-"));
  try {
    writeFileSync(join(dir, "r.parquet"), rows);
    writeFileSync(join(dir, "c.parquet"), choices);
    const connection = await (await DuckDBInstance.create(":memory:")).connect();
    const read = async (file: string) => (await connection.runAndReadAll(`SELECT * FROM '${join(dir, file)}'`)).getRowObjectsJS();
    return {rows: await read("r.parquet"), choices: await read("c.parquet")};
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
}

test("rows that exact answers single out are refused, with the counts, the smallest groups and what to do", async () => {
  const expected = rowsBelowK((p) => [p.sex, p.age, p.profession, clinician(p.profession)].join("|"), DEFAULT_K);
  assert.ok(expected.below > 0, "the fixture must fail the check");
  await assert.rejects(check({quasi_identifiers: ["sex", "age", "profession"]}), (e: Error) => {
    assert.ok(e instanceof DisclosureError, e.message);
    assert.match(e.message, new RegExp(`${expected.below} of 120 rows would be published in groups smaller than k = 5 on sex, age, profession, clinician \\(${expected.unique} of them unique\\)`));
    assert.match(e.message, /The smallest groups:\n {4}sex = \w+, age = \d+, profession = \w+, clinician = \w+: 1 row\n/);
    assert.match(e.message, /To fix, in the codebook's disclosure section/);
    assert.match(e.message, /public_rows: \{age: bands\}/);
    assert.match(e.message, /accept: "the reason"/);
    return true;
  });
});

test("coarsened and dropped columns pass: the check counts the rows as they are published", async () => {
  const disclosure = {quasi_identifiers: ["sex", "age", "profession"], public_rows: {age: "bands", profession: "drop"}};
  const expected = rowsBelowK((p) => [p.sex, band(p.age), clinician(p.profession)].join("|"), DEFAULT_K);
  assert.equal(expected.below, 0, "the fixture must pass once coarsened");
  const report = await check(disclosure);
  assert.equal(report.belowK, 0);
  assert.deepEqual(report.checked.map((c) => c.id), ["sex", "age", "clinician"]);
  assert.deepEqual(report.columns.map((c) => [c.id, c.published]), [["sex", "as answered"], ["age", "in its bands"], ["profession", "left out of the row-level files"]]);
  const sizes = new Map<string, number>();
  for (const p of people) sizes.set([p.sex, band(p.age), clinician(p.profession)].join("|"), (sizes.get([p.sex, band(p.age), clinician(p.profession)].join("|")) ?? 0) + 1);
  assert.equal(report.smallestGroup, Math.min(...sizes.values()));
  assert.match(disclosureLine(report), /^row-level files: k = 5 on sex, age, clinician, smallest group \d+$/);

  const {rows} = await publishedRows(disclosure);
  assert.equal(rows.length, 120);
  assert.ok(!("profession" in rows[0]), "a dropped column is not in the published rows");
  assert.deepEqual(rows.map((r) => r.age), people.map((p) => band(p.age)), "age is published as its band");
  assert.deepEqual(rows.map((r) => r.clinician), people.map((p) => clinician(p.profession)), "the derived grouping of a dropped question stays");
});

test("a derived grouping named as a quasi-identifier checks the question it groups too", async () => {
  const report = await check({quasi_identifiers: ["clinician"], accept: "Made-up people, for a test."});
  assert.deepEqual(report.checked.map((c) => c.id), ["clinician", "profession"]);
  const expected = rowsBelowK((p) => [clinician(p.profession), p.profession].join("|"), DEFAULT_K);
  assert.equal(report.belowK, expected.below);
});

test("a dropped checkbox question leaves choices.parquet too; top- and bottom-coding cap a number", async () => {
  const {rows, choices} = await publishedRows({quasi_identifiers: ["sex"], public_rows: {tools: "drop", age: {top_code: 50, bottom_code: 30}}});
  assert.ok(!("tools" in rows[0]));
  assert.ok(choices.every((c) => c.question !== "tools"), "no dropped answer in the long form");
  assert.deepEqual(rows.map((r) => r.age), people.map((p) => Math.min(50, Math.max(30, +p.age))));
});

test("accept publishes with the reason and the counts; no quasi-identifier in the rows means nothing to find anyone by", async () => {
  const accepted = await check({quasi_identifiers: ["age"], accept: "Made-up people, for a test."});
  const expected = rowsBelowK((p) => p.age, DEFAULT_K);
  assert.equal(accepted.belowK, expected.below);
  assert.equal(accepted.unique, expected.unique);
  assert.equal(accepted.accepted, "Made-up people, for a test.");
  const none = await check({quasi_identifiers: ["sex", "age", "profession"], public_rows: {sex: "drop", age: "drop", profession: "drop", clinician: "drop"}});
  assert.deepEqual([none.checked, none.belowK, none.smallestGroup], [[], 0, null]);
  assert.match(disclosureLine(none), /no quasi-identifier in them \(sex, age, profession left out\)/);
  // k itself is the codebook's: 120 rows in two groups of 60 fail k = 61.
  await assert.rejects(check({quasi_identifiers: ["sex"], k: 61}), /120 of 120 rows would be published in groups smaller than k = 61/);
});

test("a study with rows and no disclosure section stops, saying what to write", async () => {
  await assert.rejects(check(), (e: Error) => {
    assert.ok(e instanceof CodebookError);
    assert.match(e.message, /no disclosure section/);
    assert.match(e.message, /disclosure:\n {4}quasi_identifiers: \[sex, age, profession\]/);
    return true;
  });
});

test("the codebook's disclosure section is checked against its questions", () => {
  const fails = (disclosure: object, message: RegExp) => assert.throws(() => codebook(disclosure), (e: Error) => e instanceof CodebookError && message.test(e.message));
  fails({quasi_identifiers: ["height"]}, /codebook\.yaml:\d+: disclosure: quasi-identifier "height" is no question or derived grouping/);
  fails({quasi_identifiers: ["sex"], public_rows: {profession: "bands"}}, /"profession" is a single question; bands are for number questions/);
  fails({quasi_identifiers: ["sex"], public_rows: {age: {top_code: 30, bottom_code: 40}}}, /bottom_code 40 must be below top_code 30/);
  fails({quasi_identifiers: []}, /no quasi-identifiers listed; add a note/);
  fails({quasi_identifiers: ["sex"], public_rows: {sex: "hide"}}, /public_rows/);
});

test("every study under data/ with rows publishes them k-anonymous (or accepted): recounted from its compiled Parquet", async () => {
  const connection = await (await DuckDBInstance.create(":memory:")).connect();
  for (const study of studies()) {
    const compiled = await compiledStudy(study);
    const parquet = compiled.files.get("responses.parquet");
    if (!parquet) continue;
    const {disclosure} = JSON.parse(compiled.files.get("tables.json")!.toString());
    const dir = mkdtempSync(join(tmpdir(), "disclosure-study-"));
    try {
      writeFileSync(join(dir, "r.parquet"), parquet);
      const rows = (await connection.runAndReadAll(`SELECT * FROM '${join(dir, "r.parquet")}'`)).getRowObjectsJS();
      const qis: string[] = disclosure.quasiIdentifiers.map((q: {id: string}) => q.id);
      for (const id of qis) if (!disclosure.checked.some((c: {id: string}) => c.id === id)) assert.ok(!(id in rows[0]), `${study}: ${id} is in its rows but was not checked`);
      const key = (r: Record<string, unknown>) => JSON.stringify(disclosure.checked.map((c: {id: string}) => r[c.id]));
      const sizes = new Map<string, number>();
      for (const r of rows) sizes.set(key(r), (sizes.get(key(r)) ?? 0) + 1);
      const below = disclosure.checked.length ? rows.filter((r) => sizes.get(key(r))! < disclosure.k).length : 0;
      assert.equal(below, disclosure.belowK, `${study}: rows below k`);
      if (!disclosure.accepted) assert.equal(below, 0, `${study}: rows below k published without accept`);
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  }
});
