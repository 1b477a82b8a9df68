import assert from "node:assert/strict";
import {existsSync} from "node:fs";
import {inflateSync} from "node:zlib";
import {describe, test} from "node:test";
import {DOMParser, type Element} from "@xmldom/xmldom";
import {PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef} from "pdf-lib";
import {Resvg} from "@resvg/resvg-js";
import sharp from "sharp";
import {FONT_FILES, PRESETS, exportFigure, measureSvg, plotWidthFor, prepareSvg, resvgFontOptions, svgToBitmap, svgToPdf} from "./figures.ts";

// Shaped like Plot's output (outerHTML: no xmlns, explicit end tags, <style> with a :where rule, fill
// "currentColor" on the root, 10 px text at a 640 px on-screen width), with a bar in the theme's focus
// colour, an axis with tick <text>, a bold title, a haloed label (paint-order stroke) and an &nbsp;.
const FIXTURE = `<svg class="plot-abc123" fill="currentColor" font-family="system-ui, sans-serif" font-size="10" text-anchor="middle" width="640" height="400" viewBox="0 0 640 400"><style>:where(.plot-abc123) {
  --plot-background: white;
  display: block;
  max-width: 100%;
}</style><text aria-label="title" x="320" y="24" font-size="14" font-weight="bold">Share of respondents</text><g aria-label="bar" fill="var(--theme-foreground-focus)"><rect x="60" y="60" width="400" height="280"></rect></g><g aria-label="x-axis tick" aria-hidden="true" fill="none" stroke="currentColor"><path transform="translate(60,340)" d="M0,0L0,6"></path><path transform="translate(260,340)" d="M0,0L0,6"></path><path transform="translate(460,340)" d="M0,0L0,6"></path></g><g aria-label="x-axis tick label" transform="translate(0,9)"><text y="0.71em" transform="translate(60,340)">0</text><text y="0.71em" transform="translate(260,340)">50</text><text y="0.71em" transform="translate(460,340)">100</text></g><g aria-label="x-axis label" style="font-size: 12px" text-anchor="end"><text x="620" y="385">Percent&nbsp;→</text></g><g aria-label="text" stroke="var(--plot-background)" stroke-width="3" paint-order="stroke"><text x="500" y="200">n = 120</text></g></svg>`;

const parse = (svg: string) => new DOMParser().parseFromString(svg, "image/svg+xml").documentElement!;
const all = (el: Element, name: string) => Array.from(el.getElementsByTagName(name));
const mmOf = (v: string | null) => Number(/^([\d.]+)mm$/.exec(v ?? "")?.[1]);

/** Effective font size of each <text> in pt at the SVG's printed width (fixture uses plain numbers / px only). */
function textSizesPt(svg: string): {text: string; pt: number}[] {
  const root = parse(svg);
  const perUnit = (mmOf(root.getAttribute("width")) / Number(root.getAttribute("viewBox")!.split(" ")[2])) * (72 / 25.4);
  return all(root, "text").map((t) => {
    let size = NaN;
    let panel = 1; // a nested <svg> (a panel) scales its viewBox width into its width
    for (let e: Element | null = t; e && e !== root && e.getAttribute; e = e.parentNode as Element | null) {
      if (e.nodeName === "svg") panel *= Number(e.getAttribute("width")) / Number(e.getAttribute("viewBox")!.split(" ")[2]);
    }
    for (let e: Element | null = t; e && Number.isNaN(size); e = e.parentNode as Element | null) {
      const style = /font-size:\s*([\d.]+)(?:px)?/.exec(e.getAttribute?.("style") ?? "");
      const attr = e.getAttribute?.("font-size");
      if (style) size = Number(style[1]);
      else if (attr) size = Number(attr);
    }
    return {text: t.textContent!, pt: size * panel * perUnit};
  });
}

/** Stroke widths (pt at printed size) of the stroked shapes: nearest declared stroke-width, default 1. */
function strokeWidthsPt(svg: string): number[] {
  const root = parse(svg);
  const perUnit = (mmOf(root.getAttribute("width")) / Number(root.getAttribute("viewBox")!.split(" ")[2])) * (72 / 25.4);
  const inherited = (el: Element, name: string): string | null => {
    for (let e: Element | null = el; e && e.getAttribute; e = e.parentNode as Element | null) if (e.hasAttribute(name)) return e.getAttribute(name);
    return null;
  };
  return ["path", "line", "rect"]
    .flatMap((n) => all(root, n))
    .filter((el) => (inherited(el, "stroke") ?? "none") !== "none")
    .map((el) => Number(inherited(el, "stroke-width") ?? 1) * perUnit);
}

