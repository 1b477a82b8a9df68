// Tests of the common fixture survey (test/formats/): every fixture has a codebook and its export,
// the codebooks agree on what the questions are, the XLSX and SAV exports read (loaders/readers.ts)
// to the same cells as their CSV siblings, and every export, decoded with its own codebook, gives
// the twelve respondents' answers of survey.ts. The decoding here is a plain reading of the
// codebook format (docs/codebook.md), independent of loaders/validate.ts.
// Run: node --import tsx --test test/formats/fixtures.test.ts
import assert from "node:assert/strict";
import {existsSync, readdirSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {after, before, describe, test} from "node:test";
import {type DuckDBConnection, DuckDBInstance} from "@duckdb/node-api";
import {csvParseRows} from "d3-dsv";
import {parse} from "yaml";
import {FORMATS, headerKeys} from "../../loaders/formats.ts";
import {fileKind, loadSheet} from "../../loaders/readers.ts";
import {LABEL, PLATFORMS, RESPONDENTS} from "./survey.ts";

const HERE = fileURLToPath(new URL(".", import.meta.url));
const FIXTURES = readdirSync(HERE, {withFileTypes: true}).filter((d) => d.isDirectory()).map((d) => d.name).sort();

interface Q {
  id: string;
  column: string;
  label: string;
  type: string;
  options?: Record<string, string>;
  layout?: "cell" | "columns";
  exclusive?: string[];
  missing?: Record<string, string>;
  blank?: string;
  bands?: {label: string; min?: number; max?: number}[];
  scale?: string;
  asked_if?: Cond | {any: Cond[]} | {all: Cond[]};
  private?: boolean;
}
interface Cond {question: string; in?: string[]; not?: string[]}
interface Book {
  study: {id: string};
  responses: {file: string; format: string; sheet?: string; timestamp?: string; separator?: string; missing?: Record<string, string>; blank?: string};
  scales: Record<string, unknown>;
  questions: Q[];
}
const book = (fixture: string): Book => parse(readFileSync(join(HERE, fixture, "codebook.yaml"), "utf8"));
const isPrivate = (q: Q) => q.private ?? q.type === "text";

// What each format's export looks like: the loader's own description (loaders/formats.ts).

let instance: DuckDBInstance;
let connection: DuckDBConnection;
before(async () => {
  instance = await DuckDBInstance.create(":memory:");
  connection = await instance.connect();
});
after(() => {
  connection.closeSync();
  instance.closeSync();
});

let tables = 0;
/** Every row of a fixture's export, as text cells (CSV parsed as the spreadsheet shows it). */
async function rowsOf(fixture: string, b = book(fixture)): Promise<string[][]> {
  const path = join(HERE, fixture, b.responses.file);
  const kind = fileKind(path);
  if (kind === "csv") return csvParseRows(readFileSync(path, "utf8").replace(/^\uFEFF/, ""));
  const table = `f${++tables}`;
  await loadSheet(connection, path, {kind, table, sheet: b.responses.sheet});
  return ((await connection.runAndReadAll(`SELECT * FROM ${table}`)).getRows() as string[][]).map((r) => r.map(String));
}

/** A date-time in any of the exports' ways of writing one, as YYYY-MM-DD HH:MM:SS. */
function isoTime(cell: string): string {
  const pad = (n: string | number) => String(n).padStart(2, "0");
  let m = cell.match(/^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)$/);
  if (m) return cell;
  m = cell.match(/^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d\d):(\d\d)(?: (AM|PM))?$/);
  assert.ok(m, `a date-time: ${cell}`);
  const [, mo, d, y, h, mi, s, half] = m;
  const hour = half ? (Number(h) % 12) + (half === "PM" ? 12 : 0) : Number(h);
  return `${y}-${pad(mo)}-${pad(d)} ${pad(hour)}:${mi}:${s}`;
}

type Decoded = string | number | string[] | {missing: string} | "not asked" | "unanswered" | "no";

