import assert from "node:assert/strict";
import {readFileSync} from "node:fs";
import {after, before, describe, test} from "node:test";
import {fileURLToPath} from "node:url";
import {csvParseRows} from "d3-dsv";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import {DOMParser, type Element} from "@xmldom/xmldom";
import {parseCodebook} from "../codebook.ts";
import {type StudyDatabase, openStudyDatabase} from "../database.ts";
import {formatNPercent} from "../../src/components/stats.ts";
import {type SubgroupCell, type SubgroupTable, type SubgroupTest, subgroupTable} from "../tables.ts";
import {COUNT_NOTE, UNPUBLISHED_NOTE} from "./layout.ts";
import {neutralise} from "../../src/components/csv.ts";
import {THREE_LINE, type TableLayout, tableRows, toCsv, toDocx, toXlsx, withoutEmptyColumns} from "./tables.ts";

// A hand-made Table 1: two groupings (the second with three groups, so the first is padded),
// three rows, one of them unpublished, two labels a spreadsheet would take for formulas, and two
// tests so the footnote markers go up to ².
const cell = (group: string, x: number, n: number): SubgroupCell => ({group, x, n, percent: (100 * x) / n, text: formatNPercent(x, n)});
const chisq: SubgroupTest = {p: 0.00001, pText: "<0.001", test: "chisq", method: "Pearson's Chi-squared test"};
const fisher: SubgroupTest = {p: 0.02, pText: "0.020", test: "fisher", method: "Fisher's exact test"};
const by = (sex: [number, number][], age: [number, number][]) => ({
  sex: {cells: [cell("Female", ...sex[0]), cell("Male", ...sex[1])], test: chisq},
  age: {cells: [cell("< 30 years", ...age[0]), cell("30–40 years", ...age[1]), cell("> 40 years", ...age[2])], test: fisher}
});
const fixture: SubgroupTable = {
  id: "subgroups",
  title: "Answers by sex and age",
  by: [
    {id: "sex", label: "Sex", groups: [{group: "Female", n: 1200}, {group: "Male", n: 300}]},
    {id: "age", label: "Age band", groups: [{group: "< 30 years", n: 50}, {group: "30–40 years", n: 100}, {group: "> 40 years", n: 1350}]}
  ],
  rows: [
    {variable: "q1", level: "Yes", label: '=HYPERLINK("http://evil.example","click")', published: true, by: by([[840, 1200], [60, 300]], [[5, 50], [30, 100], [865, 1350]])},
    {variable: "q2", level: "No", label: '-2 visits or fewer, "rarely"', published: false, by: by([[12, 1200], [3, 299]], [[0, 50], [1, 100], [14, 1349]])},
    {variable: "q3", level: "Yes", label: "Feels less isolated (rating ≥ 8), café", published: true, by: by([[600, 1190], [150, 300]], [[25, 50], [50, 100], [675, 1340]])}
  ]
};

const layout = tableRows(fixture);
/** What a spreadsheet should hold: header, rows, an empty row, the footnotes; padded, neutralised. */
const width = layout.header.length;
const pad = (r: string[]) => [...r, ...Array.from({length: width - r.length}, () => "")];
const sheet = [layout.header, ...layout.rows, pad([]), ...layout.footnotes.map((f) => pad([f]))].map((r) => r.map(neutralise));
const formulaLike = /^[=+\-@\t\r]/;

