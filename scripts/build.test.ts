// The compile step and its cache, as `npm run build` and `npm run dev` run them (`build.ts compile`,
// in a fresh process), in a copy of the project: each kind of input edited in turn changes what the
// next compile writes, and what was not touched is reused. (The whole site is built by
// test/site.test.ts; this file stays at the compile step, which takes seconds.)
import assert from "node:assert/strict";
import {execFileSync, spawnSync} from "node:child_process";
import {cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join} from "node:path";
import {after, before, describe, test} from "node:test";
import {fileURLToPath} from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

let copy: string;
/** Runs `build.ts compile` in the copy; returns its exit code and output. */
function compile(...args: string[]): {code: number | null; output: string} {
  const env = {...process.env};
  for (const name of ["SURVEY_DATA_DIR", "SURVEY_CACHE_DIR", "SURVEY_REPORT_OUTPUT"]) delete env[name];
  const r = spawnSync(process.execPath, ["--import", "tsx", join(copy, "scripts", "build.ts"), "compile", ...args], {cwd: copy, env, encoding: "utf8"});
  return {code: r.status, output: r.stdout + r.stderr};
}
const compiled = (output: string) => [...output.matchAll(/^ {2}compiled (\S+)/gm)].map((m) => m[1]).sort();
const reused = (output: string) => [...output.matchAll(/^ {2}reused +(\S+)/gm)].map((m) => m[1]).sort();
const read = (path: string) => readFileSync(join(copy, path), "utf8");
function edit(path: string, from: string | RegExp, to: string) {
  const text = read(path);
  const changed = text.replace(from, to);
  assert.notEqual(changed, text, `${path} holds ${from}`);
  writeFileSync(join(copy, path), changed);
}

describe("compile once, reuse until an input changes (build.ts compile in a copy of the project)", () => {
  let first: {code: number | null; output: string};
  let studies: string[];
  before(() => {
    copy = mkdtempSync(join(tmpdir(), "compile-cache-"));
    // The project as git sees it (committed and new files, not what .gitignore excludes).
    const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "-z"], {cwd: ROOT, encoding: "utf8"}).split("\0").filter(Boolean);
    for (const file of files) {
      if (!existsSync(join(ROOT, file))) continue; // deleted in the work tree, not yet committed
      mkdirSync(dirname(join(copy, file)), {recursive: true});
      cpSync(join(ROOT, file), join(copy, file));
    }
    symlinkSync(join(ROOT, "node_modules"), join(copy, "node_modules"));
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
