// The cases of the bad-input catalogue (bad-inputs.test.ts): a format fixture copied into a study
// folder, broken one way, and what the build must say of it. Each message names the file and,
// where there is one, the row, column and value, with what was expected; bad-inputs.test.ts also
// checks for the what-to-do line every error ends with.
import {appendFileSync, readFileSync, rmSync, symlinkSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import iconv from "iconv-lite";

export interface BadInput {
  name: string;
  /** The fixture copied (from the project's root), as the study folder. */
  base: string;
  /** The study folder's name, when it is not the fixture's. */
  folder?: string;
  /** Breaks the copy: `study` is its folder, `dir` the case's own scratch folder. */
  change: (study: string, dir: string) => void;
  /** What the build's output must say. */
  message: RegExp | RegExp[];
}

const GOOGLE = "test/formats/google-forms-csv";
const QUALTRICS = "test/formats/qualtrics-text";
const XLSX = "test/formats/google-forms-xlsx";
const SPSS = "test/formats/spss";
const REDCAP = "test/formats/redcap-raw";

const file = (study: string, name = "responses.csv") => join(study, name);
const lines = (path: string) => readFileSync(path, "utf8").split("\n");
/** Edits the lines of a text file. */
const editLines = (path: string, edit: (lines: string[]) => string[]) => writeFileSync(path, edit(lines(path)).join("\n"));
/** Edits a codebook's text. */
const editCodebook = (study: string, edit: (text: string) => string) => writeFileSync(file(study, "codebook.yaml"), edit(readFileSync(file(study, "codebook.yaml"), "utf8")));
const claims = (study: string, text: string) => writeFileSync(file(study, "claims.yaml"), text);
const CLAIM = (of: string) => `claims:\n  - id: a_claim\n    where: Results\n    printed: "5"\n    of: ${of}\n`;

export const cases: BadInput[] = [
  // --- The whole file -------------------------------------------------------------------------
  {name: "an empty responses file (0 bytes)", base: GOOGLE, change: (s) => writeFileSync(file(s), ""), message: /responses\.csv.*is empty/},
  {name: "an export with its header row only", base: GOOGLE, change: (s) => editLines(file(s), (l) => l.slice(0, 1)), message: /responses\.csv.*no responses: it has its header row but no row of answers/},
  {name: "an export with only blank lines after its header", base: GOOGLE, change: (s) => editLines(file(s), (l) => [l[0], "", "", ""]), message: /responses\.csv.*no responses/},
  {name: "a PNG image saved as responses.csv", base: GOOGLE, change: (s) => writeFileSync(file(s), Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex")), message: /responses\.csv.*is not a CSV export: it is a PNG image/},
  {name: "a JSON file saved as responses.csv", base: GOOGLE, change: (s) => writeFileSync(file(s), JSON.stringify([{role: "Physician", age: 34}], null, 2)), message: /responses\.csv.*is not a CSV export: it is JSON/},
  {name: "an XLSX workbook saved as responses.csv", base: XLSX, folder: "google-forms-xlsx", change: (s) => {
    writeFileSync(file(s), readFileSync(file(s, "responses.xlsx")));
    editCodebook(s, (t) => t.replace("file: responses.xlsx", "file: responses.csv").replace(/\n  sheet: .*/, ""));
  }, message: /responses\.csv: expected a CSV export, but the file is not a CSV export: it is an XLSX workbook\. If it is the workbook, save it as responses\.xlsx/},
  {name: "a CSV saved as responses.xlsx", base: GOOGLE, change: (s) => {
    writeFileSync(file(s, "responses.xlsx"), readFileSync(file(s)));
    editCodebook(s, (t) => t.replace("file: responses.csv", "file: responses.xlsx"));
  }, message: /responses\.xlsx.*is not an XLSX workbook.*(text|CSV)/},
  {name: "a huge file of garbage bytes", base: GOOGLE, change: (s) => {
    // 4 MB of bytes from a fixed generator: no header row, not text.
    const bytes = Buffer.alloc(4 << 20);
    for (let i = 0, x = 12345; i < bytes.length; i++) bytes[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
    writeFileSync(file(s), bytes);
  }, message: /responses\.csv.*is not a CSV export: it is binary data/},
  {name: "a Windows-1252 file (not UTF-8)", base: GOOGLE, change: (s) => {
    editLines(file(s), (l) => l.map((line, i) => (i === 1 ? line.replace("Useful for journal clubs.", "Très utile, café.") : line)));
    writeFileSync(file(s), iconv.encode(readFileSync(file(s), "utf8"), "windows-1252"));
  }, message: /responses\.csv.*is not UTF-8.*row 2.*windows-1252/i},
  {name: "a Windows-1251 (Cyrillic) file (not UTF-8)", base: GOOGLE, change: (s) => {
    editLines(file(s), (l) => l.map((line, i) => (i === 1 ? line.replace("Useful for journal clubs.", "Очень полезно для журнальных клубов, спасибо.") : line)));
    writeFileSync(file(s), iconv.encode(readFileSync(file(s), "utf8"), "windows-1251"));
  }, message: /responses\.csv.*is not UTF-8.*windows-1251/i},
  {name: "a UTF-16 file (Excel's “Unicode text”)", base: GOOGLE, change: (s) => writeFileSync(file(s), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(readFileSync(file(s), "utf8"), "utf16le")])), message: /responses\.csv.*is not UTF-8.*UTF-16/i},
  {name: "a missing responses file", base: GOOGLE, change: (s) => rmSync(file(s)), message: /responses\.csv: expected the export, but the file is not found/},
  {name: "responses.csv a symlink to /etc/passwd", base: GOOGLE, change: (s) => {
    rmSync(file(s));
    symlinkSync("/etc/passwd", file(s));
  }, message: [/responses\.csv.*is a symbolic link.*outside the study folder/, /^(?![\s\S]*root:x:0)/]},
  {name: "responses.csv a symlink to a CSV elsewhere", base: GOOGLE, change: (s, dir) => {
    writeFileSync(join(dir, "elsewhere.csv"), readFileSync(file(s)));
    rmSync(file(s));
    symlinkSync(join(dir, "elsewhere.csv"), file(s));
  }, message: /responses\.csv.*is a symbolic link.*outside the study folder/},
  {name: "a responses file named by a path leading out of the study folder", base: GOOGLE, change: (s) => editCodebook(s, (t) => t.replace("file: responses.csv", "file: ../../responses.csv")), message: /codebook\.yaml:17: \/responses\/file is "\.\.\/\.\.\/responses\.csv": name a file inside the study folder/},
  {name: "a responses file named by an absolute path", base: GOOGLE, change: (s) => editCodebook(s, (t) => t.replace("file: responses.csv", "file: /etc/passwd")), message: /codebook\.yaml:17: \/responses\/file is "\/etc\/passwd": name a file inside the study folder/},
  {name: "study.id unlike its folder's name", base: GOOGLE, change: (s) => editCodebook(s, (t) => t.replace("id: google-forms-csv", "id: ali-2025")), message: /codebook\.yaml.*study\.id is "ali-2025" but the folder is "google-forms-csv"/},

  // --- Rows and cells --------------------------------------------------------------------------
  {name: "a row with a cell too few (ragged)", base: GOOGLE, change: (s) => editLines(file(s), (l) => l.map((line, i) => (i === 3 ? line.replace(/,[^,]*$/, "") : line))), message: /responses\.csv, row 4, column H "\(row length\)": "7" — expected 8 cells, as in the header/},
  {name: "a row with a cell too many (ragged)", base: GOOGLE, change: (s) => editLines(file(s), (l) => l.map((line, i) => (i === 5 ? `${line},extra` : line))), message: /responses\.csv, row 6, column I "\(row length\)": "9" — expected 8 cells, as in the header/},
  {name: "an unterminated quote", base: GOOGLE, change: (s) => editLines(file(s), (l) => l.map((line, i) => (i === 4 ? line.replace(/,([^,]*)$/, ',"$1') : line))), message: /responses\.csv.*(quote|row 5)/},
  {name: "an answer the codebook does not list", base: GOOGLE, change: (s) => editLines(file(s), (l) => l.map((line, i) => (i === 2 ? line.replace(",Nurse,", ",Midwife,") : line))), message: /responses\.csv, row 3, column B "What is your role\?": "Midwife" — expected one of "Physician", "Nurse", "Pharmacist", "Other"/},
  {name: "a number out of range", base: GOOGLE, change: (s) => editLines(file(s), (l) => l.map((line, i) => (i === 1 ? line.replace(",12,34,", ",12,340,") : line))), message: /responses\.csv, row 2, column E "How old are you\?": "340" — expected .*18.*99/},
  {name: "a word where a number belongs", base: GOOGLE, change: (s) => editLines(file(s), (l) => l.map((line, i) => (i === 1 ? line.replace(",12,34,", ",twelve,34,") : line))), message: /responses\.csv, row 2, column D .*"twelve" — expected a number/},
  {name: "a rating outside its scale", base: GOOGLE, change: (s) => editLines(file(s), (l) => l.map((line, i) => (i === 1 ? line.replace(",34,4,", ",34,7,") : line))), message: /responses\.csv, row 2, column F .*"7" — expected/},
  {name: "a 10 MB cell", base: GOOGLE, change: (s) => editLines(file(s), (l) => l.map((line, i) => (i === 2 ? line.replace(",Nurse,", `,${"Nurse".repeat(2_000_000)},`) : line))), message: [/responses\.csv, row 3: expected a row of at most 2 MB, but this one is 10,000,0\d\d bytes/, /^(?![\s\S]*(NurseNurse){20})/]},
  {name: "a repeated respondent (a row exactly duplicated)", base: GOOGLE, change: (s) => editLines(file(s), (l) => [...l.slice(0, 4), l[3], ...l.slice(4)]), message: /responses\.csv, row 5: expected a response once, but every cell of row 5 is the same as in row 4 \(a response counted twice\)/},
  {name: "a respondent id used twice (Qualtrics ResponseId)", base: QUALTRICS, change: (s) => {
    editCodebook(s, (t) => t.replace("  timestamp: RecordedDate\n", "  timestamp: RecordedDate\n  respondent_id: ResponseId\n"));
    editLines(file(s, "export.csv"), (l) => {
      const id = /,(R_\w+),/.exec(l[3])![1];
      return l.map((line, i) => (i === 5 ? line.replace(/,R_\w+,/, `,${id},`) : line));
    });
  }, message: /export\.csv, row 6, column I "ResponseId": "R_\w+" — expected an id no other row has, but row 4 has it too/},
  {name: "a respondent id column the export does not have", base: QUALTRICS, change: (s) => editCodebook(s, (t) => t.replace("  timestamp: RecordedDate\n", "  timestamp: RecordedDate\n  respondent_id: Response_ID\n")), message: /export\.csv, row 1, column Y "\(missing\)": empty — expected a column headed "Response_ID" \(responses\.respondent_id names it\)/},

  // --- Columns ---------------------------------------------------------------------------------
  {name: "a question's column missing", base: GOOGLE, change: (s) => editLines(file(s), (l) => l.map((line) => line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).filter((_, j) => j !== 4).join(","))), message: /responses\.csv, row 1, column H "\(missing\)": empty — expected a column headed "How old are you\?"/},
  {name: "a question's column renamed", base: GOOGLE, change: (s) => editLines(file(s), (l) => [l[0].replace("How old are you?", "Your age?"), ...l.slice(1)]), message: [/responses\.csv, row 1, column E "Your age\?": "Your age\?" — expected a column described in the codebook/, /expected a column headed "How old are you\?"/]},
  {name: "a column header twice", base: GOOGLE, change: (s) => editLines(file(s), (l) => [l[0].replace("Any other comments?", "What is your role?"), ...l.slice(1)]), message: /responses\.csv, row 1, column H "What is your role\?": "What is your role\?" — expected each column header once/},
  {name: "a column header that is a path (../../x)", base: GOOGLE, change: (s) => {
    editLines(file(s), (l) => [l[0].replace("How old are you?", "../../x"), ...l.slice(1)]);
    editCodebook(s, (t) => t.replace("column: How old are you?", 'column: "../../x"').replace("min: 18\n", "min: 18\n    published: nonsense\n"));
  }, message: /codebook\.yaml/},

  // --- Codebooks -------------------------------------------------------------------------------
  {name: "an empty codebook (0 bytes)", base: GOOGLE, change: (s) => writeFileSync(file(s, "codebook.yaml"), ""), message: /codebook\.yaml is empty/},
  {name: "a codebook of comments only", base: GOOGLE, change: (s) => writeFileSync(file(s, "codebook.yaml"), "# to do\n"), message: /codebook\.yaml is empty/},
  {name: "invalid YAML in the codebook", base: GOOGLE, change: (s) => editCodebook(s, (t) => t.replace("  label: Role\n", "  label: Role\n   type: [single\n")), message: /codebook\.yaml:\d+: invalid YAML/},
  {name: "a question type that does not exist", base: GOOGLE, change: (s) => editCodebook(s, (t) => t.replace("type: single", "type: singel")), message: /codebook\.yaml:\d+.*type.*(must be equal to one of|one of)/},
  {name: "a question id used twice", base: GOOGLE, change: (s) => editCodebook(s, (t) => t.replace("id: recommend", "id: role")), message: /codebook\.yaml:\d+.*"role".*(twice|more than once|already)/},
  {name: "asked_if names a question that does not exist", base: GOOGLE, change: (s) => editCodebook(s, (t) => t.replace("    asked_if:\n      question: role", "    asked_if:\n      question: profession")), message: /codebook\.yaml:\d+.*"profession"/},
  {name: "asked_if names an option that does not exist", base: GOOGLE, change: (s) => editCodebook(s, (t) => t.replace("        - Nurse\n", "        - Nurse practitioner\n")), message: /codebook\.yaml:\d+.*"Nurse practitioner"/},
  {name: "exclusive names an option that does not exist", base: GOOGLE, change: (s) => editCodebook(s, (t) => t.replace("      - None of these\n", "      - None\n")), message: /codebook\.yaml:\d+.*"None"/},
  {name: "a subgroup table grouped by a question that does not exist", base: GOOGLE, change: (s) => appendFileSync(file(s, "codebook.yaml"), 'tables:\n  subgroups:\n    title: By role\n    by: [rol]\n    rows:\n      - {variable: recommend, level: "Yes", label: Would recommend}\n'), message: /codebook\.yaml:\d+.*"rol"/},
  {name: "a rating question naming a scale that does not exist", base: GOOGLE, change: (s) => editCodebook(s, (t) => t.replace("scale: trust-1-5", "scale: trust-1-7")), message: /codebook\.yaml:\d+.*"trust-1-7"/},
  // Disclosure control (loaders/disclosure.ts): the format fixtures accept their twelve fictional people.
  {name: "row-level files that would single respondents out (the accept taken away)", base: GOOGLE, change: (s) => editCodebook(s, (t) => t.replace(/\n  accept: .*/, "")), message: [/codebook\.yaml: \d+ of 12 rows would be published in groups smaller than k = 5 on role, age/, /The smallest groups:\n {4}role = /, /public_rows: \{age: bands\} or \{top_code: N\}/]},
  {name: "a study with rows and no disclosure section", base: GOOGLE, change: (s) => editCodebook(s, (t) => t.replace(/\ndisclosure:\n(  .*\n)+/, "\n")), message: /codebook\.yaml: no disclosure section\. This study publishes row-level files/},
  {name: "disclosure names a question that does not exist", base: GOOGLE, change: (s) => editCodebook(s, (t) => t.replace("  quasi_identifiers:\n    - role\n", "  quasi_identifiers:\n    - roles\n")), message: /codebook\.yaml:\d+: disclosure: quasi-identifier "roles" is no question or derived grouping/},
  {name: "a codebook that is not a mapping (a list)", base: GOOGLE, change: (s) => writeFileSync(file(s, "codebook.yaml"), "- study\n- questions\n"), message: /codebook\.yaml.*(mapping|must be object)/},

  // --- Claims files ----------------------------------------------------------------------------
  {name: "invalid YAML in claims.yaml", base: GOOGLE, change: (s) => claims(s, "claims:\n  - id: total\n    printed: \"12\n    of: {respondents: total}\n"), message: /claims\.yaml:\d+: invalid YAML/},
  {name: "an empty claims.yaml", base: GOOGLE, change: (s) => claims(s, ""), message: /claims\.yaml is empty/},
  {name: "a claim of a question that does not exist", base: GOOGLE, change: (s) => claims(s, CLAIM("{share: profession, level: Nurse}")), message: /claims\.yaml: google-forms-csv claim "a_claim" \(Results\): no question or grouping "profession"/},
  {name: "a claim of an option that does not exist", base: GOOGLE, change: (s) => claims(s, CLAIM("{share: role, level: Midwife}")), message: /claims\.yaml: google-forms-csv claim "a_claim" \(Results\): "role" has no level "Midwife" \(levels: Physician, Nurse, Pharmacist, Other\)/},
  {name: "a claim of a subgroup table that does not exist", base: GOOGLE, change: (s) => claims(s, CLAIM("{subgroup: subgroups, row: recommend, level: \"Yes\", by: role, group: Nurse}")), message: /claims\.yaml: google-forms-csv claim "a_claim" \(Results\): no subgroup table "subgroups"/},

  // --- Other formats ---------------------------------------------------------------------------
  {name: "a truncated XLSX workbook", base: XLSX, change: (s) => writeFileSync(file(s, "responses.xlsx"), readFileSync(file(s, "responses.xlsx")).subarray(0, 2000)), message: /responses\.xlsx: "not a readable \.xlsx \(zip\) file" — expected an \.xlsx workbook as Excel, LibreOffice or Google Sheets saves it/},
  {name: "a truncated SPSS file", base: SPSS, change: (s) => {
    const name = readFileSync(file(s, "codebook.yaml"), "utf8").match(/file: (\S+\.sav)/)![1];
    writeFileSync(file(s, name), readFileSync(file(s, name)).subarray(0, 700));
  }, message: /\.sav.*(truncated|damaged|corrupt|ends)/},
  {name: "a REDCap export with a record_id left empty (respondent_id: record_id)", base: REDCAP, change: (s) => {
    const name = readFileSync(file(s, "codebook.yaml"), "utf8").match(/file: (\S+\.csv)/)![1];
    editCodebook(s, (t) => t.replace("  format: redcap\n", "  format: redcap\n  respondent_id: record_id\n"));
    editLines(file(s, name), (l) => l.map((line, i) => (i === 2 ? line.replace(/^[^,]*/, "") : line)));
  }, message: /\.csv, row 3, column A "record_id": empty — expected the respondent's id \(responses\.respondent_id\)/}
];