// ---- PDF helpers (pdf-lib parses; text is read back through the font's ToUnicode CMap) ----------------

function decode(stream: PDFRawStream): string {
  const filter = stream.dict.get(PDFName.of("Filter"));
  return (filter === PDFName.of("FlateDecode") ? inflateSync(stream.contents) : Buffer.from(stream.contents)).toString("latin1");
}

function toUnicodeMap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const hex = (h: string) => parseInt(h, 16);
  const str = (h: string) => String.fromCodePoint(...(h.match(/.{4}/g) ?? []).map(hex));
  for (const [, body] of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, dst] of body.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*(\[[^\]]*\]|<[0-9a-f]+>)/gi)) {
      const targets = dst.startsWith("[") ? [...dst.matchAll(/<([0-9a-f]+)>/gi)].map((m) => str(m[1])) : null;
      for (let c = hex(lo); c <= hex(hi); c++) {
        map.set(c, targets ? targets[c - hex(lo)] : String.fromCodePoint(hex(dst.slice(1, -1)) + c - hex(lo)));
      }
    }
  }
  for (const [, body] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, src, dst] of body.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>/gi)) map.set(hex(src), str(dst));
  }
  return map;
}

interface PdfFacts {
  bytes: Buffer;
  doc: PDFDocument;
  fonts: {baseFont: string; subtype: string; embedded: string[]}[];
  /** Text of each BT…ET block, decoded through ToUnicode. */
  texts: string[];
}

async function pdfFacts(bytes: Buffer): Promise<PdfFacts> {
  const doc = await PDFDocument.load(bytes, {updateMetadata: false});
  const ctx = doc.context;
  const look = <T>(v: unknown) => (v instanceof PDFRef ? ctx.lookup(v) : v) as T;
  const fonts: PdfFacts["fonts"] = [];
  const cmaps = new Map<string, Map<number, string>>();
  const page = doc.getPage(0);
  const resources = look<PDFDict>(page.node.get(PDFName.of("Resources")));
  const fontDict = look<PDFDict>(resources.get(PDFName.of("Font")));
  for (const [key, ref] of fontDict.entries()) {
    const font = look<PDFDict>(ref);
    const descendants = look<PDFArray | undefined>(font.get(PDFName.of("DescendantFonts")));
    const described = descendants ? look<PDFDict>(descendants.get(0)) : font;
    const descriptor = look<PDFDict | undefined>(described.get(PDFName.of("FontDescriptor")));
    const embedded = descriptor ? ["FontFile", "FontFile2", "FontFile3"].filter((k) => descriptor.get(PDFName.of(k)) !== undefined) : [];
    fonts.push({baseFont: String(font.get(PDFName.of("BaseFont"))), subtype: String(font.get(PDFName.of("Subtype"))), embedded});
    const toUnicode = look<PDFRawStream | undefined>(font.get(PDFName.of("ToUnicode")));
    if (toUnicode) cmaps.set(key.toString(), toUnicodeMap(decode(toUnicode)));
  }
  const contents = look<PDFRawStream | PDFArray>(page.node.get(PDFName.of("Contents")));
  const content = (contents instanceof PDFArray ? contents.asArray().map((r) => look<PDFRawStream>(r)) : [contents]).map(decode).join("\n");
  const texts: string[] = [];
  for (const [, block] of content.matchAll(/\bBT\b([\s\S]*?)\bET\b/g)) {
    let cmap = new Map<number, string>();
    let s = "";
    for (const [, font, hex] of block.matchAll(/(\/[A-Za-z0-9]+)\s+[\d.]+\s+Tf|<([0-9a-fA-F]+)>/g)) {
      if (font) cmap = cmaps.get(font) ?? new Map();
      else s += (hex.match(/.{4}/g) ?? []).map((g) => cmap.get(parseInt(g, 16)) ?? "\uFFFD").join("");
    }
    texts.push(s);
  }
  return {bytes, doc, fonts, texts};
}

// ---- bitmap helpers ---------------------------------------------------------------------------------

