// `npm run bench`, the build section: `npm run build` timed in a copy of the project, as a user runs
// it — cold (no .cache/, no dist/), warm (nothing changed), after one study's raw file changed —
// with the manuscript step's share, each under /usr/bin/time for CPU-seconds and peak memory, and
// each as a ratio to the cold build. The baseline, run in the same script on the same machine, is
// the same three builds of an earlier commit (default: the last one before the compile-once build).
// A benchmark, not a test: nothing here passes or fails on time.
import {spawnSync} from "node:child_process";
import {readFileSync, rmSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {copyEnv, copyProject} from "./project-copy.ts";
/** The commit the build section compares against unless --baseline=REF says otherwise. */
export const DEFAULT_BASELINE = "5ff5801";

export interface Run {wall: number; cpu: number; peakMb: number; manuscript: number; output: string}

/** One `npm run build` (as package.json defines it) in `dir`, under /usr/bin/time. */
function timedBuild(dir: string): Run {
  const r = spawnSync("/usr/bin/time", ["-f", "TIME %e %U %S %M", "npm", "run", "build"], {
    cwd: dir,
    encoding: "utf8",
    env: copyEnv(),
    maxBuffer: 1 << 28
  });
  const output = r.stdout + r.stderr;
  if (r.status !== 0) throw new Error(`npm run build failed in ${dir}:\n${output.slice(-3000)}`);
  const [, wall, user, sys, kb] = /TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(output)!;
  // The manuscript lines end "(… ms)": their sum is the manuscript step's wall time.
  const manuscript = [...output.matchAll(/^manuscript .*?(\d+) ms\)$/gm)].reduce((sum, m) => sum + Number(m[1]), 0) / 1000;
  return {wall: Number(wall), cpu: Number(user) + Number(sys), peakMb: Number(kb) / 1024, manuscript, output};
}

/** A valid edit of one raw cell (one respondent's sex), as an author fixing a typo would make. */
function editRawCell(dir: string): void {
  const path = join(dir, "data", "bendayan-2024", "responses.csv");
  const text = readFileSync(path, "utf8");
  writeFileSync(path, text.replace(",Une femme,", ",Un homme,"));
}

export interface BuildBench {label: string; cold: Run; warm: Run; changed: Run}

function benchOne(label: string, ref: string | null, log: (line: string) => void): BuildBench {
  const dir = copyProject({ref, prefix: "bench-build-"});
  try {
    log(`  ${label}: cold build …`);
    const cold = timedBuild(dir);
    log(`  ${label}: warm build …`);
    const warm = timedBuild(dir);
    editRawCell(dir);
    log(`  ${label}: build after one raw cell of bendayan-2024 changed …`);
    const changed = timedBuild(dir);
    return {label, cold, warm, changed};
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
}

const TARGETS = {warmWall: 5, warmShare: 0.1, changedShare: 0.25, coldCpu: 40};

/** Runs the build section; returns its lines for docs/benchmarks.md. */
export function benchBuilds({baseline = DEFAULT_BASELINE as string | null, log = (line: string) => console.log(line)} = {}): string[] {
  const lines: string[] = [];
  const out = (line: string) => (lines.push(line), log(line));
  log("\nBuild: npm run build in a copy of the project (each row: one run)");
  const runs = [benchOne("this tree", null, log), ...(baseline ? [benchOne(`baseline ${baseline}`, baseline, log)] : [])];
  const s = (x: number) => `${x.toFixed(1)} s`;
  out("");
  out("| build | wall | CPU | peak memory | manuscript step | ratio to its cold build (wall) |");
  out("|---|---:|---:|---:|---:|---:|");
  for (const r of runs)
    for (const [name, run] of [["cold", r.cold], ["warm, nothing changed", r.warm], ["one raw cell changed", r.changed]] as const)
      out(`| ${r.label}: ${name} | ${s(run.wall)} | ${s(run.cpu)} | ${Math.round(run.peakMb)} MB | ${s(run.manuscript)} | ${(run.wall / r.cold.wall).toFixed(2)}× |`);
  const [now, before] = runs;
  out("");
  if (before) out(`This tree against ${before.label}: cold build ${(now.cold.wall / before.cold.wall).toFixed(2)}× the wall time and ${(now.cold.cpu / before.cold.cpu).toFixed(2)}× the CPU; warm build ${(now.warm.wall / before.warm.wall).toFixed(2)}×.`);
  const verdict = (ok: boolean) => (ok ? "met" : "**missed**");
  out(`Targets: warm build ≤ ${TARGETS.warmWall} s (${s(now.warm.wall)}: ${verdict(now.warm.wall <= TARGETS.warmWall)}) and ≤ ${TARGETS.warmShare * 100}% of cold (${(100 * now.warm.wall / now.cold.wall).toFixed(0)}%: ${verdict(now.warm.wall <= TARGETS.warmShare * now.cold.wall)}); ` +
    `one changed study ≤ ${TARGETS.changedShare * 100}% of cold (${(100 * now.changed.wall / now.cold.wall).toFixed(0)}%: ${verdict(now.changed.wall <= TARGETS.changedShare * now.cold.wall)}); ` +
    `cold build ≤ ${TARGETS.coldCpu} CPU-seconds (${s(now.cold.cpu)}: ${verdict(now.cold.cpu <= TARGETS.coldCpu)}).`);
  return lines;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = process.argv.find((a) => a.startsWith("--baseline="))?.slice("--baseline=".length);
  benchBuilds({baseline: process.argv.includes("--no-baseline") ? null : arg ?? DEFAULT_BASELINE});
}
