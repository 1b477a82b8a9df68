// Tests for loaders/validate.ts: each check the SQL makes, and the real studies' tables.
// Run: node --import tsx --test loaders/validate.test.ts
import assert from "node:assert/strict";
import {test} from "node:test";
import {csvFormatRows} from "d3-dsv";
import {stringify} from "yaml";
import {type Codebook, parseCodebook} from "./codebook.ts";
import {splitChoices} from "./choices.ts";
import {readResponses, withStudyDatabase} from "./database.ts";
import {ValidationError} from "./responses.ts";
import {seededRandom} from "../scripts/reconstruct/random.ts";

const study = {id: "demo-2024", title: "Demo", citation: "Demo et al.", year: 2024, data: "reconstructed"};
const codebook = (questions: object[], responses: object = {file: "responses.csv", format: "google-forms", timestamp: "Timestamp"}) =>
  parseCodebook(stringify({study, responses, scales: {five: {min: 1, max: 5, bins: [{label: "1–3", min: 1, max: 3}, {label: "4–5", min: 4, max: 5}]}}, questions}));

// A checkbox question whose labels hold the separator, one of them the start of another's text.
const tools = {
  id: "tools", column: "Outils", label: "Tools", type: "multiple", other: "Other",
  options: {"Fiches, synthèses": "Sheets", Fiches: "Cards", "Vidéos": "Videos", Aucun: "None"}
};
const cb = codebook([
  tools,
  {id: "why", column: "Pourquoi ?", label: "Why", type: "single", options: {Temps: "Time", Argent: "Money"}, asked_if: {question: "tools", not: ["Aucun"]}},
  {id: "videos", column: "Vidéos ?", label: "Videos", type: "rating", scale: "five", asked_if: {question: "tools", in: ["Vidéos"]}},
  {id: "note", column: "Note", label: "Note", type: "text"}
]);
const header = ["Timestamp", "Outils", "Pourquoi ?", "Vidéos ?", "Note"];
const csv = (...rows: string[][]) => csvFormatRows([header, ...rows]);
const ts = "01/06/2022 10:00:00";

async function problems(text: string, book: Codebook = cb): Promise<ValidationError> {
  try {
    await readResponses({codebook: book, text, file: "r.csv"});
  } catch (e) {
    assert.ok(e instanceof ValidationError, String(e));
    return e;
  }
  assert.fail("expected a ValidationError");
}

test("a label that contains the separator survives; duplicates count once, in the cell's order", async () => {
  const rs = await readResponses({codebook: cb, text: csv([ts, "Vidéos, Fiches, synthèses, Fiches, Vidéos", "Temps", "4", ""], [ts, "Fiches", "Argent", "", ""])});
  assert.deepEqual(rs.map((r) => r.answers.tools), [["Videos", "Sheets", "Cards"], ["Cards"]]);
  assert.deepEqual(rs.map((r) => r.answers.videos), [4, null]);
});

test("written-in text counts as the question's Other label and is stored nowhere", async () => {
  const text = csv([ts, "Fiches, Mon propre classeur, trié", "Temps", "", "ok"]);
  await withStudyDatabase({codebook: cb, text}, async (db) => {
    const [row] = (await db.connection.runAndReadAll("SELECT tools FROM responses")).getRowObjectsJS();
    assert.deepEqual(row.tools, ["Cards", "Other"]);
    const options = (await db.connection.runAndReadAll("SELECT option FROM choices ORDER BY option")).getRowObjectsJS().map((r) => r.option);
    assert.deepEqual(options, ["Cards", "Other"]);
    const all = JSON.stringify((await db.connection.runAndReadAll("SELECT * FROM responses")).getRowObjectsJS(), (_, v) => (typeof v === "bigint" ? Number(v) : v));
    assert.doesNotMatch(all, /classeur|ok/, "neither the written-in text nor the private note is in the table");
  });
});

