// The common fixture survey: twelve respondents of one small questionnaire, written as each
// platform exports them, with one codebook per export, such that every fixture means the same
// answers (and so gives the same tables). Everything comes from RESPONDENTS in survey.ts; the SPSS
// file is made from the coded CSV by make-sav.R (R's haven). Rerun by hand after a change, then commit:
//
//   node --import tsx test/formats/make-fixtures.ts && Rscript test/formats/make-sav.R
//
// What each export looks like follows the platforms' own exports (docs/codebook.md, "Export
// formats"): Google Forms' linked-sheet CSV and XLSX, Qualtrics' three header rows (choice text, or
// numeric values with multi-select split into Q2_1…), SurveyMonkey's two header rows with a column
// per option, REDCap's raw and label records (field names as headers) with its data dictionary, and
// a coded CSV as statistics software writes one (numeric codes, 8/9/99 for don't know/refused).
import {mkdirSync, writeFileSync} from "node:fs";
import {dirname, join} from "node:path";
import {fileURLToPath} from "node:url";
import {csvFormatRows} from "d3-dsv";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import {Document} from "yaml";
import {LABEL, PLATFORMS, PREFER_NOT, RECOMMEND, REFUSED_AGE, RESPONDENTS, type Respondent, ROLES, TEXT} from "./survey.ts";

const HERE = dirname(fileURLToPath(import.meta.url));

// --- Helpers -------------------------------------------------------------------------------------

const code = (list: readonly string[], label: string) => String(list.indexOf(label) + 1);
const pad = (n: number) => String(n).padStart(2, "0");
const parts = (ts: string) => ts.match(/^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)$/)!.slice(1).map(Number);
/** As a Google Sheet in the en-US locale shows it: 3/4/2024 9:15:22. */
const sheetsTime = (ts: string) => {
  const [y, mo, d, h, mi, s] = parts(ts);
  return `${mo}/${d}/${y} ${h}:${pad(mi)}:${pad(s)}`;
};
/** As SurveyMonkey writes it: 03/04/2024 09:15:22 AM. */
const monkeyTime = (ts: string) => {
  const [y, mo, d, h, mi, s] = parts(ts);
  return `${pad(mo)}/${pad(d)}/${y} ${pad(h % 12 || 12)}:${pad(mi)}:${pad(s)} ${h < 12 ? "AM" : "PM"}`;
};
/** A wall-clock time as the Date exceljs writes into a date cell (Excel stores no time zone). */
const excelDate = (ts: string) => {
  const [y, mo, d, h, mi, s] = parts(ts);
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
};
/** The time the respondent started: a few minutes before submitting. */
const started = (ts: string, k: number) => {
  const [y, mo, d, h, mi, s] = parts(ts);
  const t = new Date(Date.UTC(y, mo - 1, d, h, mi, s) - (180 + 37 * k) * 1000);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
};
const seconds = (k: number) => String(180 + 37 * k);
// Addresses and places from the ranges kept for documentation (RFC 5737), never a real respondent's.
const ip = (k: number) => `${["192.0.2", "198.51.100", "203.0.113"][k % 3]}.${17 + 19 * k}`;
const recommendCell = (r: Respondent) => r.recommend ?? "";
const ageLabel = (r: Respondent) => (r.age === null ? PREFER_NOT : String(r.age));
const ageCode = (r: Respondent) => (r.age === null ? REFUSED_AGE : String(r.age));
const trustCell = (r: Respondent) => (r.trust === null ? "" : String(r.trust));
/** Ticked options in the form's order, as Google Forms and Qualtrics join them. */
const ticked = (r: Respondent) => PLATFORMS.filter((p) => r.platforms.includes(p));

function write(fixture: string, name: string, content: string | Buffer): void {
  mkdirSync(join(HERE, fixture), {recursive: true});
  writeFileSync(join(HERE, fixture, name), content);
}
const BOM = "\uFEFF";
const csv = (rows: string[][], bom = false) => (bom ? BOM : "") + csvFormatRows(rows) + "\n";