/** The pHYs chunk of a PNG: pixels per metre and unit (1 = metre). */
function pngPhys(png: Buffer): {x: number; y: number; unit: number} | undefined {
  for (let i = 8; i < png.length; ) {
    const len = png.readUInt32BE(i);
    const type = png.toString("latin1", i + 4, i + 8);
    if (type === "pHYs") return {x: png.readUInt32BE(i + 8), y: png.readUInt32BE(i + 12), unit: png[i + 16]};
    i += 12 + len;
  }
  return undefined;
}

/** First-IFD tags of a TIFF: Compression (259), XResolution (282), YResolution (283), ResolutionUnit (296). */
function tiffTags(tiff: Buffer): Map<number, number> {
  const le = tiff.toString("latin1", 0, 2) === "II";
  const u16 = (o: number) => (le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const u32 = (o: number) => (le ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
  assert.equal(u16(2), 42, "TIFF magic");
  const ifd = u32(4);
  const tags = new Map<number, number>();
  for (let i = 0; i < u16(ifd); i++) {
    const e = ifd + 2 + i * 12;
    const tag = u16(e);
    const type = u16(e + 2);
    if (type === 3) tags.set(tag, u16(e + 8));
    else if (type === 4) tags.set(tag, u32(e + 8));
    else if (type === 5) tags.set(tag, u32(u32(e + 8)) / u32(u32(e + 8) + 4));
  }
  return tags;
}

/** Darkest value over a region of a bitmap (255 = all white). */
async function darkest(img: Buffer, region?: {left: number; top: number; width: number; height: number}): Promise<number> {
  const s = await (region ? sharp(img).extract(region) : sharp(img)).greyscale().stats();
  return s.channels[0].min;
}

// ---------------------------------------------------------------------------------------------------------

describe("PRESETS", () => {
  test("BMC and Springer widths, minimums and resolutions", () => {
    assert.deepEqual(PRESETS.bmc.widths, {single: 85, double: 176});
    assert.equal(PRESETS.bmc.minFontPt, 8);
    assert.equal(PRESETS.bmc.minLinePt, 0.5);
    assert.deepEqual(PRESETS.bmc.dpi, [300, 600]);
    assert.deepEqual(PRESETS.springer.widths, {single: 84, double: 174});
    assert.deepEqual([PRESETS.springer.minFontPt, PRESETS.springer.maxFontPt], [8, 12]);
    assert.deepEqual(PRESETS.springer.dpi, [600, 1200]);
    for (const p of Object.values(PRESETS)) assert.match(p.font, /^(Arial|Helvetica)\b.*\bArimo\b/);
  });
});

describe("prepareSvg", () => {
  const single = prepareSvg(FIXTURE, {widthMm: PRESETS.bmc.widths.single, preset: PRESETS.bmc});
  const root = parse(single);

  test("width and height in mm, viewBox kept, white background first", () => {
    assert.equal(root.getAttribute("width"), "85mm");
    assert.equal(mmOf(root.getAttribute("height")), Math.round(((400 * 85) / 640) * 1000) / 1000);
    assert.equal(root.getAttribute("viewBox"), "0 0 640 400");
    assert.equal(root.namespaceURI, "http://www.w3.org/2000/svg");
    const first = all(root, "*")[0];
    assert.equal(first.nodeName, "rect");
    assert.deepEqual(["x", "y", "width", "height", "fill"].map((a) => first.getAttribute(a)), ["0", "0", "640", "400", "#ffffff"]);
  });

  test("text stays <text>", () => {
    assert.deepEqual(
      textSizesPt(single).map((t) => t.text),
      ["Share of respondents", "0", "50", "100", "Percent\u00a0→", "n = 120", "n = 120"] // the halo is a second copy
    );
  });

  test("CSS variables and currentColor become concrete colours; <style> is dropped", () => {
    assert.ok(!single.includes("var(--"), "no var(--…) left");
    assert.ok(!/currentcolor/i.test(single), "no currentColor left");
    assert.equal(all(root, "style").length, 0);
    const bar = all(root, "g").find((g) => g.getAttribute("aria-label") === "bar")!;
    assert.equal(bar.getAttribute("fill"), "#3b5fc0");
    const ticks = all(root, "g").find((g) => g.getAttribute("aria-label") === "x-axis tick")!;
    assert.equal(ticks.getAttribute("stroke"), "#000000");
    assert.equal(root.getAttribute("fill"), "#000000");
  });

  test("the preset's font family on the root and nowhere else", () => {
    assert.equal(root.getAttribute("font-family"), PRESETS.bmc.font);
    assert.equal(all(root, "*").filter((el) => el.hasAttribute("font-family")).length, 0);
    assert.ok(!single.includes("system-ui"));
  });

  test("BMC single column (85 mm): every text ≥ 8 pt by enlarging fonts, not shrinking the figure", () => {
    // Before: 10 px at 640 px → 85 mm is 3.76 pt, 14 px 5.27 pt.
    const before = measureSvg(FIXTURE, {widthMm: 85});
    assert.ok(Math.abs(before.minFontPt - (10 * 85 * 72) / 640 / 25.4) < 1e-9);
    const sizes = textSizesPt(single);
    for (const {text, pt} of sizes) assert.ok(pt >= 8, `${text}: ${pt} pt`);
    assert.ok(Math.min(...sizes.map((s) => s.pt)) < 8.01, "enlarged to the minimum, not beyond");
    // proportions kept: the title stays 1.4 × the tick labels
    const title = sizes.find((s) => s.text === "Share of respondents")!.pt;
    const tick = sizes.find((s) => s.text === "50")!.pt;
    assert.ok(Math.abs(title / tick - 1.4) < 1e-3);
    assert.equal(measureSvg(single).widthMm, 85);
  });

  test("BMC double column (176 mm): 10 px text (7.8 pt) is raised to 8 pt too", () => {
    const double = prepareSvg(FIXTURE, {widthMm: 176, preset: PRESETS.bmc});
    for (const {text, pt} of textSizesPt(double)) assert.ok(pt >= 8, `${text}: ${pt} pt`);
  });

  test("lines ≥ the preset's minimum at final size", () => {
    // 1 px at 85 mm / 640 px is 0.376 pt < 0.5 pt
    for (const pt of strokeWidthsPt(single)) assert.ok(pt >= 0.5, `${pt} pt`);
    assert.ok(measureSvg(single).minLinePt >= 0.5);
  });

  test("paint-order stroke (a halo) becomes a stroke-only copy under a fill-only original", () => {
    const halo = all(root, "g").filter((g) => g.getAttribute("aria-label") === "text");
    assert.equal(halo.length, 2);
    assert.deepEqual([halo[0].getAttribute("fill"), halo[0].getAttribute("stroke")], ["none", "#ffffff"]);
    assert.equal(halo[1].getAttribute("stroke"), "none");
    assert.ok(!single.includes("paint-order"));
  });

  test("idempotent, and the Plot width that needs no enlarging", () => {
    assert.equal(prepareSvg(single, {widthMm: 85, preset: PRESETS.bmc}), single);
    assert.equal(plotWidthFor(85, PRESETS.bmc), 301);
    assert.equal(plotWidthFor(176, PRESETS.bmc), 623);
    const narrow = FIXTURE.replace('viewBox="0 0 640 400"', 'viewBox="0 0 301 400"');
    assert.ok(measureSvg(narrow, {widthMm: 85}).minFontPt >= 8);
  });

  test("unknown CSS variables are an error unless given a colour", () => {
    const odd = FIXTURE.replace("var(--theme-foreground-focus)", "var(--my-accent)");
    assert.throws(() => prepareSvg(odd, {widthMm: 85, preset: PRESETS.bmc}), /--my-accent/);
    assert.ok(prepareSvg(odd, {widthMm: 85, preset: PRESETS.bmc, colors: {"my-accent": "#123456"}}).includes('fill="#123456"'));
    const fallback = FIXTURE.replace("var(--theme-foreground-focus)", "var(--my-accent, #654321)");
    assert.ok(prepareSvg(fallback, {widthMm: 85, preset: PRESETS.bmc}).includes('fill="#654321"'));
  });

  test("multi-panel figures (nested <svg> panels drawn at half their viewBox): text ≥ 8 pt", () => {
    const panel = (x: number) =>
      FIXTURE.replace("<svg ", `<svg x="${x}" y="20" `).replace('width="640" height="400"', 'width="320" height="200"').replace(/plot-abc123/g, `plot-p${x}`);
    const grid = `<svg xmlns="http://www.w3.org/2000/svg" width="660" height="220" viewBox="0 0 660 220" font-family="system-ui, sans-serif"><text x="0" y="11" font-size="11" font-weight="bold">A</text>${panel(0)}<text x="340" y="11" font-size="11" font-weight="bold">B</text>${panel(340)}</svg>`;
    // a panel's 10 px ticks are 5 px in the figure: 5 × 176/660 mm = 3.78 pt before
    assert.ok(Math.abs(measureSvg(grid, {widthMm: 176}).minFontPt - (5 * 176 * 72) / 660 / 25.4) < 1e-9);
    const out = prepareSvg(grid, {widthMm: 176, preset: PRESETS.bmc});
    const sizes = textSizesPt(out);
    assert.equal(sizes.length, 2 + 2 * 7);
    for (const {text, pt} of sizes) assert.ok(pt >= 8, `${text}: ${pt} pt`);
    assert.ok(!out.includes("var(--") && !/currentcolor/i.test(out) && !out.includes("<style"));
  });

  test("not an <svg>: a clear error", () => {
    assert.throws(() => prepareSvg(`<figure>${FIXTURE}</figure>`, {widthMm: 85, preset: PRESETS.bmc}), /<svg> root/);
  });
});

describe("svgToPdf", () => {
  const widthMm = 176;
  const heightMm = (400 * 176) / 640;
  const date = new Date("2025-01-01T00:00:00Z");
  let facts: PdfFacts;

  test("parses, PDF 1.4, page size = figure size in points", async () => {
    facts = await pdfFacts(await svgToPdf(FIXTURE, {widthMm, preset: PRESETS.bmc, creationDate: date, onWarning: (w) => assert.fail(w)}));
    assert.equal(facts.bytes.subarray(0, 8).toString("latin1"), "%PDF-1.4");
    assert.equal(facts.doc.getPageCount(), 1);
    const {width, height} = facts.doc.getPage(0).getSize();
    assert.ok(Math.abs(width - (widthMm * 72) / 25.4) < 1e-3, `width ${width}`);
    assert.ok(Math.abs(height - (heightMm * 72) / 25.4) < 1e-3, `height ${height}`);
  });

  test("fonts embedded: Arimo as TrueType (FontFile2), and no standard-14 font", async () => {
    assert.ok(facts.fonts.length >= 1);
    for (const f of facts.fonts) {
      assert.match(f.baseFont, /^\/[A-Z]{6}\+Arimo-/, "a subset of Arimo");
      assert.ok(f.embedded.includes("FontFile2") || f.embedded.includes("FontFile3"), `${f.baseFont} embedded`);
    }
    assert.ok(!facts.bytes.includes("/Helvetica"), "no Helvetica reference");
    assert.ok(facts.fonts.some((f) => /Arimo-Bold/.test(f.baseFont)), "bold title in Arimo Bold");
  });

  test("the figure's text can be extracted", () => {
    // (svg-to-pdfkit writes the no-break space as a plain space)
    const texts = facts.texts.map((t) => t.replace(/\u00a0/g, " "));
    for (const s of ["Share of respondents", "0", "50", "100", "Percent →", "n = 120"]) assert.ok(texts.includes(s), `${s} in ${JSON.stringify(facts.texts)}`);
  });

  test("reproducible with a fixed creation date; heightMm sets the page height", async () => {
    const again = await svgToPdf(FIXTURE, {widthMm, preset: PRESETS.bmc, creationDate: date});
    assert.ok(again.equals(facts.bytes));
    const tall = await PDFDocument.load(await svgToPdf(FIXTURE, {widthMm, heightMm: 150, preset: PRESETS.bmc, creationDate: date}));
    assert.ok(Math.abs(tall.getPage(0).getSize().height - (150 * 72) / 25.4) < 1e-3);
  });

  test("by default dated with the build's date (SOURCE_DATE_EPOCH): CreationDate, and the /ID pdfkit hashes from it", async () => {
    const fileId = (pdf: Buffer) => /\/ID \[<([0-9a-f]+)>/.exec(pdf.toString("latin1"))?.[1];
    const saved = process.env.SOURCE_DATE_EPOCH;
    process.env.SOURCE_DATE_EPOCH = String(date.getTime() / 1000);
    let byDefault: Buffer;
    try {
      byDefault = await svgToPdf(FIXTURE, {widthMm, preset: PRESETS.bmc});
    } finally {
      if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
      else process.env.SOURCE_DATE_EPOCH = saved;
    }
    assert.equal((await PDFDocument.load(byDefault)).getCreationDate()?.getTime(), date.getTime());
    assert.ok(byDefault.equals(facts.bytes), "the same bytes as with creationDate given");
    const later = await svgToPdf(FIXTURE, {widthMm, preset: PRESETS.bmc, creationDate: new Date(date.getTime() + 1000)});
    assert.ok(fileId(later) && fileId(facts.bytes));
    assert.notEqual(fileId(later), fileId(facts.bytes), "the /ID follows the date");
  });
});

describe("svgToBitmap", () => {
  for (const [format, dpi] of [["png", 300], ["png", 600], ["tiff", 300], ["tiff", 600]] as const) {
    test(`${format} at ${dpi} dpi: width = round(mm × dpi / 25.4), resolution in the file`, async () => {
      const widthMm = 85;
      const img = await svgToBitmap(FIXTURE, {widthMm, dpi, format, preset: PRESETS.bmc});
      const meta = await sharp(img).metadata();
      assert.equal(meta.format, format);
      assert.equal(meta.width, Math.round((widthMm * dpi) / 25.4));
      assert.ok(Math.abs(meta.height! - (meta.width! * 400) / 640) <= 1, `height ${meta.height}`);
      assert.equal(meta.density, dpi);
      assert.equal(meta.channels, 3, "RGB, no alpha");
      if (format === "png") {
        const phys = pngPhys(img)!;
        assert.deepEqual(phys, {x: Math.round(dpi / 0.0254), y: Math.round(dpi / 0.0254), unit: 1});
      } else {
        const tags = tiffTags(img);
        assert.equal(tags.get(259), 5, "LZW compression");
        assert.equal(tags.get(296), 2, "ResolutionUnit inch");
        assert.ok(Math.abs(tags.get(282)! - dpi) < 0.01 && Math.abs(tags.get(283)! - dpi) < 0.01, `XResolution ${tags.get(282)}`);
      }
    });
  }

  test("text renders from the shipped font with no system fonts", async () => {
    for (const file of Object.values(FONT_FILES)) assert.ok(existsSync(file), file);
    const textOnly = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40" viewBox="0 0 200 40"><text x="10" y="30" font-size="24" font-family="Arial">Survey</text></svg>`;
    // Control: resvg with no fonts at all draws nothing for text, so a blank image means missing fonts.
    const blank = new Resvg(textOnly, {font: {loadSystemFonts: false}, background: "#ffffff"}).render().asPng();
    assert.equal(await darkest(blank), 255);
    const withFont = new Resvg(textOnly, {font: resvgFontOptions(), background: "#ffffff"}).render().asPng();
    assert.ok((await darkest(withFont)) < 64);
    // In a figure: the title's band (top 10% of the 85 mm PNG) has dark pixels.
    const png = await svgToBitmap(FIXTURE, {widthMm: 85, dpi: 300, format: "png", preset: PRESETS.bmc});
    const {width} = await sharp(png).metadata();
    assert.ok((await darkest(png, {left: 0, top: 0, width: width!, height: Math.round((width! * 40) / 640)})) < 64);
  });
});

describe("exportFigure", () => {
  test("a 176 mm figure: SVG, PDF, PNG and TIFF at 300 and 600 dpi", async (t) => {
    const start = performance.now();
    const files = await exportFigure(FIXTURE, {widthMm: 176, preset: PRESETS.bmc, creationDate: new Date(0)});
    const ms = performance.now() - start;
    assert.ok(files.svg.includes('width="176mm"'));
    assert.equal(files.pdf.subarray(0, 8).toString("latin1"), "%PDF-1.4");
    assert.deepEqual(files.bitmaps.map((b) => `${b.format}@${b.dpi}`), ["png@300", "tiff@300", "png@600", "tiff@600"]);
    for (const b of files.bitmaps) assert.equal((await sharp(b.data).metadata()).width, Math.round((176 * b.dpi) / 25.4));
    t.diagnostic(`176 mm figure → PDF + PNG@300 + PNG@600 + TIFF@300 + TIFF@600 in ${Math.round(ms)} ms`);
  });
});
