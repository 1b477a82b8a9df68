// Tests for loaders/readers.ts: XLSX and SAV files into a table of text cells, and the errors a
// wrong file gets. Run: node --import tsx --test loaders/readers.test.ts
import assert from "node:assert/strict";
import {copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {after, before, describe, test} from "node:test";
import {type DuckDBConnection, DuckDBInstance} from "@duckdb/node-api";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import {fileKind, loadSheet, savVariables, xlsxLimits} from "./readers.ts";
import {ValidationError} from "./responses.ts";

const SAV = new URL("../test/formats/spss/survey.sav", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "readers-test-"));
after(() => rmSync(dir, {recursive: true, force: true}));

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
/** Reads `path` into a fresh table and returns its rows and what loadSheet said. */
async function read(path: string, options: {kind: "xlsx" | "sav"; sheet?: string; file?: string}) {
  const table = `t${++tables}`;
  const result = await loadSheet(connection, path, {...options, table});
  const rows = (await connection.runAndReadAll(`SELECT * FROM ${table}`)).getRows() as (string | null)[][];
  const columns = (await connection.runAndReadAll(`SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '${table}' ORDER BY ordinal_position`)).getRows();
  return {result, rows, columns, table};
}

/** The ValidationError `run` throws; its message must name the file and hold no stack trace. */
async function problem(run: () => unknown, file: string): Promise<ValidationError> {
  try {
    await run();
  } catch (e) {
    assert.ok(e instanceof ValidationError, `expected a ValidationError, got ${(e as Error)?.stack ?? e}`);
    assert.ok(e.message.includes(file), `the message names ${file}: ${e.message}`);
    assert.doesNotMatch(e.message, /\n\s+at /, "no stack trace in the message");
    return e;
  }
  assert.fail("expected a ValidationError");
}

const tableExists = async (table: string) =>
  Number((await connection.runAndReadAll(`SELECT count(*) FROM information_schema.tables WHERE table_name = '${table}'`)).getRows()[0][0]) > 0;

// A wall-clock time as exceljs writes it into a date cell.
const at = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) => new Date(Date.UTC(y, mo - 1, d, h, mi, s));

async function workbook(name: string, build: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  const path = join(dir, name);
  await wb.xlsx.writeFile(path);
  return path;
}

describe("fileKind", () => {
  test("knows .csv, .xlsx and .sav, whatever their case", () => {
    assert.deepEqual(["a.csv", "b.XLSX", "c/d.Sav"].map((p) => fileKind(p)), ["csv", "xlsx", "sav"]);
  });
  test("refuses anything else, listing the types it reads", async () => {
    for (const [path, ext] of [["export.ods", ".ods"], ["export.json", ".json"], ["export", "(no extension)"], ["old.xls", ".xls"]]) {
      const e = await problem(() => fileKind(path, `data/demo/${path}`), `data/demo/${path}`);
      assert.equal(e.issues[0].value, ext);
      assert.equal(e.issues[0].row, "-");
      assert.match(e.message, /\.csv, \.xlsx, \.sav/);
    }
  });
});

