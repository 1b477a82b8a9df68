// The compile step and its cache, as `npm run build` and `npm run dev` run them (`build.ts compile`,
// in a fresh process), in a copy of the project: each kind of input edited in turn changes what the
// next compile writes, and what was not touched is reused. (The whole site is built by
// test/site.test.ts; this file stays at the compile step, which takes seconds.)
import assert from "node:assert/strict";
import {type ChildProcess, spawn, spawnSync} from "node:child_process";
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {createServer} from "node:net";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {after, before, describe, test} from "node:test";
import {fileURLToPath} from "node:url";
import {copyEnv, copyProject} from "./project-copy.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
let copy: string;
/** Runs `build.ts compile` in the copy; returns its exit code and output. */
function compile(...args: string[]): {code: number | null; output: string} {
  const r = spawnSync(process.execPath, ["--import", "tsx", join(copy, "scripts", "build.ts"), "compile", ...args], {cwd: copy, env: copyEnv(), encoding: "utf8"});
  return {code: r.status, output: r.stdout + r.stderr};
}
const compiled = (output: string) => [...output.matchAll(/^ {2}compiled (\S+)/gm)].map((m) => m[1]).sort();
const reused = (output: string) => [...output.matchAll(/^ {2}reused +(\S+)/gm)].map((m) => m[1]).sort();
const read = (path: string) => readFileSync(join(copy, path), "utf8");
function edit(path: string, from: string | RegExp, to: string, root = copy) {
  const text = readFileSync(join(root, path), "utf8");
  const changed = text.replace(from, to);
  assert.notEqual(changed, text, `${path} holds ${from}`);
  writeFileSync(join(root, path), changed);
}

