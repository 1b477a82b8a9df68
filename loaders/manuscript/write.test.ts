// The manuscript folder of a real study, as `npm run build` writes it: every file opens with a
// library and says what the index says; the exported table holds the page's numbers.
import assert from "node:assert/strict";
import {createHash} from "node:crypto";
import {mkdtempSync, readFileSync, readdirSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {after, before, describe, test} from "node:test";
import {csvParseRows} from "d3-dsv";
import JSZip from "jszip";
import {PDFDocument, PDFName} from "pdf-lib";
import sharp from "sharp";
import {pathToFileURL} from "node:url";
import {buildDate} from "../build-date.ts";
import {DATA_DIR, loadCodebook, studies} from "../codebook.ts";
import {openStudyDatabase} from "../database.ts";
import {publicCodebook} from "../responses.ts";
import {computeTables, subgroupTable} from "../tables.ts";
import {panelLetter} from "../../src/components/panel-letter.js";
import {PRESETS, maxFigureHeightMm, measureSvg} from "./figures.ts";
import {overlappingTicks, readFigure} from "./inspect.ts";
import type {RegistryFigure} from "./render.ts";
import {type ManuscriptFile, figuresModule, writeManuscript} from "./write.ts";
import {zipEntryDate} from "./zip-dates.ts";

/**
 * Every date the files of a manuscript folder carry, by where it is: the index's "Built:" (README.txt
 * and index.html), each PDF's CreationDate, each DOCX's and XLSX's core properties and zip entries.
 */
async function datesIn(dir: string): Promise<Map<string, string>> {
  const dates = new Map<string, string>();
  for (const index of ["README.txt", "index.html"]) {
    const built = /Built: (\S+) \(([^)]*)\)/.exec(readFileSync(join(dir, index), "utf8"));
    assert.ok(built, `${index} has a "Built:" line`);
    dates.set(`${index} Built`, new Date(built[1]).toISOString());
  }
  for (const file of readdirSync(dir).sort()) {
    const bytes = readFileSync(join(dir, file));
    if (file.endsWith(".pdf")) dates.set(`${file} CreationDate`, (await PDFDocument.load(bytes)).getCreationDate()!.toISOString());
    if (!/\.(docx|xlsx)$/.test(file)) continue;
    const zip = await JSZip.loadAsync(bytes);
    const core = await zip.file("docProps/core.xml")!.async("string");
    for (const name of ["created", "modified"]) dates.set(`${file} ${name}`, new Date(new RegExp(`<dcterms:${name}[^>]*>([^<]*)<`).exec(core)![1]).toISOString());
    for (const [path, entry] of Object.entries(zip.files)) dates.set(`${file} ${path}`, entry.date.toISOString());
  }
  return dates;
}

/** Fails naming each date that is not `expected` (for a zip entry, `expected` as a zip can hold it). */
function assertAllDated(dates: Map<string, string>, expected: Date) {
  assert.ok([...dates.keys()].some((k) => k.endsWith(".pdf CreationDate")) && [...dates.keys()].some((k) => k.startsWith("Table1.docx")), [...dates.keys()].join(", "));
  const isZipEntry = (where: string) => /\.(docx|xlsx) /.test(where) && !/ (created|modified)$/.test(where);
  const wanted = (where: string) => (isZipEntry(where) ? zipEntryDate(expected) : expected).toISOString();
  const wrong = [...dates].filter(([where, d]) => d !== wanted(where)).map(([where, d]) => `${where}: ${d} (not ${wanted(where)})`);
  assert.deepEqual(wrong, [], `dated otherwise than ${expected.toISOString()}`);
}

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

  test("every date in the files is the build's (the last commit's, or SOURCE_DATE_EPOCH), and the index says which", async () => {
    const built = buildDate();
    assertAllDated(await datesIn(dir), built.date);
    assert.ok(readFileSync(join(dir, "README.txt"), "utf8").includes(`Built: ${built.date.toISOString()} (${built.origin})`));
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

describe("SOURCE_DATE_EPOCH dates every manuscript file (auanassova-2025)", () => {
  let dir: string;
  const epoch = 1600000001; // an odd second: a zip entry holds the even one before it
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "manuscript-epoch-"));
    const saved = process.env.SOURCE_DATE_EPOCH;
    process.env.SOURCE_DATE_EPOCH = String(epoch);
    try {
      await writeManuscript("auanassova-2025", dir);
    } finally {
      if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
      else process.env.SOURCE_DATE_EPOCH = saved;
    }
  }, {timeout: 120_000});
  after(() => rmSync(dir, {recursive: true, force: true}));

  test("README.txt and index.html: Built: the epoch, from SOURCE_DATE_EPOCH; every PDF, DOCX and XLSX dated with it", async () => {
    assert.match(readFileSync(join(dir, "README.txt"), "utf8"), /^Built: 2020-09-13T12:26:41\.000Z \(SOURCE_DATE_EPOCH\)$/m);
    assertAllDated(await datesIn(dir), new Date(epoch * 1000));
  });
});

