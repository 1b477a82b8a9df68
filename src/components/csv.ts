// CSV files a spreadsheet opens safely: shared by the manuscript tables (loaders/manuscript/) and
// the explorer's downloads (src/explore.md).
import {csvFormatRow} from "d3-dsv";

/**
 * OWASP's defence against formula injection: a cell that starts with =, +, -, @, a tab or a
 * carriage return is prefixed with an apostrophe, so a spreadsheet shows it as text instead of
 * evaluating it. "<0.001" and "−" (U+2212, the typographic minus) are left as they are.
 */
export function neutralise(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/**
 * CSV, RFC 4180 (fields quoted when they hold a comma, quote or line break; records end in CRLF),
 * starting with a UTF-8 byte-order mark, without which Excel reads the file as the system code
 * page and garbles "≥", "–" and accented labels. Text cells are neutralised; numbers stay numbers
 * (a negative number is not a formula); lists are joined with "; "; missing values are empty.
 */
export function spreadsheetCsv(rows: unknown[][]): string {
  const cell = (v: unknown): string => {
    if (v == null) return "";
    if (typeof v === "number" || typeof v === "bigint" || typeof v === "boolean") return String(v);
    if (v instanceof Date) return v.toISOString();
    if (Array.isArray(v)) return neutralise(v.map((x) => (x == null ? "" : String(x))).join("; "));
    return neutralise(String(v));
  };
  return "\uFEFF" + rows.map((r) => csvFormatRow(r.map(cell)) + "\r\n").join("");
}