describe("compile once, reuse until an input changes (build.ts compile in a copy of the project)", () => {
  let first: {code: number | null; output: string};
  let studies: string[];
  before(() => {
    copy = copyProject({prefix: "compile-cache-"});
    first = compile();
    studies = compiled(first.output);
  });
  after(() => rmSync(copy, {recursive: true, force: true}));

  test("a first compile compiles every study and writes its files under src/data/", () => {
    assert.equal(first.code, 0, first.output);
    assert.ok(studies.includes("bendayan-2024") && studies.includes("pew-2018"), first.output);
    for (const file of ["tables.json", "codebook.json", "responses.parquet", "choices.parquet", "responses.arrow", "claims.json"])
      assert.ok(existsSync(join(copy, "src", "data", "bendayan-2024", file)), `src/data/bendayan-2024/${file}`);
    for (const file of ["data/studies.json", "data/compare.json", "reproduction/claims.json"]) assert.ok(existsSync(join(copy, "src", file)), file);
    // What the generated study page and the explorer read: every study's claims (none: an empty list),
    // the datasets that are part of it, and the modules naming each compiled file.
    assert.deepEqual(JSON.parse(read("src/data/pew-2018/claims.json")), []);
    assert.deepEqual(JSON.parse(read("src/data/ali-2025/parts.json")).map((p: {tables: {study: {id: string}}}) => p.tables.study.id), ["ali-2025-posts"]);
    assert.match(read("src/data/files.js"), /"tables\.json": FileAttachment\("\.\/pew-2018\/tables\.json"\)/);
    assert.match(read("src/data/explore.js"), /"ali-2025-posts": FileAttachment\("\.\/ali-2025-posts\/responses\.arrow"\)/);
  });

  test("a second compile with nothing changed reuses every study, and writes the same files", () => {
    const before = read("src/data/bendayan-2024/tables.json");
    const again = compile();
    assert.equal(again.code, 0, again.output);
    assert.deepEqual(compiled(again.output), []);
    assert.deepEqual(reused(again.output), studies);
    assert.equal(read("src/data/bendayan-2024/tables.json"), before);
  });

  test("a raw cell edited: that study alone is compiled again, and its numbers change", () => {
    const before = JSON.parse(read("src/data/bendayan-2024/tables.json")).distributions.sex.levels;
    edit("data/bendayan-2024/responses.csv", /,Une femme,/, ",Un homme,");
    const r = compile();
    assert.equal(r.code, 0, r.output);
    assert.deepEqual(compiled(r.output), ["bendayan-2024"]);
    const after = JSON.parse(read("src/data/bendayan-2024/tables.json")).distributions.sex.levels;
    assert.equal(after[0].n, before[0].n - 1, "one woman fewer");
    assert.equal(after[1].n, before[1].n + 1, "one man more");
  });

  test("a codebook label edited: the study's codebook.json and tables say the new label", () => {
    edit("data/auanassova-2025/codebook.yaml", "label: Feels overwhelmed by social media", "label: Feels overwhelmed by social media (edited)");
    const r = compile();
    assert.deepEqual(compiled(r.output), ["auanassova-2025"]);
    assert.match(read("src/data/auanassova-2025/codebook.json"), /Feels overwhelmed by social media \(edited\)/);
    assert.match(read("src/data/auanassova-2025/tables.json"), /Feels overwhelmed by social media \(edited\)/);
  });

  test("a claims value edited: the reproduction check says the new printed value; no study is recompiled for it", () => {
    edit("data/bendayan-2024/claims.yaml", 'id: strength_speed, where: "Results, strengths (Fig 3)", printed: "87.5"', 'id: strength_speed, where: "Results, strengths (Fig 3)", printed: "87.49"');
    const r = compile();
    assert.equal(r.code, 0, r.output);
    assert.deepEqual(compiled(r.output), []);
    const claim = JSON.parse(read("src/reproduction/claims.json")).find((c: {id: string}) => c.id === "strength_speed");
    assert.equal(claim.printed, "87.49");
    assert.equal(JSON.parse(read("src/data/bendayan-2024/claims.json")).find((c: {id: string}) => c.id === "strength_speed").printed, "87.49");
  });

  test("a helper in loaders/ edited: every study that imports it is compiled again with the new code", () => {
    edit("loaders/responses.ts", "questionCount: cb.questions.length,", "questionCount: cb.questions.length + 1000,");
    const r = compile();
    assert.deepEqual(compiled(r.output), studies);
    assert.equal(JSON.parse(read("src/data/bendayan-2024/codebook.json")).questionCount, 1027);
  });

  test("a statistics helper in src/components/ edited: the tables that use it change", () => {
    edit("src/components/stats.ts", /"Pearson's Chi-squared test"/, '"Pearson\'s chi-squared test (edited)"');
    const r = compile();
    assert.ok(compiled(r.output).includes("bendayan-2024"), r.output);
    assert.match(read("src/data/bendayan-2024/tables.json"), /chi-squared test \(edited\)/);
  });

  test("a chart function in src/components/ edited: the manuscript figures drawn with it change, the others are reused", () => {
    const out = join(copy, "manuscript-out");
    const base = compile(`--manuscript=${out}`);
    assert.equal(base.code, 0, base.output);
    // ali-2025's Fig3 is drawn by distributionBars (src/components/bars.js); its Fig1 and Fig2 are not.
    const svg = (id: string) => readFileSync(join(out, "manuscript", "ali-2025", `${id}.svg`), "utf8");
    const [fig1, fig3] = [svg("Fig1"), svg("Fig3")];
    edit("src/components/bars.js", 'fill: "var(--theme-foreground-focus)"', 'fill: "#123456"');
    const r = compile(`--manuscript=${out}`);
    assert.equal(r.code, 0, r.output);
    assert.match(svg("Fig3"), /#123456/);
    assert.notEqual(svg("Fig3"), fig3);
    assert.equal(svg("Fig1"), fig1);
    assert.match(r.output, /manuscript ali-2025: .*figures exported: Fig3; reused: Fig1, Fig2/);
  });

  test("an invalid raw cell: the compile fails naming it, and the study's data files hold the error instead of old numbers", () => {
    edit("data/ali-2025/responses.csv", /\n([^\n]*?),Yes,/, "\n$1,Maybe,");
    const r = compile();
    assert.notEqual(r.code, 0);
    assert.match(r.output, /ali-2025: ValidationError: 1 problem in the raw data:\n {2}data\/ali-2025\/responses\.csv, row \d+, column \w+ "[^"]+": "Maybe" — expected one of/);
    assert.doesNotMatch(r.output, /\n\s+at /, "no stack trace for an author's mistake");
    assert.match(read("src/data/ali-2025/tables.json"), /^\{"buildError":"ValidationError: 1 problem/);
    assert.ok(!existsSync(join(copy, "src", "data", "ali-2025", "responses.arrow")), "no row-level data from before the edit");
    assert.match(read("src/data/studies.json"), /buildError/);
    assert.ok(JSON.parse(read("src/data/bendayan-2024/tables.json")).distributions, "the other studies keep their data");
  });
});

describe("npm run dev follows the data (build.ts dev in a copy of the project)", () => {
  let dir: string;
  let dev: ChildProcess;
  let origin: string;
  let output = "";
  const get = async (path: string) => {
    const r = await fetch(`${origin}${path}`);
    return {status: r.status, text: await r.text()};
  };
  /** Polls `path` until `ok` holds for its text (the compile runs in the background). */
  async function until(path: string, ok: (text: string) => boolean, what: string): Promise<string> {
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      const r = await get(path).catch(() => null);
      if (r?.status === 200 && ok(r.text)) return r.text;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    assert.fail(`${what}: not seen within 120 s at ${path}\n${output.slice(-3000)}`);
  }
  const ali = "/_file/data/ali-2025/tables.json";
  const visibility = (text: string) => JSON.parse(text).distributions?.visibility?.levels?.find((l: {level: string}) => l.level === "Yes")?.n;

  before(async () => {
    dir = copyProject({prefix: "dev-preview-"});
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    dev = spawn(process.execPath, ["--import", "tsx", join(dir, "scripts", "build.ts"), "dev", `--port=${port}`], {cwd: dir, env: copyEnv(), stdio: ["ignore", "pipe", "pipe"], detached: true});
    dev.stdout!.on("data", (chunk) => (output += chunk));
    dev.stderr!.on("data", (chunk) => (output += chunk));
  });
  after(() => {
    if (dev.pid) process.kill(-dev.pid, "SIGTERM"); // the preview and the proxy with it
    rmSync(dir, {recursive: true, force: true});
  });

  test("the preview serves the compiled data, the pages and the manuscript files", async () => {
    const before = visibility(await until(ali, (t) => visibility(t) > 0, "ali-2025's tables"));
    assert.ok(before > 0);
    assert.equal((await get("/studies/ali-2025")).status, 200);
    const index = await until("/manuscript/ali-2025/index.html", (t) => t.includes("manuscript files"), "the manuscript index");
    assert.match(index, /Fig1\.svg/);
    const svg = await fetch(`${origin}/manuscript/ali-2025/Fig1.svg`);
    assert.equal(svg.status, 200);
    assert.equal(svg.headers.get("content-type"), "image/svg+xml");
  });

  test("a raw cell edited: the preview serves the new numbers", async () => {
    const before = visibility((await get(ali)).text);
    edit("data/ali-2025/responses.csv", /(\n[^\n]*?),Yes,/, "$1,No,", dir);
    const after = visibility(await until(ali, (t) => visibility(t) === before - 1, "one fewer Yes"));
    assert.equal(after, before - 1);
  });

  test("an invalid edit: the preview serves the validation error instead of the old numbers, until it is fixed", async () => {
    const good = readFileSync(join(dir, "data/ali-2025/responses.csv"), "utf8");
    edit("data/ali-2025/responses.csv", /(\n[^\n]*?),No,/, "$1,Maybe,", dir);
    const error = await until(ali, (t) => t.includes("buildError"), "the validation error");
    assert.match(JSON.parse(error).buildError, /^ValidationError: 1 problem in the raw data:\n {2}data\/ali-2025\/responses\.csv, row \d+, column K .*"Maybe" — expected one of "Yes", "No"/);
    writeFileSync(join(dir, "data/ali-2025/responses.csv"), good);
    await until(ali, (t) => visibility(t) > 0, "the data back");
  });
});

/** A port on 127.0.0.1 nothing listens on, with the next one free too (the preview sits behind the proxy there). */
async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, "127.0.0.1", () => {
        const {port} = server.address() as {port: number};
        server.close(() => resolve(port));
      });
    });
    const next = await new Promise<boolean>((resolve) => {
      const server = createServer().once("error", () => resolve(false)).listen(port + 1, "127.0.0.1", () => server.close(() => resolve(true)));
    });
    if (next) return port;
  }
}

