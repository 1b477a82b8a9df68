// Raw readers: an .xlsx sheet or an SPSS .sav file → a DuckDB table of text cells, the same table
// read_csv gives loaders/validate.ts for a CSV (VARCHAR columns _c0…, one row per file row, header
// rows included), so everything after the read is the same for every kind of export.
//
// Libraries: exceljs (already the project's XLSX writer) reads XLSX with its streaming reader;
// `sav-reader` reads SAV. Of the two SAV packages on npm, `@codious/sav-reader-writer` 1.1.4 was
// read and refused: its reader is a stub (reader/index.js returns empty `records` and `variables`
// for any file) and it pins moment 2.28.0. `sav-reader` 2.0.8 parses the dictionary properly (long
// names, long strings, value labels, missing values, encoding) and has no dependencies, but two of
// its parts cannot be used as they are, so this module works around them (see readSav):
// - SavFileReader waits for more bytes than a small file has and rejects on any file under its
//   1 KB chunk; it is given a stream of whole chunks instead;
// - readNextRow takes the zero padding that ReadStat (haven, pyreadstat) leaves at the end of each
//   case's command block for the end of the data, so it stops after the first case of such files,
//   and it decodes each 8-byte piece of a string on its own, which breaks UTF-8 characters that
//   straddle two pieces. Cases are read here from its bytecode primitives instead.
import {closeSync, createReadStream, openSync, statSync} from "node:fs";
import {createRequire} from "node:module";
import {extname} from "node:path";
import {PassThrough, Readable} from "node:stream";
import ExcelJS from "exceljs";
import type {DuckDBAppender, DuckDBConnection} from "@duckdb/node-api";
import type * as SavReaderModule from "sav-reader" with {"resolution-mode": "require"};
import {ValidationError} from "./responses.ts";
import {ident} from "../src/components/sql.ts";

export type FileKind = "csv" | "xlsx" | "sav";

export interface SavVariable {
  name: string;
  /** The variable label ('' when there is none). */
  label: string;
  /** Value (as loadSheet writes it) → value label. */
  valueLabels: Record<string, string>;
  /** Values declared user-missing (as loadSheet writes them). */
  missing: string[];
  type: "numeric" | "string";
}

const KINDS: Record<string, FileKind> = {".csv": "csv", ".xlsx": "xlsx", ".sav": "sav"};

/** A problem with the whole file (no row or cell to point at). */
export const fileProblem = (file: string, value: string, expected: string) => new ValidationError([{file, row: "-", column: "-", value, expected}]);

/** The kind of export a file is, from its extension. Throws a ValidationError for anything else. */
export function fileKind(path: string, file = path): FileKind {
  const ext = extname(path).toLowerCase();
  const kind = KINDS[ext];
  if (!kind)
    throw fileProblem(file, ext || "(no extension)", `one of the export types the build reads: ${Object.keys(KINDS).join(", ")} (save the export as .csv or .xlsx, or from SPSS as .sav)`);
  return kind;
}

/**
 * Reads an .xlsx sheet or a .sav file into a new DuckDB table `table` with VARCHAR columns _c0 …
 * _c{width-1}, one row per spreadsheet row in file order (header rows included, as rows; for .sav,
 * row 0 holds the variable names), every empty cell '' (never NULL). `rows` counts the table's rows.
 * xlsx: the sheet named `sheet`, else the first; strings as they are; numbers as the shortest text
 *   that reads back as the same number (String(n)); date cells as "YYYY-MM-DD HH:MM:SS"; booleans
 *   TRUE/FALSE; rich text joined; formulas their cached result; hyperlinks their text. A row with
 *   no cells in the middle of the sheet is a row of '' (rows keep their spreadsheet numbers); empty
 *   rows after the last cell are not rows.
 * sav: values as text (numbers as above, system-missing ''; date formats as for xlsx), strings
 *   without SPSS's padding; `variables` describes the variables (as savVariables).
 * On failure (a ValidationError naming `file`, or an error of DuckDB's) no table is left behind.
 */