/** Each respondent's answers, decoded with the fixture's codebook (display labels, numbers, missing labels). */
async function decode(fixture: string) {
  const b = book(fixture);
  const {format} = b.responses;
  const rows = await rowsOf(fixture, b);
  const names = headerKeys(FORMATS[format], rows);
  const at = (name: string) => {
    const k = names.indexOf(name);
    assert.ok(k >= 0, `${fixture}: a column "${name}"`);
    return k;
  };
  const separator = b.responses.separator ?? FORMATS[format].separator;
  const layoutOf = (q: Q) => q.layout ?? (format === "surveymonkey" || format === "redcap" ? "columns" : "cell");
  return rows.slice(FORMATS[format].headerRows).map((cells) => {
    const raw = new Map<string, string | string[]>();
    const answers: Record<string, Decoded> = {};
    const holds = (c: Cond) => {
      const v = raw.get(c.question);
      if (v === undefined || v === "" || (Array.isArray(v) && !v.length)) return false;
      const values = Array.isArray(v) ? v : [v];
      return c.in ? values.some((x) => c.in!.includes(x)) : !values.some((x) => c.not!.includes(x));
    };
    for (const q of b.questions) {
      const missing = {...b.responses.missing, ...q.missing};
      let value: Decoded;
      if (q.type === "multiple" && layoutOf(q) === "columns") {
        const ticked = Object.keys(q.options!).filter((key) => !["", "0", "Unchecked"].includes(cells[at(FORMATS[format].optionColumn(q.column, key))].trim()));
        raw.set(q.id, ticked);
        value = ticked.length ? ticked.map((key) => q.options![key]) : "";
      } else {
        const cell = cells[at(q.column)].trim();
        raw.set(q.id, cell);
        if (cell in missing) value = {missing: missing[cell]};
        else if (cell === "") value = "";
        else if (q.type === "multiple") {
          const found: string[] = [];
          const keys = Object.keys(q.options!).sort((x, y) => y.length - x.length);
          for (let rest = cell; rest; ) {
            const key = keys.find((k) => rest === k || rest.startsWith(k + separator));
            assert.ok(key, `${fixture}: "${rest}" starts with an option of ${q.id}`);
            found.push(key);
            rest = rest.slice(key.length + separator.length);
          }
          raw.set(q.id, found);
          value = found.map((key) => q.options![key]);
        } else if (q.options) {
          assert.ok(cell in q.options, `${fixture}: "${cell}" is an option of ${q.id}`);
          value = q.options[cell];
        } else if (q.type === "number" || q.type === "rating") value = Number(cell);
        else value = cells[at(q.column)];
      }
      const cond = q.asked_if;
      const asked = !cond || ("any" in cond ? cond.any.some(holds) : "all" in cond ? cond.all.every(holds) : holds(cond as Cond));
      if (!asked) {
        assert.equal(value, "", `${fixture}: ${q.id} is blank where it is not asked`);
        value = "not asked";
      } else if (value === "" && q.type !== "text") value = (q.blank ?? b.responses.blank ?? "unanswered") as Decoded;
      answers[q.id] = value;
    }
    return {answers, timestamp: b.responses.timestamp ? isoTime(cells[at(b.responses.timestamp)]) : undefined};
  });
}

test("every fixture folder has a codebook and the export it names", () => {
  assert.deepEqual(FIXTURES, [
    "coded-csv", "google-forms-csv", "google-forms-xlsx", "qualtrics-numeric", "qualtrics-text",
    "redcap-labels", "redcap-raw", "spss", "surveymonkey-csv", "surveymonkey-xlsx"
  ]);
  for (const fixture of FIXTURES) {
    assert.ok(existsSync(join(HERE, fixture, "codebook.yaml")), `${fixture}/codebook.yaml`);
    const b = book(fixture);
    assert.equal(b.study.id, fixture);
    assert.ok(existsSync(join(HERE, fixture, b.responses.file)), `${fixture}/${b.responses.file}`);
    fileKind(b.responses.file);
  }
  assert.ok(existsSync(join(HERE, "redcap-raw", "data-dictionary.csv")));
});

