// How fast a large export loads: a synthetic bendayan-2024 export (scripts/synthetic.ts) read,
// checked and typed by the build (openStudyDatabase), its public rows checked for disclosure
// (checkDisclosure) and written as responses.parquet, against a bare DuckDB copy of the same file to
// Parquet in this same script; then toArrow on the table. --duplicates=allowed skips the duplicate-row
// check (the codebook's responses.duplicates), to measure what that check costs.
// A benchmark, not a test: it prints figures and passes or fails nothing.
//
//   tsx scripts/bench-load.ts [rows] [--only=bare|pipeline] [--duplicates=allowed]   (peak memory: run each under /usr/bin/time -v)
import {existsSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {DuckDBInstance} from "@duckdb/node-api";
import {toArrow} from "../loaders/arrow.ts";
import {loadCodebook} from "../loaders/codebook.ts";
import {literal, openStudyDatabase, toParquet} from "../loaders/database.ts";
import {checkDisclosure} from "../loaders/disclosure.ts";
import {writeSyntheticExport} from "./synthetic.ts";

const STUDY = "bendayan-2024";
const rows = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const only = process.argv.find((a) => a.startsWith("--only="))?.slice(7);
const path = join(tmpdir(), `synthetic-${STUDY}-${rows}.csv`);
const s = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(2)} s`;
if (!existsSync(path)) {
  const t0 = performance.now();
  writeSyntheticExport(STUDY, rows, path);
  console.log(`wrote ${path} in ${s(t0)}`);
}
const out = mkdtempSync(join(tmpdir(), "bench-load-"));
try {
  if (only !== "pipeline") {
    const t0 = performance.now();
    const connection = await (await DuckDBInstance.create(":memory:")).connect();
    await connection.run(`COPY (SELECT * FROM read_csv(${literal(path)})) TO ${literal(join(out, "bare.parquet"))} (FORMAT parquet)`);
    connection.closeSync();
    console.log(`bare DuckDB copy to Parquet:           ${s(t0)}`);
  }
  if (only !== "bare") {
    const t0 = performance.now();
    const codebook = loadCodebook(STUDY);
    if (process.argv.includes("--duplicates=allowed")) codebook.responses!.duplicates = "allowed";
    const db = await openStudyDatabase({codebook, path});
    const t1 = performance.now();
    await checkDisclosure(db);
    const t2 = performance.now();
    writeFileSync(join(out, "responses.parquet"), await toParquet(db, "SELECT * FROM public_responses ORDER BY respondent"));
    console.log(`openStudyDatabase + disclosure + responses.parquet: ${s(t0)} (open ${((t1 - t0) / 1000).toFixed(2)} s, disclosure ${((t2 - t1) / 1000).toFixed(2)} s)`);
    if (!process.argv.includes("--no-arrow")) {
      const t3 = performance.now();
      const arrow = await toArrow(db, "SELECT * FROM public_responses ORDER BY respondent");
      console.log(`toArrow:                               ${s(t3)} (${(arrow.byteLength / 1e6).toFixed(1)} MB)`);
    }
    db.close();
  }
} finally {
  rmSync(out, {recursive: true, force: true});
}
