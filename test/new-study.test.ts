// A study added as a folder under data/ and nothing else: in a copy of the project, the fixture
// test/fixtures/fixture-2025/ (a Google Forms CSV of 10 responses and its codebook, no page of its
// own) is copied into data/, the site is built once (`npm run build`, ~30 s cold), and in headless
// Chromium: the sidebar links it, the home page has its card, the explorer opens it and counts its
// rows, the reproduction check still renders, and its generated page shows the numbers of the
// tables.json it reads (test/generated-page.ts). Screenshots at 1280 and 390 px: test-results/new-study/.
import assert from "node:assert/strict";
import {spawn, spawnSync} from "node:child_process";
import {cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync} from "node:fs";
import {join} from "node:path";
import {after, before, describe, test} from "node:test";
import {fileURLToPath} from "node:url";
import type {Browser, Page, Response} from "playwright-core";
import type {StudyTables} from "../loaders/tables.ts";
import {copyEnv, copyProject} from "../scripts/project-copy.ts";
import {CHROMIUM, launchChromium, serveDirectory} from "../scripts/serve.ts";
import {checkGeneratedPage, settled} from "./generated-page.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const STUDY = "fixture-2025";
/** A weighted study (test/fixtures/weighted-2025, whose tables R checks in loaders/tables.weighted.test.ts). */
const WEIGHTED = "weighted-2025";
/** A study whose Table 1 has every kind of row (test/fixtures/table1; R checks it in loaders/tables.table1.test.ts). */
const TABLE1 = "table1-2025";
/** A study whose tables hide small counts (test/fixtures/small-cells-2025; loaders/suppress.test.ts checks which). */
const SMALL_CELLS = "small-cells-2025";
const SCREENSHOTS = join(ROOT, "test-results", "new-study");
const BUILD_TIMEOUT = 5 * 60_000;
const TIMEOUT = 15_000;

let copy = "";
/** The fixtures of test/formats/ (one per export format), each drafted into the copy by new-study. */
const FORMAT_FIXTURES = readdirSync(join(ROOT, "test", "formats"), {withFileTypes: true}).filter((d) => d.isDirectory()).map((d) => d.name).sort();
const drafted = new Map<string, string>();
let build = {code: null as number | null, output: ""};
let server: Awaited<ReturnType<typeof serveDirectory>> | undefined;
let browser: Browser | undefined;

function runBuild(): Promise<{code: number | null; output: string}> {
  const child = spawn(join(ROOT, "node_modules", ".bin", "tsx"), ["scripts/build.ts", "build"], {cwd: copy, env: copyEnv(), stdio: ["ignore", "pipe", "pipe"]});
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({code, output}));
  });
}

/** Opens a page of the built copy; `problems` collects errors, failed requests, requests leaving 127.0.0.1; `responses` what it fetched. */
async function open(path: string, {width = 1280} = {}) {
  const context = await browser!.newContext({viewport: {width, height: 900}});
  const problems: string[] = [];
  const responses = new Map<string, Response>();
  context.on("request", (r) => {
    if (!r.url().startsWith(`${server!.origin}/`) && !/^(data|blob):/.test(r.url())) problems.push(`request leaving 127.0.0.1: ${r.url()}`);
  });
  const page = await context.newPage();
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && !m.location().url.endsWith("/favicon.ico")) problems.push(`console error: ${m.text()}`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.url()}`);
    else responses.set(new URL(r.url()).pathname, r);
  });
  // DuckDB-Wasm's streamed .wasm is sometimes reported aborted after a 200 (see test/site.test.ts).
  page.on("requestfailed", (r) => {
    if (!/\/duckdb-(eh|mvp)\.wasm$/.test(r.url())) problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`);
  });
  await page.goto(server!.origin + path, {waitUntil: "networkidle", timeout: 60_000});
  return {page, problems, responses, close: () => context.close()};
}

/** The body of the file the page fetched whose path matches `pattern`. */
async function fetched(responses: Map<string, Response>, pattern: RegExp): Promise<{path: string; body: Buffer}> {
  const path = [...responses.keys()].find((p) => pattern.test(p));
  assert.ok(path, `the page fetched no file matching ${pattern} (it fetched ${[...responses.keys()].join(", ")})`);
  return {path, body: await responses.get(path)!.body()};
}

