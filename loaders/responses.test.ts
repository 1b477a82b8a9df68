import assert from "node:assert/strict";
import {test} from "node:test";
import {csvFormatRows} from "d3-dsv";
import {stringify} from "yaml";
import {parseCodebook} from "./codebook.ts";
import {readResponses, withStudyDatabase} from "./database.ts";
import {ValidationError, binOf, columnLetter} from "./responses.ts";

const codebook = parseCodebook(
  stringify({
    study: {id: "demo-2024", title: "Demo", citation: "Demo et al.", year: 2024, data: "reconstructed"},
    responses: {file: "responses.csv", format: "google-forms", timestamp: "Timestamp"},
    scales: {ten: {min: 0, max: 10, bins: [{label: "0–4", min: 0, max: 4}, {label: "5–7", min: 5, max: 7}, {label: "8–10", min: 8, max: 10}]}},
    questions: [
      {id: "sex", column: "Vous êtes :", label: "Sex", type: "single", options: {"Une femme": "Female", "Un homme": "Male"}},
      {id: "seek", column: "Demandez-vous des avis ?", label: "Seeks", type: "ordinal", options: {Souvent: "Often", Jamais: "Never"}},
      {id: "useful", column: "Utile ?", label: "Useful", type: "rating", scale: "ten", asked_if: {question: "seek", not: ["Jamais"]}},
      {id: "years", column: "Années", label: "Years", type: "number", integer: true, min: 0, max: 5},
      {id: "strengths", column: "Points forts", label: "Strengths", type: "multiple", options: {"Rapidité": "Speed", "Diversité, expériences": "Diversity"}, other: "Other"},
      {id: "comments", column: "Commentaires", label: "Comments", type: "text"}
    ],
    derived: [{id: "often", from: "seek", label: "Seeks often", groups: {Yes: ["Souvent"], No: "*"}}]
  })
);
const header = ["Timestamp", "Vous êtes :", "Demandez-vous des avis ?", "Utile ?", "Années", "Points forts", "Commentaires"];
const csv = (...rows: string[][]) => csvFormatRows([header, ...rows]);
const good = ["01/06/2022 10:00:00", "Une femme", "Souvent", "9", "3", "Rapidité, Diversité, expériences", "Merci"];

// The export is read by DuckDB (loaders/validate.ts); these pin what it reports and reads.
const parse = (text: string, cb = codebook) => readResponses({codebook: cb, text});

async function issues(text: string) {
  try {
    await readResponses({codebook, text, file: "data/demo/responses.csv"});
  } catch (e) {
    assert.ok(e instanceof ValidationError, String(e));
    return e;
  }
  assert.fail("expected a ValidationError");
}

test("a valid row becomes typed answers", async () => {
  const [r] = await parse(csv(good));
  assert.deepEqual(r.answers, {sex: "Female", seek: "Often", useful: 9, years: 3, strengths: ["Speed", "Diversity"], comments: "Merci"});
  assert.equal(r.complete, true);
  const often = await withStudyDatabase({codebook, text: csv(good)}, async (db) => (await db.connection.runAndReadAll("SELECT often FROM responses")).getRowObjectsJS()[0].often);
  assert.equal(often, "Yes");
});

test("an unknown answer label stops with file, row, column, value and the expected labels", async () => {
  const e = await issues(csv(good, [...good.slice(0, 1), "Femme", ...good.slice(2)]));
  assert.equal(e.issues.length, 1);
  assert.deepEqual(e.issues[0], {file: "data/demo/responses.csv", row: 3, column: 'B "Vous êtes :"', value: "Femme", expected: 'one of "Une femme", "Un homme"'});
  assert.match(e.message, /data\/demo\/responses\.csv, row 3, column B "Vous êtes :": "Femme" — expected one of "Une femme", "Un homme"/);
});

test("an out-of-range rating is refused", async () => {
  const row = [...good];
  row[3] = "11";
  assert.match((await issues(csv(row))).message, /row 2, column D "Utile \?": "11" — expected a whole number from 0 to 10/);
  row[3] = "7.5";
  assert.match((await issues(csv(row))).message, /"7\.5" — expected a whole number from 0 to 10/);
});

test("numbers are checked for integer and range; a decimal comma is read only where the codebook says so", async () => {
  const row = [...good];
  row[4] = "6";
  assert.match((await issues(csv(row))).message, /column E "Années": "6" — expected a whole number ≥ 0 and ≤ 5/);
  row[4] = "2,0";
  assert.match((await issues(csv(row))).message, /column E "Années": "2,0" — expected a whole number/);
  const commas = parseCodebook(stringify({...codebook, responses: {...codebook.responses, decimal: ","}}));
  assert.equal((await parse(csv(row), commas))[0].answers.years, 2);
});

test("an answer to a question that was skipped is refused", async () => {
  const row = [...good];
  row[2] = "Jamais";
  assert.match((await issues(csv(row))).message, /column D "Utile \?": "9" — expected an empty cell: "useful" is asked only when "seek" is answered and is not "Jamais"/);
  row[3] = "";
  const [r] = await parse(csv(row));
  assert.equal(r.answers.useful, null);
  assert.equal(r.complete, true, "a skipped question does not make a response incomplete");
});

