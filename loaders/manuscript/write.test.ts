// The manuscript folder of a real study, as `npm run build` writes it: every file opens with a
// library and says what the index says; the exported table holds the page's numbers.
import assert from "node:assert/strict";
import {createHash} from "node:crypto";
import {mkdtempSync, readFileSync, readdirSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {after, before, describe, test} from "node:test";
import {csvParseRows} from "d3-dsv";
import {PDFDocument, PDFName} from "pdf-lib";
import sharp from "sharp";
import {DATA_DIR} from "../codebook.ts";
import {openStudyDatabase} from "../database.ts";
import {subgroupTable} from "../tables.ts";
import {type ManuscriptFile, writeManuscript} from "./write.ts";

describe("dist/manuscript/bendayan-2024 (BMC, 176 mm)", () => {
  let dir: string;
  let files: ManuscriptFile[];
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "manuscript-"));
    ({files} = await writeManuscript("bendayan-2024", dir));
  }, {timeout: 120_000});
  after(() => rmSync(dir, {recursive: true, force: true}));

  test("every figure of the paper in every format, named as journals ask, and the index lists them", () => {
    const names = readdirSync(dir);
    for (let n = 1; n <= 5; ++n)
      for (const suffix of [".svg", ".pdf", "-300dpi.png", "-600dpi.png", "-300dpi.tiff", "-600dpi.tiff", ".caption.txt"])
        assert.ok(names.includes(`Fig${n}${suffix}`), `Fig${n}${suffix} is missing`);
    for (const ext of ["csv", "xlsx", "docx"]) assert.ok(names.includes(`Table1.${ext}`));
    const readme = readFileSync(join(dir, "README.txt"), "utf8");
    for (const f of files) assert.ok(readme.includes(f.file), `README.txt does not list ${f.file}`);
    // The raw file's hash, as the file on disk has it.
    const raw = createHash("sha256").update(readFileSync(join(DATA_DIR, "bendayan-2024", "responses.csv"))).digest("hex");
    assert.ok(readme.includes(`Raw file: data/bendayan-2024/responses.csv (SHA-256 ${raw})`), readme.slice(0, 600));
    assert.match(readme, /Code: commit /);
    assert.match(readme, /RECONSTRUCTED responses/);
  });

  test("bitmaps are 176 mm wide at the dpi they record", async () => {
    for (const dpi of [300, 600]) {
      for (const format of ["png", "tiff"]) {
        const meta = await sharp(join(dir, `Fig2-${dpi}dpi.${format}`)).metadata();
        assert.equal(meta.width, Math.round((176 * dpi) / 25.4), `Fig2 ${format} at ${dpi} dpi`);
        assert.equal(meta.density, dpi);
      }
    }
  });

  test("PDFs are vector, PDF 1.4, 176 mm wide, with their fonts embedded", async () => {
    for (let n = 1; n <= 5; ++n) {
      const bytes = readFileSync(join(dir, `Fig${n}.pdf`));
      assert.equal(bytes.subarray(0, 8).toString(), "%PDF-1.4");
      const pdf = await PDFDocument.load(bytes);
      const [page] = pdf.getPages();
      assert.ok(Math.abs(page.getWidth() - (176 * 72) / 25.4) < 0.5, `Fig${n} is ${page.getWidth()} pt wide`);
      const fonts = pdf.context.enumerateIndirectObjects().filter(([, o]) => (o as {get?: (k: PDFName) => unknown}).get?.(PDFName.of("FontFile2")));
      assert.ok(fonts.length > 0, `Fig${n}.pdf embeds no TrueType font`);
    }
  });

  test("SVGs keep their text as text and are sized in mm", () => {
    const svg = readFileSync(join(dir, "Fig3.svg"), "utf8");
    assert.ok((svg.match(/<text/g) ?? []).length > 10);
    assert.match(svg, /width="176(\.0+)?mm"/);
    assert.match(svg, /Speed of responses/);
  });

  test("Table 1's files hold the numbers the page shows", async () => {
    const db = await openStudyDatabase("bendayan-2024");
    const table = await subgroupTable(db, "subgroups");
    db.close();
    const csv = csvParseRows(readFileSync(join(dir, "Table1.csv"), "utf8").replace(/^\uFEFF/, "")).flat();
    const docx = readFileSync(join(dir, "Table1.docx"));
    assert.ok(docx.length > 0);
    for (const row of table.rows)
      for (const grouping of Object.values(row.by)) {
        for (const cell of grouping.cells) assert.ok(csv.includes(cell.text), `Table1.csv lacks "${cell.text}" (${row.variable})`);
        assert.ok(csv.some((c) => c.startsWith(grouping.test.pText)), `Table1.csv lacks p = ${grouping.test.pText}`);
      }
  });
});
