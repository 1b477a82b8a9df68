// `npm run bench`: how fast the build is and how fast the reader's explorer answers, each figure
// printed with its target and as a ratio to a baseline run in this same script, and written with
// the machine's description to docs/benchmarks.md. Six sections:
//   build     `npm run build` cold, warm and after one raw cell changed, against an earlier commit's
//             builds (scripts/bench-build.ts)
//   load      a synthetic export of 10,000 / 100,000 / 1,000,000 responses through the compile step,
//             against a bare DuckDB copy of the same file (scripts/bench-load.ts)
//   new-study `npm run new-study` and `npm run build` on a 1,000,000-row export, against a bare DuckDB
//             copy of the file and the build without it (scripts/bench-new-study.ts)
//   weights   a weighted study of 1,000,000 responses: its tables with weights, against the same rows
//             without the weight (scripts/bench-weights.ts)
//   explorer  in headless Chromium on the built site (issue 6's targets: first result after page
//             load ≤ 3 s and later queries ≤ 0.3 s on bendayan-2024; later queries ≤ 1.5 s on a
//             synthetic study of 1,000,000 responses), against native DuckDB sending the SQL the
//             page sends (the query wrapped to fetch the rows shown, src/components/sql.ts).
//   pages     every study page, /compare, /reproduction and /explore in fresh contexts: requests and
//             bytes (raw, gzip, brotli) before the first figure, time to it, against issue 15's
//             targets and main's figures before it (scripts/bench-pages.ts, scripts/page-weight.ts)
// A benchmark, not a test: nothing here passes or fails on time (machines are noisy).
//
//   npm run bench                              every section (the explorer uses dist/, built if missing)
//   npm run bench -- --only=build,explorer     some sections
//   npm run bench -- --build                   rebuild dist/ before the explorer section
//   npm run bench -- --baseline=REF | --no-baseline    the commit the build section compares against
//   npm run bench -- --only=pages --pages-dist=DIR [--pages-commit=SHA] [--write-pages-baseline]
//                                              measure another build (e.g. main's) for the pages section;
//                                              with --write-pages-baseline, as scripts/bench-pages.before.json
import {execFileSync, spawnSync} from "node:child_process";
import {cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync} from "node:fs";
import {cpus, tmpdir, totalmem} from "node:os";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import type {Browser, BrowserContext, Page} from "playwright-core";
import {toArrow} from "../loaders/arrow.ts";
import {type StudyDatabase, withStudyDatabase} from "../loaders/database.ts";
import {publicCodebook} from "../loaders/responses.ts";
import {crossTabQuery} from "../src/components/contingency.ts";
import {SHOWN_ROWS, firstRowsQuery, rowCountQuery} from "../src/components/sql.ts";
import {DEFAULT_BASELINE, benchBuilds} from "./bench-build.ts";
import {benchNewStudy} from "./bench-new-study.ts";
import {benchPages} from "./bench-pages.ts";
import {benchWeights} from "./bench-weights.ts";
import {launchChromium, serveDirectory} from "./serve.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DIST = join(ROOT, "dist");
const STUDY = "bendayan-2024";
const SYNTHETIC_ROWS = 1_000_000;
const LOADS = 5;
const RUNS = 10;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x: number) => `${x < 10 ? x.toFixed(1) : Math.round(x).toLocaleString("en-US")} ms`;
const ratio = (x: number, of: number) => `${(x / of).toFixed(x / of < 10 ? 2 : 0)}×`;

/** What docs/benchmarks.md gets: every line the explorer section prints, and the other sections' tables. */
const reportLines: string[] = [];
const report = (line: string) => (reportLines.push(line), console.log(line));

// The queries a reader runs after the first: the page's worked examples and the cross-tab of
// Table 1's first comparison. Each run gets a distinct comment so the page sees a new query.
async function laterQueries(db: StudyDatabase): Promise<[string, string][]> {
  const codebook = publicCodebook(db.codebook);
  const first = Object.values(codebook.tables)[0];
  return [
    ["count", "SELECT count(*) AS n FROM responses"],
    // (specialty itself is not in the rows: bendayan-2024's disclosure section keeps only its grouping.)
    ["count by specialty group", "SELECT specialty_group, count(*) AS n FROM responses GROUP BY specialty_group ORDER BY n DESC"],
    ["share rating 8+ by group", "SELECT specialty_group, count(*) AS answered, round(100 * avg(CASE WHEN useful >= 8 THEN 1 ELSE 0 END), 1) AS pct FROM responses WHERE useful IS NOT NULL GROUP BY specialty_group"],
    ["multiple choice (unnest)", "SELECT strength, count(*) AS n FROM (SELECT unnest(strengths) AS strength FROM responses) GROUP BY strength ORDER BY n DESC"],
    ["cross-tab SQL (Table 1)", crossTabQuery(codebook, {row: first.rows[0].variable, column: first.by[0], rowLevel: first.rows[0].level})],
    ["every row (SELECT *)", "SELECT * FROM responses"]
  ];
}

