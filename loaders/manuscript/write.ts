// dist/manuscript/<study>/: every figure and table of a study as a journal wants them, drawn by
// the page's own chart functions (src/figures/<study>.js), with an index that says what each file
// is, its size and resolution, and where it came from.
import {execFileSync} from "node:child_process";
import {createHash} from "node:crypto";
import {existsSync, mkdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {fileURLToPath, pathToFileURL} from "node:url";
import {hashInputs, moduleGraph, readEntry, writeEntry} from "../cache.ts";
import {type Codebook, DATA_DIR, ROOT, loadCodebook, studies} from "../codebook.ts";
import {publicCodebook} from "../responses.ts";
import {type StudyTables, type TablesOf, computeTables} from "../tables.ts";
import {type BuildDate, buildDate} from "../build-date.ts";
import {type FigureFiles, type Preset, PRESETS, exportFigure, maxFigureHeightMm, measureSvg, plotWidthFor, svgToPdf} from "./figures.ts";
import {type RegistryFigure, renderFigure} from "./render.ts";
import {figureCaption, figureDescription, figureTitle} from "./describe.ts";
import {tableRows, toCsv, toDocx, toXlsx} from "./tables.ts";

export interface ManuscriptFile {file: string; what: string; caption: string; widthMm?: number; heightMm?: number; dpi?: number; bytes: number}
/** What writeManuscript wrote, and which figures it exported anew (the others came from the cache). */
export interface Manuscript {files: ManuscriptFile[]; exported: string[]; reused: string[]}

export const figuresModule = (study: string) => join(ROOT, "src", "figures", `${study}.js`);

function gitCommit(): string {
  try {
    return execFileSync("git", ["rev-parse", "--short=12", "HEAD"], {cwd: ROOT, stdio: ["ignore", "pipe", "ignore"]}).toString().trim();
  } catch {
    return "unknown (not a git checkout)";
  }
}

/** A dataset's tables through JSON, as the page receives tables.json, so both draw from the same values. */
const throughJson = async (tablesOf: TablesOf, study: string): Promise<StudyTables> => JSON.parse(JSON.stringify(await tablesOf(study)));

/** The raw response file of a study, as the index cites it: its path and SHA-256. */
function rawFile(cb: Codebook): {path: string; sha256: string} {
  const path = `data/${cb.study.id}/${cb.responses?.file}`;
  return {path, sha256: createHash("sha256").update(readFileSync(join(DATA_DIR, cb.study.id, cb.responses!.file))).digest("hex")};
}

/**
 * A figure's journal files (SVG, PDF, bitmaps): exporting is the slow part of the manuscript step
 * (1200-dpi bitmaps), so the files are cached under the hash of what makes them — the drawn SVG
 * (which holds the data and the chart code's output), the size, the preset and the exporter's own
 * source — and reused while it is unchanged. The PDF holds the build's date as well, so it is cached
 * apart, under that hash and the date: a new commit (a new date) makes the PDFs again (≈ 0.1 s each),
 * not the bitmaps.
 */
async function exportedFigure(svg: string, options: {widthMm: number; preset: Preset; title: string; date: Date}, cacheName: string): Promise<FigureFiles & {reused: boolean}> {
  const {date, ...drawing} = options;
  const hash = hashInputs(await moduleGraph(fileURLToPath(new URL("./figures.ts", import.meta.url))), [svg, drawing.preset.name, String(drawing.widthMm), drawing.title]);
  const pdfHash = createHash("sha256").update(`${hash}\0${date.toISOString()}`).digest("hex");
  const cached = readEntry("figures", cacheName, hash);
  if (cached) {
    const bitmaps = JSON.parse(cached.get("bitmaps.json")!.toString()) as {format: "png" | "tiff"; dpi: number; file: string}[];
    const prepared = cached.get("figure.svg")!.toString();
    let pdf = readEntry("figure-pdfs", cacheName, pdfHash)?.get("figure.pdf");
    if (!pdf) {
      // What exportFigure does with the SVG it prepared (preparing it again changes nothing).
      pdf = await svgToPdf(prepared, {...drawing, creationDate: date});
      writeEntry("figure-pdfs", cacheName, pdfHash, new Map([["figure.pdf", pdf]]));
    }
    return {svg: prepared, pdf, bitmaps: bitmaps.map((b) => ({format: b.format, dpi: b.dpi, data: cached.get(b.file)!})), reused: true};
  }
  const out = await exportFigure(svg, {...drawing, creationDate: date});
  const files = new Map<string, Buffer | string>([["figure.svg", out.svg]]);
  out.bitmaps.forEach((b, i) => files.set(`bitmap-${i}`, Buffer.from(b.data)));
  files.set("bitmaps.json", JSON.stringify(out.bitmaps.map((b, i) => ({format: b.format, dpi: b.dpi, file: `bitmap-${i}`}))));
  writeEntry("figures", cacheName, hash, files);
  writeEntry("figure-pdfs", cacheName, pdfHash, new Map([["figure.pdf", Buffer.from(out.pdf)]]));
  return {...out, reused: false};
}

export interface WriteOptions {
  warn?: (line: string) => void;
  /** The date every file carries (PDF, DOCX, XLSX, the index's "Built:"); the build's (loaders/build-date.ts) unless told. */
  built?: BuildDate;
}

/** Writes one study's manuscript files into `dir`; returns what it wrote. */
export async function writeManuscript(study: string, dir: string, tablesOf: TablesOf = computeTables, {warn = (line: string) => console.warn(line), built = buildDate()}: WriteOptions = {}): Promise<Manuscript> {
  const {date} = built;
  const cb = loadCodebook(study);
  const spec = cb.study.manuscript;
  if (!spec) throw new Error(`${study}: the codebook has no study.manuscript (preset, columns)`);
  const preset = PRESETS[spec.preset];
  const widthMm = preset.widths[spec.columns ?? "double"];
  const tables = await throughJson(tablesOf, study);
  // The tables of the datasets that are part_of the study (a preprint's coded posts): its page
  // draws figures from them too.
  const parts: Record<string, StudyTables> = {};
  const rawFiles = [rawFile(cb)];
  for (const part of studies().map(loadCodebook).filter((p) => p.study.part_of === study)) {
    parts[part.study.id] = await throughJson(tablesOf, part.study.id);
    rawFiles.push(rawFile(part));
  }
  rmSync(dir, {recursive: true, force: true});
  mkdirSync(dir, {recursive: true});
  const files: ManuscriptFile[] = [];
  const exported: string[] = [];
  const reused: string[] = [];
  const write = (file: string, content: Buffer | string, info: Omit<ManuscriptFile, "file" | "bytes">) => {
    writeFileSync(join(dir, file), content);
    files.push({file, bytes: Buffer.byteLength(content), ...info});
  };

  if (existsSync(figuresModule(study))) {
    const {figures} = await import(pathToFileURL(figuresModule(study)).href);
    for (const figure of figures({tables, codebook: publicCodebook(cb), parts}) as RegistryFigure[]) {
      const width = plotWidthFor(widthMm, preset);
      const caption = figureCaption(figure);
      // The figure and its legend fit the page (figures.ts, MAX_FIGURE_HEIGHT_MM): in px at the drawn width.
      const maxHeightMm = maxFigureHeightMm(preset, caption, widthMm);
      const svg = renderFigure(figure, {width, maxHeight: (maxHeightMm * width) / widthMm, title: figureTitle(figure), desc: figureDescription(figure)});
      const out = await exportedFigure(svg, {widthMm, preset, title: figureTitle(figure), date}, `${study}-${figure.id}`);
      (out.reused ? reused : exported).push(figure.id);
      const {heightMm} = measureSvg(out.svg);
      if (heightMm > maxHeightMm) warn(`manuscript ${study} ${figure.id}: ${heightMm.toFixed(0)} mm tall, more than the ${maxHeightMm.toFixed(0)} mm that leaves room for its legend on the page (fewer panels or bars, or panelColumns)`);
      const size = {caption, widthMm, heightMm};
      write(`${figure.id}.svg`, out.svg, {what: "vector (SVG, text as text)", ...size});
      write(`${figure.id}.pdf`, out.pdf, {what: `vector (PDF 1.4, fonts embedded)`, ...size});
      for (const b of out.bitmaps) write(`${figure.id}-${b.dpi}dpi.${b.format}`, b.data, {what: `${b.format.toUpperCase()} bitmap`, ...size, dpi: b.dpi});
      write(`${figure.id}.caption.txt`, `${caption}\n`, {what: "caption (legend) for the manuscript", caption});
    }
  }

  for (const [i, [id, table]] of Object.entries(tables.subgroups).entries()) {
    const layout = tableRows(table);
    const name = `Table${i + 1}`;
    const caption = `Table ${i + 1}. ${table.title}.`;
    write(`${name}.csv`, toCsv(layout), {what: `table, CSV (UTF-8) — "${id}"`, caption});
    write(`${name}.xlsx`, await toXlsx(layout, {title: table.title, number: i + 1, date}), {what: "table, Excel", caption});
    write(`${name}.docx`, await toDocx(layout, {title: table.title, number: i + 1, date}), {what: "table, Word", caption});
  }

  writeIndex(dir, cb, files, {preset: preset.name, widthMm, rawFiles, built});
  return {files, exported, reused};
}

function writeIndex(dir: string, cb: Codebook, files: ManuscriptFile[], {preset, widthMm, rawFiles, built}: {preset: string; widthMm: number; rawFiles: {path: string; sha256: string}[]; built: BuildDate}) {
  const provenance = [
    `Study: ${cb.study.id} — ${cb.study.citation}`,
    `Data: ${cb.study.data === "reconstructed" ? "RECONSTRUCTED responses (not the authors' data): see data/" + cb.study.id + "/RECONSTRUCTION.md" : cb.study.data}`,
    ...rawFiles.map((f) => `Raw file: ${f.path} (SHA-256 ${f.sha256})`),
    `Code: commit ${gitCommit()}`,
    `Built: ${built.date.toISOString()} (${built.origin})`,
    `Figures: ${preset} preset, ${widthMm} mm wide`
  ];
  const line = (f: ManuscriptFile) =>
    `${f.file}\t${f.what}${f.widthMm ? `\t${f.widthMm.toFixed(0)} × ${f.heightMm!.toFixed(0)} mm` : ""}${f.dpi ? `\t${f.dpi} dpi` : ""}\t${(f.bytes / 1024).toFixed(0)} KB\n  ${f.caption}`;
  writeFileSync(join(dir, "README.txt"), `${provenance.join("\n")}\n\n${files.map(line).join("\n")}\n`);
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  writeFileSync(
    join(dir, "index.html"),
    // lang, a viewport and a <main> landmark: the site test runs axe-core on this page too.
    // Light or dark as the reader's system is (the browser's own Canvas colours); on a phone, the
    // hashes wrap and the table scrolls in its own focusable box with the file names kept in view.
    `<!DOCTYPE html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(cb.study.id)}: manuscript files</title>
<style>:root{color-scheme:light dark}body{font:14px system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;background:Canvas;color:CanvasText}ul{overflow-wrap:anywhere}.scroll{overflow-x:auto}table{border-collapse:collapse}td,th{padding:4px 8px;text-align:left;vertical-align:top}td.n{text-align:right}:is(td,th):first-child{position:sticky;left:0;background:Canvas}</style>
<main><h1>${esc(cb.study.title)}: manuscript files</h1>
<ul>${provenance.map((p) => `<li>${esc(p)}</li>`).join("")}</ul>
<div class="scroll" tabindex="0" role="region" aria-label="Manuscript files"><table><tr><th>File</th><th>What</th><th>Size</th><th>dpi</th><th>KB</th><th>Caption</th></tr>
${files.map((f) => `<tr><td><a href="${encodeURIComponent(f.file)}">${esc(f.file)}</a></td><td>${esc(f.what)}</td><td>${f.widthMm ? `${f.widthMm.toFixed(0)} × ${f.heightMm!.toFixed(0)} mm` : ""}</td><td class="n">${f.dpi ?? ""}</td><td class="n">${(f.bytes / 1024).toFixed(0)}</td><td>${esc(f.caption)}</td></tr>`).join("\n")}
</table></div></main>\n`
  );
}

/** Every study that declares study.manuscript, into <output>/manuscript/<study>/. */
export async function writeManuscripts(output: string, {log = (line: string) => console.log(line), tablesOf = computeTables, built = buildDate()}: {log?: (line: string) => void; tablesOf?: TablesOf; built?: BuildDate} = {}): Promise<void> {
  for (const study of studies()) {
    if (!loadCodebook(study).study.manuscript) continue;
    const started = performance.now();
    const {files, exported, reused} = await writeManuscript(study, join(output, "manuscript", study), tablesOf, {warn: log, built});
    const figures = `figures exported: ${exported.join(", ") || "none"}; reused: ${reused.join(", ") || "none"}`;
    log(`manuscript ${study}: ${files.length} files in ${join(output, "manuscript", study)} (${figures}; ${Math.round(performance.now() - started)} ms)`);
  }
}