async function xlsx(sheets: {name: string; rows: (string | number | Date | null)[][]; dateFormat?: string}[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  // Fixed, so that a rerun writes the same workbook properties.
  wb.created = wb.modified = new Date(Date.UTC(2024, 2, 10));
  wb.creator = wb.lastModifiedBy = "test/formats/make-fixtures.ts";
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name);
    for (const values of sheet.rows) {
      const row = ws.addRow(values);
      row.eachCell((cell) => {
        if (cell.value instanceof Date) cell.numFmt = sheet.dateFormat ?? "m/d/yyyy h:mm:ss";
      });
    }
  }
  // exceljs stamps each zip entry with the time of writing: restamped (same parts, same order,
  // workbook.xml last as exceljs stores it), so that a rerun writes the same bytes.
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  const fixed = new JSZip();
  for (const entry of Object.values(zip.files))
    if (!entry.dir) fixed.file(entry.name, await entry.async("uint8array"), {date: new Date(Date.UTC(2024, 2, 10)), createFolders: false});
  return fixed.generateAsync({type: "nodebuffer", compression: "DEFLATE", compressionOptions: {level: 6}});
}

// --- Codebooks -----------------------------------------------------------------------------------

const SCALE = {
  "trust-1-5": {
    min: 1,
    max: 5,
    anchors: {1: "not at all", 5: "completely"},
    bins: [
      {label: "1–2", min: 1, max: 2},
      {label: "3", min: 3, max: 3},
      {label: "4–5", min: 4, max: 5}
    ]
  }
};
const BANDS = [
  {label: "18–29", min: 18, max: 29},
  {label: "30–49", min: 30, max: 49},
  {label: "50–64", min: 50, max: 64},
  {label: "65+", min: 65}
];

/** How one export names and codes the questions; the rest of each codebook is shared. */
interface Coding {
  columns: Record<keyof typeof TEXT, string>;
  /** Raw role → display; raw platform key → display (the key names the option's column when split). */
  roles: Record<string, string>;
  platforms: Record<string, string>;
  layout?: "cell" | "columns";
  /** Raw recommend answers (Yes, No) and the raw "Don't know". */
  recommend: Record<string, string>;
  dontKnow: string;
  refusedAge: string;
  /** The raw roles for which recommend is asked. */
  askedRoles: string[];
}

const byLabel = (list: readonly string[]) => Object.fromEntries(list.map((l) => [l, l]));
const byCode = (list: readonly string[]) => Object.fromEntries(list.map((l, k) => [String(k + 1), l]));

function codebook(fixture: string, header: string, responses: Record<string, unknown>, c: Coding, extra: {before?: object[]; after?: object[]; trustBlank?: string; anyAskedIf?: boolean} = {}): string {
  const q = (id: keyof typeof TEXT, n: number, rest: object) => ({id, number: n, column: c.columns[id], label: LABEL[id], ...rest});
  const condition = (roles: string[]) => ({question: "role", in: roles});
  const askedIf = extra.anyAskedIf ? {any: c.askedRoles.map((r) => condition([r]))} : condition(c.askedRoles);
  const data = {
    study: {
      id: fixture,
      title: `Format fixture: ${header}`,
      citation: "Fictional respondents of the common fixture survey (test/formats/make-fixtures.ts); not a study.",
      year: 2024,
      population: "Twelve fictional health professionals",
      fieldwork: "March 2024",
      data: "original",
      unit: "respondents"
    },
    responses,
    scales: SCALE,
    questions: [
      ...(extra.before ?? []),
      q("role", 1, {type: "single", options: c.roles}),
      q("platforms", 2, {type: "multiple", ...(c.layout ? {layout: c.layout} : {}), options: c.platforms, exclusive: [Object.keys(c.platforms)[4]]}),
      q("hours", 3, {type: "number", min: 0, max: 168}),
      q("age", 4, {type: "number", integer: true, min: 18, max: 99, missing: {[c.refusedAge]: "Refused"}, bands: BANDS}),
      q("trust", 5, {type: "rating", scale: "trust-1-5", ...(extra.trustBlank ? {blank: extra.trustBlank} : {})}),
      q("recommend", 6, {type: "single", options: c.recommend, missing: {[c.dontKnow]: "Don't know"}, asked_if: askedIf}),
      q("comments", 7, {type: "text"}),
      ...(extra.after ?? [])
    ],
    // Twelve people cannot be 5-anonymous on role and age band: the fixtures accept it, with the reason.
    disclosure: {
      quasi_identifiers: ["role", "age"],
      public_rows: {age: "bands"},
      accept: "Twelve fictional respondents of a test survey: no real person is in them."
    }
  };
  // Written with YAML 1.1's quoting, so that "Yes" and "No" are quoted for every reader (the build reads YAML 1.2).
  const doc = new Document(data, {version: "1.1"});
  doc.commentBefore =
    ` yaml-language-server: $schema=../../../schema/codebook.schema.json\n` +
    ` Fixture "${fixture}" of the common fixture survey: ${header}.\n` +
    ` Written by test/formats/make-fixtures.ts (do not edit by hand; rerun it). Every fixture's codebook\n` +
    ` gives the same question ids, display labels, scale, bands and missing-value labels, so that every\n` +
    ` export means the same twelve respondents' answers.`;
  return doc.toString({lineWidth: 0});
}

