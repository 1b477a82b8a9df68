// dist/manuscript/<study>/: every figure and table of a study as a journal wants them, drawn by
// the page's own chart functions (src/figures/<study>.js), with an index that says what each file
// is, its size and resolution, and where it came from.
import {execFileSync} from "node:child_process";
import {existsSync, mkdirSync, rmSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {pathToFileURL} from "node:url";
import {type Codebook, ROOT, loadCodebook, studies} from "../codebook.ts";
import {withStudyDatabase} from "../database.ts";
import {publicCodebook} from "../responses.ts";
import {type StudyTables, studyTables} from "../tables.ts";
import {PRESETS, exportFigure, measureSvg, plotWidthFor} from "./figures.ts";
import {type RegistryFigure, renderFigure} from "./render.ts";
import {tableRows, toCsv, toDocx, toXlsx} from "./tables.ts";

export interface ManuscriptFile {file: string; what: string; caption: string; widthMm?: number; heightMm?: number; dpi?: number; bytes: number}

export const figuresModule = (study: string) => join(ROOT, "src", "figures", `${study}.js`);

function gitCommit(): string {
  try {
    return execFileSync("git", ["rev-parse", "--short=12", "HEAD"], {cwd: ROOT, stdio: ["ignore", "pipe", "ignore"]}).toString().trim();
  } catch {
    return "unknown (not a git checkout)";
  }
}

/** A dataset's tables through JSON, as the page receives tables.json, so both draw from the same values. */
async function tablesOf(study: string): Promise<{tables: StudyTables; sha256: string}> {
  return withStudyDatabase(study, async (db) => ({tables: JSON.parse(JSON.stringify(await studyTables(db))), sha256: db.sha256}));
}

/** Writes one study's manuscript files into `dir`; returns what it wrote. */
export async function writeManuscript(study: string, dir: string): Promise<ManuscriptFile[]> {
  const cb = loadCodebook(study);
  const spec = cb.study.manuscript;
  if (!spec) throw new Error(`${study}: the codebook has no study.manuscript (preset, columns)`);
  const preset = PRESETS[spec.preset];
  const widthMm = preset.widths[spec.columns ?? "double"];
  const {tables, sha256} = await tablesOf(study);
  // The tables of the datasets that are part_of the study (a preprint's coded posts): its page
  // draws figures from them too.
  const parts: Record<string, StudyTables> = {};
  const rawFiles = [{path: `data/${study}/${cb.responses?.file}`, sha256}];
  for (const part of studies().filter((id) => loadCodebook(id).study.part_of === study)) {
    const partData = await tablesOf(part);
    parts[part] = partData.tables;
    rawFiles.push({path: `data/${part}/${loadCodebook(part).responses?.file}`, sha256: partData.sha256});
  }
  rmSync(dir, {recursive: true, force: true});
  mkdirSync(dir, {recursive: true});
  const files: ManuscriptFile[] = [];
  const write = (file: string, content: Buffer | string, info: Omit<ManuscriptFile, "file" | "bytes">) => {
    writeFileSync(join(dir, file), content);
    files.push({file, bytes: Buffer.byteLength(content), ...info});
  };

  if (existsSync(figuresModule(study))) {
    const {figures} = await import(pathToFileURL(figuresModule(study)).href);
    for (const figure of figures({tables, codebook: publicCodebook(cb), parts}) as RegistryFigure[]) {
      const svg = renderFigure(figure, {width: plotWidthFor(widthMm, preset)});
      const out = await exportFigure(svg, {widthMm, preset, title: `${figure.id}. ${figure.caption}`});
      const {heightMm} = measureSvg(out.svg);
      const caption = `Fig ${figure.number}. ${figure.caption}`;
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
    write(`${name}.xlsx`, await toXlsx(layout, {title: table.title, number: i + 1}), {what: "table, Excel", caption});
    write(`${name}.docx`, await toDocx(layout, {title: table.title, number: i + 1}), {what: "table, Word", caption});
  }

  writeIndex(dir, cb, files, {preset: preset.name, widthMm, rawFiles});
  return files;
}

function writeIndex(dir: string, cb: Codebook, files: ManuscriptFile[], {preset, widthMm, rawFiles}: {preset: string; widthMm: number; rawFiles: {path: string; sha256: string}[]}) {
  const built = process.env.SOURCE_DATE_EPOCH ? new Date(Number(process.env.SOURCE_DATE_EPOCH) * 1000) : new Date();
  const provenance = [
    `Study: ${cb.study.id} — ${cb.study.citation}`,
    `Data: ${cb.study.data === "reconstructed" ? "RECONSTRUCTED responses (not the authors' data): see data/" + cb.study.id + "/RECONSTRUCTION.md" : cb.study.data}`,
    ...rawFiles.map((f) => `Raw file: ${f.path} (SHA-256 ${f.sha256})`),
    `Code: commit ${gitCommit()}`,
    `Built: ${built.toISOString()}`,
    `Figures: ${preset} preset, ${widthMm} mm wide`
  ];
  const line = (f: ManuscriptFile) =>
    `${f.file}\t${f.what}${f.widthMm ? `\t${f.widthMm.toFixed(0)} × ${f.heightMm!.toFixed(0)} mm` : ""}${f.dpi ? `\t${f.dpi} dpi` : ""}\t${(f.bytes / 1024).toFixed(0)} KB\n  ${f.caption}`;
  writeFileSync(join(dir, "README.txt"), `${provenance.join("\n")}\n\n${files.map(line).join("\n")}\n`);
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  writeFileSync(
    join(dir, "index.html"),
    `<!DOCTYPE html><meta charset="utf-8"><title>${esc(cb.study.id)}: manuscript files</title>
<style>body{font:14px system-ui,sans-serif;max-width:960px;margin:2rem auto}td,th{padding:4px 8px;text-align:left;vertical-align:top}td.n{text-align:right}</style>
<h1>${esc(cb.study.title)}: manuscript files</h1>
<ul>${provenance.map((p) => `<li>${esc(p)}</li>`).join("")}</ul>
<table><tr><th>File</th><th>What</th><th>Size</th><th>dpi</th><th>KB</th><th>Caption</th></tr>
${files.map((f) => `<tr><td><a href="${encodeURIComponent(f.file)}">${esc(f.file)}</a></td><td>${esc(f.what)}</td><td>${f.widthMm ? `${f.widthMm.toFixed(0)} × ${f.heightMm!.toFixed(0)} mm` : ""}</td><td class="n">${f.dpi ?? ""}</td><td class="n">${(f.bytes / 1024).toFixed(0)}</td><td>${esc(f.caption)}</td></tr>`).join("\n")}
</table>\n`
  );
}

/** Every study that declares study.manuscript, into <output>/manuscript/<study>/. */
export async function writeManuscripts(output: string, {log = (line: string) => console.log(line)} = {}): Promise<void> {
  for (const study of studies()) {
    if (!loadCodebook(study).study.manuscript) continue;
    const started = performance.now();
    const files = await writeManuscript(study, join(output, "manuscript", study));
    log(`manuscript ${study}: ${files.length} files in ${join(output, "manuscript", study)} (${Math.round(performance.now() - started)} ms)`);
  }
}