describe("xlsx", () => {
  let path: string;
  before(async () => {
    path = await workbook("values.xlsx", (wb) => {
      const ws = wb.addWorksheet("Responses");
      ws.addRow(["Timestamp", "Text", "Number", "Flag", "Rich", "Formula", "Date formula", "Link"]);
      ws.addRow([
        at(2024, 3, 4, 9, 15, 22), "  as typed ", 0.1, true,
        {richText: [{text: "rich "}, {text: "text", font: {bold: true}}]},
        {formula: "1+1", result: 2},
        {formula: "DATE(2024,3,5)", result: 45356},
        {text: "the link text", hyperlink: "https://example.org/"}
      ]);
      ws.getCell("A2").numFmt = "m/d/yyyy h:mm:ss"; // Google Forms' timestamp format
      ws.getCell("G2").numFmt = "yyyy-mm-dd";
      // Empty cells in the middle of a row, and a date in a built-in format (numFmtId 14).
      ws.addRow([at(2024, 12, 31), null, "c", null, "e"]);
      ws.getCell("A3").numFmt = "mm-dd-yy";
      // Row 4 is left out of the file; row 5 has numbers, ".5" stored as the number 0.5.
      ws.getRow(5).values = [12, Number(".5"), -3, 1e21, false, "CR_x000D_LF"];
      ws.getRow(6).values = ["last"];
      // A formatted cell with no value after the last row: not a row.
      ws.getCell("B8").numFmt = "0.00";
      const second = wb.addWorksheet("Second sheet");
      second.addRow(["only", "here"]);
    });
  });

  test("reads the first sheet's cells as text, in file order, '' for every empty cell", async () => {
    const {result, rows, columns} = await read(path, {kind: "xlsx"});
    assert.deepEqual(result, {width: 8, rows: 6});
    assert.deepEqual(columns, Array.from({length: 8}, (_, k) => [`_c${k}`, "VARCHAR"]));
    assert.deepEqual(rows, [
      ["Timestamp", "Text", "Number", "Flag", "Rich", "Formula", "Date formula", "Link"],
      ["2024-03-04 09:15:22", "  as typed ", "0.1", "TRUE", "rich text", "2", "2024-03-05 00:00:00", "the link text"],
      ["2024-12-31 00:00:00", "", "c", "", "e", "", "", ""],
      ["", "", "", "", "", "", "", ""],
      ["12", "0.5", "-3", "1e+21", "FALSE", "CR\rLF", "", ""],
      ["last", "", "", "", "", "", "", ""]
    ]);
  });

  test("reads a sheet chosen by name", async () => {
    const {result, rows} = await read(path, {kind: "xlsx", sheet: "Second sheet"});
    assert.deepEqual(result, {width: 2, rows: 1});
    assert.deepEqual(rows, [["only", "here"]]);
  });

  test("a sheet name the workbook does not have: an error listing its sheets, and no table", async () => {
    const e = await problem(() => loadSheet(connection, path, {kind: "xlsx", table: "no_sheet", sheet: "Form Responses 1", file: "data/demo/values.xlsx"}), "data/demo/values.xlsx");
    assert.equal(e.issues[0].value, "Form Responses 1");
    assert.match(e.issues[0].expected, /"Responses", "Second sheet"/);
    assert.equal(await tableExists("no_sheet"), false);
  });

  test("parts stored in any order: a sheet before styles.xml and workbook.xml keeps its dates and name", async () => {
    // exceljs's streaming reader reads parts in the zip's order; here a sheet comes after the shared
    // strings and relationships (so it would be read at once) but before the styles and sheet names.
    const zip = await JSZip.loadAsync(readFileSync(path));
    const order = ["[Content_Types].xml", "_rels/.rels", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/sheet1.xml", "xl/styles.xml", "xl/workbook.xml"];
    const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
    const reordered = new JSZip();
    for (const name of [...order, ...names.filter((n) => !order.includes(n))]) reordered.file(name, await zip.file(name)!.async("uint8array"));
    const moved = join(dir, "reordered.xlsx");
    writeFileSync(moved, await reordered.generateAsync({type: "nodebuffer", compression: "DEFLATE"}));
    const first = await read(moved, {kind: "xlsx"});
    assert.deepEqual(first.rows[1].slice(0, 3), ["2024-03-04 09:15:22", "  as typed ", "0.1"]);
    assert.equal(first.result.rows, 6);
    assert.deepEqual((await read(moved, {kind: "xlsx", sheet: "Second sheet"})).rows, [["only", "here"]]);
  });

  test("a row longer than those before widens the table; earlier rows get ''", async () => {
    const wide = await workbook("wide.xlsx", (wb) => {
      const ws = wb.addWorksheet("S");
      ws.addRow(["a", "b"]);
      ws.addRow(["1", "2", "3", "4"]);
    });
    const {result, rows} = await read(wide, {kind: "xlsx"});
    assert.deepEqual(result, {width: 4, rows: 2});
    assert.deepEqual(rows, [["a", "b", "", ""], ["1", "2", "3", "4"]]);
  });

  test("an empty sheet is an error", async () => {
    const empty = await workbook("empty.xlsx", (wb) => void wb.addWorksheet("Blank"));
    const e = await problem(() => loadSheet(connection, empty, {kind: "xlsx", table: "empty_sheet"}), empty);
    assert.match(e.message, /no cells/);
    assert.equal(await tableExists("empty_sheet"), false);
  });

  test("a file that is no workbook: an error naming it and saying what to do", {timeout: 30_000}, async () => {
    const good = readFileSync(path);
    // One byte of a compressed part changed: exceljs's unzipper then waits forever rather than
    // failing; the reader gives up once nothing has moved for xlsxLimits.stallMs.
    const fixture = readFileSync(new URL("../test/formats/google-forms-xlsx/responses.xlsx", import.meta.url));
    const damaged = Buffer.from(fixture);
    damaged[734] = 69;
    const stall = xlsxLimits.stallMs;
    xlsxLimits.stallMs = 1500;
    after(() => (xlsxLimits.stallMs = stall));
    const cases: [string, Buffer][] = [
      ["damaged-part.xlsx", damaged],
      ["random.xlsx", Buffer.from(Array.from({length: 4000}, (_, k) => (k * 7919 + 13) % 256))],
      ["truncated.xlsx", good.subarray(0, Math.floor(good.length * 0.6))],
      ["really-a-csv.xlsx", Buffer.from("Timestamp,Role\n3/4/2024 9:15:22,Nurse\n")],
      ["zero-bytes.xlsx", Buffer.alloc(0)]
    ];
    for (const [name, bytes] of cases) {
      const bad = join(dir, name);
      writeFileSync(bad, bytes);
      const e = await problem(() => loadSheet(connection, bad, {kind: "xlsx", table: "corrupt", file: `data/demo/${name}`}), `data/demo/${name}`);
      assert.match(e.message, /save it again as \.xlsx/, name);
      assert.equal(await tableExists("corrupt"), false, name);
    }
  });

  test("a missing file is an error naming it", async () => {
    const e = await problem(() => loadSheet(connection, join(dir, "nowhere.xlsx"), {kind: "xlsx", table: "gone", file: "data/demo/nowhere.xlsx"}), "data/demo/nowhere.xlsx");
    assert.match(e.message, /not there/);
  });
});

describe("sav", () => {
  test("reads the variables' names as row 0 and every case as a row of text", async () => {
    const {result, rows, columns} = await read(SAV, {kind: "sav"});
    assert.equal(result.width, 13);
    assert.equal(result.rows, 13);
    assert.ok(columns.every(([, type]) => type === "VARCHAR"));
    assert.deepEqual(rows[0], ["id", "submitted", "role", "platforms_1", "platforms_2", "platforms_3", "platforms_4", "platforms_5", "hours", "age", "trust", "recommend", "comments"]);
    const byId = new Map(rows.slice(1).map((r) => [r[0], r]));
    const cell = (id: string, name: string) => byId.get(id)![rows[0].indexOf(name)];
    // Numbers as their shortest text (".5" in the coded CSV is the number 0.5), dates as text.
    assert.deepEqual(["1001", "1004", "1008"].map((id) => cell(id, "hours")), ["12", "0.5", "1.25"]);
    assert.equal(cell("1001", "submitted"), "2024-03-04 09:15:22");
    // A user-missing value is its code (the codebook says what it means); system-missing is ''.
    assert.equal(cell("1006", "age"), "99");
    assert.equal(cell("1006", "recommend"), "8");
    assert.equal(cell("1008", "trust"), "");
    assert.equal(cell("1003", "recommend"), "");
    // Strings without SPSS's padding, UTF-8 intact across its 8-byte pieces, longer than 255 bytes.
    assert.equal(cell("1002", "comments"), "");
    assert.equal(cell("1004", "comments"), "Mostly read, rarely post.");
    assert.equal(cell("1006", "comments"), 'I said "no comment" to my manager.\nAnd a second line.');
    assert.equal(cell("1009", "comments"), "C'est génial pour la formation continue.");
    assert.ok(cell("1010", "comments")!.length > 255 && cell("1010", "comments")!.endsWith("anything clinical."));
    assert.ok(rows.every((r) => r.every((c) => c !== null)), "no NULL cells");
  });

  test("describes the variables: labels, value labels, user-missing values, type", async () => {
    const variables = await savVariables(SAV);
    const v = Object.fromEntries(variables.map((x) => [x.name, x]));
    assert.deepEqual(v.role, {name: "role", label: "What is your role?", valueLabels: {1: "Physician", 2: "Nurse", 3: "Pharmacist", 4: "Other"}, missing: [], type: "numeric"});
    assert.deepEqual(v.age.missing, ["99"]);
    assert.deepEqual(v.age.valueLabels, {99: "Refused"});
    assert.deepEqual(v.recommend.valueLabels, {1: "Yes", 2: "No", 8: "Don't know"});
    assert.deepEqual(v.recommend.missing, ["8"]);
    assert.equal(v.comments.type, "string");
    assert.equal(v.platforms_4.label, "Which social media platforms do you use for work? - Instagram, Reels");
    assert.deepEqual((await read(SAV, {kind: "sav"})).result.variables, variables);
  });

  test("a damaged or unreadable .sav: an error naming it and saying what to do, and no table", {timeout: 30_000}, async () => {
    const good = readFileSync(SAV);
    const zlib = Buffer.from(good);
    zlib.write("$FL3", 0, "latin1"); // the magic of a ZLIB-compressed file
    const cases: [string, Buffer, RegExp][] = [
      ["truncated.sav", good.subarray(0, good.length - 40), /truncated/],
      ["cut-in-dictionary.sav", good.subarray(0, 300), /truncated|SPSS/],
      ["random.sav", Buffer.from(Array.from({length: 2000}, (_, k) => (k * 31 + 7) % 256)), /not an SPSS system file/],
      ["zlib.sav", zlib, /ZLIB/],
      ["zero-bytes.sav", Buffer.alloc(0), /SPSS|truncated/]
    ];
    for (const [name, bytes, reason] of cases) {
      const bad = join(dir, name);
      writeFileSync(bad, bytes);
      const e = await problem(() => loadSheet(connection, bad, {kind: "sav", table: "bad_sav", file: `data/demo/${name}`}), `data/demo/${name}`);
      assert.match(e.message, reason, name);
      assert.match(e.message, /save it again|without ZLIB/, name);
      assert.equal(await tableExists("bad_sav"), false, name);
    }
  });

  test("savVariables of a file that is not there is an error naming it", async () => {
    const copy = join(dir, "copy.sav");
    copyFileSync(SAV, copy);
    assert.equal((await savVariables(copy)).length, 13);
    await problem(() => savVariables(join(dir, "missing.sav"), "data/demo/missing.sav"), "data/demo/missing.sav");
  });
});