describe("tableRows", () => {
  test("lays the table out as the page does: a grouping row per block, n (%), p last with its test's marker", () => {
    assert.deepEqual(layout.header, ["Sex", "Female\nN = 1,200", "Male\nN = 300", "", "p"]);
    assert.deepEqual(layout.rows, [
      ['=HYPERLINK("http://evil.example","click")', "840 (70%)", "60 (20%)", "", "<0.001¹"],
      ['-2 visits or fewer, "rarely" †', "12 (1.0%)", "3 (1.0%)", "", "<0.001¹"],
      ["Feels less isolated (rating ≥ 8), café", "600 (50%)", "150 (50%)", "", "<0.001¹"],
      ["Age band", "< 30 years\nN = 50", "30–40 years\nN = 100", "> 40 years\nN = 1,350", "p"],
      ['=HYPERLINK("http://evil.example","click")', "5 (10%)", "30 (30%)", "865 (64%)", "0.020²"],
      ['-2 visits or fewer, "rarely" †', "0 (0%)", "1 (1.0%)", "14 (1.0%)", "0.020²"],
      ["Feels less isolated (rating ≥ 8), café", "25 (50%)", "50 (50%)", "675 (50%)", "0.020²"]
    ]);
    assert.deepEqual(layout.headings, [3]);
    assert.deepEqual(layout.footnotes, [COUNT_NOTE, "¹ Pearson's Chi-squared test.", "² Fisher's exact test.", UNPUBLISHED_NOTE]);
  });

  test("numbers tests by first use, keeps only the groupings asked for, and drops † when all rows are published", () => {
    const published = {...fixture, rows: fixture.rows.map((r) => ({...r, published: true}))};
    const only = tableRows(published, {by: ["age"]});
    assert.deepEqual(only.header, ["Age band", "< 30 years\nN = 50", "30–40 years\nN = 100", "> 40 years\nN = 1,350", "p"]);
    assert.deepEqual(only.rows.map((r) => r.at(-1)), ["0.020¹", "0.020¹", "0.020¹"]);
    assert.deepEqual(only.headings, []);
    assert.deepEqual(only.footnotes, [COUNT_NOTE, "¹ Fisher's exact test."]);
    assert.throws(() => tableRows(fixture, {by: []}), /no grouping/);
  });
});

describe("toCsv", () => {
  const csv = toCsv(layout);

  test("starts with a UTF-8 BOM and reads back as the layout, neutralised", () => {
    assert.equal(csv.charCodeAt(0), 0xfeff);
    const parsed = csvParseRows(csv.slice(1));
    assert.deepEqual(parsed, sheet);
    assert.equal(parsed[1][0], `'=HYPERLINK("http://evil.example","click")`);
    assert.equal(parsed[2][0], `'-2 visits or fewer, "rarely" †`);
    assert.ok(parsed.flat().every((c) => !formulaLike.test(c)));
  });

  test("quotes as RFC 4180 says and ends each record with CRLF", () => {
    assert.ok(csv.includes(`"'=HYPERLINK(""http://evil.example"",""click"")",840 (70%),60 (20%),,<0.001¹\r\n`));
    assert.ok(csv.includes(`"Female\nN = 1,200"`));
    assert.ok(csv.includes(`\r\n² Fisher's exact test.,,,,\r\n`), "only fields with commas, quotes or breaks are quoted");
    assert.ok(csv.endsWith(`${UNPUBLISHED_NOTE},,,,\r\n`));
    assert.equal(csv.split("\r\n").length, sheet.length + 1);
  });
});

describe("toXlsx", () => {
  let buffer: Buffer;
  let ws: ExcelJS.Worksheet;
  before(async () => {
    buffer = await toXlsx(layout, {title: fixture.title});
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
    ws = workbook.worksheets[0];
  });

  test("the title, then cells holding the layout's strings (neutralised), then the footnotes", () => {
    assert.equal(ws.getCell("A1").value, "Table 1. Answers by sex and age.");
    const read: string[][] = [];
    for (let r = 2; r <= ws.rowCount; r++) read.push(Array.from({length: width}, (_, c) => (ws.getCell(r, c + 1).value ?? "") as string));
    assert.deepEqual(read, sheet);
  });

  test("no cell is a formula, in exceljs's reading or in the sheet's XML", async () => {
    ws.eachRow((row) => row.eachCell((c) => assert.equal(c.type, ExcelJS.ValueType.String, c.address)));
    const xml = await (await JSZip.loadAsync(buffer)).file("xl/worksheets/sheet1.xml")!.async("string");
    assert.doesNotMatch(xml, /<f[ >]/);
    assert.match(xml, /t="s"/);
  });

  test("title, header and grouping rows bold; numbers right-aligned; columns sized", () => {
    assert.equal(ws.getCell("A1").font?.bold, true);
    assert.equal(ws.getCell("B2").font?.bold, true);
    assert.equal(ws.getCell(2 + 1 + layout.headings[0], 1).font?.bold, true); // "Age band"
    assert.notEqual(ws.getCell("A3").font?.bold, true);
    assert.equal(ws.getCell("B3").alignment?.horizontal, "right");
    assert.equal(ws.getCell("A3").alignment?.horizontal, "left");
    assert.ok(ws.getColumn(1).width! >= '=HYPERLINK("http://evil.example","click")'.length);
    for (let c = 1; c <= width; c++) assert.ok(ws.getColumn(c).width! >= 10, `column ${c}`);
  });
});

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");