/**
 * Native DuckDB, same rows, same SQL as the page sends (the query wrapped to fetch the rows shown,
 * then counted when there are more): the baseline. Median of RUNS, per query.
 */
async function nativeTimes(db: StudyDatabase, queries: [string, string][]): Promise<Map<string, number>> {
  const times = new Map<string, number>();
  const asThePageDoes = async (sql: string) => {
    const shown = await db.connection.runAndReadAll(firstRowsQuery(sql, SHOWN_ROWS + 1));
    if (shown.currentRowCount > SHOWN_ROWS) await db.connection.runAndReadAll(rowCountQuery(sql));
  };
  for (const [name, sql] of queries) {
    await asThePageDoes(sql); // warm
    const runs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await asThePageDoes(sql);
      runs.push(performance.now() - t0);
    }
    times.set(name, median(runs));
  }
  return times;
}

// --- In the browser ----------------------------------------------------------------------------

/** Opens the explorer and returns the time from navigation to its first result (the row count) on screen. */
async function firstResult(page: Page, origin: string): Promise<{ms: number; rows: string}> {
  await page.goto(`${origin}/explore?study=${STUDY}`, {waitUntil: "commit", timeout: 120_000});
  const handle = await page.waitForFunction(
    () => {
      const div = document.querySelector(".explore-result") as HTMLElement | null;
      return div?.dataset.state === "ok" ? {ms: performance.now(), rows: div.querySelector("tbody td:last-child")?.textContent ?? ""} : false;
    },
    null,
    {timeout: 120_000, polling: 5}
  );
  return (await handle.jsonValue()) as {ms: number; rows: string};
}

/** Runs `sql` from the editor; the time until its result (table and chart) is on screen. */
function timeQuery(page: Page, sql: string): Promise<number> {
  return page.evaluate(async (sql) => {
    const t0 = performance.now();
    const textarea = document.querySelector(".explore-editor textarea") as HTMLTextAreaElement;
    textarea.value = sql;
    textarea.dispatchEvent(new Event("input", {bubbles: true})); // enables Run, as typing does
    (document.querySelector(".explore-editor button[type=submit]") as HTMLButtonElement).click();
    // No named function in here: tsx's bundler would wrap it in a helper the page does not have.
    await new Promise<void>((resolve) => {
      const observer = new MutationObserver(() => {
        if ((document.querySelector(".explore-result") as HTMLElement | null)?.dataset.sql !== sql) return;
        observer.disconnect();
        resolve();
      });
      observer.observe(document.body, {subtree: true, childList: true, attributes: true});
    });
    const result = document.querySelector(".explore-result") as HTMLElement;
    if (result.dataset.state !== "ok") throw new Error(`the query failed: ${result.textContent}`);
    await new Promise((resolve) => requestAnimationFrame(resolve));
    return performance.now() - t0;
  }, sql);
}

/** Picks another "By" grouping in the cross-tab builder; the time until the new table is on screen. */
function timeCrossTab(page: Page, by: string): Promise<number> {
  return page.evaluate(async (by) => {
    const t0 = performance.now();
    const form = [...document.querySelectorAll("form")].find((f) => f.querySelector("label")?.textContent === "By")!;
    const select = form.querySelector("select") as HTMLSelectElement;
    const option = [...select.options].find((o) => o.textContent!.endsWith(`(${by})`))!;
    select.value = option.value;
    select.dispatchEvent(new Event("input", {bubbles: true}));
    await new Promise<void>((resolve) => {
      const observer = new MutationObserver(() => {
        if (!(document.querySelector(".explore-crosstab") as HTMLElement | null)?.dataset.sql?.includes(`"${by}"`)) return;
        observer.disconnect();
        resolve();
      });
      observer.observe(document.body, {subtree: true, childList: true, attributes: true});
    });
    await new Promise((resolve) => requestAnimationFrame(resolve));
    return performance.now() - t0;
  }, by);
}