export async function loadSheet(
  connection: DuckDBConnection,
  path: string,
  options: {kind: "xlsx" | "sav"; table: string; sheet?: string; file?: string}
): Promise<{width: number; rows: number; variables?: SavVariable[]}> {
  const file = options.file ?? path;
  checkReadable(path, file);
  const out = new SheetTable(connection, options.table);
  try {
    if (options.kind === "xlsx") {
      await readXlsx(path, file, options.sheet, out);
      if (!out.width) throw fileProblem(file, options.sheet ?? "", "a sheet with the export's header row(s) and responses (this sheet has no cells)");
      await out.finish();
      return {width: out.width, rows: out.rows};
    }
    const variables = await readSav(path, file, out);
    await out.finish();
    return {width: out.width, rows: out.rows, variables};
  } catch (error) {
    await out.discard();
    throw error;
  }
}

/** For new-study: a .sav file's variables (names, labels, value labels, missing values) without reading the data. */
export async function savVariables(path: string, file = path): Promise<SavVariable[]> {
  checkReadable(path, file);
  const sav = await openSav(path, file);
  try {
    return sav.variables;
  } finally {
    sav.close();
  }
}

// A missing or unreadable file would surface as an 'error' event on a stream the libraries open
// and do not listen to (an uncaught exception): look first. (raw-file.ts looks with it too.)
export function checkReadable(path: string, file: string): void {
  try {
    if (!statSync(path).isFile()) throw fileProblem(file, "", "a file (this is a folder)");
    closeSync(openSync(path, "r"));
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw fileProblem(file, "", code === "ENOENT" ? "the export, but the file is not found (it is not there): put the export in the study folder, or correct responses.file in the codebook" : `a file the build can read (${code ?? String(error)})`);
  }
}

// --- The table ---------------------------------------------------------------------------------

/**
 * The DuckDB table being written, through an appender. It is created with the first row and
 * widened (ALTER TABLE … DEFAULT '') when a row is longer than any before: an XLSX stream does not
 * say its width up front. Rows of no cells wait until a row with cells follows, so that trailing
 * empty rows are dropped.
 */
class SheetTable {
  width = 0;
  rows = 0;
  private pending = 0;
  private appender?: DuckDBAppender;
  private created = false;
  /** Set when the failure was DuckDB's, not the file's. */
  failed = false;

  constructor(private readonly connection: DuckDBConnection, private readonly table: string) {}

  /** One row of cells (fewer than `width` are padded with ''; none at all is an empty row). */
  async row(cells: string[]): Promise<void> {
    if (!cells.length) {
      this.pending++;
      return;
    }
    try {
      if (cells.length > this.width) await this.widen(cells.length);
      for (; this.pending > 0; this.pending--) this.append([]);
      this.append(cells);
    } catch (error) {
      this.failed = true;
      throw error;
    }
  }

  private append(cells: string[]): void {
    const appender = this.appender!;
    for (let k = 0; k < this.width; k++) appender.appendVarchar(cells[k] ?? "");
    appender.endRow();
    this.rows++;
  }

  private async widen(width: number): Promise<void> {
    const columns = Array.from({length: width - this.width}, (_, k) => ident(`_c${this.width + k}`));
    if (!this.created) {
      await this.connection.run(`CREATE TABLE ${ident(this.table)} (${columns.map((c) => `${c} VARCHAR`).join(", ")})`);
      this.created = true;
    } else {
      this.close();
      for (const c of columns) await this.connection.run(`ALTER TABLE ${ident(this.table)} ADD COLUMN ${c} VARCHAR DEFAULT ''`);
    }
    this.width = width;
    this.appender = await this.connection.createAppender(this.table);
  }

  private close(): void {
    const appender = this.appender;
    this.appender = undefined;
    if (appender) {
      appender.flushSync();
      appender.closeSync();
    }
  }

  async finish(): Promise<void> {
    try {
      this.close();
    } catch (error) {
      this.failed = true;
      throw error;
    }
  }

  async discard(): Promise<void> {
    try {
      this.appender?.closeSync();
    } catch {
      // The appender may be what failed; the table is dropped either way.
    }
    this.appender = undefined;
    if (this.created) await this.connection.run(`DROP TABLE IF EXISTS ${ident(this.table)}`);
  }
}

// --- XLSX --------------------------------------------------------------------------------------

