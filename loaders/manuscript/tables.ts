// The study's tables as files an author pastes into a manuscript: CSV, Excel and Word.
// All three are drawn from one plain-string layout (tableRows), which copies what the page's
// Table 1 (src/components/subgroups.js) shows: one block per grouping, each opened by its own
// header row (gtsummary's stacked blocks); n (%) per group; the p-value last, its test named in
// a numbered footnote; † on the rows the source does not publish; a block's levels indented under its
// label (XLSX and DOCX; a CSV has no indentation, its rows follow the label). So the formats cannot disagree
// with each other, and each string is the one on the page ("660 (70%)", "<0.001").
//
// Libraries:
// - d3-dsv (already a dependency) writes CSV with RFC 4180 quoting, and the tests read it back.
// - exceljs writes .xlsx from plain values: a string stays a string cell (it never guesses
//   formulas or numbers), and it sets bold fonts, alignment and column widths, which SheetJS's
//   free edition cannot style. Its dependency tree installs from this registry.
// - docx builds a .docx from a typed object model (tables, runs, alignment, sizes) with no Word
//   or LibreOffice at hand. Pinned at 9.6.0: later versions depend on nanoid 6, which declares
//   node ≥ 22, and this project runs on node 20.
// - Neither sets its zip entries' times, nor docx its core properties' dates: zip-dates.ts rewrites
//   them to the build's date (loaders/build-date.ts), so two builds write the same bytes.
import {AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType} from "docx";
import ExcelJS from "exceljs";
import {type TableLayout, tableRows} from "./layout.ts";
import {neutralise, spreadsheetCsv} from "../../src/components/csv.ts";
import {buildDate} from "../build-date.ts";
import {withZipDates} from "./zip-dates.ts";

export {type TableLayout, tableRows};

export interface ExportOptions {
  /** The table's title, printed as "Table {number}. {title}." above it. */
  title: string;
  /** Its number in the manuscript; 1 unless told. */
  number?: number;
  /** The file's created and modified dates, and its zip entries' times; the build's date unless told. */
  date?: Date;
}

/**
 * The layout without the columns that hold nothing, in the header or any row (a journal table has no
 * empty column). A shorter block's padding cells are not such a column: a longer block fills it.
 */
export function withoutEmptyColumns(t: TableLayout): TableLayout {
  const keep = t.header.map((_, i) => [t.header, ...t.rows].some((r) => (r[i] ?? "") !== ""));
  if (keep.every(Boolean)) return t;
  const pick = (cells: string[]) => cells.filter((_, i) => keep[i]);
  return {...t, header: pick(t.header), rows: t.rows.map(pick)};
}

/** The rows of a sheet: header, rows, an empty row, then one footnote a row; all the same width. */
function sheetRows(layout: TableLayout): string[][] {
  const t = withoutEmptyColumns(layout);
  const width = t.header.length;
  const line = (cells: string[]) => [...cells, ...Array.from({length: width - cells.length}, () => "")];
  return [t.header, ...t.rows, line([]), ...t.footnotes.map((f) => line([f]))];
}

/**
 * CSV, RFC 4180: fields quoted when they hold a comma, quote or line break; records end in CRLF.
 * It starts with a UTF-8 byte-order mark, without which Excel reads the file as the system code
 * page and garbles "†", "≥", "–" and accented labels. Cells are neutralised (src/components/csv.ts).
 */
export function toCsv(t: TableLayout): string {
  return spreadsheetCsv(sheetRows(t));
}

/** Display width of a cell in characters: its longest line. */
const cellWidth = (s: string) => Math.max(0, ...s.split("\n").map((l) => [...l].length));

/**
 * An .xlsx workbook with one sheet: the title ("Table 1. …") in bold, the header row and each
 * block's grouping row in bold, the rows, then the footnotes under an empty row. Every cell is
 * written as a string, never as a formula or number, and neutralised as in the CSV (exceljs has
 * no "quote prefix" style, so the apostrophe is visible in the rare cell that needs it).
 * Columns are sized to their content; the count and p columns are right-aligned, as on the page.
 */
export async function toXlsx(layout: TableLayout, options: ExportOptions): Promise<Buffer> {
  const t = withoutEmptyColumns(layout);
  const workbook = new ExcelJS.Workbook();
  const date = options.date ?? buildDate().date;
  workbook.created = workbook.modified = date;
  const sheet = workbook.addWorksheet(sheetName(options));
  const add = (cells: string[]) => {
    const row = sheet.addRow(cells.map((c) => (c === "" ? null : neutralise(c))));
    // Belt and braces: addRow types a JS string as a string cell; make sure none became a formula.
    row.eachCell((cell) => {
      if (cell.type !== ExcelJS.ValueType.String) throw new Error(`toXlsx: cell ${cell.address} is not a string`);
    });
    return row;
  };
  const boldFont = {name: "Calibri", size: 11, bold: true}; // exceljs's default font, in bold
  add([caption(options)]).font = boldFont;
  const bold = new Set([0, ...t.headings.map((i) => i + 1)]);
  const indented = new Set((t.indented ?? []).map((i) => i + 1));
  [t.header, ...t.rows].forEach((cells, i) => {
    const row = add(cells);
    if (bold.has(i)) row.font = boldFont;
    row.eachCell((cell, column) => {
      cell.alignment = {vertical: "top", wrapText: true, horizontal: column > 1 ? "right" : "left", ...(column === 1 && indented.has(i) ? {indent: 1} : {})};
    });
  });
  add([]);
  for (const f of t.footnotes) add([f]);
  // Footnotes and the title run across the sheet, so they don't widen the first column. At least
  // 10: exceljs leaves out a width of 9, its default, and Excel's own default is narrower.
  t.header.forEach((_, i) => {
    const widest = Math.max(...[t.header, ...t.rows].map((r) => cellWidth(r[i] ?? "")));
    sheet.getColumn(i + 1).width = Math.min(60, Math.max(10, widest + 2));
  });
  return withZipDates(Buffer.from(await workbook.xlsx.writeBuffer()), date);
}