interface Scenario {
  title: string;
  rows: number;
  db: StudyDatabase;
  targetFirst?: number;
  targetLater: number;
}

async function measure(browser: Browser, origin: string, s: Scenario) {
  const queries = await laterQueries(s.db);
  const native = await nativeTimes(s.db, queries);
  const open = async (): Promise<BrowserContext> => {
    const context = await browser.newContext({viewport: {width: 1280, height: 900}});
    context.on("page", (page) => page.on("crash", () => console.error("  the page crashed (out of memory?)")));
    return context;
  };

  report(`\n${s.title}`);
  const firsts: number[] = [];
  for (let i = 0; i < (s.targetFirst ? LOADS : 1); i++) {
    const context = await open();
    const first = await firstResult(await context.newPage(), origin);
    if (Number(first.rows.replace(/\D/g, "")) !== s.rows) throw new Error(`the first result shows ${first.rows} rows, expected ${s.rows}`);
    firsts.push(first.ms);
    await context.close();
  }
  const first = median(firsts);
  report(
    `  first result after page load   ${ms(first)} (${firsts.length === 1 ? "one fresh load" : `median of ${firsts.length} fresh loads`})` +
      (s.targetFirst ? `; target ≤ ${ms(s.targetFirst)}: ${ratio(first, s.targetFirst)} of it` : "")
  );

  const context = await open();
  const page = await context.newPage();
  await firstResult(page, origin);
  const all: number[] = [];
  report(`  later queries (median of ${RUNS} runs each, from clicking Run to the result on screen):`);
  for (const [name, sql] of queries) {
    const runs: number[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await timeQuery(page, `${sql}\n-- run ${i}`));
    all.push(...runs);
    const m = median(runs);
    report(`    ${name.padEnd(28)} ${ms(m).padStart(9)}  ${ratio(m, native.get(name)!).padStart(6)} native DuckDB (${ms(native.get(name)!)})`);
  }
  const groupings = ["age_band", "underserved"];
  const crossTabs: number[] = [];
  for (let i = 0; i < RUNS; i++) crossTabs.push(await timeCrossTab(page, groupings[i % 2]));
  all.push(...crossTabs);
  report(`    ${"cross-tab builder (pick By)".padEnd(28)} ${ms(median(crossTabs)).padStart(9)}  (SQL, statistics and drawing)`);
  const later = median(all);
  report(`  later queries overall          median ${ms(later)}, slowest ${ms(Math.max(...all))}; target ≤ ${ms(s.targetLater)}: ${ratio(later, s.targetLater)} of it`);
  await context.close();
}

/** dist/ as built, rebuilt when asked (--build; once per run) or missing. */
let distReady = false;
function ensureDist(): void {
  if (distReady) return;
  distReady = true;
  if (process.argv.includes("--build") || !existsSync(join(DIST, "explore.html"))) {
    console.log("building dist/ (npm run build) …");
    const built = spawnSync("npm", ["run", "build"], {cwd: ROOT, stdio: ["ignore", "ignore", "inherit"]});
    if (built.status !== 0) throw new Error(`npm run build failed (exit code ${built.status})`);
  } else {
    console.log(`using dist/ built ${Math.round((Date.now() - statSync(join(DIST, "explore.html")).mtimeMs) / 60_000)} min ago (npm run bench -- --build to rebuild)`);
  }
}

