// STAND-IN, to be replaced by loaders/readers.ts from branch i11-readers (the interface of
// /work/spec-11.md, "Raw readers"). It exists only so that scripts/new-study.ts can be written and
// tested before that branch lands: xlsx through exceljs' streaming reader, rows buffered in memory
// (fine for tests, not for a million rows); .sav is not read here at all.
import {extname} from "node:path";
import ExcelJS from "exceljs";
import type {DuckDBConnection} from "@duckdb/node-api";
import {CodebookError} from "./codebook.ts";

export type FileKind = "csv" | "xlsx" | "sav";

export interface SavVariable {name: string; label: string; valueLabels: Record<string, string>; missing: string[]; type: "numeric" | "string"}

/** From the extension. */
export function fileKind(path: string): FileKind {
  const ext = extname(path).toLowerCase();
  if (ext === ".csv" || ext === ".xlsx" || ext === ".sav") return ext.slice(1) as FileKind;
  throw new CodebookError(`${path}: unsupported file type "${ext || "(none)"}" (supported: .csv, .xlsx, .sav)`);
}

const pad = (n: number) => String(n).padStart(2, "0");
function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date)
    return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())} ${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}:${pad(value.getUTCSeconds())}`;
  const v = value as {richText?: {text: string}[]; result?: unknown; text?: unknown; error?: string};
  if (v.richText) return v.richText.map((r) => r.text).join("");
  if ("result" in v) return cellText(v.result);
  if ("text" in v) return cellText(v.text);
  if (v.error) return v.error;
  return String(value);
}

export async function loadSheet(
  connection: DuckDBConnection,
  path: string,
  options: {kind: "xlsx" | "sav"; table: string; sheet?: string; file?: string}
): Promise<{width: number; rows: number; variables?: SavVariable[]}> {
  if (options.kind === "sav") throw new CodebookError(`${options.file ?? path}: reading .sav files needs loaders/readers.ts from branch i11-readers (this is a stand-in)`);
  const rows: string[][] = [];
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {sharedStrings: "cache", styles: "cache", hyperlinks: "ignore", worksheets: "emit"});
  let found = false;
  for await (const sheet of reader) {
    const name = (sheet as unknown as {name?: string}).name;
    if (found || (options.sheet && name !== options.sheet)) continue;
    found = true;
    for await (const row of sheet) {
      while (rows.length < row.number - 1) rows.push([]);
      const values = row.values as unknown[];
      const cells: string[] = [];
      for (let k = 1; k < values.length; ++k) cells.push(cellText(values[k]));
      rows.push(cells);
    }
  }
  if (!found) throw new CodebookError(`${options.file ?? path}: no sheet${options.sheet ? ` named "${options.sheet}"` : ""}`);
  const width = Math.max(1, ...rows.map((r) => r.length));
  await connection.run(`CREATE TABLE "${options.table}" (${Array.from({length: width}, (_, k) => `_c${k} VARCHAR`).join(", ")})`);
  const appender = await connection.createAppender(options.table);
  for (const row of rows) {
    for (let k = 0; k < width; ++k) appender.appendVarchar(row[k] ?? "");
    appender.endRow();
  }
  appender.closeSync();
  return {width, rows: rows.length};
}

export async function savVariables(path: string): Promise<SavVariable[]> {
  throw new CodebookError(`${path}: reading .sav files needs loaders/readers.ts from branch i11-readers (this is a stand-in)`);
}