// Every study that writes manuscript files, as a journal's editor opens them: each figure's SVG
// names itself (<title>) and says what it shows (<desc>: the legend and every number), fits the page
// with its legend, letters its panels A, B, C… in order, and keeps every axis readable.
describe("every manuscript figure: title and description, height, panel letters, ticks", () => {
  const manuscripts = studies().filter((s) => loadCodebook(s).study.manuscript);
  const written = new Map<string, {dir: string; files: ManuscriptFile[]; figures: RegistryFigure[]}>();
  before(async () => {
    for (const study of manuscripts) {
      const dir = mkdtempSync(join(tmpdir(), `manuscript-${study}-`));
      const {files} = await writeManuscript(study, dir);
      // The registry's figures, with the numbers they draw, as the page gets them (tables.json).
      const cb = loadCodebook(study);
      const tables = JSON.parse(JSON.stringify(await computeTables(study)));
      const parts: Record<string, unknown> = {};
      for (const p of studies().map(loadCodebook).filter((p) => p.study.part_of === study)) parts[p.study.id] = JSON.parse(JSON.stringify(await computeTables(p.study.id)));
      const {figures} = await import(pathToFileURL(figuresModule(study)).href);
      written.set(study, {dir, files, figures: figures({tables, codebook: publicCodebook(cb), parts})});
    }
  }, {timeout: 300_000});
  after(() => written.forEach(({dir}) => rmSync(dir, {recursive: true, force: true})));
  const svgs = function* () {
    for (const [study, {dir, figures}] of written)
      for (const figure of figures) yield {study, figure, svg: readFileSync(join(dir, `${figure.id}.svg`), "utf8"), caption: readFileSync(join(dir, `${figure.id}.caption.txt`), "utf8").trim()};
  };

  test("the studies write figures (three studies, 14 figures)", () => {
    assert.deepEqual([...manuscripts].sort(), ["ali-2025", "auanassova-2025", "bendayan-2024"]);
    assert.equal([...svgs()].length, 14);
  });

  test("<title> and <desc> are each SVG's first children: its title, then its legend and every number its bars show", () => {
    for (const {study, figure, svg, caption} of svgs()) {
      const read = readFigure(svg);
      const at = `${study} ${figure.id}`;
      assert.deepEqual(read.firstChildren.slice(0, 2), ["title", "desc"], at);
      assert.match(read.title, new RegExp(`^Fig ${figure.number}\\. \\S`), at);
      assert.ok(read.desc.startsWith(caption), `${at}: the description starts with the legend`);
      const bases = (figure.bases ?? []) as {levels?: {level: string; n: number; percent: number}[]; options?: {level: string; n: number; percent: number}[]}[];
      assert.ok(bases.length > 0, at);
      for (const b of bases)
        for (const r of b.levels ?? b.options ?? []) {
          // As the XML holds it: xmldom reads "&amp;" back as "&".
          const value = `${r.level} ${r.n.toLocaleString("en-US")} (${r.percent.toFixed(1)}%)`;
          assert.ok(read.desc.includes(value), `${at}: the description lacks "${value}"`);
        }
    }
  });

  test("each figure and its legend fit the journal's page: the figure no taller than the preset's limit less the legend", () => {
    for (const {study, figure, svg, caption} of svgs()) {
      const preset = PRESETS[loadCodebook(study).study.manuscript!.preset];
      const {widthMm, heightMm} = measureSvg(svg);
      const limit = maxFigureHeightMm(preset, caption, widthMm);
      assert.ok(limit > 150 && limit < preset.maxHeightMm, `${study} ${figure.id}: a legend takes a few lines (${limit} mm)`);
      assert.ok(heightMm <= limit, `${study} ${figure.id}: ${heightMm.toFixed(1)} mm tall, limit ${limit.toFixed(1)} mm`);
    }
  });

  test("multi-panel figures: one letter a panel, A, B, C… in order, each at its panel's top-left corner", () => {
    let multi = 0;
    for (const {study, figure, svg} of svgs()) {
      const read = readFigure(svg);
      const panels = figure.panels?.length ?? 0;
      if (panels < 2) {
        assert.ok(read.panels.every((p) => !p.letter), `${study} ${figure.id} has one panel: no letter`);
        continue;
      }
      multi++;
      assert.equal(read.panels.length, panels, `${study} ${figure.id}`);
      assert.deepEqual(read.panels.map((p) => p.letter?.text), Array.from({length: panels}, (_, i) => panelLetter(i)), `${study} ${figure.id}`);
      // In reading order: each letter to the right of the one before on its row, or further down
      // (rows), or at the top of the next column (columns).
      read.panels.slice(1).forEach((p, i) => {
        const before = read.panels[i];
        assert.ok(p.y > before.y || p.x > before.x, `${study} ${figure.id}: ${p.letter!.text} after ${before.letter!.text}`);
      });
    }
    assert.equal(multi, 3, "bendayan-2024 Fig1 and auanassova-2025 Figs 1 and 5 have panels");
  });

  test("bendayan-2024 Fig 1, seven panels: A–G, down two columns that fit the page", () => {
    const read = readFigure(readFileSync(join(written.get("bendayan-2024")!.dir, "Fig1.svg"), "utf8"));
    assert.deepEqual(read.panels.map((p) => p.letter?.text).join(""), "ABCDEFG");
    assert.equal(new Set(read.panels.map((p) => p.x)).size, 2);
  });

  test("every panel's x axis has at least two tick labels, and none overlap", () => {
    for (const {study, figure, svg} of svgs()) {
      for (const [i, p] of readFigure(svg).panels.entries()) {
        const at = `${study} ${figure.id} panel ${p.letter?.text ?? i + 1}`;
        assert.ok(p.ticks.length >= 2, `${at}: ticks ${p.ticks.map((t) => t.text).join(", ")}`);
        assert.deepEqual(overlappingTicks(p.ticks), [], at);
      }
    }
  });
});
