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

/** Writes a header (CSV text) and `rows` lines drawn with replacement from `pool` (CSV lines) to `path`. */
export function writeDrawnRows(header: string, pool: string[], rows: number, path: string, seed: number): void {
  const {random} = seededRandom(seed);
  const fd = openSync(path, "w");
  try {
    writeSync(fd, header + "\n");
    const chunk: string[] = [];
    for (let i = 0; i < rows; ++i) {
      chunk.push(pool[Math.floor(random() * pool.length)]);
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
  // Each source row once as CSV text (quoted as d3-dsv quotes), so the draw only copies strings.
  const pool = records.slice(format.headerRows).filter((r) => !(r.length === 1 && r[0] === "")).map((r) => csvFormatRows([r]));
  writeDrawnRows(csvFormatRows(header), pool, rows, path, seed);
  return path;
}

// tsx scripts/synthetic.ts <study> <rows> <path>
if (import.meta.url === `file://${process.argv[1]}`) {
  const [study, rows, path] = process.argv.slice(2);
  if (!study || !rows || !path) throw new Error("usage: tsx scripts/synthetic.ts <study> <rows> <path>");
  console.log(writeSyntheticExport(study, Number(rows), path));
}