describe("toDocx", () => {
  let xml: string;
  before(async () => {
    const buffer = await toDocx(layout, {title: fixture.title});
    xml = await (await JSZip.loadAsync(buffer)).file("word/document.xml")!.async("string");
  });

  test("holds every cell's text, unneutralised, each line of a header cell as its own run", () => {
    for (const line of [layout.header, ...layout.rows].flat().flatMap((c) => c.split("\n")).filter(Boolean)) {
      assert.ok(xml.includes(`>${escapeXml(line)}</w:t>`), `missing ${line}`);
    }
    assert.equal(xml.match(/<w:tr[ >]/g)?.length, 1 + layout.rows.length);
    assert.equal(xml.match(/<w:gridCol /g)?.length, width);
    assert.ok(!xml.includes("&apos;=HYPERLINK"));
  });

  test("caption above, footnotes below in a smaller size", () => {
    const caption = xml.indexOf(">Table 1.</w:t>");
    assert.ok(caption >= 0 && caption < xml.indexOf("<w:tbl>"));
    assert.ok(xml.includes(`> Answers by sex and age.</w:t>`));
    for (const f of layout.footnotes) {
      const at = xml.indexOf(`>${escapeXml(f)}</w:t>`);
      assert.ok(at > xml.indexOf("</w:tbl>"), `footnote ${f}`);
      assert.match(xml.slice(xml.lastIndexOf("<w:r>", at), at), /<w:sz w:val="16"\/>/);
    }
  });

  test("header row bold and repeated; number cells right-aligned", () => {
    assert.match(xml, /<w:tblHeader\/>/);
    const firstRow = xml.slice(xml.indexOf("<w:tr"), xml.indexOf("</w:tr>"));
    assert.match(firstRow, /<w:b\/>/);
    assert.match(firstRow, /<w:jc w:val="right"\/>/);
    const secondRow = xml.slice(xml.indexOf("</w:tr>"), xml.indexOf("</w:tr>", xml.indexOf("</w:tr>") + 1));
    assert.doesNotMatch(secondRow, /<w:b\/>/);
  });
});

describe("the dates inside the XLSX and the DOCX (byte-identical builds)", () => {
  const date = new Date("2024-03-10T12:34:56Z");
  /** The core properties' created and modified, and every zip entry's time. */
  async function dates(buffer: Buffer) {
    const zip = await JSZip.loadAsync(buffer);
    const core = await zip.file("docProps/core.xml")!.async("string");
    const property = (name: string) => new RegExp(`<dcterms:${name}[^>]*>([^<]*)</dcterms:${name}>`).exec(core)?.[1];
    return {created: property("created"), modified: property("modified"), entries: new Set(Object.values(zip.files).map((f) => f.date.toISOString()))};
  }
  const expected = {created: "2024-03-10T12:34:56Z", modified: "2024-03-10T12:34:56Z", entries: new Set(["2024-03-10T12:34:56.000Z"])};

  for (const [name, write] of [["toXlsx", toXlsx], ["toDocx", toDocx]] as const) {
    test(`${name}: the date given, in the core properties and on every zip entry; the same bytes each time`, async () => {
      const a = await write(layout, {title: fixture.title, date});
      assert.deepEqual(await dates(a), expected);
      assert.ok(a.equals(await write(layout, {title: fixture.title, date})));
    });

    test(`${name}: by default the build's date (SOURCE_DATE_EPOCH)`, async () => {
      const saved = process.env.SOURCE_DATE_EPOCH;
      process.env.SOURCE_DATE_EPOCH = String(date.getTime() / 1000);
      try {
        assert.deepEqual(await dates(await write(layout, {title: fixture.title})), expected);
      } finally {
        if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
        else process.env.SOURCE_DATE_EPOCH = saved;
      }
    });
  }

  test("the XLSX's dates as Excel reads them (exceljs)", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await toXlsx(layout, {title: fixture.title, date})) as unknown as ExcelJS.Buffer);
    assert.equal(workbook.created.getTime(), date.getTime());
    assert.equal(workbook.modified.getTime(), date.getTime());
  });
});