test("without `other`, written-in text is refused and the message quotes it", async () => {
  const noOther = codebook([{...tools, other: undefined}], {file: "responses.csv", format: "google-forms"});
  const e = await problems(csvFormatRows([["Outils"], ["Fiches, synthèses, Un livre"]]), noOther);
  assert.equal(e.issues.length, 1);
  assert.match(e.issues[0].expected, /^options of "Fiches, synthèses", "Fiches", "Vidéos", "Aucun", joined with ", " \(found "Un livre"; add `other:`/);
});

test("skip logic on a multiple-choice answer: `not` excludes, `in` includes", async () => {
  // "why" is not asked of those who ticked Aucun (even with another option); "videos" only of those who ticked Vidéos.
  const e = await problems(csv([ts, "Aucun", "Temps", "", ""], [ts, "Vidéos, Aucun", "", "3", ""], [ts, "Fiches", "Temps", "2", ""]));
  assert.deepEqual(e.issues.map((i) => [i.row, i.column, i.value]), [[2, 'C "Pourquoi ?"', "Temps"], [4, 'D "Vidéos ?"', "2"]]);
  assert.match(e.issues[0].expected, /"why" is asked only when "tools" is answered and is not "Aucun"/);
  assert.match(e.issues[1].expected, /"videos" is asked only when "tools" is "Vidéos"/);
  const [asked, skipped] = await readResponses({codebook: cb, text: csv([ts, "Fiches", "", "", ""], [ts, "Aucun", "", "", ""])});
  assert.equal(asked.complete, false, "an unanswered question that applies");
  assert.equal(skipped.complete, true, "a question skipped by the logic");
});

test("an invalid answer to the question skip logic reads is one problem, not one per question it controls", async () => {
  const e = await problems(csv([ts, "", "Temps", "", ""], [ts, "Fiches", "Parfois", "", ""]));
  // Row 2: tools empty, so "why" is not asked but answered. Row 3: an unknown label.
  assert.deepEqual(e.issues.map((i) => [i.row, i.column]), [[2, 'C "Pourquoi ?"'], [3, 'C "Pourquoi ?"']]);
});

test("ratings and numbers: whole numbers in range, the codebook's decimal separator, no other forms", async () => {
  const questions = [{id: "n", column: "N", label: "N", type: "number", min: 0, max: 10}, {id: "r", column: "R", label: "R", type: "rating", scale: "five"}];
  const nums = codebook(questions, {file: "responses.csv", format: "csv"});
  const text = (n: string, r: string) => csvFormatRows([["N", "R"], [n, r]]);
  assert.deepEqual((await readResponses({codebook: nums, text: text("2.5", " 004 ")}))[0].answers, {n: 2.5, r: 4});
  for (const [n, r, which] of [["1e1", "3", "n"], ["+3", "3", "n"], ["11", "3", "n"], ["2,5", "3", "n"], ["3", "6", "r"], ["3", "4.0", "r"], ["3", "+4", "r"]])
    assert.equal((await problems(text(n, r), nums)).issues[0].column, which === "n" ? 'A "N"' : 'B "R"', `${n} ${r}`);
  // "1,500" in a file with decimal points is refused, never read as 1.5; the message says how to read commas.
  assert.match((await problems(text("1,500", "3"), nums)).message, /"1,500" — expected a number \(decimal point; if the file writes 1,5 set `decimal: ","`\)/);
  // With decimal: "," (for the file, or for one question), commas are read and points refused.
  for (const commas of [codebook(questions, {file: "responses.csv", format: "csv", decimal: ","}), codebook([{...questions[0], decimal: ","}, questions[1]], {file: "responses.csv", format: "csv"})]) {
    assert.deepEqual((await readResponses({codebook: commas, text: text("2,5", "4")}))[0].answers, {n: 2.5, r: 4});
    assert.deepEqual((await readResponses({codebook: commas, text: text(",5", "4")}))[0].answers, {n: 0.5, r: 4});
    assert.match((await problems(text("2.5", "4"), commas)).message, /"2\.5" — expected a number \(decimal comma/);
  }
});

test("the submission time must be there", async () => {
  const e = await problems(csv(["  ", "Fiches", "Temps", "", ""]));
  assert.deepEqual(e.issues.map((i) => [i.row, i.column, i.expected]), [[2, 'A "Timestamp"', "the submission time"]]);
});

test("rows of the wrong length (short or long) are reported with the other problems, in row order", async () => {
  const text = csv([ts, "Fiches", "Temps"], [ts, "Fiches", "Temps", "", "", "extra"], [ts, "Fiches", "Jamais", "", ""]) + "\n";
  const e = await problems(text);
  assert.deepEqual(e.issues.map((i) => [i.row, i.column, i.value]), [[2, 'D "(row length)"', "3"], [3, 'F "(row length)"', "6"], [4, 'C "Pourquoi ?"', "Jamais"]]);
  assert.match(e.message, /row 2, column D "\(row length\)": "3" — expected 5 cells, as in the header \(a quote or separator is probably out of place\)/);
});

test("a cell with a line break inside quotes: one row, and the next rows keep their spreadsheet numbers", async () => {
  const e = await problems(csv([ts, "Fiches", "Temps", "", "deux\nlignes"], [ts, "Fiches", "Parfois", "", ""]));
  assert.deepEqual(e.issues.map((i) => [i.row, i.value]), [[3, "Parfois"]]);
  const rs = await readResponses({codebook: cb, text: csv([ts, "Fiches", "Temps", "", "deux\r\nlignes"], [ts, "Vidéos", "Argent", "5", ""])});
  assert.deepEqual(rs.map((r) => [r.respondent, r.answers.note]), [[1, "deux\r\nlignes"], [2, null]]);
});

test("a byte-order mark, and blank rows, are not responses", async () => {
  const rs = await readResponses({codebook: cb, text: "\uFEFF" + csv([ts, "Fiches", "Temps", "", ""], [""], [ts, "Aucun", "", "", ""])});
  assert.deepEqual(rs.map((r) => [r.respondent, r.answers.tools]), [[1, ["Cards"]], [2, ["None"]]]);
});

test("Qualtrics: the three header rows are checked in JavaScript, the answers numbered from row 4", async () => {
  const q = codebook([{id: "uses", column: "Q1", label: "Uses", type: "single", options: {Yes: "Yes", No: "No"}}], {file: "responses.csv", format: "qualtrics"});
  const head = [["ResponseId", "Q1"], ["Response ID", "Do you use\nsocial media?"], ['{"ImportId":"_recordId"}', '{"ImportId":"QID1"}']];
  const e = await problems(csvFormatRows([...head, ["R_1", "Yes"], ["R_2", "Oui"]]), q);
  assert.deepEqual(e.issues.map((i) => [i.row, i.value]), [[5, "Oui"]]);
  await assert.rejects(readResponses({codebook: q, text: csvFormatRows(head.slice(0, 2))}), /3 header row\(s\) of a qualtrics export/);
});

test("more than 25 problems: the first 25 by row, then by the codebook's order, and how many more", async () => {
  const rows = Array.from({length: 30}, () => ["", "Aucun", "Argent", "", ""]);
  const e = await problems(csv(...rows));
  assert.equal(e.issues.length, 25);
  assert.deepEqual(e.issues.slice(0, 3).map((i) => [i.row, i.column]), [[2, 'C "Pourquoi ?"'], [2, 'A "Timestamp"'], [3, 'C "Pourquoi ?"']]);
  assert.match(e.message, /^60 problems in the raw data:\n/);
  assert.match(e.message, /\n  … and 35 more\nTo fix: /, "the count of the rest, then what to do");
});

test("checkbox cells split as splitChoices splits them (seeded random cells)", async () => {
  // Labels that hold the separator, that begin with another label and the separator (readings
  // compete: the regexp path), and written-in text.
  const options = {"A, B": "ab", A: "a", "B, C": "bc", C: "c", "D (x, y)": "d", E: "e"};
  const book = codebook([{id: "m", column: "M", label: "M", type: "multiple", options, other: "Other"}], {file: "responses.csv", format: "csv", separator: ", ", duplicates: "allowed"}); // one column of random cells: rows repeat
  const {random} = seededRandom(3);
  const parts = [...Object.keys(options), "zz", "B", "x, y", "", " "];
  const cells = Array.from({length: 400}, () => Array.from({length: 1 + Math.floor(random() * 4)}, () => parts[Math.floor(random() * parts.length)]).join(", ")).filter((cell) => cell.trim());
  const rs = await readResponses({codebook: book, text: csvFormatRows([["M"], ...cells.map((cell) => [cell])])});
  assert.equal(rs.length, cells.length);
  cells.forEach((cell, i) => {
    const {chosen, other} = splitChoices(cell, Object.keys(options), ", ");
    const expected = [...chosen.map((c) => options[c as keyof typeof options]), ...(other !== null ? ["Other"] : [])];
    assert.deepEqual(rs[i].answers.m, expected, JSON.stringify(cell));
  });
});

// The four response-level studies' tables, as the old JavaScript parser and row appender built
// them: row counts and an MD5 of every row as DuckDB prints it, taken from that code's Parquet.
const BEFORE: Record<string, {rows: number; digest: string; choices: number; choicesDigest: string | null}> = {
  "ali-2025": {rows: 100, digest: "c22f83cc60f924767f0845b489f6574f", choices: 380, choicesDigest: "9682a00e756b45e0eb9acde96f64dd9a"},
  "ali-2025-posts": {rows: 200, digest: "57356f564bc301468e89db0250face2a", choices: 0, choicesDigest: null},
  "auanassova-2025": {rows: 147, digest: "9d1cdf934667cf0e176884a53f26ba18", choices: 1032, choicesDigest: "b9848916e91e4eea7b2ca61e60b131a9"},
  "bendayan-2024": {rows: 1451, digest: "743241d19750bdc04367a6c513d8e808", choices: 11340, choicesDigest: "a7dc922672f7961affa8dc18c0d3e736"}
};
for (const [id, before] of Object.entries(BEFORE)) {
  test(`${id}: the tables hold what the JavaScript parser gave`, async () => {
    await withStudyDatabase(id, async (db) => {
      const digest = async (table: string, order: string) =>
        (await db.connection.runAndReadAll(`SELECT count(*) AS n, md5(string_agg(CAST(t AS VARCHAR), chr(10) ORDER BY ${order})) AS digest FROM ${table} t`)).getRowObjectsJS()[0];
      const r = await digest("responses", "respondent");
      const c = await digest("choices", "respondent, question, option");
      assert.deepEqual({rows: Number(r.n), digest: r.digest, choices: Number(c.n), choicesDigest: c.digest}, before);
    });
  });
}

// --- Issue 11: any export's conventions ---------------------------------------------------------
// A coded export as large public surveys publish it: numeric codes, 8/9 don't know / refused,
// blanks meaning "not asked".
const coded = (questions: object[], responses: object = {}) => codebook(questions, {file: "r.csv", format: "csv", ...responses});
const tablesOf = async (book: Codebook, text: string) => {
  const {studyTables} = await import("./tables.ts");
  return withStudyDatabase({codebook: book, text}, studyTables);
};

test("numbers: .49, -.5 and 5. are read; a number in no band is refused, naming the bands", async () => {
  const book = coded([{id: "x", column: "x", label: "X", type: "number"}]);
  const rs = await readResponses({codebook: book, text: "x\n.49\n-.5\n5.\n12\n"});
  assert.deepEqual(rs.map((r) => r.answers.x), [0.49, -0.5, 5, 12]);
  const banded = coded([{id: "age", column: "age", label: "Age", type: "number", integer: true, bands: [{label: "18–29", min: 18, max: 29}, {label: "30+", min: 30}]}]);
  const e = await problems("age\n25\n17\n", banded);
  assert.match(e.message, /row 3, column A "age": "17" — expected a whole number in one of the bands 18–29 \(18–29\), 30\+ \(30–…\); add a band or correct the value/);
  const t = await tablesOf(banded, "age\n25\n31\n64\n");
  assert.deepEqual(t.distributions.age.levels.map((l) => [l.level, l.n]), [["18–29", 1], ["30+", 2]]);
  assert.equal(t.numbers.age.n, 3);
});

test("missing codes: left out of the denominator (default), counted as no, or shown as a level", async () => {
  const q = {id: "vote", column: "vote", label: "Voted", type: "single", options: {"1": "Yes", "2": "No"}};
  const id = {id: "id", column: "id", label: "ID", type: "text"};
  const text = "id,vote\n1,1\n2,1\n3,2\n4,8\n5,9\n6,9\n7,\n";
  const missing = {"8": "Don't know", "9": "Refused"};
  const excluded = await tablesOf(coded([id, q], {missing}), text);
  assert.deepEqual([excluded.distributions.vote.base, excluded.distributions.vote.levels[0].percent], [3, (100 * 2) / 3]);
  assert.deepEqual(excluded.distributions.vote.excluded, [{label: "Don't know", n: 1}, {label: "Refused", n: 2}]);
  assert.equal(excluded.distributions.vote.unanswered, 1);
  assert.equal(excluded.distributions.vote.baseText, "Of the 3 who answered. No answer: 1; Don't know (left out): 1; Refused (left out): 2.");
  const no = await tablesOf(coded([id, q], {missing, missing_as: "no"}), text);
  assert.deepEqual([no.distributions.vote.base, no.distributions.vote.levels[0].percent], [6, (100 * 2) / 6]);
  assert.deepEqual(no.distributions.vote.counted, [{label: "Don't know", n: 1}, {label: "Refused", n: 2}]);
  const level = await tablesOf(coded([id, {...q, missing, missing_as: "level"}]), text);
  assert.deepEqual(level.distributions.vote.levels.map((l) => [l.level, l.n]), [["Yes", 2], ["No", 1], ["Don't know", 1], ["Refused", 2]]);
  assert.equal(level.distributions.vote.base, 6);
  // On a number, a code is not a value: "99" is a refusal, not an age.
  const age = await tablesOf(coded([{id: "age", column: "age", label: "Age", type: "number", max: 90, missing: {"99": "Refused"}}]), "age\n30\n40\n99\n");
  assert.deepEqual([age.numbers.age.n, age.numbers.age.mean, age.numbers.age.excluded], [2, 35, [{label: "Refused", n: 1}]]);
});

test("a blank means no answer (default), not asked, or no (counted in the denominator)", async () => {
  const q = {id: "aware", column: "aware", label: "Aware", type: "single", options: {"1": "Yes", "2": "No"}};
  const id = {id: "id", column: "id", label: "ID", type: "text"};
  const text = "id,aware\n1,1\n2,2\n3,\n4,\n5,1\n";
  const unanswered = (await tablesOf(coded([id, q]), text)).distributions.aware;
  assert.deepEqual([unanswered.base, unanswered.unanswered, unanswered.notAsked], [3, 2, 0]);
  const notAsked = (await tablesOf(coded([id, q], {blank: "not-asked"}), text)).distributions.aware;
  assert.deepEqual([notAsked.base, notAsked.unanswered, notAsked.notAsked], [3, 0, 2]);
  assert.equal(notAsked.baseText, "Of the 3 who answered. Not asked: 2.");
  const no = (await tablesOf(coded([id, {...q, blank: "no"}]), text)).distributions.aware;
  assert.deepEqual([no.base, no.levels[0].percent, no.counted], [5, 40, [{label: "Blank", n: 2}]]);
  // A blank meaning "not asked" is no gap: the response stays complete.
  const rs = await readResponses({codebook: coded([id, q], {blank: "not-asked"}), text});
  assert.ok(rs.every((r) => r.complete));
});

test("skip logic over several questions: all and any; a blank answer there is 'not asked', counted apart from 'no answer'", async () => {
  const book = coded([
    {id: "a", column: "a", label: "A", type: "single", options: {"1": "Yes", "2": "No"}},
    {id: "b", column: "b", label: "B", type: "single", options: {"1": "Yes", "2": "No"}},
    {id: "both", column: "both", label: "Both", type: "single", options: {"1": "Yes", "2": "No"}, asked_if: {all: [{question: "a", in: ["1"]}, {question: "b", in: ["1"]}]}},
    {id: "either", column: "either", label: "Either", type: "single", options: {"1": "Yes", "2": "No"}, asked_if: {any: [{question: "a", in: ["1"]}, {question: "b", in: ["1"]}]}}
  ]);
  const t = await tablesOf(book, "a,b,both,either\n1,1,1,1\n1,2,,2\n2,2,,\n1,1,,1\n");
  assert.deepEqual([t.distributions.both.answered, t.distributions.both.notAsked, t.distributions.both.unanswered], [1, 2, 1]);
  assert.deepEqual([t.distributions.either.answered, t.distributions.either.notAsked], [3, 1]);
  const e = await problems("a,b,both,either\n1,2,1,1\n", book);
  assert.match(e.message, /row 2, column C "both": "1" — expected an empty cell: "both" is asked only when "a" is "1", and "b" is "1"/);
});

test("several raw labels shown as one display label give one level (regression: four 'Non-binary' levels)", async () => {
  const gender = {id: "gender", column: "g", label: "Gender", type: "single", options: {Woman: "Woman", Man: "Man", "Non-binary": "Non-binary", Nonbinary: "Non-binary", "non binary": "Non-binary", NB: "Non-binary"}};
  const t = await tablesOf(coded([gender]), "g\nWoman\nNon-binary\nNonbinary\nnon binary\nNB\nMan\n");
  assert.deepEqual(t.distributions.gender.levels.map((l) => [l.level, l.n]), [["Woman", 1], ["Man", 1], ["Non-binary", 4]]);
  const multi = {id: "m", column: "m", label: "M", type: "multiple", options: {A: "Alpha", a: "Alpha", B: "Beta"}};
  const rs = await readResponses({codebook: coded([multi]), text: "m\nA;a;B\n"});
  assert.deepEqual(rs[0].answers.m, ["Alpha", "Beta"]);
  const tm = await tablesOf(coded([multi]), "m\nA;a;B\nB\n");
  assert.deepEqual(tm.choices.m.options.map((o) => [o.level, o.n]), [["Beta", 2], ["Alpha", 1]]);
});

test("match: loose ignores case and runs of spaces; exact (the default) does not", async () => {
  const q = {id: "r", column: "r", label: "R", type: "single", options: {"Strongly agree": "Agree", Disagree: "Disagree"}};
  const rs = await readResponses({codebook: coded([{...q, match: "loose"}]), text: "r\nstrongly  AGREE\n DISAGREE\n"});
  assert.deepEqual(rs.map((r) => r.answers.r), ["Agree", "Disagree"]);
  const e = await problems("r\nstrongly  AGREE\n", coded([q]));
  assert.match(e.message, /expected one of "Strongly agree", "Disagree"/);
  const m = {id: "m", column: "m", label: "M", type: "multiple", options: {"Face book": "Facebook", LinkedIn: "LinkedIn"}, match: "loose"};
  const rm = await readResponses({codebook: coded([m]), text: "m\nface  book;LINKEDIN\n"});
  assert.deepEqual(rm[0].answers.m, ["Facebook", "LinkedIn"]);
});

test("an exclusive option ticked with another is refused, naming the row", async () => {
  const book = codebook([{id: "p", column: "Platforms", label: "P", type: "multiple", options: {Facebook: "Facebook", "None of these": "None"}, exclusive: ["None of these"]}]);
  const rs = await readResponses({codebook: book, text: csvFormatRows([["Timestamp", "Platforms"], [ts, "None of these"], [ts, "Facebook"]])});
  assert.deepEqual(rs.map((r) => r.answers.p), [["None"], ["Facebook"]]);
  const e = await problems(csvFormatRows([["Timestamp", "Platforms"], [ts, "Facebook"], [ts, "Facebook, None of these"]]), book);
  assert.match(e.message, /row 3, column B "Platforms": "Facebook, None of these" — expected "None of these" alone: it cannot be ticked with "Facebook"/);
});

test("unlisted: private leaves the columns the codebook does not describe unread", async () => {
  const q = {id: "x", column: "x", label: "X", type: "single", options: {"1": "One"}};
  const e = await problems("x,email\n1,a@b.c\n", coded([q]));
  assert.match(e.message, /column B "email": "email" — expected a column described in the codebook .*responses\.unlisted: private/);
  await withStudyDatabase({codebook: coded([q], {unlisted: "private"}), text: "x,email\n1,a@b.c\n"}, async (db) => {
    const cols = (await db.connection.runAndReadAll("SELECT * FROM responses")).columnNames();
    assert.deepEqual(cols, ["respondent", "complete", "x"]);
  });
});

test("SurveyMonkey: two header rows, a column per checkbox option; REDCap: field___code columns, 0/1 only", async () => {
  const sm = parseCodebook(stringify({study, responses: {file: "r.csv", format: "surveymonkey"}, questions: [
    {id: "role", column: "Your role?", label: "Role", type: "single", options: {Nurse: "Nurse", Physician: "Physician"}},
    {id: "platforms", column: "Which platforms?", label: "Platforms", type: "multiple", options: {Facebook: "Facebook", LinkedIn: "LinkedIn"}},
    {id: "other", column: "Which platforms? / Other (please specify)", label: "Other", type: "text"}
  ]}));
  const smText = csvFormatRows([
    ["Respondent ID", "Your role?", "Which platforms?", "", ""],
    ["", "Response", "Facebook", "LinkedIn", "Other (please specify)"],
    ["101", "Nurse", "Facebook", "LinkedIn", ""],
    ["102", "Physician", "", "LinkedIn", "Mastodon"],
    ["103", "Nurse", "", "", ""]
  ]);
  const rs = await readResponses({codebook: sm, text: smText});
  assert.deepEqual(rs.map((r) => r.answers.platforms), [["Facebook", "LinkedIn"], ["LinkedIn"], null]);
  const rc = parseCodebook(stringify({study, responses: {file: "r.csv", format: "redcap"}, questions: [
    {id: "record_id", column: "record_id", label: "ID", type: "text"},
    {id: "platforms", column: "platforms", label: "Platforms", type: "multiple", options: {"1": "Facebook", "2": "LinkedIn"}}
  ]}));
  const ok = await readResponses({codebook: rc, text: "record_id,platforms___1,platforms___2,survey_complete\n1,1,0,2\n2,Unchecked,Checked,2\n"});
  assert.deepEqual(ok.map((r) => r.answers.platforms), [["Facebook"], ["LinkedIn"]]);
  const e = await problems("record_id,platforms___1,platforms___2,survey_complete\n1,1,2,2\n", rc);
  assert.match(e.message, /row 2, column C "platforms___2": "2" — expected 1 or "Checked" \(ticked\), or 0, "Unchecked" or an empty cell/);
});

test("an export of an unsupported type is refused, listing the types that are", () => {
  assert.throws(() => codebook([{id: "x", column: "x", label: "X", type: "text"}], {file: "r.ods", format: "csv"}), /"r\.ods" is not a supported file type \(supported: \.csv, \.xlsx, \.sav\)/);
});

test("a survey weight: a number > 0 in every row; missing, zero, negative or not a number is a problem naming row and column", async () => {
  const questions = [{id: "q", column: "Q", label: "Q", type: "single", options: {Yes: "Yes", No: "No"}}, {id: "w", column: "WT", label: "Weight to census 2021", type: "number"}];
  const weighted = codebook(questions, {file: "responses.csv", format: "csv", weight: "w"});
  const text = (...ws: string[]) => csvFormatRows([["Q", "WT"], ...ws.map((w, k) => [k % 2 ? "No" : "Yes", w])]);
  assert.deepEqual((await readResponses({codebook: weighted, text: text("1.5", ".25", "3")})).map((r) => r.answers.w), [1.5, 0.25, 3]);
  const e = await problems(text("1.5", "", "0", "-2", "abc"), weighted);
  assert.deepEqual(e.issues.map((i) => [i.row, i.column, i.value]), [[3, 'B "WT"', ""], [4, 'B "WT"', "0"], [5, 'B "WT"', "-2"], [6, 'B "WT"', "abc"]]);
  assert.match(e.message, /row 4, column B "WT": "0" — expected a survey weight > 0 in every row \(responses\.weight: w\); export the weights again, or set responses\.weight_zero: allowed/);
  assert.match(e.message, /row 6, column B "WT": "abc" — expected a number/);
  // weight_zero: allowed lets 0 through, not a negative weight.
  const zeros = codebook(questions, {file: "responses.csv", format: "csv", weight: "w", weight_zero: "allowed"});
  assert.equal((await readResponses({codebook: zeros, text: text("0", "2")})).length, 2);
  assert.deepEqual((await problems(text("0", "-1"), zeros)).issues.map((i) => i.row), [3]);
});

test("responses.weight must name a public number question", () => {
  const base = [{id: "q", column: "Q", label: "Q", type: "single", options: {Yes: "Yes", No: "No"}}];
  assert.throws(() => codebook(base, {file: "responses.csv", format: "csv", weight: "w"}), /responses\.weight names "w", which is no question/);
  assert.throws(() => codebook([...base, {id: "w", column: "WT", label: "W", type: "number", private: true}], {file: "responses.csv", format: "csv", weight: "w"}), /must be a public number question/);
});