// What exceljs's streaming reader keeps on itself but does not declare.
interface StreamWorkbook {
  model?: {sheets?: {name: string}[]};
  properties?: unknown;
  styles?: unknown;
  workbookRels?: unknown;
  sharedStrings?: unknown;
  stream?: {destroy(): void};
  [Symbol.asyncIterator](): AsyncGenerator<StreamSheet>;
}
interface StreamSheet {
  name: string;
  [Symbol.asyncIterator](): AsyncGenerator<ExcelJS.Row>;
}

const streamOptions = {worksheets: "emit", sharedStrings: "cache", styles: "cache", hyperlinks: "ignore", entries: "ignore"} as const;

/** Limits of the XLSX reader (tests shorten them). */
export const xlsxLimits = {
  /**
   * How long reading may go without reading a byte of the file or a row of the sheet. Some damaged
   * files (a corrupt compressed part) leave exceljs's unzipper waiting forever instead of failing;
   * a healthy file, however large, never pauses for seconds.
   */
  stallMs: 20_000
};

/**
 * One pass of exceljs's streaming reader over the file, with a watchdog: `touch` marks progress;
 * without any for `stallMs`, the pass is abandoned (its stream destroyed) as a damaged file.
 */
async function streamPass<T>(path: string, options: Record<string, string>, setup: (reader: StreamWorkbook) => void, run: (reader: StreamWorkbook, touch: () => void, live: () => void) => Promise<T>): Promise<T> {
  let last = Date.now();
  let stalled = false;
  const touch = () => (last = Date.now());
  // The file's bytes pass through here on their way to the unzipper: each chunk is progress.
  const input = createReadStream(path, {highWaterMark: 1 << 16});
  const counted = new PassThrough();
  counted.on("data", touch);
  counted.pause();
  input.on("error", (e) => counted.destroy(e));
  input.pipe(counted);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(counted, options as ExcelJS.stream.xlsx.WorkbookStreamReaderOptions) as unknown as StreamWorkbook;
  setup(reader);
  const live = () => {
    if (stalled) throw new Error("abandoned");
  };
  const work = run(reader, touch, live);
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setInterval(() => {
          if (Date.now() - last <= xlsxLimits.stallMs) return;
          stalled = true;
          reject(new Error(`stalled: no progress reading the file for ${Math.round(xlsxLimits.stallMs / 1000)} s`));
        }, Math.min(1000, xlsxLimits.stallMs / 4));
      })
    ]);
  } finally {
    clearInterval(timer);
    work.catch(() => {}); // an abandoned pass may still fail later: nobody waits for it
    input.destroy();
    counted.destroy();
  }
}

async function readXlsx(path: string, file: string, sheet: string | undefined, out: SheetTable): Promise<void> {
  // exceljs reads the zip's parts in the order they are stored, and a sheet stored before
  // workbook.xml or styles.xml is read without its name, or without its number formats (dates
  // come out as numbers). Excel stores those parts first; exceljs's own writer and other tools
  // store workbook.xml last. So a first pass reads the workbook's parts and drains the sheets
  // (shared strings "read" as an empty list, so that no sheet is copied to a temporary file to
  // wait for them), and the second starts with them. It costs one more decompression of the file.
  let parts: StreamWorkbook | undefined;
  try {
    await streamPass(path, {...streamOptions, worksheets: "ignore", sharedStrings: "ignore"}, (reader) => {
      parts = reader;
      Object.assign(reader, {sharedStrings: [], workbookRels: [], model: {sheets: []}});
    }, async (reader) => {
      for await (const _ of reader) void _;
    });
  } catch (error) {
    throw corruptXlsx(file, error);
  }
  const names = (parts!.model?.sheets ?? []).map((s) => s.name);
  if (!names.length) throw corruptXlsx(file, new Error("the workbook lists no sheets"));
  const wanted = sheet ?? names[0];
  if (!names.includes(wanted))
    throw fileProblem(file, wanted, `the name of one of the workbook's sheets: ${names.map((n) => JSON.stringify(n)).join(", ")} (responses.sheet in the codebook)`);

  let found = false;
  try {
    await streamPass(path, streamOptions, (reader) => {
      Object.assign(reader, {model: parts!.model, properties: parts!.properties, styles: parts!.styles, workbookRels: parts!.workbookRels});
    }, async (reader, touch, live) => {
      for await (const worksheet of reader) {
        if (worksheet.name !== wanted) continue; // exceljs drains a sheet that is not read
        found = true;
        let next = 1; // the spreadsheet row the next table row stands for
        for await (const row of worksheet) {
          live();
          touch();
          // Rows the file leaves out (no cells) are rows of '' in the table.
          for (; next < row.number; next++) await out.row([]);
          next = row.number + 1;
          await out.row(rowCells(row));
        }
        break;
      }
    });
  } catch (error) {
    if (error instanceof ValidationError || out.failed) throw error;
    throw corruptXlsx(file, error);
  }
  if (!found) throw corruptXlsx(file, new Error(`the sheet "${wanted}" is listed but its part is missing`));
}

