// The bad-input catalogue: each case (cases.ts) is a study folder broken as a careless or hostile
// author might break it, built with `npm run build`'s own script on a copy (SURVEY_DATA_DIR), next
// to a last good site (SURVEY_REPORT_OUTPUT). Every case must stop the build at the compile step
// with one clear message, exit non-zero, leave the last good site and the raw files as they were,
// and print no stack trace and no line too long to read.
import assert from "node:assert/strict";
import {spawn} from "node:child_process";
import {createHash} from "node:crypto";
import {cpSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync} from "node:fs";
import {availableParallelism, tmpdir} from "node:os";
import {delimiter, join, relative} from "node:path";
import {after, before, describe, test} from "node:test";
import {fileURLToPath} from "node:url";
import {stripVTControlCharacters} from "node:util";
import {type BadInput, cases} from "./cases.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** The longest line the build may print: a value is cut, never echoed whole. */
const MAX_LINE = 500;

/** Every file under dir (symlinks as links, not followed), each with a hash of its bytes. */
function treeOf(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, {recursive: true, withFileTypes: true})
      .filter((d) => d.isFile() || d.isSymbolicLink())
      .map((d) => {
        const path = join(d.parentPath, d.name);
        const content = lstatSync(path).isSymbolicLink() ? `link → ${readlinkSync(path)}` : readFileSync(path);
        return [relative(dir, path), createHash("sha256").update(content).digest("hex")];
      })
      .sort()
  );
}

interface Outcome {code: number | null; output: string; dataBefore: Record<string, string>; dataAfter: Record<string, string>; distBefore: Record<string, string>; distAfter: Record<string, string>}

/** Runs the build as `npm run build` does, on `dir`'s data/, writing nowhere but under `dir`. */
function runBuild(dir: string): Promise<{code: number | null; output: string}> {
  const bin = join(ROOT, "node_modules", ".bin");
  const child = spawn(join(bin, "tsx"), ["scripts/build.ts", "build"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      PATH: `${bin}${delimiter}${process.env.PATH ?? ""}`,
      SURVEY_DATA_DIR: join(dir, "data"),
      SURVEY_REPORT_OUTPUT: join(dir, "dist"),
      SURVEY_SITE_SOURCE: join(dir, "src"),
      SURVEY_CACHE_DIR: join(dir, "cache")
    }
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({code, output: stripVTControlCharacters(output)}));
  });
}

async function runCase(c: BadInput, root: string): Promise<Outcome> {
  const dir = join(root, c.name.replace(/\W+/g, "-"));
  const data = join(dir, "data");
  const study = c.folder ?? c.base.split("/").at(-1)!;
  mkdirSync(data, {recursive: true});
  cpSync(join(ROOT, c.base), join(data, study), {recursive: true});
  c.change(join(data, study), dir);
  // The last good site: a failed build must leave it byte for byte.
  mkdirSync(join(dir, "dist", "studies"), {recursive: true});
  writeFileSync(join(dir, "dist", "index.html"), "<!doctype html><title>The last good site</title>");
  writeFileSync(join(dir, "dist", "studies", `${study}.html`), "<!doctype html><title>A study page</title>");
  const dataBefore = treeOf(data);
  const distBefore = treeOf(join(dir, "dist"));
  const {code, output} = await runBuild(dir);
  return {code, output, dataBefore, dataAfter: treeOf(data), distBefore, distAfter: treeOf(join(dir, "dist"))};
}

/** Runs `run` on every item, `limit` at a time, in order of the results. */
async function pool<T, R>(items: T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i; (i = next++) < items.length; ) results[i] = await run(items[i]);
  };
  await Promise.all(Array.from({length: Math.min(limit, items.length)}, worker));
  return results;
}

describe(`the bad-input catalogue (${cases.length} broken study folders, each built by npm run build's script)`, () => {
  const root = mkdtempSync(join(tmpdir(), "bad-inputs-"));
  const outcomes = new Map<string, Outcome>();
  before(async () => {
    const results = await pool(cases, Math.max(1, availableParallelism()), (c) => runCase(c, root));
    cases.forEach((c, i) => outcomes.set(c.name, results[i]));
  }, {timeout: 30 * 60_000});
  after(() => rmSync(root, {recursive: true, force: true}));

  test("the catalogue has at least 40 cases, each named once", () => {
    assert.ok(cases.length >= 40, `${cases.length} cases`);
    assert.equal(new Set(cases.map((c) => c.name)).size, cases.length);
  });

  for (const c of cases) {
    test(c.name, () => {
      const o = outcomes.get(c.name)!;
      const tail = o.output.length > 4000 ? `…${o.output.slice(-4000)}` : o.output;
      assert.notEqual(o.code, 0, `the build succeeded:\n${tail}`);
      for (const pattern of [c.message].flat()) assert.match(o.output, pattern, tail);
      assert.doesNotMatch(o.output, /\n\s+at .+:\d+:\d+|please file an issue/i, `a stack trace:\n${tail}`);
      const long = o.output.split("\n").filter((l) => l.length > MAX_LINE);
      assert.deepEqual(long.map((l) => `${l.length} characters: ${l.slice(0, 120)}…`), [], "a line too long to read");
      assert.deepEqual(o.distAfter, o.distBefore, "the last good dist/ changed");
      assert.deepEqual(o.dataAfter, o.dataBefore, "a raw file changed");
    });
  }
});
