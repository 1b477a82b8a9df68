// A synthetic export of any size: a study's raw rows drawn with replacement (seeded MT19937, so the
// same arguments write the same bytes), under the study's own header rows. The scale benchmarks
// (npm run bench, and the loader's timing against a bare DuckDB copy) read it as they would a real
// export, so it goes through the same header and validation as the real file.
import {closeSync, openSync, readFileSync, writeSync} from "node:fs";
import {csvFormatRows, csvParseRows} from "d3-dsv";
import {loadCodebook} from "../loaders/codebook.ts";
import {exportFormat} from "../loaders/formats.ts";
import {responsesPath} from "../loaders/responses.ts";
import {seededRandom} from "./reconstruct/random.ts";

/**
 * Writes a header (CSV text) and `rows` lines drawn with replacement from `pool` to `path`. `line`
 * makes the i-th line from the entry drawn (default: the entry, a CSV line, itself).
 */
export function writeDrawnRows<T>(header: string, pool: T[], rows: number, path: string, seed: number, line: (drawn: T, i: number) => string = String): void {
  const {random} = seededRandom(seed);
  const fd = openSync(path, "w");
  try {
    writeSync(fd, header + "\n");
    const chunk: string[] = [];
    for (let i = 0; i < rows; ++i) {
      chunk.push(line(pool[Math.floor(random() * pool.length)], i));
      if (chunk.length === 10_000 || i === rows - 1) writeSync(fd, chunk.splice(0).join("\n") + "\n");
    }
  } finally {
    closeSync(fd);
  }
}

/** Writes `rows` responses of `study` to `path`; returns the path. */
export function writeSyntheticExport(study: string, rows: number, path: string, seed = 20240601): string {
  const cb = loadCodebook(study);
  const format = exportFormat(cb.responses?.format ?? "google-forms");
  const records = csvParseRows(readFileSync(responsesPath(cb), "utf8").replace(/^\uFEFF/, ""));
  const header = records.slice(0, format.headerRows);
  const source = records.slice(format.headerRows).filter((r) => !(r.length === 1 && r[0] === ""));
  // A row drawn twice would be the same response counted twice, which the build refuses; each
  // draw is one respondent, so it writes its own words in the last private free-text column (as
  // real respondents' comments differ), which no table or public file holds.
  const text = cb.questions.filter((q) => q.type === "text" && !q.published).at(-1);
  const k = text ? header[format.keyRow].indexOf(text.column) : -1;
  if (k < 0) throw new Error(`${study}: no private free-text column to make each drawn row its own respondent's`);
  // Each source row once as CSV text (quoted as d3-dsv quotes) around that cell, so the draw only
  // joins strings.
  const around = source.map((r) => [k ? `${csvFormatRows([r.slice(0, k)])},` : "", r.length > k + 1 ? `,${csvFormatRows([r.slice(k + 1)])}` : ""]);
  writeDrawnRows(csvFormatRows(header), around, rows, path, seed, ([before, after], i) => `${before}synthetic respondent ${i + 1}${after}`);
  return path;
}

// tsx scripts/synthetic.ts <study> <rows> <path>
if (import.meta.url === `file://${process.argv[1]}`) {
  const [study, rows, path] = process.argv.slice(2);
  if (!study || !rows || !path) throw new Error("usage: tsx scripts/synthetic.ts <study> <rows> <path>");
  console.log(writeSyntheticExport(study, Number(rows), path));
}
