// npm run new-study: the format sniffed and the codebook drafted from small exports of one
// questionnaire (role, platforms, hours, age, trust, recommend, comments), written here in each
// platform's layout. Where this branch's schema already has every key the draft uses, the draft is
// also parsed (parseCodebook) and the export loaded with it (loadExport, as the build does): the
// draft builds as it is. No site is built.
import assert from "node:assert/strict";
import {spawnSync} from "node:child_process";
import {existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {after, test} from "node:test";
import {fileURLToPath} from "node:url";
import {DuckDBInstance} from "@duckdb/node-api";
import {csvFormatRows} from "d3-dsv";
import ExcelJS from "exceljs";
import {parse} from "yaml";
import {parseCodebook} from "../loaders/codebook.ts";
import {openStudyDatabase} from "../loaders/database.ts";
import {
  NewStudyError, ageBands, branchingAsAskedIf, checkboxOptions, columnStats, draftCodebook, draftFromFile,
  likelyMissingCodes, newStudy, scaleBins, sniffHeader, slug
} from "./new-study.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "new-study-test-"));
after(() => rmSync(dir, {recursive: true, force: true}));

const write = (name: string, rows: string[][]) => {
  const path = join(dir, name);
  writeFileSync(path, csvFormatRows(rows) + "\n");
  return path;
};

// Twelve respondents: role, platforms (ticked), hours, age, trust 1–5, recommend (asked of physicians and nurses), comments.
const PEOPLE: [string, string[], string, number, number, string, string][] = [
  ["Physician", ["Facebook", "LinkedIn"], "2.5", 34, 4, "Yes", "Useful survey, thank you for asking."],
  ["Nurse", ["Instagram, Reels", "Facebook"], "0.5", 27, 5, "No", ""],
  ["Pharmacist", ["LinkedIn"], "1", 45, 3, "", "I mostly read, I never post anything."],
  ["Physician", ["X (Twitter)", "LinkedIn"], "6", 52, 2, "Don't know", ""],
  ["Other", ["None of these"], "0", 61, 1, "", "Social media is not for work."],
  ["Nurse", ["Facebook", "Instagram, Reels", "X (Twitter)"], "10", 23, 4, "Yes", ""],
  ["Physician", ["Facebook"], "3.25", 38, 5, "Yes", "More training would help us a lot."],
  ["Pharmacist", ["Instagram, Reels"], "4", 29, 3, "", ""],
  ["Nurse", ["LinkedIn", "X (Twitter)"], "1.5", 47, 2, "No", "Time is the problem, not the tools."],
  ["Physician", ["None of these"], "0", 66, 1, "Don't know", ""],
  ["Other", ["Facebook", "LinkedIn"], "2", 31, 4, "", "Please share the results."],
  ["Physician", ["X (Twitter)", "Instagram, Reels"], "8", 41, 3, "Yes", ""]
];
const PLATFORMS = ["Facebook", "X (Twitter)", "LinkedIn", "Instagram, Reels", "None of these"];
const ROLES = ["Physician", "Nurse", "Pharmacist", "Other"];
const ANSWERS = ["Yes", "No", "Don't know"];

type Drafted = Awaited<ReturnType<typeof draftFromFile>> & {codebook: Record<string, any>; question: (id: string) => Record<string, any>};
async function draft(path: string, dictionary?: string): Promise<Drafted> {
  const result = await draftFromFile(path, {id: "demo-2025", dictionaryPath: dictionary});
  const codebook = parse(result.draft.yaml);
  const question = (column: string) => {
    const q = codebook.questions.find((q: {column: string}) => q.column === column);
    assert.ok(q, `no question for column "${column}" in:\n${result.draft.yaml}`);
    return q;
  };
  return {...result, codebook, question};
}

/** What the build does with a codebook and its export, short of the site: parse, then load (validate and type). */
async function builds(yaml: string, path: string) {
  const codebook = parseCodebook(yaml, "draft.yaml");
  const db = await openStudyDatabase({codebook, path});
  try {
    return Number((await db.connection.runAndReadAll("SELECT count(*) AS n FROM responses")).getRowObjectsJS()[0].n);
  } finally {
    db.close();
  }
}

const comments = (yaml: string, id: string) => {
  // The comment lines before an entry and the entry itself, up to the next one.
  const lines = yaml.split("\n");
  const at = lines.findIndex((l) => l === `  - id: ${id}`);
  assert.ok(at >= 0, `no entry ${id}`);
  let start = at;
  while (start > 0 && lines[start - 1].startsWith("  #")) --start;
  let end = at + 1;
  while (end < lines.length && !lines[end].startsWith("  - id:") && !(lines[end] === "" && lines[end + 1]?.startsWith("  #"))) ++end;
  return lines.slice(start, end).join("\n");
};

// --- Google Forms ------------------------------------------------------------------------------

const googleForms = () =>
  write("google-forms.csv", [
    ["Timestamp", "What is your role?", "Which platforms do you use?", "Hours per week on social media", "Your age", "How much do you trust health information online? (1–5)", "Would you recommend it to a colleague?", "Any comments?", "Email address"],
    ...PEOPLE.map(([role, platforms, hours, age, trust, rec, comment], k) => [
      `2025/03/${String(k + 1).padStart(2, "0")} 10:0${k % 10}:00 AM GMT+1`, role, PLATFORMS.filter((p) => platforms.includes(p)).join(", "), hours, String(age), String(trust), rec, comment, `person${k}@example.org`
    ])
  ]);

test("Google Forms CSV: sniffed from the Timestamp column; checkbox labels holding \", \" are joined back; the draft builds", async () => {
  const path = googleForms();
  const {sniffed, draft: d, codebook, question} = await draft(path);
  assert.equal(sniffed.format, "google-forms");
  assert.match(sniffed.reasons.join("\n"), /headed "Timestamp"/);
  assert.match(sniffed.reasons.join("\n"), /holds dates and times \(12 of 12/);
  assert.equal(codebook.responses.format, "google-forms");
  assert.equal(codebook.responses.timestamp, "Timestamp");
  assert.equal(codebook.responses.separator, undefined, "Google Forms' own separator needs no key");
  assert.equal(codebook.study.id, "demo-2025");
  assert.equal(codebook.study.year, 2025);
  assert.equal(codebook.study.data, "original");
  assert.match(d.yaml, /title: .* # unsure: write the study's title/);

  const role = question("What is your role?");
  assert.equal(role.type, "single");
  assert.deepEqual(Object.keys(role.options).sort(), [...ROLES].sort());
  assert.match(d.yaml, /Physician: Physician # n = 5/);

  const platforms = question("Which platforms do you use?");
  assert.equal(platforms.type, "multiple");
  assert.deepEqual(Object.keys(platforms.options).sort(), [...PLATFORMS].sort(), "\"Instagram, Reels\" is one option");
  assert.equal(platforms.other, undefined);

  const hours = question("Hours per week on social media");
  assert.equal(hours.type, "number");
  assert.equal(hours.integer, undefined);
  const age = question("Your age");
  assert.equal(age.type, "number");
  assert.equal(age.integer, true);
  // Bands are suggested in a comment, not applied.
  assert.equal(age.bands, undefined);
  assert.match(comments(d.yaml, age.id), /# bands:.*\n\s+#\s+- \{label: "18–29", min: 18, max: 29\}/);

  const trust = question("How much do you trust health information online? (1–5)");
  assert.equal(trust.type, "rating");
  assert.deepEqual(codebook.scales[trust.scale], {min: 1, max: 5, bins: [{label: "1–2", min: 1, max: 2}, {label: "3", min: 3, max: 3}, {label: "4–5", min: 4, max: 5}]});
  assert.match(comments(d.yaml, trust.id), /# unsure: a 1–5 rating/);

  const recommend = question("Would you recommend it to a colleague?");
  assert.equal(recommend.type, "single");
  assert.deepEqual(Object.keys(recommend.options).sort(), [...ANSWERS].sort());
  assert.match(d.yaml, /"Yes": "Yes" # n = 4/, "Yes and No are quoted for YAML 1.1 readers");

  const text = question("Any comments?");
  assert.equal(text.type, "text");
  assert.equal(text.private, true);
  const email = question("Email address");
  assert.equal(email.type, "text");
  assert.equal(email.private, true);
  assert.match(comments(d.yaml, email.id), /private: it holds e-mail addresses/);
  // No comment or answer text leaks into the codebook.
  assert.doesNotMatch(d.yaml, /thank you for asking|person0@/);

  for (const q of codebook.questions) assert.match(q.id, /^[a-z][a-z0-9_]{0,39}$/);
  assert.equal(new Set(codebook.questions.map((q: {id: string}) => q.id)).size, codebook.questions.length);
  assert.equal(await builds(d.yaml, path), 12);
});

test("Google Forms XLSX (read by loaders/readers.ts): the same draft as the CSV", async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Form Responses 1");
  ws.addRow(["Timestamp", "What is your role?", "Which platforms do you use?", "Your age"]);
  PEOPLE.forEach(([role, platforms, , age], k) => ws.addRow([new Date(Date.UTC(2025, 2, k + 1, 10, k)), role, PLATFORMS.filter((p) => platforms.includes(p)).join(", "), age]));
  const path = join(dir, "google-forms.xlsx");
  await wb.xlsx.writeFile(path);
  const {sniffed, draft: d, codebook, question} = await draft(path);
  assert.equal(sniffed.format, "google-forms");
  assert.equal(codebook.responses.file, "google-forms.xlsx");
  assert.equal(question("What is your role?").type, "single");
  assert.deepEqual(Object.keys(question("Which platforms do you use?").options).sort(), [...PLATFORMS].sort());
  assert.equal(question("Your age").integer, true);
  assert.equal(await builds(d.yaml, path), 12);
});

// --- Qualtrics ---------------------------------------------------------------------------------

const QUALTRICS_META = ["StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)", "Finished", "RecordedDate", "ResponseId"];
const qualtricsMeta = (k: number) => [`2025-03-0${(k % 9) + 1} 10:00:00`, `2025-03-0${(k % 9) + 1} 10:05:00`, "IP Address", `192.0.2.${k + 1}`, "100", "300", "True", `2025-03-0${(k % 9) + 1} 10:05:01`, `R_${"abcdefghijkl"[k]}x7Yq`];
const qualtricsHead = (tags: string[], texts: string[], ids: string[]) => [
  [...QUALTRICS_META, ...tags],
  [...QUALTRICS_META.map((m) => m.replace(/([a-z])([A-Z])/g, "$1 $2")), ...texts],
  [...QUALTRICS_META.map((m) => JSON.stringify({ImportId: m === "ResponseId" ? "_recordId" : m[0].toLowerCase() + m.slice(1)})), ...ids.map((id) => JSON.stringify({ImportId: id}))]
];

test("Qualtrics, choice text: three header rows, question texts as labels, choices joined by \",\"; the draft builds", async () => {
  const path = write("qualtrics-text.csv", [
    ...qualtricsHead(
      ["Q1", "Q2", "Q3", "Q4", "Q5"],
      ["What is your role? - Selected Choice", "Which platforms do you use? - Selected Choice", "Your age", "Trust in health information online", "Comments"],
      ["QID1", "QID2", "QID3_TEXT", "QID4", "QID5_TEXT"]
    ),
    ...PEOPLE.map(([role, platforms, , age, trust, , comment], k) => [...qualtricsMeta(k), role, PLATFORMS.filter((p) => platforms.includes(p)).join(","), String(age), String(trust), comment])
  ]);
  const {sniffed, draft: d, codebook, question} = await draft(path);
  assert.equal(sniffed.format, "qualtrics");
  assert.equal(sniffed.variant, "choice text");
  assert.match(sniffed.reasons.join("\n"), /ImportId/);
  assert.equal(codebook.responses.timestamp, "RecordedDate");
  // Qualtrics' own columns are the loader's business (loaders/formats.ts): no entries.
  assert.ok(!codebook.questions.some((q: {column: string}) => QUALTRICS_META.includes(q.column)));
  assert.deepEqual(d.platform, QUALTRICS_META.filter((m) => m !== "RecordedDate"));
  const role = question("Q1");
  assert.equal(role.id, "q1");
  assert.equal(role.label, "What is your role?");
  assert.equal(role.type, "single");
  const platforms = question("Q2");
  assert.equal(platforms.type, "multiple");
  assert.deepEqual(Object.keys(platforms.options).sort(), [...PLATFORMS].sort(), "\"Instagram, Reels\" joined back at \",\"");
  assert.equal(question("Q3").type, "number");
  assert.equal(question("Q4").type, "rating");
  assert.equal(question("Q5").type, "text");
  assert.equal(await builds(d.yaml, path), 12);
});

test("Qualtrics, numeric values: codes to label, split multi-select columns Q2_1… as one question with layout: columns", async () => {
  const path = write("qualtrics-numeric.csv", [
    ...qualtricsHead(
      ["Q1", ...PLATFORMS.map((_, j) => `Q2_${j + 1}`), "Q3", "Q4", "Q5", "Q5_4_TEXT"],
      ["What is your role? - Selected Choice", ...PLATFORMS.map((p) => `Which platforms do you use? - Selected Choice - ${p}`), "Your age", "Trust in health information online", "Would you recommend it? - Selected Choice", "Would you recommend it? - Other - Text"],
      ["QID1", ...PLATFORMS.map((_, j) => `QID2_${j + 1}`), "QID3_TEXT", "QID4", "QID5", "QID5_4_TEXT"]
    ),
    ...PEOPLE.map(([role, platforms, , age, trust, rec], k) => [
      ...qualtricsMeta(k), String(ROLES.indexOf(role) + 1), ...PLATFORMS.map((p) => (platforms.includes(p) ? "1" : "")), String(age), String(trust), rec ? String(ANSWERS.indexOf(rec) + 1) : "", ""
    ])
  ]);
  const {sniffed, draft: d, codebook, question} = await draft(path);
  assert.equal(sniffed.format, "qualtrics");
  assert.equal(sniffed.variant, "numeric values");
  const role = question("Q1");
  assert.equal(role.type, "single");
  assert.deepEqual(role.options, {"1": "1", "2": "2", "3": "3", "4": "4"});
  assert.match(comments(d.yaml, "q1"), /unsure: codes without labels/);
  const platforms = question("Q2");
  assert.equal(platforms.type, "multiple");
  assert.equal(platforms.layout, "columns");
  assert.equal(platforms.label, "Which platforms do you use?");
  assert.deepEqual(platforms.options, Object.fromEntries(PLATFORMS.map((p, j) => [String(j + 1), p])));
  assert.ok(!codebook.questions.some((q: {column: string}) => /^Q2_/.test(q.column)), "the sub-columns have no entries of their own");
  assert.equal(question("Q4").type, "rating");
  assert.equal(question("Q5").type, "single");
  assert.equal(question("Q5_4_TEXT").type, "text");
  assert.equal(question("Q5_4_TEXT").private, true);
  assert.equal(await builds(d.yaml, path), 12);
});

// --- SurveyMonkey ------------------------------------------------------------------------------

test("SurveyMonkey CSV: two header rows; a column per option becomes one multiple question with layout: columns", async () => {
  const meta = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address", "First Name", "Last Name", "Custom Data 1"];
  const path = write("surveymonkey.csv", [
    [...meta, "What is your role?", "Which platforms do you use?", "", "", "", "", "", "Your age", "How much do you trust health information online?", "Any comments?"],
    [...meta.map(() => ""), "Response", ...PLATFORMS, "Other (please specify)", "Open-Ended Response", "Response", "Open-Ended Response"],
    ...PEOPLE.map(([role, platforms, , age, trust, , comment], k) => [
      String(114000000000 + k), "405000000", `03/0${(k % 9) + 1}/2025 10:00:00 AM`, `03/0${(k % 9) + 1}/2025 10:06:00 AM`, `198.51.100.${k}`, "", "", "", "",
      role, ...PLATFORMS.map((p) => (platforms.includes(p) ? p : "")), k === 4 ? "Doximity" : k === 9 ? "A forum of my hospital" : "", String(age), String(trust), comment
    ])
  ]);
  const {sniffed, draft: d, codebook, question} = await draft(path);
  assert.equal(sniffed.format, "surveymonkey");
  assert.equal(sniffed.headerRows, 2);
  assert.match(sniffed.reasons.join("\n"), /"Respondent ID", "Collector ID"/);
  assert.match(sniffed.reasons.join("\n"), /"Response"/);
  assert.equal(codebook.responses.timestamp, "End Date");
  assert.equal(question("What is your role?").type, "single");
  const platforms = question("Which platforms do you use?");
  assert.equal(platforms.type, "multiple");
  assert.equal(platforms.layout, "columns");
  assert.deepEqual(Object.keys(platforms.options), PLATFORMS, "keys name the sub-columns <column> / <key>, in the file's order");
  const other = question("Which platforms do you use? / Other (please specify)");
  assert.equal(other.type, "text");
  assert.equal(other.private, true);
  assert.equal(question("Your age").type, "number");
  assert.equal(question("How much do you trust health information online?").type, "rating");
  // SurveyMonkey's own columns are known to the loader (loaders/formats.ts): they need no entry.
  for (const m of meta) assert.ok(!codebook.questions.some((q: {column: string}) => q.column === m), m);
  assert.doesNotMatch(d.yaml, /Doximity|198\.51\.100/);
  assert.equal(await builds(d.yaml, path), 12);
});

// --- REDCap ------------------------------------------------------------------------------------

const DICTIONARY_HEADER = ["Variable / Field Name", "Form Name", "Section Header", "Field Type", "Field Label", "Choices, Calculations, OR Slider Labels", "Field Note", "Text Validation Type OR Show Slider Number", "Text Validation Min", "Text Validation Max", "Identifier?", "Branching Logic (Show field only if...)", "Required Field?"];
const field = (name: string, type: string, label: string, choices = "", validation = "", min = "", max = "", identifier = "", branching = "") => [name, "survey", "", type, label, choices, "", validation, min, max, identifier, branching, ""];

test("REDCap raw CSV + data dictionary: labels and choices from the dictionary, checkbox fields as layout: columns", async () => {
  const dictionary = write("dictionary.csv", [
    DICTIONARY_HEADER,
    field("record_id", "text", "Record ID"),
    field("role", "radio", "<b>What is your role?</b>", ROLES.map((r, j) => `${j + 1}, ${r}`).join(" | ")),
    field("platforms", "checkbox", "Which platforms do you use?", PLATFORMS.map((p, j) => `${j + 1}, ${p}`).join(" | ")),
    field("hours", "text", "Hours per week on social media", "", "number", "0", "168"),
    field("age", "text", "Your age", "", "integer", "18", "100"),
    field("trust", "radio", "Trust in health information online", "1, 1 Not at all | 2, 2 | 3, 3 | 4, 4 | 5, 5 Completely"),
    field("recommend", "radio", "Would you recommend it?", "1, Yes | 2, No | 3, Don't know", "", "", "", "", "[role] = '1' or [role] = '2'"),
    field("comments", "notes", "Any comments?"),
    field("email", "text", "E-mail", "", "email", "", "", "y")
  ]);
  const path = write("redcap.csv", [
    ["record_id", "redcap_survey_identifier", "survey_timestamp", "role", ...PLATFORMS.map((_, j) => `platforms___${j + 1}`), "hours", "age", "trust", "recommend", "comments", "email", "survey_complete"],
    ...PEOPLE.map(([role, platforms, hours, age, trust, rec, comment], k) => [
      String(k + 1), "", `2025-03-0${(k % 9) + 1} 10:00:00`, String(ROLES.indexOf(role) + 1), ...PLATFORMS.map((p) => (platforms.includes(p) ? "1" : "0")), hours, String(age), String(trust), rec ? String(ANSWERS.indexOf(rec) + 1) : "", comment, `p${k}@example.org`, "2"
    ])
  ]);
  const {sniffed, draft: d, question} = await draft(path, dictionary);
  assert.equal(sniffed.format, "redcap");
  assert.match(sniffed.reasons.join("\n"), /data dictionary was given/);
  assert.match(sniffed.reasons.join("\n"), /"record_id"/);
  assert.match(sniffed.reasons.join("\n"), /platforms___1/);
  const record = question("record_id");
  assert.equal(record.private, true);
  assert.match(comments(d.yaml, record.id), /record ID/);
  const role = question("role");
  assert.equal(role.label, "What is your role?", "HTML removed");
  assert.equal(role.type, "single");
  assert.deepEqual(role.options, Object.fromEntries(ROLES.map((r, j) => [String(j + 1), r])));
  const platforms = question("platforms");
  assert.equal(platforms.type, "multiple");
  assert.equal(platforms.layout, "columns");
  assert.deepEqual(platforms.options, Object.fromEntries(PLATFORMS.map((p, j) => [String(j + 1), p])));
  const hours = question("hours");
  assert.equal(hours.type, "number");
  assert.deepEqual([hours.min, hours.max], [0, 168], "the dictionary's range, which every answer keeps");
  assert.equal(question("age").integer, true);
  const trust = question("trust");
  assert.equal(trust.type, "rating", "a radio field over 1–5 with words only at the ends");
  assert.deepEqual(parse(d.yaml).scales[trust.scale].anchors, {"1": "Not at all", "5": "Completely"});
  const recommend = question("recommend");
  assert.deepEqual(recommend.options, {"1": "Yes", "2": "No", "3": "Don't know"});
  assert.equal(recommend.asked_if, undefined, "branching logic is suggested, not applied");
  assert.match(comments(d.yaml, recommend.id), /# asked_if: \{question: role, in: \["1", "2"\]\}/);
  assert.equal(question("comments").type, "text");
  const email = question("email");
  assert.equal(email.private, true);
  const codebook = parse(d.yaml);
  // REDCap's own columns are known to the loader (loaders/formats.ts): they need no entry.
  for (const m of ["redcap_survey_identifier", "survey_timestamp", "survey_complete"]) assert.ok(!codebook.questions.some((q: {column: string}) => q.column === m), m);
  assert.equal(await builds(d.yaml, path), 12);
});

test("REDCap without a dictionary: sniffed from record_id and field___code columns", () => {
  const s = sniffHeader([["record_id", "role", "platforms___1", "platforms___2"]], "csv");
  assert.equal(s.format, "redcap");
  assert.equal(s.reasons.length, 2);
});

// --- Coded CSV ---------------------------------------------------------------------------------

test("coded CSV: codes to label; likely missing codes (9, 99) suggested in comments, not applied; the draft builds", async () => {
  const path = write("coded.csv", [
    ["id", "role", "platforms", "age", "trust", "recommend", "weight"],
    ...PEOPLE.map(([role, platforms, , age, trust, rec], k) => [
      `P${100 + k}`, k === 3 ? "9" : String(ROLES.indexOf(role) + 1), PLATFORMS.flatMap((p, j) => (platforms.includes(p) ? [String(j + 1)] : [])).join(";"),
      k === 5 ? "99" : String(age), String(trust), rec ? String(ANSWERS.indexOf(rec) + 1) : "", (0.5 + k / 10).toFixed(3)
    ])
  ]);
  const {sniffed, draft: d, codebook, question} = await draft(path);
  assert.equal(sniffed.format, "csv");
  assert.equal(sniffed.variant, "coded");
  assert.match(sniffed.reasons.join("\n"), /whole-number codes/);
  assert.equal(question("id").private, true);
  const role = question("role");
  assert.equal(role.type, "single");
  assert.deepEqual(Object.keys(role.options), ["1", "2", "3", "4", "9"], "9 stays an answer until the author says it is missing");
  assert.equal(role.missing, undefined);
  assert.match(comments(d.yaml, role.id), /unsure: 9 \(n = 1\) looks like a missing code/);
  assert.match(comments(d.yaml, role.id), /# missing: \{"9": "Refused"\}/);
  const platforms = question("platforms");
  assert.equal(platforms.type, "multiple");
  assert.deepEqual(Object.keys(platforms.options).sort(), ["1", "2", "3", "4", "5"]);
  assert.equal(codebook.responses.separator, undefined, "\";\" is the csv format's own");
  const age = question("age");
  assert.equal(age.type, "number");
  assert.match(comments(d.yaml, age.id), /# missing: \{"99": "Refused"\}/);
  assert.match(comments(d.yaml, age.id), /max: 66\}/, "the bands stop at the oldest real answer, not at 99");
  assert.equal(question("trust").type, "rating");
  assert.equal(question("recommend").type, "single");
  assert.match(comments(d.yaml, question("weight").id), /unsure: this looks like a survey weight/);
  assert.equal(await builds(d.yaml, path), 12);
});

test("columns with an empty or repeated header are not drafted: unlisted: private, with the reason", async () => {
  const path = write("unnamed.csv", [["name of clinic", "Rating", "", "Rating"], ...PEOPLE.map(([role], k) => [role, String((k % 5) + 1), "", String(k)])]);
  const {draft: d, codebook} = await draft(path);
  assert.deepEqual(d.unnamed, [1, 2, 3]);
  assert.equal(codebook.responses.unlisted, "private");
  assert.match(d.yaml, /unlisted: private # columns B, C, D have an empty or repeated header/);
  assert.deepEqual(codebook.questions.map((q: {column: string}) => q.column), ["name of clinic"]);
  assert.equal(codebook.questions[0].private, true, "a header naming a name is private");
  assert.equal(await builds(d.yaml, path), 12);
});

// --- SPSS (through draftCodebook: this branch's stand-in reader does not read .sav) ---------------

test("SPSS: value labels become options; declared user-missing values and rating anchors from the labels; missing suggested only", async () => {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    const names = ["role", "plat_1", "plat_2", "plat_3", "age", "trust", "wt"];
    const rows = [names, ...PEOPLE.map(([role, platforms, , age, trust], k) => [String(ROLES.indexOf(role) + 1), ...PLATFORMS.slice(0, 3).map((p) => (platforms.includes(p) ? "1" : "0")), k === 5 ? "99" : String(age), String(trust), (0.8 + k / 50).toFixed(2)])];
    await connection.run(`CREATE TABLE raw AS SELECT * FROM (VALUES ${rows.map((r) => `(${r.map((c) => `'${c}'`).join(", ")})`).join(", ")}) t(${names.map((_, k) => `_c${k}`).join(", ")})`);
    const stats = await columnStats(connection, "raw", names.length, 1, []);
    const variables = [
      {name: "role", label: "Your role", valueLabels: Object.fromEntries(ROLES.map((r, j) => [String(j + 1), r])), missing: [], type: "numeric" as const},
      ...PLATFORMS.slice(0, 3).map((p, j) => ({name: `plat_${j + 1}`, label: `Platforms used: ${p}`, valueLabels: {"0": "Not selected", "1": "Selected"}, missing: [], type: "numeric" as const})),
      {name: "age", label: "Age in years", valueLabels: {"99": "Refused"}, missing: ["99"], type: "numeric" as const},
      {name: "trust", label: "Trust", valueLabels: {"1": "Not at all", "5": "Completely"}, missing: [], type: "numeric" as const},
      {name: "wt", label: "Weight", valueLabels: {}, missing: [], type: "numeric" as const}
    ];
    const sniffed = sniffHeader([names], "sav");
    assert.equal(sniffed.format, "spss");
    const d = draftCodebook({id: "demo-2025", file: "demo.sav", sniffed, head: [names], stats, variables});
    const cb = parse(d.yaml);
    const q = (column: string) => cb.questions.find((x: {column: string}) => x.column === column);
    assert.deepEqual(q("role").options, Object.fromEntries(ROLES.map((r, j) => [String(j + 1), r])));
    assert.equal(q("role").label, "Your role");
    assert.equal(q("plat").type, "multiple");
    assert.equal(q("plat").layout, "columns");
    assert.deepEqual(q("plat").options, {"1": "Facebook", "2": "X (Twitter)", "3": "LinkedIn"});
    assert.equal(q("plat").label, "Platforms used");
    assert.equal(q("age").type, "number");
    assert.equal(q("age").missing, undefined, "declared user-missing is suggested, not applied");
    assert.match(comments(d.yaml, q("age").id), /# missing: \{"99": "Refused"\}\s+# declared user-missing in the \.sav; uncomment/);
    assert.match(comments(d.yaml, q("age").id), /unsure: the \.sav declares 99 user-missing/);
    assert.doesNotMatch(comments(d.yaml, q("age").id), /looks like a missing code/, "what the file declares replaces the draft's own guess");
    assert.equal(q("trust").type, "rating");
    assert.deepEqual(cb.scales[q("trust").scale].anchors, {"1": "Not at all", "5": "Completely"});
    assert.match(comments(d.yaml, q("wt").id), /survey weight/);
    // TODO(schema: format spss, layout): parse with parseCodebook once the schema has them.
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
});

// --- Pieces ------------------------------------------------------------------------------------

test("question ids: snake_case ASCII, at most 40 characters, never starting with a digit", () => {
  assert.equal(slug("Quel est votre âge ?"), "quel_est_votre_age");
  assert.equal(slug("Q5_1"), "q5_1");
  assert.equal(slug("2. How old are you?"), "q2_how_old_are_you");
  assert.equal(slug("Which of the following social media platforms do you use for work?"), "which_of_the_following_social_media");
  assert.ok(slug("a".repeat(60)).length <= 40);
  assert.equal(slug("Ваш пол"), "");
});

test("column statistics: numbers with a decimal point or comma, or none before it (\".5\"), are numbers", async () => {
  // The spec's fixture writes one hour ".5"; the draft types it as a number.
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    await connection.run(`CREATE TABLE raw AS SELECT * FROM (VALUES ('hours', 'x'), ('.5', 'a'), ('2,5', 'b'), ('10', ''), ('', 'a')) t(_c0, _c1)`);
    const [hours, x] = await columnStats(connection, "raw", 2, 1, []);
    assert.deepEqual([hours.rows, hours.nonEmpty, hours.numeric, hours.integer, hours.min, hours.max], [4, 3, 3, 1, 0.5, 10]);
    assert.deepEqual([hours.pointDecimals, hours.commaDecimals], [1, 1]);
    assert.deepEqual(x.top, [{v: "a", n: 2}, {v: "b", n: 1}]);
    assert.equal(x.distinct, 2);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
});

test("decimal commas: a column of them drafts decimal: \",\" and builds; commas beside points are flagged", async () => {
  const rows = PEOPLE.map(([role, , hours], k) => [role, hours.replace(".", ","), k % 2 ? "1,5" : "2.5"]);
  const path = write("decimal-comma.csv", [["Profession", "Heures par semaine", "Mixte"], ...rows]);
  const {draft: d, question} = await draft(path);
  const hours = question("Heures par semaine");
  assert.equal(hours.type, "number");
  assert.equal(hours.decimal, ",");
  const mixed = question("Mixte");
  assert.equal(mixed.decimal, undefined);
  assert.match(comments(d.yaml, mixed.id), /unsure: 6 cells write a decimal comma and 6 a decimal point/);
  // The build reads the commas; the mixed column, made text, is left out.
  const yaml = d.yaml.replace(new RegExp(`(  - id: ${mixed.id}\n(    .*\n)*?    type: )number`), "$1text");
  assert.equal(await builds(yaml, path), 12);
});

test("numbers with a few words (\"Prefer not to say\"): a number question, the words applied as missing and said so; the draft builds", async () => {
  const path = write("ages-words.csv", [["Role", "How old are you?"], ...PEOPLE.map(([role, , , age], k) => [role, k === 4 ? "Prefer not to say" : String(age)])]);
  const {draft: d, question} = await draft(path);
  const age = question("How old are you?");
  assert.equal(age.type, "number");
  assert.deepEqual(age.missing, {"Prefer not to say": "Prefer not to say"});
  assert.match(comments(d.yaml, age.id), /unsure: "Prefer not to say" \(n = 1\) read as a missing answer/);
  assert.match(comments(d.yaml, age.id), /11 answered, 1 "Prefer not to say"/);
  assert.equal(await builds(d.yaml, path), 12);
});

test("likely missing codes are the usual codes set apart from the other answers", () => {
  assert.deepEqual(likelyMissingCodes([1, 2, 3, 4, 9]), [9]);
  assert.deepEqual(likelyMissingCodes([1, 2, 3, 8, 9]), [8, 9]);
  assert.deepEqual(likelyMissingCodes([18, 25, 64, 99]), [99]);
  assert.deepEqual(likelyMissingCodes([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), [], "a 0–10 rating has no gap");
  assert.deepEqual(likelyMissingCodes([-1, 1, 2, 3]), [-1]);
});

test("rating bins and age bands", () => {
  assert.deepEqual(scaleBins(1, 5).map((b) => b.label), ["1–2", "3", "4–5"]);
  assert.deepEqual(scaleBins(0, 10).map((b) => b.label), ["0–4", "5–7", "8–10"]);
  assert.deepEqual(scaleBins(1, 7).map((b) => b.label), ["1–3", "4", "5–7"]);
  assert.deepEqual(ageBands(19, 72).map((b) => [b.label, b.min, b.max]), [["18–29", 18, 29], ["30–49", 30, 49], ["50–64", 50, 64], ["65+", 65, 72]]);
});

test("REDCap branching logic of the simple kind becomes an asked_if", () => {
  assert.deepEqual(branchingAsAskedIf("[role] = '1' or [role] = '2'"), {question: "role", in: ["1", "2"]});
  assert.deepEqual(branchingAsAskedIf('[uses]="1"'), {question: "uses", in: ["1"]});
  assert.equal(branchingAsAskedIf("[a] = '1' and [b] = '2'"), null);
  assert.equal(branchingAsAskedIf("[a] = '1' or [b] = '2'"), null);
});

test("checkbox parts: labels holding the separator are joined back, and a label's variants too", () => {
  const stats = {nonEmpty: 20} as Parameters<typeof checkboxOptions>[0];
  const found = checkboxOptions(stats, {
    sep: ", ", distinctParts: 4, multi: 6,
    parts: [{p: "Facebook", n: 10}, {p: "Instagram", n: 6}, {p: "Reels", n: 6}, {p: "LinkedIn", n: 5}],
    pairs: [{a: "Instagram", b: "Reels", n: 6}, {a: "Facebook", b: "Instagram", n: 4}, {a: "Reels", b: "LinkedIn", n: 2}]
  });
  assert.deepEqual(found?.options.map((o) => o.label), ["Facebook", "Instagram, Reels", "LinkedIn"], "in the cells' order");
  // "Yes, once" and "Yes, often" with no cell holding two answers: not a checkbox question.
  assert.equal(checkboxOptions(stats, {sep: ",", distinctParts: 4, multi: 8, parts: [{p: "Never", n: 12}, {p: "Yes", n: 8}, {p: " once", n: 5}, {p: " often", n: 3}], pairs: [{a: "Yes", b: " once", n: 5}, {a: "Yes", b: " often", n: 3}]}), null);
});

// --- The command -------------------------------------------------------------------------------

test("newStudy copies the export beside the draft, byte for byte, and refuses an existing folder or a bad id", async () => {
  const data = join(dir, "data");
  mkdirSync(data);
  const path = googleForms();
  const lines: string[] = [];
  const result = await newStudy({id: "demo-2025", exportPath: path, dataDir: data, log: (l) => lines.push(l)});
  assert.deepEqual(readdirSync(join(data, "demo-2025")).sort(), ["codebook.yaml", "google-forms.csv"]);
  assert.deepEqual(readFileSync(join(data, "demo-2025", "google-forms.csv")), readFileSync(path));
  assert.equal(readFileSync(result.codebook, "utf8"), result.draft.yaml);
  const out = lines.join("\n");
  assert.match(out, /Format: google-forms/);
  assert.match(out, /what_is_your_role\s+single\s+4 options/);
  await assert.rejects(newStudy({id: "demo-2025", exportPath: path, dataDir: data, log: () => {}}), (e: Error) => e instanceof NewStudyError && /already exists/.test(e.message));
  await assert.rejects(newStudy({id: "Demo_2025", exportPath: path, dataDir: data, log: () => {}}), (e: Error) => e instanceof NewStudyError && /not a study id/.test(e.message));
  assert.ok(!existsSync(join(data, "Demo_2025")));
});

test("errors: an unsupported type lists the supported ones; an unreadable file is named with what to do; no stack trace", async () => {
  const pdf = join(dir, "export.pdf");
  writeFileSync(pdf, "%PDF-1.4");
  await assert.rejects(draftFromFile(pdf, {id: "x"}), (e: Error) => e instanceof NewStudyError && /export\.pdf: unsupported file type.*\.csv.*\.xlsx.*\.sav/.test(e.message));
  const latin1 = join(dir, "latin1.csv");
  writeFileSync(latin1, Buffer.concat([Buffer.from("Timestamp,Vous êtes\n".replace("ê", "")), Buffer.from([0x31, 0x2c, 0x46, 0x65, 0x6d, 0x6d, 0xe9, 0x0a])]));
  await assert.rejects(draftFromFile(latin1, {id: "x"}), (e: Error) => e instanceof NewStudyError && /could not read .*latin1\.csv: it is not UTF-8 text\. Save it again as "CSV UTF-8"/.test(e.message));
  const semicolons = join(dir, "semicolons.csv");
  writeFileSync(semicolons, "a;b;c\n1;2;3\n");
  await assert.rejects(draftFromFile(semicolons, {id: "x"}), (e: Error) => e instanceof NewStudyError && /separated by ";".*Export it again as CSV with commas/.test(e.message));
  const broken = join(dir, "broken.xlsx");
  writeFileSync(broken, "not a zip file");
  await assert.rejects(draftFromFile(broken, {id: "x"}), (e: Error) => e instanceof NewStudyError && /could not read .*broken\.xlsx: it is not a readable \.xlsx workbook/.test(e.message));
  // The command prints the message alone.
  const run = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "scripts/new-study.ts"), "demo-2025", broken], {cwd: ROOT, encoding: "utf8", env: {...process.env, SURVEY_DATA_DIR: join(dir, "cli-data")}});
  assert.equal(run.status, 1);
  assert.match(run.stderr, /^\nNewStudyError: could not read .*broken\.xlsx/);
  assert.doesNotMatch(run.stderr, /\n\s+at /, "no stack trace");
  assert.ok(!existsSync(join(dir, "cli-data", "demo-2025")), "nothing is created when the draft fails");
});