function corruptXlsx(file: string, error: unknown): ValidationError {
  const reason = String((error as Error)?.message ?? error).split("\n")[0];
  return fileProblem(
    file,
    /signature|zip|end of central directory|FILE_ENDED|unexpected end/i.test(reason)
      ? "not a readable .xlsx (zip) file"
      : /stalled/.test(reason)
        ? "damaged: it cannot be read to its end"
        : `damaged (${reason})`,
    "an .xlsx workbook as Excel, LibreOffice or Google Sheets saves it: open the file there and save it again as .xlsx (not .xls or a protected workbook), or export the responses as .csv"
  );
}

/** A row's cells as text, without the empty cells after its last value. */
function rowCells(row: ExcelJS.Row): string[] {
  const cells: string[] = [];
  row.eachCell({includeEmpty: false}, (cell, col) => {
    const text = cellText(cell);
    if (text === "") return;
    while (cells.length < col - 1) cells.push("");
    cells[col - 1] = text;
  });
  return cells;
}

function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value as unknown;
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return unescapeXstring(value);
  if (typeof value === "number") return numberText(value, cell.numFmt);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return dateText(value.getTime());
  if (typeof value === "object") {
    const v = value as {richText?: {text?: string}[]; result?: unknown; formula?: string; error?: string; text?: unknown};
    if (v.richText) return unescapeXstring(v.richText.map((r) => r.text ?? "").join(""));
    if ("formula" in v || "sharedFormula" in v) {
      const r = v.result;
      if (r === null || r === undefined) return "";
      if (typeof r === "number") return numberText(r, cell.numFmt);
      if (r instanceof Date) return dateText(r.getTime());
      if (typeof r === "boolean") return r ? "TRUE" : "FALSE";
      if (typeof r === "object" && "error" in (r as object)) return String((r as {error: string}).error);
      return unescapeXstring(String(r));
    }
    if (v.error !== undefined) return String(v.error);
    if (v.text !== undefined) return typeof v.text === "string" ? v.text : cellText({value: v.text, numFmt: cell.numFmt} as ExcelJS.Cell);
  }
  return String(value);
}

// A plain number cell with a date format is a Date already; a formula's result is not, so it is
// converted here with the same test exceljs applies (lib/utils/utils.js isDateFmt).
function numberText(n: number, numFmt: string | undefined): string {
  if (Number.isNaN(n)) return ""; // a formula whose cached result is an error: exceljs keeps no text for it
  if (numFmt && /[ymdhMsb]+/.test(numFmt.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, ""))) return dateText(Math.round((n - 25569) * 86400000));
  return String(n);
}

/** Milliseconds since 1970 (wall-clock time, as Excel and SPSS store it) → "YYYY-MM-DD HH:MM:SS", to the nearest second. */
function dateText(ms: number): string {
  if (!Number.isFinite(ms)) return "";
  const d = new Date(Math.round(ms / 1000) * 1000);
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${p(d.getUTCFullYear(), 4)}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

// OOXML writes characters XML cannot hold as _xHHHH_ (Excel writes a carriage return as _x000D_,
// and a literal "_x" as _x005F_x); exceljs leaves them in.
const unescapeXstring = (s: string) => (s.includes("_x") ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex) => String.fromCharCode(parseInt(hex, 16))) : s);

// --- SAV ---------------------------------------------------------------------------------------

type SavReaderInstance = InstanceType<typeof SavReaderModule.SavBufferReader>;
type SysVar = SavReaderInstance["meta"]["sysvars"][number];

