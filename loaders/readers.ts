// STAND-IN, replaced by the i11-readers branch: the interface of the xlsx/sav readers.
import type {DuckDBConnection} from "@duckdb/node-api";
export type FileKind = "csv" | "xlsx" | "sav";
export interface SavVariable {name: string; label: string; valueLabels: Record<string, string>; missing: string[]; type: "numeric" | "string"}
export function fileKind(path: string): FileKind {
  const ext = /\.([^.]+)$/.exec(path)?.[1]?.toLowerCase();
  if (ext === "csv" || ext === "xlsx" || ext === "sav") return ext;
  throw new Error(`unsupported file type: ${path}`);
}
export async function loadSheet(_connection: DuckDBConnection, _path: string, _options: {kind: "xlsx" | "sav"; table: string; sheet?: string; file?: string}): Promise<{width: number; rows: number; variables?: SavVariable[]}> {
  throw new Error("not yet");
}
