// A weighted study at scale: the weighted fixture (test/fixtures/weighted-2025, 600 rows) drawn
// with replacement to 1,000,000 rows, its tables computed with weights (every share, interval,
// mean and Rao–Scott test from SQL totals) against the same data and codebook without the weight
// — the unweighted build of the same rows — measured in this same script, each in its own process
// under /usr/bin/time (peak memory). A benchmark: nothing passes or fails.
//
//   tsx scripts/bench-weights.ts [rows]                 both runs, a table
//   tsx scripts/bench-weights.ts <rows> --run=weighted|unweighted <path>   one run (what the table times)
import {spawnSync} from "node:child_process";
import {mkdtempSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {parse, stringify} from "yaml";
import {parseCodebook} from "../loaders/codebook.ts";
import {openStudyDatabase} from "../loaders/database.ts";
import {studyTables} from "../loaders/tables.ts";
import {writeDrawnRows} from "./synthetic.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const FIXTURE = join(ROOT, "test", "fixtures", "weighted-2025");

/** The fixture's rows drawn with replacement (one header row, as its csv format has). */
function writeRows(rows: number, path: string): void {
  const [header, ...pool] = readFileSync(join(FIXTURE, "responses.csv"), "utf8").trimEnd().split("\n");
  writeDrawnRows(header, pool, rows, path, 20251202);
}

/** The fixture's codebook, with or without its weight. */
function codebookOf(weighted: boolean) {
  const doc = parse(readFileSync(join(FIXTURE, "codebook.yaml"), "utf8"));
  if (!weighted) delete doc.responses.weight;
  // Rows drawn with replacement repeat one another by design (both runs alike).
  doc.responses.duplicates = "allowed";
  return parseCodebook(stringify(doc), "codebook.yaml");
}

async function run(kind: "weighted" | "unweighted", path: string): Promise<void> {
  const t0 = performance.now();
  const db = await openStudyDatabase({codebook: codebookOf(kind === "weighted"), path});
  const t1 = performance.now();
  const tables = await studyTables(db);
  const t2 = performance.now();
  db.close();
  console.log(`load ${((t1 - t0) / 1000).toFixed(2)} s; tables ${((t2 - t1) / 1000).toFixed(2)} s; weighted ${tables.weight !== null}`);
}

interface Timed {seconds: number; load: number; tables: number; peakMb: number}
function timed(rows: number, kind: string, path: string): Timed {
  const r = spawnSync("/usr/bin/time", ["-v", process.execPath, "--import", "tsx", fileURLToPath(import.meta.url), String(rows), `--run=${kind}`, path], {cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 26});
  if (r.status !== 0) throw new Error(`bench-weights ${kind} failed:\n${r.stdout}${r.stderr}`);
  const [, load, tables] = /load ([\d.]+) s; tables ([\d.]+) s/.exec(r.stdout)!;
  const peakMb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024;
  return {seconds: Number(load) + Number(tables), load: Number(load), tables: Number(tables), peakMb};
}

/** The section's lines for docs/benchmarks.md (scripts/bench.ts). */
export function benchWeights({rows = 1_000_000, log = (line: string) => console.log(line)} = {}): string[] {
  const dir = mkdtempSync(join(tmpdir(), "bench-weights-"));
  try {
    log(`\nWeights at scale (${rows.toLocaleString("en-US")} responses) …`);
    const path = join(dir, "responses.csv");
    writeRows(rows, path);
    const unweighted = timed(rows, "unweighted", path);
    const weighted = timed(rows, "weighted", path);
    const f = (x: number) => `${x.toFixed(1)} s`;
    const lines = [
      "",
      `The weighted test study (test/fixtures/weighted-2025) drawn with replacement to ${rows.toLocaleString("en-US")} responses; its tables`,
      "computed with the weight, against the same rows and codebook without it (the unweighted build), each in its own process.",
      "",
      "| run | load (validate, type) | tables | total | peak memory | ratio to unweighted |",
      "|---|---:|---:|---:|---:|---:|",
      `| unweighted | ${f(unweighted.load)} | ${f(unweighted.tables)} | ${f(unweighted.seconds)} | ${Math.round(unweighted.peakMb)} MB | |`,
      `| weighted | ${f(weighted.load)} | ${f(weighted.tables)} | ${f(weighted.seconds)} | ${Math.round(weighted.peakMb)} MB | ${(weighted.seconds / unweighted.seconds).toFixed(2)}× (tables ${(weighted.tables / unweighted.tables).toFixed(2)}×) |`
    ];
    lines.forEach((l) => log(l));
    return lines;
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 1_000_000);
  const kind = process.argv.find((a) => a.startsWith("--run="))?.slice(6) as "weighted" | "unweighted" | undefined;
  if (kind) await run(kind, process.argv[process.argv.length - 1]);
  else benchWeights({rows});
}