const savModule = createRequire(import.meta.url)("sav-reader") as typeof SavReaderModule;
// SavBufferReader and SavFileReader differ only in the stream they give their base class, which the
// package does not export: it is their prototype.
const SavReader = Object.getPrototypeOf(savModule.SavBufferReader) as new (readable: Readable) => SavReaderInstance;

// SPSS print formats that hold a date or date-time: seconds since 1582-10-14 00:00.
// (DATE, DATETIME, ADATE, JDATE, MOYR, QYR, WKYR, EDATE, SDATE, YMDHMS; TIME and DTIME are durations.)
const DATE_FORMATS = new Set([20, 22, 23, 24, 28, 29, 30, 38, 39, 41]);
const SPSS_EPOCH_MS = Date.UTC(1582, 9, 14);

interface OpenSav {
  reader: SavReaderInstance;
  variables: SavVariable[];
  close(): void;
}

async function openSav(path: string, file: string): Promise<OpenSav> {
  // Whole chunks in object mode: sav-reader's file stream asks for 1 KB at a time and gives up when
  // fewer bytes are left.
  const bytes = createReadStream(path, {highWaterMark: 1 << 16});
  const chunks = Readable.from(bytes);
  let streamError: unknown;
  chunks.on("error", (e) => (streamError = e));
  // sav-reader waits for a 'readable' event whenever it has too few bytes, and a stream that has
  // ended sends none: a file that ends too early would leave it waiting forever. Waking it at the
  // end makes it find the stream closed and fail (a truncated file, reported as such).
  const wake = () => chunks.emit("readable");
  chunks.on("end", wake);
  chunks.on("close", wake);
  const close = () => {
    chunks.destroy();
    bytes.destroy();
  };
  const reader = new SavReader(chunks);
  try {
    await reader.open();
  } catch (error) {
    close();
    throw corruptSav(file, streamError ?? error);
  }
  const meta = reader.meta;
  const decoder = textDecoder(meta.header?.encoding);
  const variables = meta.sysvars.map((v): SavVariable => {
    const numeric = v.type === 0;
    const valueLabels: Record<string, string> = {};
    for (const e of meta.getValueLabels(v.name) ?? []) valueLabels[numeric ? numberValue(Number(e.val), v) : String(e.val)] = e.label;
    return {name: v.name, label: v.label ?? "", valueLabels, missing: missingValues(v, valueLabels, decoder), type: numeric ? "numeric" : "string"};
  });
  return {reader, variables, close};
}

async function readSav(path: string, file: string, out: SheetTable): Promise<SavVariable[]> {
  const sav = await openSav(path, file);
  try {
    const {reader, variables} = sav;
    const meta = reader.meta;
    const cr = reader.reader;
    const bias: number | undefined = meta.header.compression?.bias;
    const decoder = textDecoder(meta.header.encoding);
    const sysvars = meta.sysvars;
    await out.row(variables.map((v) => v.name));
    // A file that does not say how many cases it has (-1) is read to its end.
    const cases: number = typeof meta.header.n_cases === "number" && meta.header.n_cases >= 0 ? meta.header.n_cases : Infinity;
    const TRUNCATED = "truncated: the file ends inside a case";

    // The next command code of bytecode compression (0 is padding).
    const code = async (): Promise<number | null> => {
      let c: number | null;
      do c = await cr.getCommandCode();
      while (c === 0);
      return c ?? null;
    };
    const number = async (): Promise<number | null> => {
      let d: number;
      if (bias === undefined) d = await cr.readDouble();
      else {
        const c = await code();
        if (c === null || c === 252) throw new Error(TRUNCATED);
        if (c === 255) return null;
        if (c !== 253) {
          if (c === 254) throw new Error("a numeric value written as spaces");
          return c - bias;
        }
        d = await cr.readDouble();
      }
      return Number.isNaN(d) || d === -Number.MAX_VALUE ? null : d;
    };
    const SPACES = Buffer.alloc(8, 0x20);
    const unit = async (): Promise<Buffer> => {
      if (bias === undefined) return cr.readBytes(8);
      const c = await code();
      if (c === 253) return cr.readBytes(8);
      if (c === 254 || c === 255) return SPACES;
      throw new Error(c === null || c === 252 ? TRUNCATED : `a string value compressed as the number ${c}`);
    };
    const string = async (v: SysVar): Promise<string> => {
      const parts: Buffer[] = [];
      // A string longer than 255 bytes is stored as segments of 255 bytes (each in 256).
      for (const segment of [v, ...(v.__child_string_sysvars ?? [])]) {
        const units: Buffer[] = [];
        for (let j = 0; j <= (segment.__nb_string_contin_recs ?? 0); j++) units.push(await unit());
        parts.push(Buffer.concat(units).subarray(0, 255));
      }
      return decoder.decode(Buffer.concat(parts)).replace(/[ \0]+$/, "");
    };
    const atEnd = async () => {
      // The end of the data: no bytes left, or the end-of-data code (252) in the command block.
      if (bias !== undefined && cr.commandPointer > 0) {
        for (let k = cr.commandPointer; k < 8; k++) {
          const b = cr.commandBuffer[k];
          if (b === 252) return true;
          if (b !== 0) return false;
        }
      }
      return (await cr.peek(1)).length === 0;
    };

    for (let n = 0; n < cases; n++) {
      if (cases === Infinity && (await atEnd())) break;
      const cells: string[] = [];
      for (const v of sysvars) {
        if (v.type === 0) {
          const d = await number();
          cells.push(d === null ? "" : numberValue(d, v));
        } else cells.push(await string(v));
      }
      // Every case is a row, even one of system-missing values only (it is a respondent).
      await out.row(cells.length ? cells : [""]);
    }
    return variables;
  } catch (error) {
    if (error instanceof ValidationError || out.failed) throw error;
    throw corruptSav(file, error);
  } finally {
    sav.close();
  }
}