test("Framework's failure message reaches the author without its bug-report link (the problem is the project's)", async () => {
  const {withoutBugReportLink} = await import("./build.ts");
  const {Readable} = await import("node:stream");
  const framework = "Error: unable to load /studies/x.md\nIf you think this is a bug, please file an issue at\n↳ https://github.com/observablehq/framework/issues\n\n";
  let out = "";
  // In chunks that split lines, as a pipe delivers them.
  for await (const chunk of Readable.from([framework.slice(0, 30), framework.slice(30, 70), framework.slice(70)]).pipe(withoutBugReportLink())) out += chunk;
  assert.equal(out, "Error: unable to load /studies/x.md\n\n");
});

test("Framework's link check is kept from its output (and printed again when the site is reused): its count, or each broken link", async () => {
  const {linkCheckLines} = await import("./build.ts");
  const broken = "render /index → dist/index.html\n\n\x1b[33mWarning: \x1b[39m2 broken links (3 validated)\n\x1b[2m↳\x1b[22m /studies/a \x1b[2m→\x1b[22m \x1b[31m/reproduction#a\x1b[39m\n↳ /reproduction → /reproduction/claims.json\n";
  assert.deepEqual(linkCheckLines(broken), ["Warning: 2 broken links (3 validated)", "↳ /studies/a → /reproduction#a", "↳ /reproduction → /reproduction/claims.json"]);
  assert.deepEqual(linkCheckLines("├── index 6 kB\n\n12 links validated\n"), ["12 links validated"]);
  assert.deepEqual(linkCheckLines("1 link validated\n"), ["1 link validated"]);
});

test("a SOURCE_DATE_EPOCH that is not a number of seconds stops the build at once: one message, exit code 1, no stack", () => {
  const dir = mkdtempSync(join(tmpdir(), "bad-epoch-"));
  try {
    const r = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "scripts", "build.ts"), "build"], {
      cwd: ROOT,
      encoding: "utf8",
      // Its own cache and output: it must stop before it compiles anything, so src/ is not written either.
      env: {...process.env, SOURCE_DATE_EPOCH: "2024-03-10", SURVEY_CACHE_DIR: join(dir, "cache"), SURVEY_REPORT_OUTPUT: join(dir, "dist")}
    });
    const output = r.stdout + r.stderr;
    assert.equal(r.status, 1, output);
    assert.match(output.trim().split("\n").at(-1)!, /^SOURCE_DATE_EPOCH is "2024-03-10", not a whole number of seconds\. Set it to a whole number of seconds since 1970-01-01 UTC/);
    assert.doesNotMatch(output, /Compiling studies|\n\s+at .+:\d+:\d+/);
    assert.ok(!existsSync(join(dir, "dist")));
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
});