test("an empty answer to a question that applies makes the response incomplete", async () => {
  const row = [...good];
  row[4] = "";
  assert.equal((await parse(csv(row)))[0].complete, false);
  row[4] = "1";
  row[6] = "";
  assert.equal((await parse(csv(row)))[0].complete, true, "free text does not count");
});

test("written-in checkbox answers count as Other; their text is not kept", async () => {
  const row = [...good];
  row[5] = "Rapidité, Entraide, solidarité";
  assert.deepEqual((await parse(csv(row)))[0].answers.strengths, ["Speed", "Other"]);
});

test("a missing, unknown or repeated column stops before any row is read", async () => {
  const missing = csvFormatRows([header.slice(0, -1), good.slice(0, -1)]);
  assert.match((await issues(missing)).message, /a column headed "Commentaires"/);
  const extra = csvFormatRows([[...header, "Adresse e-mail"], [...good, "x@example.org"]]);
  assert.match((await issues(extra)).message, /column H "Adresse e-mail": "Adresse e-mail" — expected a column described in the codebook/);
  const repeated = csvFormatRows([[...header, "Années"], [...good, "1"]]);
  assert.match((await issues(repeated)).message, /each column header once/);
});

test("a row with the wrong number of cells is reported, with every other problem", async () => {
  const text = csv(good, good.slice(0, 5)) + '\n' + csvFormatRows([[...good.slice(0, 1), "Un chat", ...good.slice(2)]]);
  const e = await issues(text);
  assert.equal(e.issues.length, 2);
  assert.match(e.message, /^2 problems in the raw data/);
  assert.match(e.message, /row 3, .*"5" — expected 7 cells, as in the header/);
  assert.match(e.message, /row 4, column B .*"Un chat"/);
});

test("a byte-order mark before the header is ignored", async () => {
  assert.equal((await parse("\uFEFF" + csv(good))).length, 1);
});

test("rating bins: each value falls in its bin", async () => {
  const q = codebook.questions[2];
  assert.deepEqual([0, 4, 5, 7, 8, 10].map((v) => binOf(codebook, q, v)), ["0–4", "0–4", "5–7", "5–7", "8–10", "8–10"]);
  assert.equal(binOf(codebook, q, null), null);
});

test("spreadsheet column letters", async () => {
  assert.deepEqual([0, 25, 26, 27, 701, 702].map(columnLetter), ["A", "Z", "AA", "AB", "ZZ", "AAA"]);
});

test("an invalid answer to a skip-logic question is one problem, not one per question it controls", async () => {
  const row = [...good];
  row[2] = "Parfois";
  const e = await issues(csv(row));
  assert.equal(e.issues.length, 1, e.message);
  assert.match(e.message, /column C "Demandez-vous des avis \?": "Parfois" — expected one of "Souvent", "Jamais"/);
});

test("Qualtrics: three header rows, platform metadata kept out, rows numbered as in the sheet", async () => {
  const qualtrics = parseCodebook(
    stringify({
      study: {id: "demo-2025", title: "Demo", citation: "Demo et al.", year: 2025, data: "reconstructed"},
      responses: {file: "responses.csv", format: "qualtrics"},
      questions: [
        {id: "uses", column: "Q1", label: "Uses social media", type: "single", options: {Yes: "Yes", No: "No"}},
        {id: "reasons", column: "Q2", label: "Reasons", type: "multiple", options: {Knowledge: "Knowledge", "Skills, training": "Skills"}, asked_if: {question: "uses", in: ["Yes"]}, denominator: "respondents"}
      ]
    })
  );
  const text = csvFormatRows([
    ["StartDate", "IPAddress", "ResponseId", "Q1", "Q2"],
    ["Start Date", "IP Address", "Response ID", "Do you use social media?", "Why? - Selected Choice"],
    ['{"ImportId":"startDate"}', '{"ImportId":"ipAddress"}', '{"ImportId":"_recordId"}', '{"ImportId":"QID1"}', '{"ImportId":"QID2"}'],
    ["2022-11-03 10:00:00", "192.0.2.1", "R_1", "Yes", "Knowledge,Skills, training"],
    ["2022-11-03 11:00:00", "192.0.2.2", "R_2", "Maybe", ""]
  ]);
  await assert.rejects(readResponses({codebook: qualtrics, text, file: "k.csv"}), /k\.csv, row 5, column D "Q1": "Maybe" — expected one of "Yes", "No"/);
  const [r] = await parse(text.split("\n").slice(0, 4).join("\n"), qualtrics);
  assert.deepEqual(r.answers, {uses: "Yes", reasons: ["Knowledge", "Skills"]});
  const legacy = text.replace(/\{""ImportId"":""[^"]*""\}/g, "x");
  await assert.rejects(parse(legacy, qualtrics), /row 3, .*Qualtrics' third header row/);
});