// --- The exports ---------------------------------------------------------------------------------

const WEB: Omit<Coding, "columns"> = {
  roles: byLabel(ROLES),
  platforms: byLabel(PLATFORMS),
  recommend: {Yes: "Yes", No: "No"},
  dontKnow: "Don't know",
  refusedAge: PREFER_NOT,
  askedRoles: ["Physician", "Nurse"]
};
const CODED: Omit<Coding, "columns"> = {
  roles: byCode(ROLES),
  platforms: byCode(PLATFORMS),
  layout: "columns",
  recommend: {[RECOMMEND.Yes]: "Yes", [RECOMMEND.No]: "No"},
  dontKnow: RECOMMEND["Don't know"],
  refusedAge: REFUSED_AGE,
  askedRoles: ["1", "2"]
};

async function googleForms(): Promise<void> {
  const header = ["Timestamp", TEXT.role, TEXT.platforms, TEXT.hours, TEXT.age, TEXT.trust, TEXT.recommend, TEXT.comments];
  // The linked Sheet keeps numbers as numbers: the CSV shows Sheets' text of them (".5" is 0.5).
  const answers = (r: Respondent) => [r.role, ticked(r).join(", "), r.hours, ageLabel(r), trustCell(r), recommendCell(r), r.comments];
  const number = (s: string) => (s === "" ? null : Number(s));
  write("google-forms-csv", "responses.csv", csv([header, ...RESPONDENTS.map((r) => [sheetsTime(r.submitted), ...answers(r).map((a, k) => (k === 2 ? String(Number(a)) : a))])]));
  // The XLSX download of the same Sheet: the timestamp is a date cell, numbers are number cells,
  // and the workbook has a second sheet that is not the responses.
  const rows = RESPONDENTS.map((r) => {
    const [role, platforms, hours, age, trust, recommend, comments] = answers(r);
    return [excelDate(r.submitted), role, platforms, number(hours), r.age === null ? age : Number(age), number(trust), recommend || null, comments || null];
  });
  write("google-forms-xlsx", "responses.xlsx", await xlsx([{name: "Form Responses 1", rows: [header, ...rows]}, {name: "Notes", rows: [["Exported from the form's linked Google Sheet"]]}]));
  const columns = {role: TEXT.role, platforms: TEXT.platforms, hours: TEXT.hours, age: TEXT.age, trust: TEXT.trust, recommend: TEXT.recommend, comments: TEXT.comments};
  const responses = (file: string, sheet?: string) => ({file, format: "google-forms", ...(sheet ? {sheet} : {}), language: "en", timestamp: "Timestamp", separator: ", "});
  write("google-forms-csv", "codebook.yaml", codebook("google-forms-csv", "a Google Forms CSV (its linked Sheet, downloaded as .csv)", responses("responses.csv"), {...WEB, columns}));
  write("google-forms-xlsx", "codebook.yaml", codebook("google-forms-xlsx", "a Google Forms XLSX (its linked Sheet, downloaded as .xlsx: the timestamp is a date cell)", responses("responses.xlsx", "Form Responses 1"), {...WEB, columns}));
}

const QUALTRICS_META = ["StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)", "Finished", "RecordedDate", "ResponseId", "RecipientLastName", "RecipientFirstName", "RecipientEmail", "ExternalReference", "LocationLatitude", "LocationLongitude", "DistributionChannel", "UserLanguage"];
const QUALTRICS_META_TEXT = ["Start Date", "End Date", "Response Type", "IP Address", "Progress", "Duration (in seconds)", "Finished", "Recorded Date", "Response ID", "Recipient Last Name", "Recipient First Name", "Recipient Email", "External Data Reference", "Location Latitude", "Location Longitude", "Distribution Channel", "User Language"];
const TZ = "Europe/Brussels";
const QUALTRICS_META_IDS = ["startDate", "endDate", "status", "ipAddress", "progress", "duration", "finished", "recordedDate", "_recordId", "recipientLastName", "recipientFirstName", "recipientEmail", "externalDataReference", "locationLatitude", "locationLongitude", "distributionChannel", "userLanguage"].map((id) =>
  JSON.stringify(["startDate", "endDate", "recordedDate"].includes(id) ? {ImportId: id, timeZone: TZ} : {ImportId: id})
);
const responseId = (k: number) => `R_${["3kT9", "1mQa", "2xVb", "7pLc", "9sHd", "4nWe", "6rJf", "8uKg", "5yMh", "2tNi", "3wPj", "1zRk"][k]}Zq${String(k + 11).padStart(2, "0")}FxXw2b`;