describe("the real Table 1 (bendayan-2024)", () => {
  let db: StudyDatabase;
  let table: SubgroupTable;
  before(async () => {
    db = await openStudyDatabase("bendayan-2024");
    table = await subgroupTable(db, "subgroups");
  });
  after(() => db.close());

  test("the CSV carries the page's counts, percentages and p-values", () => {
    const csv = toCsv(tableRows(table));
    // Specialty: general practitioners vs other specialists (the age block has 3 groups, hence ",,").
    assert.ok(csv.includes("\r\nHas sought a medical opinion on the group,660 (70%),265 (52%),,<0.001¹\r\n"));
    assert.ok(csv.includes(`"General practitioner\nN = 944"`));
    // Medically underserved area: 68% vs 62%, p = 0.020.
    assert.ok(csv.includes("\r\nHas sought a medical opinion on the group,286 (68%),639 (62%),,0.020¹\r\n"));
    assert.ok(csv.includes(`\r\nPractises in a medically underserved area,"Yes\nN = 419","No\nN = 1,032",,p\r\n`));
    assert.ok(csv.includes("\r\nReassured in my patient care approach (rating ≥ 8) †,551 (84%),203 (77%),,0.011¹\r\n"));
    assert.ok(csv.includes("¹ Pearson's Chi-squared test."));
    assert.ok(csv.includes(UNPUBLISHED_NOTE));
  });
});

describe("a gtsummary-style table (test/fixtures/table1): blocks' levels indented in the XLSX and the DOCX", () => {
  let layout: TableLayout;
  before(async () => {
    const dir = fileURLToPath(new URL("../../test/fixtures/table1/", import.meta.url));
    const db = await openStudyDatabase({codebook: parseCodebook(readFileSync(`${dir}codebook.yaml`, "utf8")), path: `${dir}responses.csv`});
    try {
      layout = tableRows(await subgroupTable(db, "table2"));
    } finally {
      db.close();
    }
  });

  test("the layout lists the indented rows; the level rows of the old kind have none", () => {
    assert.deepEqual(layout.indented?.slice(0, 4), [1, 2, 3, 4]);
    assert.equal(tableRows(fixture).indented, undefined);
  });

  test("XLSX: an indented row's label cell has an indent, other cells none", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await toXlsx(layout, {title: "T"})) as unknown as ExcelJS.Buffer);
    const ws = workbook.worksheets[0];
    // Row 1 is the title, row 2 the header: layout row i is sheet row i + 3.
    layout.rows.forEach((cells, i) => {
      const indent = ws.getCell(i + 3, 1).alignment?.indent;
      assert.equal(indent, layout.indented!.includes(i) ? 1 : undefined, `row ${i} "${cells[0]}"`);
      assert.equal(ws.getCell(i + 3, 2).alignment?.indent, undefined);
    });
  });

  test("DOCX: an indented row's first paragraph is indented", async () => {
    const xml = await (await JSZip.loadAsync(await toDocx(layout, {title: "T"}))).file("word/document.xml")!.async("string");
    const rows = xml.split("<w:tr>").slice(1).map((r) => r.slice(0, r.indexOf("</w:tr>")));
    assert.equal(rows.length, 1 + layout.rows.length);
    layout.rows.forEach((cells, i) => {
      const first = rows[i + 1].slice(0, rows[i + 1].indexOf("</w:tc>"));
      assert.equal(/<w:ind w:left="360"\/>/.test(first), layout.indented!.includes(i), `row ${i} "${cells[0]}"`);
    });
  });
});

// ---- The DOCX table as Word reads it: its borders, each row's cells with their own borders and text ----

const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
type Border = {val: string; sz: number};
const bordersOf = (el: Element | undefined): Record<string, Border> =>
  Object.fromEntries(
    Array.from((el?.childNodes ?? []) as unknown as ArrayLike<Element>)
      .filter((b) => b.nodeType === 1)
      .map((b) => [b.localName, {val: b.getAttributeNS(W, "val")!, sz: Number(b.getAttributeNS(W, "sz"))}])
  );