function numberValue(d: number, v: SysVar): string {
  return DATE_FORMATS.has(v.printFormat?.type) ? dateText(SPSS_EPOCH_MS + d * 1000) : String(d);
}

// Discrete missing values as they are; a range (97 THRU 99, LO THRU 0) as the whole numbers in it
// when it holds at most 100, else as the labelled values in it (the codebook lists what it means).
function missingValues(v: SysVar, labels: Record<string, string>, decoder: TextDecoder): string[] {
  const m = v.missing as number | number[] | {min: number; max: number; value?: number} | null | undefined;
  if (m === null || m === undefined) return [];
  if (v.type !== 0) {
    // sav-reader reads a string variable's missing values (8 bytes of text) as doubles: back to bytes.
    const values = typeof m === "number" ? [m] : Array.isArray(m) ? m : [];
    return values.map((d) => {
      const b = Buffer.alloc(8);
      b.writeDoubleLE(d);
      return decoder.decode(b).replace(/[ \0]+$/, "");
    });
  }
  if (typeof m === "number") return [numberValue(m, v)];
  if (Array.isArray(m)) return m.map((d) => numberValue(d, v));
  const out: string[] = [];
  const {min, max} = m;
  if (Number.isInteger(min) && Number.isInteger(max) && max - min <= 100) for (let d = min; d <= max; d++) out.push(numberValue(d, v));
  else for (const key of Object.keys(labels)) if (Number(key) >= min && Number(key) <= max) out.push(key);
  if (m.value !== undefined) out.push(numberValue(m.value, v));
  return [...new Set(out)];
}

function textDecoder(encoding: unknown): TextDecoder {
  try {
    return new TextDecoder(typeof encoding === "string" && encoding ? encoding : "utf-8");
  } catch {
    return new TextDecoder("utf-8");
  }
}

function corruptSav(file: string, error: unknown): ValidationError {
  const reason = String((error as Error)?.message ?? error).split("\n")[0];
  if (/ZLIB/i.test(reason))
    return fileProblem(file, "a ZLIB-compressed .zsav file", "an .sav file saved without ZLIB compression: in SPSS, File → Save As → SPSS Statistics (*.sav) with \"Compressed\" rather than \"ZLIB compressed\" (in R, haven::write_sav(compress = \"byte\"))");
  return fileProblem(
    file,
    /Not a valid \.sav/.test(reason)
      ? "not an SPSS system file"
      : /not enough bytes|No data|end of stream|stream is closed|truncated/i.test(reason)
        ? "truncated: the file ends too early"
        : `damaged (${reason})`,
    "an SPSS .sav file as SPSS, PSPP or R's haven writes it: save it again from there, or export the responses as .csv"
  );
}