test("the codebooks agree: question ids, types, labels, display options, scale, bands, missing labels", () => {
  // What a question means, whatever its raw codes: the skip logic as the display labels it names.
  const meaning = (b: Book) =>
    b.questions.filter((q) => !isPrivate(q) || q.id === "comments").map((q) => {
      const role = b.questions.find((x) => x.id === "role")!;
      const conds = q.asked_if ? ("any" in q.asked_if ? q.asked_if.any : "all" in q.asked_if ? q.asked_if.all : [q.asked_if]) : [];
      return {
        id: q.id, label: q.label, type: q.type, scale: q.scale, bands: q.bands, exclusive: q.exclusive?.map((k) => q.options![k]),
        options: q.options && Object.values(q.options), missing: Object.values(q.missing ?? {}).sort(),
        askedIf: conds.flatMap((c) => c.in!.map((r) => role.options![r])).sort()
      };
    });
  const reference = meaning(book("google-forms-csv"));
  assert.deepEqual(reference.map((q) => q.label), Object.values(LABEL));
  assert.deepEqual(reference.find((q) => q.id === "platforms")!.options, [...PLATFORMS]);
  for (const fixture of FIXTURES) {
    const b = book(fixture);
    assert.deepEqual(meaning(b), reference, fixture);
    assert.deepEqual(b.scales, book("google-forms-csv").scales, fixture);
  }
});

describe("XLSX and SAV exports read as their CSV siblings", () => {
  test("Google Forms: the XLSX's cells are the CSV's, the timestamp a date cell", async () => {
    const csv = await rowsOf("google-forms-csv");
    const xlsx = await rowsOf("google-forms-xlsx");
    assert.equal(xlsx.length, 13);
    assert.deepEqual(xlsx.map((r) => r.slice(1)), csv.map((r) => r.slice(1)));
    assert.deepEqual(xlsx.slice(1).map((r) => r[0]), csv.slice(1).map((r) => isoTime(r[0])));
    assert.deepEqual(xlsx.slice(1).map((r) => r[0]), RESPONDENTS.map((r) => r.submitted));
  });

  test("SurveyMonkey: the XLSX's cells are the CSV's, both header rows included; times are date cells", async () => {
    const csv = await rowsOf("surveymonkey-csv");
    const xlsx = await rowsOf("surveymonkey-xlsx");
    assert.equal(xlsx.length, 14);
    const times = [2, 3]; // Start Date, End Date
    const rest = (r: string[]) => r.filter((_, k) => !times.includes(k));
    assert.deepEqual(xlsx.map(rest), csv.map(rest));
    for (const k of times) assert.deepEqual(xlsx.slice(2).map((r) => r[k]), csv.slice(2).map((r) => isoTime(r[k])));
  });

  test("SPSS: the .sav's cells are the coded CSV's (numbers as numbers: \".5\" is 0.5)", async () => {
    const csv = await rowsOf("coded-csv");
    const sav = await rowsOf("spss");
    assert.equal(sav.length, 13);
    assert.deepEqual(sav[0], csv[0]);
    const hours = csv[0].indexOf("hours");
    assert.deepEqual(sav.map((r) => r.filter((_, k) => k !== hours)), csv.map((r) => r.filter((_, k) => k !== hours)));
    assert.deepEqual(sav.slice(1).map((r) => Number(r[hours])), csv.slice(1).map((r) => Number(r[hours])));
    assert.equal(csv[4][hours], ".5");
    assert.equal(sav[4][hours], "0.5");
  });
});

test("every export, decoded with its codebook, gives the same twelve respondents' answers", async () => {
  const expected = RESPONDENTS.map((r) => ({
    role: r.role,
    platforms: PLATFORMS.filter((p) => r.platforms.includes(p)),
    hours: Number(r.hours),
    age: r.age ?? {missing: "Refused"},
    trust: r.trust ?? "unanswered",
    recommend: r.recommend === undefined ? "not asked" : r.recommend === "Don't know" ? {missing: "Don't know"} : r.recommend,
    comments: r.comments
  }));
  for (const fixture of FIXTURES) {
    const decoded = await decode(fixture);
    const keep = Object.keys(expected[0]);
    assert.deepEqual(decoded.map((d) => Object.fromEntries(keep.map((k) => [k, d.answers[k]]))), expected, fixture);
    assert.deepEqual(decoded.map((d) => d.timestamp), RESPONDENTS.map((r) => r.submitted), `${fixture}: timestamps`);
  }
});