async function qualtrics(): Promise<void> {
  const meta = (r: Respondent, k: number, numeric: boolean) => [
    started(r.submitted, k), r.submitted, numeric ? "0" : "IP Address", ip(k), "100", seconds(k), numeric ? "1" : "True", r.submitted, responseId(k),
    "", "", "", "", (50.85 + k / 100).toFixed(4), (4.35 + k / 100).toFixed(4), "anonymous", "EN"
  ];
  // Choice text: each choice's text, multi-select in one column joined by ",".
  write("qualtrics-text", "export.csv", csv([
    [...QUALTRICS_META, "Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "Q7"],
    [...QUALTRICS_META_TEXT, TEXT.role, TEXT.platforms, TEXT.hours, TEXT.age, TEXT.trust, TEXT.recommend, TEXT.comments],
    [...QUALTRICS_META_IDS, ...["QID1", "QID2", "QID3_TEXT", "QID4", "QID5", "QID6", "QID7_TEXT"].map((id) => JSON.stringify({ImportId: id}))],
    ...RESPONDENTS.map((r, k) => [...meta(r, k, false), r.role, ticked(r).join(","), r.hours, ageLabel(r), trustCell(r), recommendCell(r), r.comments])
  ], true));
  // Numeric values, with "split multi-value fields into columns": Q2_1…Q2_5 hold 1 when ticked.
  write("qualtrics-numeric", "export.csv", csv([
    [...QUALTRICS_META, "Q1", ...PLATFORMS.map((_, k) => `Q2_${k + 1}`), "Q3", "Q4", "Q5", "Q6", "Q7"],
    [...QUALTRICS_META_TEXT, TEXT.role, ...PLATFORMS.map((p) => `${TEXT.platforms} - ${p}`), TEXT.hours, TEXT.age, TEXT.trust, TEXT.recommend, TEXT.comments],
    [...QUALTRICS_META_IDS, ...["QID1", ...PLATFORMS.map((_, k) => `QID2_${k + 1}`), "QID3_TEXT", "QID4", "QID5", "QID6", "QID7_TEXT"].map((id) => JSON.stringify({ImportId: id}))],
    ...RESPONDENTS.map((r, k) => [
      ...meta(r, k, true), code(ROLES, r.role), ...PLATFORMS.map((p) => (r.platforms.includes(p) ? "1" : "")), r.hours, ageCode(r), trustCell(r), r.recommend ? RECOMMEND[r.recommend] : "", r.comments
    ])
  ], true));
  const columns = {role: "Q1", platforms: "Q2", hours: "Q3", age: "Q4", trust: "Q5", recommend: "Q6", comments: "Q7"};
  write("qualtrics-text", "codebook.yaml", codebook("qualtrics-text", 'a Qualtrics CSV export of choice text (multi-select in one cell, joined by ",")', {file: "export.csv", format: "qualtrics", language: "en", timestamp: "RecordedDate", separator: ","}, {...WEB, columns}));
  write("qualtrics-numeric", "codebook.yaml", codebook("qualtrics-numeric", "a Qualtrics CSV export of numeric values (recode values; multi-select split into columns Q2_1…Q2_5)", {file: "export.csv", format: "qualtrics", language: "en", timestamp: "RecordedDate"}, {...CODED, columns}));
}

async function surveyMonkey(): Promise<void> {
  const META = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address", "First Name", "Last Name", "Custom Data 1"];
  // Row 1: the question over its first column only; row 2: each column's option, or "Response" /
  // "Open-Ended Response" for a question with one column.
  const head1 = [...META, TEXT.role, TEXT.platforms, ...PLATFORMS.slice(1).map(() => ""), TEXT.hours, TEXT.age, TEXT.trust, TEXT.recommend, TEXT.comments];
  const head2 = [...META.map(() => ""), "Response", ...PLATFORMS, "Open-Ended Response", "Response", "Response", "Response", "Open-Ended Response"];
  const ids = (k: number) => [String(114236500123 + 7919 * k), "452117802"];
  const answers = (r: Respondent) => [r.role, ...PLATFORMS.map((p) => (r.platforms.includes(p) ? p : "")), r.hours, ageLabel(r), trustCell(r), recommendCell(r), r.comments];
  write("surveymonkey-csv", "export.csv", csv([head1, head2, ...RESPONDENTS.map((r, k) => [...ids(k), monkeyTime(started(r.submitted, k)), monkeyTime(r.submitted), ip(k), "", "", "", "", ...answers(r)])]));
  // The XLSX export: the same cells; the IDs are numbers and the times date cells.
  const rows = RESPONDENTS.map((r, k) => [...ids(k).map(Number), excelDate(started(r.submitted, k)), excelDate(r.submitted), ip(k), null, null, null, null, ...answers(r).map((a) => a || null)]);
  write("surveymonkey-xlsx", "export.xlsx", await xlsx([{name: "Sheet", rows: [head1.map((h) => h || null), head2.map((h) => h || null), ...rows], dateFormat: "mm/dd/yyyy hh:mm:ss AM/PM"}]));
  const columns = {role: TEXT.role, platforms: TEXT.platforms, hours: TEXT.hours, age: TEXT.age, trust: TEXT.trust, recommend: TEXT.recommend, comments: TEXT.comments};
  for (const [fixture, file, what] of [["surveymonkey-csv", "export.csv", "CSV"], ["surveymonkey-xlsx", "export.xlsx", "XLSX"]])
    write(fixture, "codebook.yaml", codebook(fixture, `a SurveyMonkey "All individual responses" ${what} export (two header rows, a column per option)`, {file, format: "surveymonkey", language: "en", timestamp: "End Date"}, {...WEB, columns}));
}

const INSTRUMENT = "social_media_survey";

async function redcap(): Promise<void> {
  const fields = ["record_id", "redcap_survey_identifier", `${INSTRUMENT}_timestamp`, "role", ...PLATFORMS.map((_, k) => `platforms___${k + 1}`), "hours", "age", "trust", "recommend", "comments", `${INSTRUMENT}_complete`];
  // Raw: codes, checkboxes 0/1, form status 2 (complete).
  write("redcap-raw", "export.csv", csv([fields, ...RESPONDENTS.map((r, k) => [
    String(k + 1), "", r.submitted, code(ROLES, r.role), ...PLATFORMS.map((p) => (r.platforms.includes(p) ? "1" : "0")), r.hours, ageCode(r), trustCell(r), r.recommend ? RECOMMEND[r.recommend] : "", r.comments, "2"
  ])], true));
  // Labels (the API's rawOrLabel=label with rawOrLabelHeaders=raw, exportCheckboxLabel=false):
  // choice labels, checkboxes Checked/Unchecked, field names still the headers.
  write("redcap-labels", "export.csv", csv([fields, ...RESPONDENTS.map((r, k) => [
    String(k + 1), "", r.submitted, r.role, ...PLATFORMS.map((p) => (r.platforms.includes(p) ? "Checked" : "Unchecked")), r.hours, ageCode(r), trustCell(r), recommendCell(r), r.comments, "Complete"
  ])], true));
  // The project's data dictionary (Project Setup → Data Dictionary → download), its 18 columns.
  const DICTIONARY = ["Variable / Field Name", "Form Name", "Section Header", "Field Type", "Field Label", "Choices, Calculations, OR Slider Labels", "Field Note", "Text Validation Type OR Show Slider Number", "Text Validation Min", "Text Validation Max", "Identifier?", "Branching Logic (Show field only if...)", "Required Field?", "Custom Alignment", "Question Number (surveys only)", "Matrix Group Name", "Matrix Ranking?", "Field Annotation"];
  const field = (name: string, type: string, label: string, more: Partial<Record<(typeof DICTIONARY)[number], string>> = {}) =>
    DICTIONARY.map((col, k) => (k === 0 ? name : k === 1 ? INSTRUMENT : k === 3 ? type : k === 4 ? label : more[col] ?? ""));
  const choices = (list: readonly string[], codes = list.map((_, k) => String(k + 1))) => list.map((l, k) => `${codes[k]}, ${l}`).join(" | ");
  write("redcap-raw", "data-dictionary.csv", csv([
    DICTIONARY,
    field("record_id", "text", "Record ID"),
    field("role", "radio", TEXT.role, {"Choices, Calculations, OR Slider Labels": choices(ROLES), "Required Field?": "y"}),
    field("platforms", "checkbox", TEXT.platforms, {"Choices, Calculations, OR Slider Labels": choices(PLATFORMS), "Field Annotation": "@NONEOFTHEABOVE='5'"}),
    field("hours", "text", TEXT.hours, {"Text Validation Type OR Show Slider Number": "number", "Text Validation Min": "0", "Text Validation Max": "168"}),
    field("age", "text", TEXT.age, {"Field Note": `Years; ${REFUSED_AGE} = prefer not to say`, "Text Validation Type OR Show Slider Number": "integer", "Text Validation Min": "18", "Text Validation Max": "99"}),
    field("trust", "radio", TEXT.trust, {"Choices, Calculations, OR Slider Labels": choices(["1", "2", "3", "4", "5"]), "Custom Alignment": "LH"}),
    field("recommend", "radio", TEXT.recommend, {"Choices, Calculations, OR Slider Labels": choices(Object.keys(RECOMMEND), Object.values(RECOMMEND)), "Branching Logic (Show field only if...)": "[role] = '1' or [role] = '2'"}),
    field("comments", "notes", TEXT.comments)
  ]));
  const columns = {role: "role", platforms: "platforms", hours: "hours", age: "age", trust: "trust", recommend: "recommend", comments: "comments"};
  const recordId = {id: "record_id", column: "record_id", label: "Record ID", type: "text"};
  const responses = (file: string) => ({file, format: "redcap", language: "en", timestamp: `${INSTRUMENT}_timestamp`});
  write("redcap-raw", "codebook.yaml", codebook("redcap-raw", "a REDCap raw export (codes; checkbox platforms___1… as 0/1), with its data dictionary", responses("export.csv"), {...CODED, layout: undefined, columns}, {before: [recordId]}));
  write("redcap-labels", "codebook.yaml", codebook("redcap-labels", "a REDCap export of labels (field names as headers; checkboxes Checked/Unchecked)", responses("export.csv"), {
    ...WEB, platforms: byCode(PLATFORMS), refusedAge: REFUSED_AGE, columns
  }, {before: [recordId]}));
}

async function coded(): Promise<void> {
  // As statistics software writes a coded file: numeric codes, one 0/1 column per platform, blank
  // where a question was not asked, "8"/"9" don't know/refused declared for every question (and 99
  // for a refused age); decimals as SPSS prints them (".5").
  const header = ["id", "submitted", "role", ...PLATFORMS.map((_, k) => `platforms_${k + 1}`), "hours", "age", "trust", "recommend", "comments"];
  write("coded-csv", "survey.csv", csv([header, ...RESPONDENTS.map((r, k) => [
    String(1001 + k), r.submitted, code(ROLES, r.role), ...PLATFORMS.map((p) => (r.platforms.includes(p) ? "1" : "0")), r.hours, ageCode(r), trustCell(r), r.recommend ? RECOMMEND[r.recommend] : "", r.comments
  ])]));
  const columns = {role: "role", platforms: "platforms", hours: "hours", age: "age", trust: "trust", recommend: "recommend", comments: "comments"};
  const id = {id: "id", column: "id", label: "Respondent number", type: "text"};
  write("coded-csv", "codebook.yaml", codebook("coded-csv", "a coded CSV (numeric codes, 8/9 don't know/refused declared missing, blank = not asked)", {
    file: "survey.csv", format: "csv", language: "en", timestamp: "submitted", missing: {"8": "Don't know", "9": "Refused"}, missing_as: "excluded", blank: "not-asked"
  }, {...CODED, columns}, {before: [id], trustBlank: "unanswered"}));
  // The SPSS file holds the same codes (make-sav.R); the sub-columns are platforms_1… as in the CSV.
  write("spss", "codebook.yaml", codebook("spss", "an SPSS .sav file (codes with value labels; 99 declared user-missing on age, 8 on recommend)", {
    file: "survey.sav", format: "spss", language: "en", timestamp: "submitted"
  }, {...CODED, columns}, {before: [id], anyAskedIf: true}));
}

await googleForms();
await qualtrics();
await surveyMonkey();
await redcap();
await coded();
console.log(`wrote the fixtures of ${RESPONDENTS.length} respondents under ${HERE}; now run: Rscript test/formats/make-sav.R`);