async function benchExplorer(): Promise<void> {
  ensureDist();
  const site = await serveDirectory(DIST);
  const browser = await launchChromium();
  // The synthetic study is served from a copy of dist/ in which bendayan-2024's responses.arrow is
  // replaced (dist/ itself is left as built).
  const syntheticDist = mkdtempSync(join(tmpdir(), "bench-dist-"));
  try {
    report(`\nExplorer: Chromium ${browser.version()}, ${LOADS} fresh page loads, ${RUNS} runs per query`);
    await withStudyDatabase(STUDY, async (db) => {
      const rows = Number((await db.connection.runAndReadAll("SELECT count(*) AS n FROM responses")).getRowObjectsJS()[0].n);
      await measure(browser, site.origin, {title: `${STUDY} (${rows.toLocaleString("en-US")} respondents, the built site as is)`, rows, db, targetFirst: 3000, targetLater: 300});

      // A synthetic study: bendayan-2024's public rows drawn with replacement (a fixed hash of the
      // row number picks each), renumbered 1…N, served in place of its responses.arrow.
      const t0 = performance.now();
      await db.connection.run(`CREATE TABLE synthetic AS
        SELECT r.* REPLACE (CAST(i + 1 AS INTEGER) AS respondent)
          FROM range(${SYNTHETIC_ROWS}) t(i)
          JOIN (SELECT *, row_number() OVER (ORDER BY respondent) - 1 AS k FROM responses) r ON r.k = hash(i) % ${rows}`);
      await db.connection.run(`ALTER TABLE synthetic DROP COLUMN k; ALTER TABLE responses RENAME TO original; ALTER TABLE synthetic RENAME TO responses`);
      const arrow = await toArrow(db, "SELECT * FROM responses ORDER BY respondent");
      cpSync(DIST, syntheticDist, {recursive: true});
      const dir = join(syntheticDist, "_file", "data", STUDY);
      const file = readdirSync(dir).find((f) => /^responses\.[0-9a-f]+\.arrow$/.test(f))!;
      writeFileSync(join(dir, file), arrow);
      report(`\n(synthetic study: ${SYNTHETIC_ROWS.toLocaleString("en-US")} rows, ${(arrow.byteLength / 1e6).toFixed(1)} MB of Arrow, made in ${ms(performance.now() - t0)})`);
      const synthetic = await serveDirectory(syntheticDist);
      try {
        await measure(browser, synthetic.origin, {title: `synthetic study (${SYNTHETIC_ROWS.toLocaleString("en-US")} responses)`, rows: SYNTHETIC_ROWS, db, targetLater: 1500});
      } finally {
        await synthetic.close();
      }
    });
  } finally {
    await browser.close();
    await site.close();
    rmSync(syntheticDist, {recursive: true, force: true});
  }
}

// --- The loader at scale ------------------------------------------------------------------------

/** One scripts/bench-load.ts run in its own process, under /usr/bin/time for its peak memory. */
function loadRun(rows: number, only: "bare" | "pipeline", {arrow = false, duplicates = "error"}: {arrow?: boolean; duplicates?: "error" | "allowed"} = {}): {seconds: number; disclosure?: number; arrow?: number; peakMb: number} {
  const args = ["-v", process.execPath, "--import", "tsx", join(ROOT, "scripts", "bench-load.ts"), String(rows), `--only=${only}`, ...(arrow ? [] : ["--no-arrow"]), `--duplicates=${duplicates}`];
  const r = spawnSync("/usr/bin/time", args, {cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 26});
  if (r.status !== 0) throw new Error(`bench-load ${rows} ${only} failed:\n${r.stdout}${r.stderr}`);
  const seconds = Number((only === "bare" ? /bare DuckDB copy to Parquet:\s+([\d.]+) s/ : /responses\.parquet:\s+([\d.]+) s/).exec(r.stdout)![1]);
  const toArrow = /toArrow:\s+([\d.]+) s/.exec(r.stdout)?.[1];
  const disclosure = /disclosure ([\d.]+) s\)/.exec(r.stdout)?.[1];
  const peakMb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)![1]) / 1024;
  return {seconds, peakMb, ...(toArrow ? {arrow: Number(toArrow)} : {}), ...(disclosure ? {disclosure: Number(disclosure)} : {})};
}