async function docxTable(buffer: Buffer) {
  const xml = await (await JSZip.loadAsync(buffer)).file("word/document.xml")!.async("string");
  const doc = new DOMParser().parseFromString(xml, "text/xml");
  const tables = Array.from(doc.getElementsByTagNameNS(W, "tbl"));
  assert.equal(tables.length, 1, "one table");
  const tbl = tables[0];
  const own = (el: Element, name: string) => Array.from(el.childNodes as unknown as ArrayLike<Element>).filter((c) => c.nodeType === 1 && c.localName === name);
  const tblPr = own(tbl, "tblPr")[0];
  return {
    borders: bordersOf(own(tblPr, "tblBorders")[0]),
    gridCols: own(own(tbl, "tblGrid")[0], "gridCol").length,
    rows: own(tbl, "tr").map((tr) =>
      own(tr, "tc").map((tc) => ({
        borders: bordersOf(own(own(tc, "tcPr")[0] ?? tc, "tcBorders")[0]),
        text: Array.from(tc.getElementsByTagNameNS(W, "t")).map((t) => t.textContent).join("")
      }))
    )
  };
}

/** The three-line journal table: rules above and below the header row and under the last row, nothing else. */
function assertThreeLine(t: Awaited<ReturnType<typeof docxTable>>) {
  assert.deepEqual(t.borders.top, {val: "single", sz: THREE_LINE.outer});
  assert.deepEqual(t.borders.bottom, {val: "single", sz: THREE_LINE.outer});
  for (const side of ["left", "right", "insideH", "insideV"]) assert.equal(t.borders[side]?.val, "none", `table border ${side}`);
  const [header, ...body] = t.rows;
  for (const cell of header) {
    assert.deepEqual(cell.borders.top, {val: "single", sz: THREE_LINE.outer}, `rule above the header, over "${cell.text}"`);
    assert.deepEqual(cell.borders.bottom, {val: "single", sz: THREE_LINE.header}, `rule below the header, under "${cell.text}"`);
    assert.ok(!cell.borders.left && !cell.borders.right, "no vertical rule in the header");
  }
  for (const row of body) for (const cell of row) assert.deepEqual(cell.borders, {}, `no rule on the body cell "${cell.text}"`);
  // No column without content, in the header or any row.
  for (let i = 0; i < t.gridCols; i++) assert.ok(t.rows.some((r) => r[i]?.text), `column ${i + 1} is empty`);
}

describe("the journal's three-line table (DOCX)", () => {
  // The layout with an empty column, as a table whose groupings leave one would have.
  const gapped: TableLayout = {...layout, header: [layout.header[0], "", ...layout.header.slice(1)], rows: layout.rows.map((r) => [r[0], "", ...r.slice(1)])};

  test("withoutEmptyColumns drops only the columns with nothing in them", () => {
    assert.deepEqual(withoutEmptyColumns(gapped), layout);
    assert.equal(withoutEmptyColumns(layout), layout, "a table without one is kept as it is");
    // The padding cells of the shorter block are not a column: the longer block fills it.
    assert.ok(layout.rows.some((r) => r.includes("")) && withoutEmptyColumns(layout).header.length === layout.header.length);
  });

  test("rules above and below the header and at the foot, no inner verticals or horizontals, no empty column", async () => {
    const t = await docxTable(await toDocx(gapped, {title: fixture.title}));
    assert.equal(t.gridCols, layout.header.length, "the empty column is dropped");
    assert.equal(t.rows.length, 1 + layout.rows.length);
    assertThreeLine(t);
  });

  test("the CSV and the XLSX drop the empty column too", async () => {
    assert.equal(toCsv(gapped), toCsv(layout));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await toXlsx(gapped, {title: "T"})) as unknown as ExcelJS.Buffer);
    assert.equal(workbook.worksheets[0].getRow(2).cellCount, layout.header.length);
  });

  test("the real Table 1 (bendayan-2024) and a gtsummary-style table (test/fixtures/table1)", async () => {
    const db = await openStudyDatabase("bendayan-2024");
    const real = await subgroupTable(db, "subgroups").finally(() => db.close());
    const dir = fileURLToPath(new URL("../../test/fixtures/table1/", import.meta.url));
    const db2 = await openStudyDatabase({codebook: parseCodebook(readFileSync(`${dir}codebook.yaml`, "utf8")), path: `${dir}responses.csv`});
    const gt = await subgroupTable(db2, "table2").finally(() => db2.close());
    for (const table of [real, gt]) assertThreeLine(await docxTable(await toDocx(tableRows(table), {title: table.title})));
  });
});
