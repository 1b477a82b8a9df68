// A new study of 1,000,000 responses, as an author would make it: `npm run new-study` on a synthetic
// export (bendayan-2024's rows drawn with replacement, scripts/synthetic.ts), then `npm run build`
// with it among the real studies, in a copy of the project. Each command in its own process under
// /usr/bin/time (wall time and peak memory), against a bare DuckDB copy of the same file to Parquet
// and the same build without the new study, both measured here. A benchmark: nothing passes or fails.
import {spawnSync} from "node:child_process";
import {rmSync} from "node:fs";
import {join} from "node:path";
import {copyEnv, copyProject} from "./project-copy.ts";
import {writeSyntheticExport} from "./synthetic.ts";

interface Run {seconds: number; peakMb: number; output: string; ok: boolean}

/** A command in the copy, timed by /usr/bin/time -v. */
function timed(cwd: string, args: string[]): Run {
  const r = spawnSync("/usr/bin/time", ["-v", ...args], {cwd, env: copyEnv(), encoding: "utf8", maxBuffer: 1 << 28});
  const clock = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(r.stderr);
  const seconds = clock ? Number(clock[1] ?? 0) * 3600 + Number(clock[2]) * 60 + Number(clock[3]) : NaN;
  const peakMb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024;
  return {seconds, peakMb, output: r.stdout + r.stderr, ok: r.status === 0};
}

const tsx = (script: string, ...args: string[]) => [process.execPath, "--import", "tsx", join("scripts", script), ...args];

export function benchNewStudy({rows = 1_000_000, log = (line: string) => console.log(line)} = {}): string[] {
  const copy = copyProject({prefix: "bench-new-study-"});
  try {
    log(`\nNew study at scale (${rows.toLocaleString("en-US")} responses) …`);
    const path = writeSyntheticExport("bendayan-2024", rows, join(copy, "..", `${copy.split("/").pop()}-export.csv`));
    const bare = timed(copy, [process.execPath, "--input-type=module", "-e",
      `import {DuckDBInstance} from "@duckdb/node-api"; const c = await (await DuckDBInstance.create(":memory:")).connect(); await c.run("COPY (SELECT * FROM read_csv('${path}')) TO '${path}.parquet' (FORMAT parquet)");`]);
    rmSync(`${path}.parquet`, {force: true});
    // Both builds cold: no compile cache, no Framework cache, no dist/.
    const cold = () => ["dist", ".cache", "src/.observablehq/cache"].forEach((d) => rmSync(join(copy, d), {recursive: true, force: true}));
    cold();
    const without = timed(copy, tsx("build.ts", "build"));
    cold();
    const draft = timed(copy, tsx("new-study.ts", "synthetic-1m", path));
    const build = timed(copy, tsx("build.ts", "build"));
    const fmt = (r: Run) => (r.ok ? `${r.seconds.toFixed(1)} s` : "failed");
    const mb = (r: Run) => `${Math.round(r.peakMb)} MB`;
    const lines = [
      "",
      `A synthetic export of ${rows.toLocaleString("en-US")} responses (bendayan-2024's rows drawn with replacement), in a copy of the project.`,
      "Each step in its own process (peak = its maximum resident set size). Baselines measured in the same run: a bare DuckDB",
      "copy of the file to Parquet, and the cold build of the project without the new study.",
      "",
      "| step | wall time | peak memory | baseline | ratio |",
      "|---|---:|---:|---:|---:|",
      `| bare DuckDB copy to Parquet | ${fmt(bare)} | ${mb(bare)} | | |`,
      `| \`npm run new-study\` (sniff + draft) | ${fmt(draft)} | ${mb(draft)} | bare copy ${fmt(bare)} | ${(draft.seconds / bare.seconds).toFixed(2)}× |`,
      `| \`npm run build\` without it (cold) | ${fmt(without)} | ${mb(without)} | | |`,
      `| \`npm run build\` with it (cold) | ${fmt(build)} | ${mb(build)} | build without it ${fmt(without)} | ${(build.seconds / without.seconds).toFixed(2)}× |`,
      "",
      "Target: the draft of a 1,000,000-row file in under a minute; the build finishes."
    ];
    for (const [name, r] of [["bare", bare], ["new-study", draft], ["build without", without], ["build with", build]] as const)
      if (!r.ok) lines.push("", `${name} failed:`, "```", r.output.slice(-3000), "```");
    lines.forEach((l) => log(l));
    rmSync(path, {force: true});
    return lines;
  } finally {
    rmSync(copy, {recursive: true, force: true});
  }
}

// tsx scripts/bench-new-study.ts [rows]
if (import.meta.url === `file://${process.argv[1]}`) benchNewStudy({rows: Number(process.argv[2] ?? 1_000_000)});