/** The compile step's reading, checking and typing of an export against a bare DuckDB copy of the same file. */
function benchLoads(): string[] {
  const lines = [
    "",
    "Synthetic bendayan-2024 exports (its rows drawn with replacement, scripts/synthetic.ts). Pipeline: the compile step's",
    "read + validate + type (openStudyDatabase), the disclosure check and responses.parquet; bare: DuckDB's `COPY (SELECT * FROM read_csv(file)) TO … (FORMAT parquet)`",
    "of the same file. Each in its own process (peak = its maximum resident set size); bare and pipeline interleaved, median of 3.",
    "\"No duplicate check\": the pipeline with `responses.duplicates: allowed` (interleaved too, median of 3), against which the duplicate-row check's cost shows;",
    "\"disclosure\": the k-anonymity check's own time within the pipeline (median of the 3).",
    "",
    "| responses | bare copy | pipeline | ratio | no duplicate check | disclosure | peak, bare | peak, pipeline | toArrow (browser file) |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  ];
  console.log("\nLoader at scale …");
  for (const rows of [10_000, 100_000, 1_000_000]) {
    const bare: ReturnType<typeof loadRun>[] = [];
    const pipeline: ReturnType<typeof loadRun>[] = [];
    const unchecked: number[] = [];
    for (let i = 0; i < 3; i++) {
      bare.push(loadRun(rows, "bare"));
      pipeline.push(loadRun(rows, "pipeline"));
      unchecked.push(loadRun(rows, "pipeline", {duplicates: "allowed"}).seconds);
    }
    const arrow = loadRun(rows, "pipeline", {arrow: true}).arrow!;
    const noDuplicateCheck = median(unchecked);
    const [b, p] = [median(bare.map((r) => r.seconds)), median(pipeline.map((r) => r.seconds))];
    const disclosure = median(pipeline.map((r) => r.disclosure!));
    const peak = (runs: typeof bare) => `${Math.round(median(runs.map((r) => r.peakMb)))} MB`;
    const line = `| ${rows.toLocaleString("en-US")} | ${b.toFixed(2)} s | ${p.toFixed(2)} s | ${(p / b).toFixed(2)}× | ${noDuplicateCheck.toFixed(2)} s (pipeline ${(p / noDuplicateCheck).toFixed(2)}× it) | ${disclosure.toFixed(2)} s | ${peak(bare)} | ${peak(pipeline)} | ${arrow.toFixed(1)} s |`;
    console.log(line);
    lines.push(line);
  }
  lines.push("", "Targets at 1,000,000 responses: pipeline ≤ 2× the bare copy, ≤ 1 GB peak.");
  return lines;
}

// --- Run -------------------------------------------------------------------------------------

const only = process.argv.find((a) => a.startsWith("--only="))?.slice("--only=".length).split(",") ?? ["build", "load", "new-study", "weights", "explorer", "pages"];
const baseline = process.argv.includes("--no-baseline") ? null : process.argv.find((a) => a.startsWith("--baseline="))?.slice("--baseline=".length) ?? DEFAULT_BASELINE;
const git = (...args: string[]) => execFileSync("git", args, {cwd: ROOT, encoding: "utf8"}).trim();
const commit = `${git("rev-parse", "--short", "HEAD")}${git("status", "--porcelain") ? " with uncommitted changes" : ""}`;
const machine = `${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}`;
/** A section of docs/benchmarks.md: its title, then when, where and on what it was measured. */
const section = (title: string, lines: string[]) => [`## ${title}`, "", `Measured ${new Date().toISOString().slice(0, 10)} at commit ${commit}; machine: ${machine}.`, ...lines].join("\n");
const fresh = new Map<string, string>();
if (only.includes("build")) fresh.set("Build", section("Build", benchBuilds({baseline})));
if (only.includes("load")) fresh.set("Loader at scale", section("Loader at scale", benchLoads()));
if (only.includes("new-study")) fresh.set("New study at scale", section("New study at scale", benchNewStudy()));
if (only.includes("weights")) fresh.set("Weights at scale", section("Weights at scale", benchWeights()));
if (only.includes("explorer")) {
  await benchExplorer();
  fresh.set("Explorer", section("Explorer", ["", "```", ...reportLines.map((l) => l.replace(/^\n/, "")), "```"]));
}
if (only.includes("pages")) {
  const other = process.argv.find((a) => a.startsWith("--pages-dist="))?.slice("--pages-dist=".length);
  if (!other) ensureDist();
  const writeBaseline = process.argv.includes("--write-pages-baseline");
  const otherCommit = process.argv.find((a) => a.startsWith("--pages-commit="))?.slice("--pages-commit=".length);
  const lines = await benchPages({dist: other ?? DIST, commit: other ? (otherCommit ?? `the build in ${other}`) : commit, machine, writeBaseline});
  // A baseline run measures another commit's build: docs/benchmarks.md keeps this commit's figures.
  if (!writeBaseline) fresh.set("Pages", section("Pages", lines));
}
// Sections not run this time keep what the last run that ran them wrote (each says when).
const path = join(ROOT, "docs", "benchmarks.md");
const previous = new Map(
  (existsSync(path) ? readFileSync(path, "utf8") : "").split(/^(?=## )/m).filter((s) => s.startsWith("## ")).map((s) => [s.slice(3, s.indexOf("\n")), s.trim()])
);
const sections = ["Build", "Loader at scale", "New study at scale", "Weights at scale", "Explorer", "Pages"].map((title) => fresh.get(title) ?? previous.get(title)).filter(Boolean);
writeFileSync(
  path,
  `# Benchmarks\n\nWritten by \`npm run bench\` (scripts/bench.ts). One run each on a machine that may be busy: each figure is an indication, to be compared with the baseline measured in the same run (a ratio is printed beside it).\n\n${sections.join("\n\n")}\n`
);
console.log("\nwritten: docs/benchmarks.md");