/** A sheet name Excel accepts: at most 31 characters, none of : \ / ? * [ ]. */
const sheetName = ({number = 1}: ExportOptions) => `Table ${number}`;

const caption = ({title, number = 1}: ExportOptions) => `Table ${number}. ${/[.!?]$/.test(title) ? title : `${title}.`}`;

// Sizes in half-points: the table at 10 pt, the footnotes at 8 pt.
const TABLE_SIZE = 20;
const NOTE_SIZE = 16;

// The text width of an A4 or Letter page with 1-inch margins, in twentieths of a point.
const TEXT_WIDTH = 9000;
// An indented row's label: a quarter inch, in twentieths of a point.
const INDENT = 360;

// The three-line table of journals (APA, and the booktabs style most journals print): a rule above
// the header row and one below it, a rule under the last row, and no other lines, none vertical.
// Sizes in eighths of a point: the top and bottom rules 1 pt, the rule under the header ½ pt.
const RULE = {style: BorderStyle.SINGLE, color: "000000"} as const;
const NO_LINE = {style: BorderStyle.NONE, size: 0, color: "auto"} as const;
export const THREE_LINE = {outer: 8, header: 4} as const;
const TABLE_BORDERS = {
  top: {...RULE, size: THREE_LINE.outer},
  bottom: {...RULE, size: THREE_LINE.outer},
  left: NO_LINE,
  right: NO_LINE,
  insideHorizontal: NO_LINE,
  insideVertical: NO_LINE
};
// The header row's cells draw the rules above and below it (a table border cannot say "under row 1").
const HEADER_CELL_BORDERS = {top: {...RULE, size: THREE_LINE.outer}, bottom: {...RULE, size: THREE_LINE.header}};

/** Each column's share of the text width, by its longest line (at least 8 characters). */
function columnWidths(t: TableLayout): number[] {
  const chars = t.header.map((_, i) => Math.max(8, ...[t.header, ...t.rows].map((r) => cellWidth(r[i] ?? ""))));
  const total = chars.reduce((a, b) => a + b, 0);
  return chars.map((c) => Math.round((TEXT_WIDTH * c) / total));
}

/** A cell's text as runs, its line breaks kept as Word line breaks. */
const runs = (text: string, bold: boolean, size: number) =>
  text.split("\n").map((line, i) => new TextRun({text: line, bold, size, break: i > 0 ? 1 : undefined}));

/**
 * A .docx with the caption paragraph ("Table 1." in bold, then the title), a Word table in the
 * three-line style (THREE_LINE; the header row bold and repeated on each page, each block's grouping
 * row bold, count and p cells right-aligned, no empty column), and the footnotes under it in a smaller size. Nothing is neutralised: Word
 * does not evaluate cells, and the text stays exactly as on the page.
 */
export async function toDocx(layout: TableLayout, options: ExportOptions): Promise<Buffer> {
  const t = withoutEmptyColumns(layout);
  const bold = new Set(t.headings);
  const indented = new Set(t.indented ?? []);
  const row = (cells: string[], isBold: boolean, tableHeader = false, indent = false) =>
    new TableRow({
      tableHeader,
      cantSplit: true,
      children: cells.map(
        (text, column) =>
          new TableCell({
            ...(tableHeader ? {borders: HEADER_CELL_BORDERS} : {}),
            children: [
              new Paragraph({
                alignment: column > 0 ? AlignmentType.RIGHT : AlignmentType.LEFT,
                // A block's levels under its label, 0.25 inch in (gtsummary's indented levels).
                ...(indent && column === 0 ? {indent: {left: INDENT}} : {}),
                children: runs(text, isBold, TABLE_SIZE)
              })
            ]
          })
      )
    });
  const {number = 1} = options;
  const title = caption(options).slice(`Table ${number}. `.length);
  const document = new Document({
    sections: [
      {
        children: [
          new Paragraph({keepNext: true, children: [new TextRun({text: `Table ${number}.`, bold: true}), new TextRun({text: ` ${title}`})]}),
          new Table({
            // Column widths as well as the table's: LibreOffice and Google Docs lay a table out
            // from its grid, which docx leaves equal unless told.
            width: {size: TEXT_WIDTH, type: WidthType.DXA},
            columnWidths: columnWidths(t),
            borders: TABLE_BORDERS,
            rows: [row(t.header, true, true), ...t.rows.map((cells, i) => row(cells, bold.has(i), false, indented.has(i)))]
          }),
          ...t.footnotes.map((f) => new Paragraph({children: [new TextRun({text: f, size: NOTE_SIZE})]}))
        ]
      }
    ]
  });
  return withZipDates(await Packer.toBuffer(document), options.date ?? buildDate().date, {coreProperties: true});
}
