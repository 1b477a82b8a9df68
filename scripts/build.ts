// `npm run build` and `npm run dev`.
//
// build: 1. compile every study once (loaders/site.ts; reused from .cache/ when nothing that made it
//           changed) into src/data/, src/reproduction/;
//        2. unless the whole site's inputs are unchanged since the last build of this output, run
//           Framework's build and write the manuscript files, into a temporary folder beside dist/;
//        3. swap it in. A failure at any step leaves the last good dist/ as it was and exits 1,
//           ending with the project's own message (file, row, column, value, expected).
// dev:   compile, start Framework's preview behind a small proxy that also serves the manuscript
//        files, and recompile whenever data/ or a pipeline module changes (scripts/dev.ts).
import {spawn, spawnSync} from "node:child_process";
import {Transform} from "node:stream";
import {existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync} from "node:fs";
import {basename, dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {BuildDateError, type BuildDate, buildDate, setFileTimes} from "../loaders/build-date.ts";
import {CACHE_DIR, filesUnder, hashInputs, moduleGraph} from "../loaders/cache.ts";
import {ROOT, displayPath} from "../loaders/codebook.ts";
import {SITE_SOURCE, compileSite, isInputError} from "../loaders/site.ts";
import {BuildLockError, type LockKind, acquireBuildLock} from "./build-lock.ts";
import {amendBuiltPages} from "./framework-html.ts";
import {minifyBuiltModules} from "./framework-minify.ts";
import {dropUnsupportedBundles, ensureNpmCache} from "./framework-offline.ts";

const OUTPUT = resolve(ROOT, process.env.SURVEY_REPORT_OUTPUT || "dist");
const log = (line: string) => console.log(line);

/** Framework's build failed: its own message is printed above ours, so ours has no stack. */
class FrameworkError extends Error {}

/**
 * Framework ends a failure with "If you think this is a bug, please file an issue at
 * github.com/observablehq/framework": the problem is the project's (or the author's data), not
 * Framework's, so the build's message ends with what to do here instead.
 */
export function withoutBugReportLink(): Transform {
  let rest = "";
  const drop = (line: string) => /please file an issue at|github\.com\/observablehq\/framework\/issues/.test(line);
  return new Transform({
    transform(chunk, _encoding, done) {
      const lines = (rest + chunk.toString()).split("\n");
      rest = lines.pop()!;
      done(null, lines.filter((l) => !drop(l)).map((l) => l + "\n").join(""));
    },
    flush(done) {
      done(null, drop(rest) ? "" : rest);
    }
  });
}

/** Framework's lines about the pages' links: "12 links validated", or "Warning: 5 broken links (…)" and a "↳ page → link" line each. */
export function linkCheckLines(output: string): string[] {
  // eslint-disable-next-line no-control-regex
  const lines = output.replace(/\x1b\[[0-9;]*m/g, "").split("\n").map((l) => l.trim());
  return lines.filter((l) => /^\d+ links? validated$|broken links?\b|^↳ /.test(l));
}

/** An error as the author should see it: their mistakes by message alone, the pipeline's bugs with a stack. */
const describe = (error: unknown) =>
  isInputError(error) ? `${error.name}: ${error.message}` : error instanceof FrameworkError || error instanceof BuildLockError || error instanceof BuildDateError ? error.message : error instanceof Error ? error.stack : String(error);

/** Prints an error as the author should see it and exits 1. */
export function fail(error: unknown, {context = ""} = {}): never {
  console.error(`\n${context}${describe(error)}`);
  process.exit(1);
}

function gitHead(): string {
  const r = spawnSync("git", ["rev-parse", "HEAD"], {cwd: ROOT, encoding: "utf8"});
  return r.status === 0 ? r.stdout.trim() : "no git";
}

/**
 * Everything the built site is made of: every file under src/ (pages, components, the compiled
 * data), the Framework config, this script's module graph (the offline glue and the manuscript code
 * among it), the commit (the manuscript index cites it), the build's date and the lockfile.
 * Unchanged: the last dist/ is this build's output.
 */
async function siteHash(built: BuildDate): Promise<string> {
  const source = filesUnder(SITE_SOURCE).filter((f) => !f.includes(`${join("src", ".observablehq")}`));
  const pipeline = await moduleGraph(fileURLToPath(import.meta.url));
  return hashInputs([...source, ...pipeline, join(ROOT, "observablehq.config.ts")], [`commit ${gitHead()}`, `output ${OUTPUT}`, `date ${built.date.toISOString()} ${built.origin}`]);
}

const stampPath = () => join(CACHE_DIR, "site", `${OUTPUT.replace(/[^\w.-]+/g, "_")}.json`);

/** Step 1: every study compiled into src/; exits 1 after printing every study's error. */
async function compile() {
  log("Compiling studies (data/ → src/data/):");
  const {tablesOf, errors} = await compileSite({log});
  if (errors.length) {
    for (const {study, error} of errors.slice(0, -1)) console.error(`\n${study ? `${study}: ` : ""}${describe(error)}`);
    const last = errors.at(-1)!;
    fail(last.error, {context: `${last.study ? `${last.study}: ` : ""}`});
  }
  return tablesOf;
}

/** Folders a build that was killed left beside the output (their process is gone). */
function removeAbandoned(): void {
  const pattern = new RegExp(`^${basename(OUTPUT).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.(building|manuscript|previous)-(\\d+)$`);
  for (const entry of existsSync(dirname(OUTPUT)) ? readdirSync(dirname(OUTPUT)) : []) {
    const pid = Number(pattern.exec(entry)?.[2]);
    if (!pid) continue;
    try {
      process.kill(pid, 0); // still running: another build's folder
    } catch {
      rmSync(join(dirname(OUTPUT), entry), {recursive: true, force: true});
    }
  }
}

async function build(): Promise<void> {
  const started = performance.now();
  removeAbandoned();
  // Every date the build writes (loaders/build-date.ts); a bad SOURCE_DATE_EPOCH stops it here.
  const built = buildDate();
  const tablesOf = await compile();
  // Framework writes each compiled file's mtime into the pages (lastModified): the build's date.
  setFileTimes([join(SITE_SOURCE, "data"), join(SITE_SOURCE, "reproduction")], built.date);
  const hash = await siteHash(built);
  const stamp = existsSync(stampPath()) ? JSON.parse(readFileSync(stampPath(), "utf8")) : null;
  if (stamp?.hash === hash && existsSync(join(OUTPUT, "index.html"))) {
    log(`Site unchanged since the last build: ${OUTPUT} reused (${((performance.now() - started) / 1000).toFixed(1)} s).`);
    // What Framework said of the pages' links when it built them: the same pages, the same verdict.
    for (const line of stamp.linkCheck ?? []) log(`Framework's link check (the build reused): ${line}`);
    return;
  }
  // Built beside the output, swapped in only when every step succeeded. Framework's build and the
  // manuscript files need nothing of each other, so they run side by side (Framework empties its
  // output folder when it starts: the manuscript is written to a folder of its own, moved in after).
  const temporary = `${OUTPUT}.building-${process.pid}`;
  const manuscripts = `${OUTPUT}.manuscript-${process.pid}`;
  const cleanUp = () => [temporary, manuscripts].forEach((dir) => rmSync(dir, {recursive: true, force: true}));
  // Framework's output, to keep its link check ("N links validated", or the broken ones) in the stamp.
  let frameworkOutput = "";
  try {
    let t = performance.now();
    if ((await ensureNpmCache()) === "filled") log(`Browser libraries bundled from node_modules in ${((performance.now() - t) / 1000).toFixed(1)} s.`);
    t = performance.now();
    const framework = new Promise<void>((resolve, reject) => {
      const child = spawn(join(ROOT, "node_modules", ".bin", "observable"), ["build"], {
        cwd: ROOT,
        stdio: ["ignore", "pipe", "pipe"],
        env: {...process.env, OBSERVABLE_TELEMETRY_DISABLE: "true", SURVEY_REPORT_OUTPUT: temporary}
      });
      child.stdout.pipe(withoutBugReportLink()).pipe(process.stdout);
      child.stderr.pipe(withoutBugReportLink()).pipe(process.stderr);
      for (const stream of [child.stdout, child.stderr]) stream.on("data", (chunk) => (frameworkOutput += chunk));
      child.on("error", reject);
      child.on("exit", (status) => {
        if (status !== 0) return reject(new FrameworkError(`Framework could not build the pages (exit code ${status}); its message is above. The compiled data under src/data/ is what the pages read: if a page names a study or file that data/ does not have, run \`npm run build\` again after fixing data/, or see docs/new-study.md.`));
        log(`Framework's build took ${((performance.now() - t) / 1000).toFixed(1)} s.`);
        resolve();
      });
    });
    // The figures and tables for journals, drawn by the same chart functions from the same tables.
    const {writeManuscripts} = await import("../loaders/manuscript/write.ts");
    // Its lines are printed after Framework's, which writes half lines as it goes.
    const manuscriptLog: string[] = [];
    const manuscript = writeManuscripts(manuscripts, {log: (line) => manuscriptLog.push(line), tablesOf, built});
    // Both settle before either's error is reported, so nothing is still writing during the clean-up.
    const [a, b] = await Promise.allSettled([framework, manuscript]);
    manuscriptLog.forEach((line) => log(line));
    for (const r of [a, b]) if (r.status === "rejected") throw r.reason;
    // Framework's template amended for every reader (language, zoom, the sidebar's markup).
    amendBuiltPages(temporary);
    // The project's modules and the pages' cells minified, as Framework does the libraries.
    const minified = minifyBuiltModules(temporary);
    log(`The project's modules and the pages' cells minified (${Math.round(minified / 1000)} KB less).`);
    // Only the DuckDB-Wasm build the supported browsers load (README, "Supported browsers").
    const dropped = dropUnsupportedBundles(temporary);
    if (dropped) log(`DuckDB-Wasm's mvp build left out (${(dropped / 1e6).toFixed(1)} MB): every supported browser loads the eh build.`);
    if (existsSync(join(manuscripts, "manuscript"))) renameSync(join(manuscripts, "manuscript"), join(temporary, "manuscript"));
    rmSync(manuscripts, {recursive: true, force: true});
  } catch (error) {
    cleanUp();
    fail(error, {context: `The build stopped; ${OUTPUT} is left as it was.\n`});
  }
  const previous = `${OUTPUT}.previous-${process.pid}`;
  if (existsSync(OUTPUT)) renameSync(OUTPUT, previous);
  renameSync(temporary, OUTPUT);
  rmSync(previous, {recursive: true, force: true});
  mkdirSync(dirname(stampPath()), {recursive: true});
  writeFileSync(stampPath(), JSON.stringify({hash, built: new Date().toISOString(), linkCheck: linkCheckLines(frameworkOutput)}));
  log(`Built ${OUTPUT} in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}

/**
 * One build or dev server at a time writes a project's src/data/ and dist/ (scripts/build-lock.ts):
 * the lock is kept per source folder, in the cache.
 */
const lock = (kind: LockKind) =>
  acquireBuildLock(join(CACHE_DIR, "locks", `${SITE_SOURCE.replace(/[^\w.-]+/g, "_")}.lock`), {kind, folder: displayPath(dirname(SITE_SOURCE)) || "this project folder", log}).catch((error) => fail(error));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === "dev") {
    await lock("dev");
    const {dev} = await import("./dev.ts");
    await dev(process.argv.slice(3));
  } else if (process.argv[2] === "compile") {
    // What `npm run dev` runs on each change, in a fresh process: compile, then the manuscript files.
    const tablesOf = await compile().catch((error) => fail(error));
    const manuscript = process.argv.find((a) => a.startsWith("--manuscript="))?.slice("--manuscript=".length);
    if (manuscript) {
      const {writeManuscripts} = await import("../loaders/manuscript/write.ts");
      await writeManuscripts(manuscript, {log, tablesOf}).catch((error) => fail(error));
    }
  } else {
    await lock("build");
    await build().catch((error) => fail(error));
  }
}