describe(`a study folder added under data/ (${STUDY}, no page of its own), after one build`, () => {
  before(async () => {
    copy = copyProject({prefix: "new-study-"});
    cpSync(join(ROOT, "test", "fixtures", STUDY), join(copy, "data", STUDY), {recursive: true});
    cpSync(join(ROOT, "test", "fixtures", WEIGHTED), join(copy, "data", WEIGHTED), {recursive: true});
    cpSync(join(ROOT, "test", "fixtures", "table1"), join(copy, "data", TABLE1), {recursive: true});
    cpSync(join(ROOT, "test", "fixtures", SMALL_CELLS), join(copy, "data", SMALL_CELLS), {recursive: true});
    assert.ok(!existsSync(join(copy, "src", "studies", `${STUDY}.md`)), "the fixture has no hand-written page");
    // Every export format's fixture, as an author adds one: `npm run new-study` and nothing else.
    for (const fixture of FORMAT_FIXTURES) {
      const dir = join(ROOT, "test", "formats", fixture);
      const exported = readdirSync(dir).filter((f) => f !== "codebook.yaml" && f !== "data-dictionary.csv")[0];
      const args = [join("scripts", "new-study.ts"), `format-${fixture}`, join(dir, exported), ...(existsSync(join(dir, "data-dictionary.csv")) ? [join(dir, "data-dictionary.csv")] : [])];
      const r = spawnSync(join(ROOT, "node_modules", ".bin", "tsx"), args, {cwd: copy, env: copyEnv(), encoding: "utf8"});
      drafted.set(fixture, r.stdout + r.stderr);
      if (r.status !== 0) throw new Error(`npm run new-study failed on ${fixture}:\n${r.stdout}${r.stderr}`);
    }
    build = await runBuild();
    if (build.code !== 0) throw new Error(`npm run build failed in the copy (exit code ${build.code}):\n${build.output.slice(-20_000)}`);
    if (!existsSync(CHROMIUM)) return; // each browser test then fails, saying so
    server = await serveDirectory(join(copy, "dist"));
    browser = await launchChromium();
  }, {timeout: BUILD_TIMEOUT});

  after(async () => {
    await browser?.close();
    await server?.close();
    if (copy) rmSync(copy, {recursive: true, force: true});
  });

  const requireBrowser = () => assert.ok(browser, `Chromium is not installed at ${CHROMIUM} (apt-get install chromium): the browser checks cannot run`);

  test("the build wrote its generated page, and its files", () => {
    assert.ok(existsSync(join(copy, "dist", "studies", `${STUDY}.html`)), `dist/studies/${STUDY}.html`);
    assert.ok(readdirSync(join(copy, "dist", "_file", "data", STUDY)).some((f) => /^responses\.[0-9a-f]+\.parquet$/.test(f)), "its responses.parquet");
  });

  test("the sidebar of every page links it, by the short name its card gives", async () => {
    requireBrowser();
    const p = await open("/");
    try {
      const links = await p.page.$$eval("#observablehq-sidebar a", (as) => as.map((a) => [new URL((a as HTMLAnchorElement).href).pathname, (a.textContent ?? "").trim()]));
      // Links name the page's file (observablehq.config.ts: preserveExtension), so any static server serves them.
      assert.ok(links.some(([path, name]) => path === `/studies/${STUDY}.html` && name === "Test et al. 2025 (Nowhere)"), JSON.stringify(links));
      for (const written of ["bendayan-2024", "kantar-2018"]) assert.ok(links.some(([path]) => path === `/studies/${written}.html`), `the sidebar still links ${written}`);
    } finally {
      await p.close();
    }
  });

  test("the home page has its card, whose headline (a multiple-choice option) is the share its tables give", async () => {
    requireBrowser();
    const p = await open("/");
    try {
      await settled(p.page);
      const card = p.page.locator(`a.study-card[href$="/studies/${STUDY}.html"]`);
      assert.equal(await card.count(), 1, "one card links its page");
      const studies = JSON.parse((await fetched(p.responses, /\/_file\/data\/studies\.[0-9a-f]+\.json$/)).body.toString());
      const tables: StudyTables = JSON.parse(readFileSync(join(copy, "src", "data", STUDY, "tables.json"), "utf8"));
      const facebook = tables.choices.platforms.options.find((o) => o.level === "Facebook")!;
      assert.equal(studies.find((c: {id: string}) => c.id === STUDY).headline.percent, facebook.percent);
      assert.equal((await card.locator(".big").textContent())?.trim(), `${facebook.percent.toFixed(1)}%`);
      assert.match((await card.textContent()) ?? "", new RegExp(`n = ${tables.respondents.total} respondents`));
      assert.deepEqual(p.problems, []);
    } finally {
      await p.close();
    }
  });

  test("the explorer lists it, counts its rows, and runs each of its worked examples", async () => {
    requireBrowser();
    const p = await open(`/explore?study=${STUDY}`);
    try {
      const listed = await p.page.$$eval("form select option", (os) => os.map((o) => o.textContent ?? ""));
      assert.ok(listed.some((label) => label.includes(`(${STUDY})`)), `the study menu lists ${STUDY}: ${listed.join(" | ")}`);
      const result = async (sql: string) => {
        await p.page.waitForFunction((sql) => (document.querySelector(".explore-result") as HTMLElement | null)?.dataset.sql === sql, sql, {timeout: TIMEOUT});
        return p.page.$eval(".explore-result", (div) => ({
          state: (div as HTMLElement).dataset.state,
          rows: [...div.querySelectorAll("tbody tr")].map((tr) => [...tr.querySelectorAll("td")].map((td) => (td.textContent ?? "").trim()).filter((t) => t !== "")),
          text: (div.textContent ?? "").trim()
        }));
      };
      const tables: StudyTables = JSON.parse(readFileSync(join(copy, "src", "data", STUDY, "tables.json"), "utf8"));
      assert.deepEqual((await result("SELECT count(*) AS respondents FROM responses")).rows, [[String(tables.respondents.total)]]);
      const labels = await p.page.$$eval("button.explore-example", (bs) => bs.map((b) => (b as HTMLElement).dataset.label!));
      assert.deepEqual(labels, ["Respondents", "Role: count by answer", "Platforms used for work: count by answer (several possible)", "Hours a week on social media for work: summary"]);
      for (const label of labels) {
        await p.page.click(`button.explore-example[data-label="${label}"]`);
        const shown = await result(await p.page.$eval(".explore-editor textarea", (t) => (t as HTMLTextAreaElement).value));
        assert.equal(shown.state, "ok", `${label}: ${shown.text}`);
        if (label === "Role: count by answer")
          for (const l of tables.distributions.role.levels) assert.ok(shown.rows.some(([level, n]) => level === l.level && Number(n) === l.n), `${label}: ${l.level} ${l.n}`);
        if (label.startsWith("Platforms"))
          assert.deepEqual(shown.rows.map(([o, n]) => [o, Number(n)]).sort(), tables.choices.platforms.options.map((o) => [o.level, o.n]).sort());
      }
      assert.deepEqual(p.problems, []);
    } finally {
      await p.close();
    }
  });

  test("the reproduction check still renders, with a section saying the study has no claims file", async () => {
    requireBrowser();
    const p = await open("/reproduction");
    try {
      await settled(p.page);
      assert.match(await p.page.$eval(`h2#${STUDY}`, (h) => h.parentElement?.textContent ?? ""), /No printed number is recorded for this study/);
      assert.ok(await p.page.$("h2#bendayan-2024 ~ .claims-table-wrap table.claims-table tbody tr[id]"), "the other studies' claims are still listed");
      assert.equal(await p.page.locator(".observablehq--error").count(), 0);
      assert.deepEqual(p.problems, []);
    } finally {
      await p.close();
    }
  });

  /**
   * A fixture's generated page at 1280 px: `check` on it (settled) with the tables.json it fetched,
   * then every number against those tables (checkGeneratedPage), a screenshot, and no problem.
   */
  async function checkFixturePage(study: string, check: (tables: StudyTables, page: Page) => Promise<void> | void) {
    requireBrowser();
    const p = await open(`/studies/${study}`);
    try {
      const {body} = await fetched(p.responses, new RegExp(`/_file/data/${study}/tables\\.[0-9a-f]+\\.json$`));
      const tables: StudyTables = JSON.parse(body.toString());
      await settled(p.page);
      await check(tables, p.page);
      await checkGeneratedPage(p.page, tables);
      mkdirSync(SCREENSHOTS, {recursive: true});
      await p.page.screenshot({path: join(SCREENSHOTS, `${study}-1280.png`), fullPage: true});
      assert.deepEqual(p.problems, []);
    } finally {
      await p.close();
    }
  }

  test("a weighted study's page says what is weighted and by what, and shows its weighted tables' numbers", () =>
    checkFixturePage(WEIGHTED, async (tables, page) => {
      assert.ok(tables.weight, "tables.json names the weight");
      const notice = (await page.$eval(".weight-notice", (n) => n.textContent ?? "")).replace(/\s+/g, " ");
      assert.ok(notice.includes(tables.weight.label), notice);
      assert.match(notice, /Rao–Scott/);
      // Its shares are the weighted ones: not the unweighted n over the base.
      const uses = tables.distributions.uses_f.levels[0];
      assert.notEqual(uses.percent.toFixed(1), ((100 * uses.n) / tables.distributions.uses_f.base).toFixed(1));
    }));

  test("a Table 1 with variable blocks, numbers, options, Overall and Unknown rows is drawn cell for cell", () =>
    checkFixturePage(TABLE1, (tables) => {
      assert.ok(Object.keys(tables.subgroups).length, "the fixture has a Table 1");
    }));

  test("a study with small counts: its page and the tables.json it reads show “< 5” where the counts are, and no bar for them", () =>
    checkFixturePage(SMALL_CELLS, async (tables, page) => {
      assert.ok(tables.disclosure?.smallCells && "k" in tables.disclosure.smallCells && tables.disclosure.smallCells.primary > 0, JSON.stringify(tables.disclosure?.smallCells));
      // The hidden counts are not in the file the reader downloads: Pharmacist's 4 is null, as is its share.
      const pharmacist = tables.distributions.role.levels.find((l) => l.level === "Pharmacist")!;
      assert.deepEqual([pharmacist.n, pharmacist.percent, pharmacist.suppressed], [null, null, "< 5"]);
      assert.match((await page.$eval(".disclosure", (e) => e.textContent ?? "")).replace(/\s+/g, " "), /a count from 1 to 4 is shown as “< 5”/);
    }));

  test("its generated page shows the numbers of the tables.json it reads", async () => {
    requireBrowser();
    const p = await open(`/studies/${STUDY}`);
    try {
      const {path, body} = await fetched(p.responses, new RegExp(`/_file/data/${STUDY}/tables\\.[0-9a-f]+\\.json$`));
      const tables: StudyTables = JSON.parse(body.toString());
      assert.ok(readFileSync(join(copy, "dist", path)).equals(body), "it is the built file");
      assert.ok(Object.keys(tables.choices).length && Object.keys(tables.numbers).length && Object.keys(tables.subgroups).length, "the fixture has every kind of table");
      // Its ten made-up people are accepted below k: the page must say so, with the reason (checkGeneratedPage).
      assert.ok(tables.disclosure && tables.disclosure.belowK > 0 && tables.disclosure.accepted, "the fixture accepts rows below k");
      await checkGeneratedPage(p.page, tables);
      mkdirSync(SCREENSHOTS, {recursive: true});
      await p.page.screenshot({path: join(SCREENSHOTS, `${STUDY}-1280.png`), fullPage: true});
      assert.deepEqual(p.problems, []);
    } finally {
      await p.close();
    }
    const narrow = await open(`/studies/${STUDY}`, {width: 390});
    try {
      await settled(narrow.page);
      const overflow = await narrow.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `at 390 px the page scrolls sideways by ${overflow} px`);
      await narrow.page.screenshot({path: join(SCREENSHOTS, `${STUDY}-390.png`), fullPage: true});
      assert.deepEqual(narrow.problems, []);
    } finally {
      await narrow.close();
    }
  });

  test("new-study on each export format's fixture: the draft builds at once, and its page shows the counts its tables hold", async () => {
    requireBrowser();
    assert.equal(FORMAT_FIXTURES.length, 10);
    for (const fixture of FORMAT_FIXTURES) {
      const study = `format-${fixture}`;
      assert.match(drafted.get(fixture)!, /format/i, `${fixture}: new-study printed its guess`);
      const tables: StudyTables = JSON.parse(readFileSync(join(copy, "src", "data", study, "tables.json"), "utf8"));
      assert.equal(tables.respondents.total, 12, `${fixture}: twelve respondents`);
      const p = await open(`/studies/${study}`);
      try {
        await checkGeneratedPage(p.page, tables);
        assert.deepEqual(p.problems, [], fixture);
      } finally {
        await p.close();
      }
    }
  });
});
