// The built site, end to end: `npm run build` once, then checks on dist/ (no CDN, no private data)
// and on every page in headless Chromium (no request leaves 127.0.0.1, no error, every figure drawn).
// One file on purpose, so the site is built once per test run.
import assert from "node:assert/strict";
import {execFileSync, spawn} from "node:child_process";
import {createHash} from "node:crypto";
import {cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {basename, delimiter, dirname, join, relative, sep} from "node:path";
import {after, before, describe, test} from "node:test";
import {fileURLToPath} from "node:url";
import {stripVTControlCharacters} from "node:util";
import {DuckDBInstance} from "@duckdb/node-api";
import {tableFromIPC} from "apache-arrow";
import {AxeBuilder} from "@axe-core/playwright";
import {csvParse} from "d3-dsv";
import type {Browser, Request} from "playwright-core";
import {isPrivate, loadCodebook, studies} from "../loaders/codebook.ts";
import {sampleSizeAssumed} from "../loaders/cards.ts";
import {literal} from "../loaders/database.ts";
import type {LevelRow, StudyTables} from "../loaders/tables.ts";
import {PAGE_BUDGET, kb, loadUntilFirstFigure} from "../scripts/page-weight.ts";
import {CHROMIUM, launchChromium, serveDirectory} from "../scripts/serve.ts";
import {sortItems} from "../src/components/likert.js";
import {NEUTRAL, redGreenPairs} from "../src/components/palette.js";
import {figures as bendayanFigures} from "../src/figures/bendayan-2024.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DIST = join(ROOT, "dist");
const DATA = join(ROOT, "data");
const SCREENSHOTS = join(ROOT, "test-results");
const BUILD_TIMEOUT = 5 * 60_000;
/** The crawl: every page three times (light, dark, and the study pages at 390 px), each with axe-core, on a shared machine. */
const CRAWL_TIMEOUT = 20 * 60_000;
const FORBIDDEN_HOSTS = ["cdn.jsdelivr.net", "fonts.googleapis", "extensions.duckdb.org"];
/** Free-text answers shorter than this could occur in the page by chance ("Non", "Instagram"). */
const MIN_PRIVATE_LENGTH = 12;
/** Framework 1.13 marks a pending cell with <observablehq-loading>; older runtimes with a class. */
const LOADING = "observablehq-loading, .observablehq--loading";
const LOADING_TIMEOUT = 15_000;

const rel = (path: string) => relative(ROOT, path).split(sep).join("/");

function walk(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : []
  );
}

// --- Searching dist/ for strings that must not be there --------------------------------------

interface Needle {
  /** What is searched for: the value's UTF-8 bytes, or those of an escaped form of it. */
  bytes: Buffer;
  /** Where the value comes from, for the failure message (never the whole value: it is private). */
  source: string;
}

/** The value as written in raw text, in HTML and inside a JSON string. */
function variants(value: string): string[] {
  const html = value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  return [...new Set([value, html, html.replace(/'/g, "&#39;"), html.replace(/'/g, "&#x27;"), JSON.stringify(value).slice(1, -1)])];
}

/**
 * Every needle found in `haystack`, in one pass: the needles are indexed by their first four bytes
 * (dist/ holds ~80 MB of DuckDB-Wasm, too much to scan once per needle).
 */
function findNeedles(haystack: Buffer, needles: Needle[]): Needle[] {
  const byPrefix = new Map<number, Needle[]>();
  for (const n of needles) {
    assert.ok(n.bytes.length >= 4, "needles are at least 4 bytes long");
    const key = n.bytes.readUInt32BE(0);
    byPrefix.set(key, [...(byPrefix.get(key) ?? []), n]);
  }
  const found = new Set<Needle>();
  let key = 0;
  for (let i = 0; i < haystack.length; i++) {
    key = ((key << 8) | haystack[i]) >>> 0;
    if (i < 3) continue;
    const candidates = byPrefix.get(key);
    if (!candidates) continue;
    const start = i - 3;
    for (const n of candidates) {
      if (!found.has(n) && start + n.bytes.length <= haystack.length && haystack.compare(n.bytes, 0, n.bytes.length, start, start + n.bytes.length) === 0) found.add(n);
    }
  }
  return [...found];
}

function stringsOf(value: unknown, out: string[]): void {
  if (value === null || value === undefined) return;
  if (typeof value === "string") out.push(value);
  else if (typeof value === "object" && Symbol.iterator in value) for (const v of value as Iterable<unknown>) stringsOf(v, out);
  else if (typeof value === "object") for (const v of Object.values(value)) stringsOf(v, out);
  else out.push(String(value));
}

/**
 * The text of a data file whose strings may be stored compressed (Parquet is written with zstd), so
 * that a byte search of the file alone would miss them: every value, decoded, one per line.
 */
async function decodedText(file: string): Promise<Buffer | undefined> {
  const out: string[] = [];
  if (file.endsWith(".parquet")) {
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    try {
      const reader = await connection.runAndReadAll(`SELECT * FROM read_parquet(${literal(file)})`);
      out.push(...reader.columnNames());
      stringsOf(reader.getRowsJS(), out);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  } else if (file.endsWith(".arrow")) {
    const table = tableFromIPC(readFileSync(file));
    for (const field of table.schema.fields) {
      out.push(field.name);
      stringsOf(table.getChild(field.name), out);
    }
  } else return undefined;
  return Buffer.from(out.join("\n"), "utf8");
}

/** Failure lines for every needle found in any file of dist/ (raw bytes, and decoded data files). */
async function searchDist(needles: Needle[]): Promise<string[]> {
  const failures: string[] = [];
  for (const file of walk(DIST)) {
    const hits = new Set(findNeedles(readFileSync(file), needles));
    const decoded = await decodedText(file);
    if (decoded) for (const n of findNeedles(decoded, needles)) hits.add(n);
    for (const n of hits) failures.push(`${rel(file)} contains ${n.source}`);
  }
  return [...new Set(failures)];
}

interface RawResponses {
  file: string;
  /** Header (trimmed, as the codebook names it) → cells. */
  column(header: string): string[];
  headers: string[];
}

function readRawResponses(study: string, file: string): RawResponses {
  const path = join(DATA, study, file);
  assert.ok(existsSync(path), `${rel(path)} is missing: the build cannot have used it`);
  const rows = csvParse(readFileSync(path, "utf8").replace(/^\uFEFF/, ""));
  const headers = rows.columns;
  return {
    file: rel(path),
    headers: headers.map((h) => h.trim()),
    column(header) {
      const key = headers.find((h) => h.trim() === header);
      assert.ok(key !== undefined, `${rel(path)} has no column "${header}" (the codebook names it; columns: ${headers.join(" | ")})`);
      return rows.map((r) => r[key] ?? "");
    }
  };
}

function needlesOf(raw: RawResponses, header: string, minLength: number, what: string): Needle[] {
  const needles: Needle[] = [];
  const seen = new Set<string>();
  raw.column(header).forEach((cell, i) => {
    const value = cell.trim();
    if (value.length < minLength || seen.has(value)) return;
    seen.add(value);
    const source = `${what} (${raw.file}, row ${i + 2}, column "${header}", starting ${JSON.stringify(value.slice(0, 8) + "…")})`;
    for (const v of variants(value)) needles.push({bytes: Buffer.from(v, "utf8"), source});
  });
  return needles;
}

/** Studies whose codebook names a raw responses file. */
function studiesWithResponses() {
  return studies()
    .map((id) => ({id, codebook: loadCodebook(id)}))
    .filter(({codebook}) => codebook.responses);
}

// --- Serving dist/ and visiting it in Chromium -----------------------------------------------

interface Visit {
  path: string;
  /** Why the page could not be visited at all. */
  error?: string;
  foreignRequests: string[];
  problems: string[];
  loadingLeft: number;
  errorCells: string[];
  figures: {caption: string; drawn: boolean}[];
  /** What each figure's shares are of, as printed under it (.base-text). */
  baseTexts: string[];
  notices: number;
  noticeBeforeFirstFigure: boolean;
  /** Home page: the study pages its cards link to. */
  cards: string[];
  /** Cross-study page: for each chart row, whether it has a drawn chart and, beside it, caveats. */
  compareRows: {chart: boolean; caveats: number}[];
  /** Files the page offers (a[download], and links to the manuscript folder). */
  downloads: string[];
  /** Requests for DuckDB-Wasm's files (only the explorer may make them). */
  duckdbRequests: string[];
  /** Every same-origin link of the page (a[href], downloads included), as the browser resolves it, without its #fragment. */
  linkTargets: string[];
  /** Links whose href holds a template literal Framework did not interpolate ("${…}"). */
  uninterpolatedHrefs: string[];
  /** Table cells and tooltips that print a number with six decimals or more (a raw float). */
  rawFloats: string[];
  /** Text naming one of the project's source files (NNN_<hash>.txt) rather than the source's title. */
  sourceFileNames: string[];
  /** Inputs tables that show "No results." */
  emptyTables: string[];
  /** Cells of a sources table (table.sources) whose text runs into the next cell's (less than 12 px apart). */
  crowdedCells: string[];
  /** Chart markers (dots) drawn outside their chart's frame or SVG. */
  clippedMarkers: string[];
  /** Width in px between the outer vertical rules of each chart that has two or more (a stacked bar chart's 0 and 100%). */
  ruleSpans: number[];
  /** Rows of each Inputs table (the bendayan cross-tab). */
  inputsTableRows: number[];
  /** Rows of the reproduction check's claims tables. */
  claimRows: number;
  /** Links to doi.org. */
  doiLinks: string[];
  /** Home page: each card's link and text. */
  cardTexts: {href: string; text: string}[];
  /** Every <svg> in the page's main column that screen readers see (legend swatches are hidden). */
  charts?: ChartInfo[];
  /** What axe-core found on the page once it had settled (every rule axe runs by default). */
  violations: AxeViolation[];
  screenshot?: string;
  /** The page's width (document.documentElement.scrollWidth) and the window's: the page scrolls sideways when the first is larger. */
  scrollWidth: number;
  innerWidth: number;
  /** Charts drawn wider than they are shown (scaled down by CSS rather than redrawn to the width). */
  scaledCharts: string[];
  /** Each table outside an Inputs form: whether it is wider than its box, and the scrolling box it is in. */
  tables: ScrolledTable[];
  /** The page's computed background colour and its body text's colour (CSS colour strings). */
  colors: {background: string; text: string};
}

interface ScrolledTable {
  /** Its figure's caption, or its first words. */
  name: string;
  /** Wider than the page's main column: it must scroll in a box of its own. */
  wide: boolean;
  /** The nearest ancestor that scrolls sideways (overflow-x auto or scroll), if any. */
  box?: {role: string | null; tabindex: string | null; label: string | null; scrolls: boolean};
  /** When the box scrolls: the first-column cells that moved when it was scrolled, and their backgrounds. */
  moved: number;
  backgrounds: string[];
}

interface ChartInfo {
  /** The figure's caption, or the start of its markup, to name it in a failure. */
  where: string;
  role: string | null;
  name: string;
  /** Lines of its <desc>: its numbers. */
  desc: number;
  /** The computed fill and stroke colours of its shapes (rect, path, circle). */
  colors: string[];
}

/** One axe-core rule the page breaks, and where (CSS selector and the start of each element's HTML). */
interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: {target: string; html: string}[];
}

/** A page's axe-core violations as failure lines: the rule, what it asks, then each element (the first 5). */
function describeViolations(path: string, violations: AxeViolation[]): string {
  return violations
    .map((v) => `${path}: ${v.id} (${v.impact}, ${v.nodes.length} element${v.nodes.length === 1 ? "" : "s"}): ${v.help}\n${v.nodes.slice(0, 5).map((n) => `      ${n.target}  ${n.html}`).join("\n")}`)
    .join("\n  ");
}

/**
 * DuckDB-Wasm compiles its .wasm while it streams in (WebAssembly.instantiateStreaming), and now
 * and then Chromium reports that request as net::ERR_ABORTED once compiling is done, although the
 * server sent every byte (measured: 35,659,694 of 35,659,694, status 200) and the database then
 * answers queries. So that one report, for that file after a 200, is not a failure; the explorer
 * tests check that the database answers, which is what a reader needs.
 */
async function isStreamedWasmAbort(request: Request): Promise<boolean> {
  if (request.failure()?.errorText !== "net::ERR_ABORTED" || !/\/duckdb-(eh|mvp)\.wasm$/.test(request.url())) return false;
  return (await request.response())?.status() === 200;
}

/** Site path of a built HTML file, as clean URLs name it: index.html → /, a/b.html → /a/b. */
function pagePath(htmlFile: string): string {
  const p = "/" + relative(DIST, htmlFile).split(sep).join("/").replace(/\.html$/, "");
  return p === "/index" ? "/" : p.replace(/\/index$/, "/");
}

/** The page a same-origin link leads to, or undefined if it leads to a file that is not a page. */
function linkedPage(href: string, origin: string): string | undefined {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return undefined;
  }
  if (url.origin !== origin) return undefined;
  const path = decodeURIComponent(url.pathname);
  const last = path.slice(path.lastIndexOf("/") + 1);
  if (last.includes(".") && !last.endsWith(".html")) return undefined;
  const page = path.replace(/\.html$/, "");
  return page === "/index" ? "/" : page.replace(/\/index$/, "/");
}

function screenshotPath(path: string, suffix = ""): string {
  const name = path === "/" ? "index" : path.replace(/^\//, "").replace(/\/$/, "/index");
  return join(SCREENSHOTS, `${name}${suffix}.png`);
}

/** The phone width at which every page is visited again. */
const PHONE_WIDTH = 390;

/**
 * What a phone reader and a dark-mode reader see of the page's layout (run in the page): its width,
 * charts scaled down rather than redrawn, each table and its scrolling box (scrolled, to see whether
 * its first column stays), and the page's colours. (No named helper function here: tsx would wrap
 * it in a __name() the page does not have.)
 */
function layoutProbe() {
  const main = document.querySelector("main") ?? document.body;
  const tables = [...main.querySelectorAll("table")].filter((t) => !t.closest("form")).map((t) => {
    let box: HTMLElement | undefined;
    for (let a = t.parentElement; a && a !== main; a = a.parentElement) {
      if (/auto|scroll/.test(getComputedStyle(a).overflowX)) {
        box = a;
        break;
      }
    }
    const name = (t.closest("figure")?.querySelector(":scope > figcaption")?.textContent ?? t.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 60);
    const scrolls = !!box && box.scrollWidth > box.clientWidth + 1;
    const cells = [...t.rows].map((r) => r.cells[0]).filter((c) => c !== undefined);
    let moved = 0;
    if (box && scrolls) {
      const before = cells.map((c) => c.getBoundingClientRect().left);
      box.scrollLeft = Math.min(80, box.scrollWidth - box.clientWidth);
      moved = cells.filter((c, i) => Math.abs(c.getBoundingClientRect().left - before[i]) > 1).length;
      box.scrollLeft = 0;
    }
    return {
      name,
      wide: t.getBoundingClientRect().width > main.clientWidth + 1,
      box: box && {role: box.getAttribute("role"), tabindex: box.getAttribute("tabindex"), label: box.getAttribute("aria-label"), scrolls},
      moved,
      backgrounds: scrolls ? [...new Set(cells.map((c) => getComputedStyle(c).backgroundColor))] : []
    };
  });
  const backgrounds = [document.body, document.documentElement].map((e) => getComputedStyle(e).backgroundColor);
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    scaledCharts: [...main.querySelectorAll("figure svg, .card svg")]
      .filter((svg) => svg.parentElement?.closest("svg") === null && svg.getBoundingClientRect().width > 0)
      .filter((svg) => (svg as SVGSVGElement).width.baseVal.value > svg.getBoundingClientRect().width + 1)
      .map((svg) => `${(svg.closest("figure")?.querySelector(":scope > figcaption")?.textContent ?? "").trim().slice(0, 50)}: drawn ${(svg as SVGSVGElement).width.baseVal.value} px wide, shown at ${svg.getBoundingClientRect().width.toFixed(0)} px`),
    tables,
    colors: {background: backgrounds.find((b) => !/^(transparent|rgba\(0, 0, 0, 0\))$/.test(b)) ?? backgrounds[0], text: getComputedStyle(main.querySelector("p:not([class])") ?? main).color}
  };
}

/** A CSS colour as Chromium computes it (rgb(), rgba() or color(srgb …)) → [r, g, b, alpha], r, g, b in 0–1. */
function parseColor(css: string): [number, number, number, number] {
  const srgb = /^color\(srgb ([\d.e-]+) ([\d.e-]+) ([\d.e-]+)(?: \/ ([\d.e-]+))?\)$/.exec(css);
  if (srgb) return [Number(srgb[1]), Number(srgb[2]), Number(srgb[3]), srgb[4] === undefined ? 1 : Number(srgb[4])];
  const rgb = /^rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)(?:[,/] ?([\d.]+))?\)$/.exec(css);
  assert.ok(rgb, `a colour Chromium computed that this test cannot read: ${css}`);
  return [Number(rgb[1]) / 255, Number(rgb[2]) / 255, Number(rgb[3]) / 255, rgb[4] === undefined ? 1 : Number(rgb[4])];
}

/** WCAG 2's relative luminance of an sRGB colour. */
function luminance([r, g, b]: number[]): number {
  const linear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG 2's contrast ratio between two colours. */
function contrast(a: string, b: string): number {
  const [la, lb] = [luminance(parseColor(a)), luminance(parseColor(b))].sort((x, y) => y - x);
  return (la + 0.05) / (lb + 0.05);
}

/**
 * Visits the page `path` (its key: "/", "/studies/x") at the address a link gave, `url` (e.g.
 * "/studies/x.html"), and returns what it found and the pages it links to, each with its address.
 */
/**
 * Scrolls down the page half a screen at a time, then back to the top, as a reader reading it does:
 * cells that wait until they are on screen (Framework's visibility(), e.g. a widget that loads its
 * rows when reached, so that they are not loaded before the first figure) then run.
 */
async function scrollThrough(page: import("playwright-core").Page): Promise<void> {
  // (No named helper function here: tsx would wrap it in a __name() the page does not have.)
  await page.evaluate(async () => {
    for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight / 2) {
      scrollTo(0, y);
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    }
    scrollTo(0, 0);
  });
}

async function visit(browser: Browser, origin: string, path: string, {url = path, width = 1280, colorScheme = "light"}: {url?: string; width?: number; colorScheme?: "light" | "dark"} = {}): Promise<{visit: Visit; links: {path: string; url: string}[]}> {
  const result: Visit = {path, foreignRequests: [], problems: [], loadingLeft: 0, errorCells: [], figures: [], baseTexts: [], notices: 0, noticeBeforeFirstFigure: false, cards: [], compareRows: [], downloads: [], duckdbRequests: [], linkTargets: [], uninterpolatedHrefs: [], rawFloats: [], sourceFileNames: [], emptyTables: [], crowdedCells: [], clippedMarkers: [], ruleSpans: [], inputsTableRows: [], claimRows: 0, doiLinks: [], cardTexts: [], scrollWidth: 0, innerWidth: 0, scaledCharts: [], tables: [], colors: {background: "", text: ""}, violations: []};
  const context = await browser.newContext({viewport: {width, height: 900}, colorScheme});
  const local = `${origin}/`;
  context.on("request", (request) => {
    const url = request.url();
    if (!url.startsWith(local) && !url.startsWith("data:") && !url.startsWith("blob:")) result.foreignRequests.push(url);
    if (/duckdb/i.test(url)) result.duckdbRequests.push(url);
  });
  const page = await context.newPage();
  // Chromium asks for /favicon.ico by itself when a page declares no icon; the site has none, and
  // that 404 says nothing about the page. It counts only if the page links that icon itself.
  const favicon = `${origin}/favicon.ico`;
  const faviconProblems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") {
      const {url, lineNumber} = message.location();
      (url === favicon ? faviconProblems : result.problems).push(`console error: ${message.text()}${url ? ` (at ${url}:${lineNumber})` : ""}`);
    }
  });
  page.on("pageerror", (error) => result.problems.push(`page error: ${error.stack ?? error.message}`));
  // Requests in flight: a cell that displays nothing (e.g. one loading a data file) shows no
  // spinner, so the page has settled only when none is left. Closing the page aborts any that are,
  // so they are waited for, and reported if they never finish, rather than left to race the close.
  const pending = new Set<Request>();
  let closing = false;
  page.on("request", (request) => pending.add(request));
  page.on("requestfinished", (request) => pending.delete(request));
  page.on("requestfailed", async (request) => {
    pending.delete(request);
    if (!closing && !(await isStreamedWasmAbort(request))) result.problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
  });
  const settle = async () => {
    const deadline = Date.now() + LOADING_TIMEOUT;
    while (pending.size && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    for (const request of pending) result.problems.push(`request still pending after ${LOADING_TIMEOUT / 1000} s: ${request.url()}`);
  };
  page.on("response", (response) => {
    if (response.status() >= 400) result.problems.push(`HTTP ${response.status()} for ${response.url()}`);
  });
  let links: string[] = [];
  try {
    await page.goto(origin + url, {waitUntil: "networkidle", timeout: 60_000});
    await scrollThrough(page);
    await page.waitForFunction((selector) => !document.querySelector(selector), LOADING, {timeout: LOADING_TIMEOUT}).catch(() => {});
    await page.waitForLoadState("networkidle");
    // resize() draws on the next layout: give figures a moment, then check whatever is there.
    await page.waitForFunction(() => [...document.querySelectorAll("figure")].every((f) => f.querySelector("svg, table")), null, {timeout: 5_000}).catch(() => {});
    await settle();
    Object.assign(result, await page.evaluate((loading) => {
      const figures = [...document.querySelectorAll("figure")];
      const notices = [...document.querySelectorAll(".data-notice")];
      return {
        loadingLeft: document.querySelectorAll(loading).length,
        errorCells: [...document.querySelectorAll(".observablehq--error")].map((e) => (e.textContent ?? "").trim()),
        figures: figures.map((f) => ({
          caption: (f.querySelector(":scope > figcaption")?.textContent ?? f.outerHTML.slice(0, 200)).trim().replace(/\s+/g, " "),
          drawn: !!f.querySelector("svg, table")
        })),
        baseTexts: [...document.querySelectorAll(".base-text")].map((p) => (p.textContent ?? "").trim().replace(/\s+/g, " ")),
        notices: notices.length,
        noticeBeforeFirstFigure: figures.length > 0 && notices.some((n) => !!(n.compareDocumentPosition(figures[0]) & Node.DOCUMENT_POSITION_FOLLOWING)),
        cards: [...document.querySelectorAll("a.study-card")].map((a) => new URL((a as HTMLAnchorElement).href).pathname),
        compareRows: [...document.querySelectorAll(".compare-row")].map((row) => ({
          chart: !!row.querySelector(":scope > figure svg"),
          caveats: row.querySelectorAll(":scope > aside.caveats li").length
        })),
        downloads: [...document.querySelectorAll("a[download], a[href*='/manuscript/']")].map((a) => (a as HTMLAnchorElement).href),
        linkTargets: [...new Set([...document.querySelectorAll("a[href]")].map((a) => (a as HTMLAnchorElement).href).filter((href) => href.startsWith(`${location.origin}/`)).map((href) => href.replace(/#.*$/, "")))],
        uninterpolatedHrefs: [...document.querySelectorAll("a[href]")].map((a) => a.getAttribute("href") ?? "").filter((href) => href.includes("${") || href.includes("$%7B")),
        rawFloats: [...document.querySelectorAll("td, th"), ...document.querySelectorAll("[title]")]
          .map((e) => `${e.textContent ?? ""} ${e.getAttribute("title") ?? ""}`.trim().replace(/\s+/g, " "))
          .filter((text) => /\d\.\d{6,}/.test(text)),
        sourceFileNames: (document.querySelector("main")?.textContent ?? "").match(/\b\d{3}_[0-9a-f]{16}\.txt\b/g) ?? [],
        emptyTables: [...document.querySelectorAll("form table")].filter((t) => /No results\./.test(t.textContent ?? "")).map((t) => (t.closest("form")?.previousElementSibling?.textContent ?? "").trim().slice(0, 80)),
        crowdedCells: [...document.querySelectorAll("table.sources tr")].flatMap((tr) => {
          // Where each cell's text begins and ends on screen (its text's own box, not the cell's).
          const boxes = [...tr.children].map((cell) => {
            const range = document.createRange();
            range.selectNodeContents(cell);
            const r = range.getBoundingClientRect();
            return {text: (cell.textContent ?? "").trim(), left: r.left, right: r.right, top: r.top, bottom: r.bottom};
          }).filter((b) => b.text);
          return boxes.slice(1).map((b, i) => ({a: boxes[i], b})).filter(({a, b}) => b.left - a.right < 12 && a.bottom > b.top && b.bottom > a.top).map(({a, b}) => `"${a.text.slice(0, 20)}" | "${b.text.slice(0, 20)}" (${(b.left - a.right).toFixed(1)} px apart)`);
        }),
        ruleSpans: [...document.querySelectorAll("figure svg")].flatMap((svg) => {
          const xs = [...svg.querySelectorAll("[data-mark=rule] line, line[data-mark=rule]")]
            .map((l) => l.getBoundingClientRect())
            .filter((r) => r.width < 1 && r.height > 0)
            .map((r) => r.left);
          return xs.length >= 2 ? [Math.max(...xs) - Math.min(...xs)] : [];
        }),
        inputsTableRows: [...document.querySelectorAll("form table")].map((t) => t.querySelectorAll("tbody tr").length),
        claimRows: document.querySelectorAll("table.claims-table tbody tr[id]").length,
        doiLinks: [...document.querySelectorAll("a[href^='https://doi.org/']")].map((a) => a.getAttribute("href") ?? ""),
        cardTexts: [...document.querySelectorAll("a.study-card")].map((a) => ({href: new URL((a as HTMLAnchorElement).href).pathname, text: (a.textContent ?? "").trim().replace(/\s+/g, " ")})),
        clippedMarkers: [...document.querySelectorAll("figure svg")].flatMap((svg) => {
          const frames = [...svg.querySelectorAll("[data-mark=frame] rect, rect[data-mark=frame]")].map((f) => f.getBoundingClientRect());
          const box = svg.getBoundingClientRect();
          // (No named helper function here: tsx would wrap it in a __name() the page does not have.)
          return [...svg.querySelectorAll("[data-mark=dot] path, [data-mark=dot] circle")]
            .map((m) => m.getBoundingClientRect())
            .filter((m) => {
              const inside = [box, ...frames].map((f) => m.left >= f.left - 0.5 && m.right <= f.right + 0.5 && m.top >= f.top - 0.5 && m.bottom <= f.bottom + 0.5);
              return !inside[0] || (frames.length > 0 && !inside.slice(1).some(Boolean));
            })
            .map((m) => `a marker at x ${(m.left - box.left).toFixed(0)}–${(m.right - box.left).toFixed(0)} px of an SVG ${box.width.toFixed(0)} px wide`);
        })
      };
    }, LOADING));
    Object.assign(result, await page.evaluate(layoutProbe));
    result.charts = await page.evaluate(() =>
      [...document.querySelectorAll("#observablehq-main svg")]
        .filter((svg) => !svg.closest("[aria-hidden=true]") && !svg.parentElement?.closest("svg"))
        .map((svg) => ({
          where: (svg.closest("figure")?.querySelector("figcaption")?.textContent ?? svg.closest("figure, div")?.outerHTML.slice(0, 120) ?? "").trim().replace(/\s+/g, " ").slice(0, 100),
          role: svg.getAttribute("role"),
          name: (svg.getAttribute("aria-label") ?? "").trim(),
          desc: (svg.querySelector(":scope > desc")?.textContent ?? "").split("\n").filter((l) => l.trim()).length,
          colors: [...new Set([...svg.querySelectorAll("rect, path, circle")].flatMap((e) => [getComputedStyle(e).fill, getComputedStyle(e).stroke]))]
        }))
    );
    const iconLinks = await page.$$eval("link[rel~=icon]", (ls) => ls.map((l) => (l as HTMLLinkElement).href));
    if (iconLinks.includes(favicon)) result.problems.push(...faviconProblems);
    links = await page.$$eval("a[href]:not([download])", (as) => as.map((a) => (a as HTMLAnchorElement).href));
    // axe-core from node_modules (no network), on the page as the reader has it: after every cell has run.
    const axe = await new AxeBuilder({page}).analyze();
    result.violations = axe.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? "",
      help: v.help,
      nodes: v.nodes.map((n) => ({target: n.target.join(" "), html: n.html.replace(/\s+/g, " ").slice(0, 160)}))
    }));
    const file = screenshotPath(path, `${width === 1280 ? "" : `-${width}`}${colorScheme === "dark" ? "-dark" : ""}`);
    mkdirSync(dirname(file), {recursive: true});
    await page.screenshot({path: file, fullPage: true});
    result.screenshot = file;
    await settle();
  } catch (error) {
    result.error = (error as Error).message;
  } finally {
    closing = true;
    await context.close();
  }
  // Each page linked, once, at the address of its first link (as a reader would follow it).
  const pages = new Map<string, string>();
  for (const href of links) {
    const p = linkedPage(href, origin);
    if (p !== undefined && !pages.has(p)) pages.set(p, new URL(href).pathname + new URL(href).search);
  }
  return {visit: result, links: [...pages].map(([p, u]) => ({path: p, url: u}))};
}

// --- The tests -------------------------------------------------------------------------------

/** Runs `npm run build` as npm does (node_modules/.bin on PATH: Framework runs .ts loaders with tsx). */
async function runBuild(env: Record<string, string> = {}): Promise<{code: number | null; output: string}> {
  const bin = join(ROOT, "node_modules", ".bin");
  const child = spawn(join(bin, "tsx"), ["scripts/build.ts", "build"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: {...process.env, ...env, PATH: `${bin}${delimiter}${process.env.PATH ?? ""}`}
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", resolve);
  });
  // Colour codes stripped: picocolors colours Framework's output whenever CI is set ("\x1b[32m42\x1b[39m links validated").
  return {code, output: stripVTControlCharacters(output)};
}

/** What the site build printed (its reproduction summary is checked below). */
let siteBuildOutput = "";

describe("site build (npm run build → dist/)", () => {
  before(async () => {
    const {code, output} = await runBuild();
    siteBuildOutput = output;
    if (code !== 0) throw new Error(`npm run build failed (exit code ${code}):\n${output.length > 20_000 ? "…" + output.slice(-20_000) : output}`);
  }, {timeout: BUILD_TIMEOUT});

  test("dist/ has the home page and the bendayan-2024 study page", () => {
    for (const file of ["index.html", "studies/bendayan-2024.html"]) assert.ok(existsSync(join(DIST, file)), `dist/${file} was not built`);
  });

  test("Framework validates the pages' links and finds none broken (its build prints no “broken link” line)", () => {
    assert.match(siteBuildOutput, /\d+ links? validated/, "the build output says how many links it validated");
    assert.doesNotMatch(siteBuildOutput, /broken link/i, siteBuildOutput.split("\n").filter((l) => /broken link|↳/.test(l)).join("\n"));
  });

  test("the search index is in dist/ and holds each study's questions (a label drawn only by JavaScript included)", () => {
    const dir = join(DIST, "_observablehq");
    const file = readdirSync(dir).find((f) => /^minisearch\.[0-9a-f]+\.json$/.test(f));
    assert.ok(file, `no dist/_observablehq/minisearch.<hash>.json: ${readdirSync(dir).join(", ")}`);
    const index = readFileSync(join(dir, file), "utf8");
    JSON.parse(index);
    for (const [id, question] of [["auanassova-2025", "trust_information"], ["bendayan-2024", "seek_frequency"], ["ali-2025", "usage_frequency"]] as const) {
      const q = loadCodebook(id).questions.find((q) => q.id === question);
      assert.ok(q, `${id} has a question ${question}`);
      assert.ok(index.includes(JSON.stringify(`${q.label}`).slice(1, -1)), `the search index has ${id}'s question “${q.label}”`);
    }
  });

  test(`no .html, .js or .css file in dist/ refers to ${FORBIDDEN_HOSTS.join(", ")}`, () => {
    const files = walk(DIST).filter((f) => /\.(html|js|css)$/.test(f));
    assert.ok(files.length > 0, "dist/ has no .html, .js or .css file");
    const failures = files.flatMap((file) => {
      const text = readFileSync(file, "utf8");
      return FORBIDDEN_HOSTS.filter((host) => text.includes(host)).map((host) => `${rel(file)} contains "${host}"`);
    });
    assert.deepEqual(failures, [], `dist/ refers to hosts the built site must not reach:\n  ${failures.join("\n  ")}`);
  });

  test("dist/ ships only the DuckDB-Wasm build the supported browsers load (eh): no mvp .wasm or worker", () => {
    const duckdb = walk(DIST).filter((f) => /[\\/]duckdb-wasm@[^\\/]+[\\/]dist[\\/]/.test(f)).map((f) => basename(f));
    assert.ok(duckdb.includes("duckdb-eh.wasm"), `no duckdb-eh.wasm in dist/: ${duckdb.join(", ")}`);
    assert.deepEqual(duckdb.filter((f) => /mvp/.test(f)), [], "the mvp build is in dist/");
  });

  test("no private free-text answer from the raw responses reaches dist/", async () => {
    const needles: Needle[] = [];
    const privateColumns: string[] = [];
    for (const {id, codebook} of studiesWithResponses()) {
      const raw = readRawResponses(id, codebook.responses!.file);
      for (const q of codebook.questions.filter(isPrivate)) {
        privateColumns.push(`${id}: "${q.column}"`);
        needles.push(...needlesOf(raw, q.column, MIN_PRIVATE_LENGTH, `a private answer`));
      }
    }
    assert.ok(privateColumns.some((c) => c.startsWith("bendayan-2024:")), "the bendayan-2024 codebook marks no question private: this check would look for nothing");
    assert.ok(needles.length > 0, `no private answer of ${MIN_PRIVATE_LENGTH}+ characters in ${privateColumns.join(", ")}: this check would look for nothing`);
    const failures = await searchDist(needles);
    assert.deepEqual(failures, [], `private answers reach dist/:\n  ${failures.join("\n  ")}`);
  });

  test("no response timestamp reaches dist/", async () => {
    const needles: Needle[] = [];
    for (const {id, codebook} of studiesWithResponses()) {
      const column = codebook.responses!.timestamp;
      if (!column) continue;
      needles.push(...needlesOf(readRawResponses(id, codebook.responses!.file), column, 4, "a response timestamp"));
    }
    assert.ok(needles.length > 0, "no timestamp found in any raw responses file: this check would look for nothing");
    const failures = await searchDist(needles);
    assert.deepEqual(failures, [], `response timestamps reach dist/:\n  ${failures.join("\n  ")}`);
  });

  describe("in headless Chromium, served from dist/ on 127.0.0.1 by a plain static server (no .html added)", () => {
    let server: Awaited<ReturnType<typeof serveDirectory>> | undefined;
    let browser: Browser | undefined;
    let origin = "";
    const visits = new Map<string, Visit>();
    /** Every page again, at a phone's width. */
    const phoneVisits = new Map<string, Visit>();
    /** Every page again, with the reader's system set to a dark colour scheme. */
    const darkVisits = new Map<string, Visit>();
    /** The address each page was first reached at (a link's href). */
    const addresses = new Map<string, string>();
    const pages = () => [...visits.values()];
    const studyPages = () => pages().filter((v) => v.path.startsWith("/studies/"));

    const MISSING = `Chromium is not installed at ${CHROMIUM}: install Debian's package (apt-get install chromium; .ci/run does it). The browser checks cannot run without it.`;
    /** Every browser check fails, never skips, when there is no browser to run it in. */
    const requireBrowser = () => assert.ok(existsSync(CHROMIUM) && browser, MISSING);

    before(async () => {
      if (!existsSync(CHROMIUM)) return; // reported as a failure by every test below
      // As python3 -m http.server serves it (the README's suggestion): /a is not a.html, so a link
      // that leaves out .html is a 404 here, as it would be for a reader.
      server = await serveDirectory(DIST, {cleanUrls: false});
      origin = server.origin;
      browser = await launchChromium();
      // Crawl from the home page, following links to pages (not to data files) as they are written,
      // each page once.
      const queue = [{path: "/", url: "/"}];
      for (let next; (next = queue.shift()) !== undefined; ) {
        if (visits.has(next.path)) continue;
        const {visit: v, links} = await visit(browser, origin, next.path, {url: next.url});
        visits.set(next.path, v);
        addresses.set(next.path, next.url);
        queue.push(...links.filter((l) => !visits.has(l.path)));
      }
      for (const v of pages()) {
        const url = addresses.get(v.path) ?? (v.path.endsWith("/") ? v.path : `${v.path}.html`);
        phoneVisits.set(v.path, (await visit(browser, origin, v.path, {url, width: PHONE_WIDTH})).visit);
        darkVisits.set(v.path, (await visit(browser, origin, v.path, {url, colorScheme: "dark"})).visit);
      }
    }, {timeout: CRAWL_TIMEOUT});

    after(async () => {
      await browser?.close();
      await server?.close();
    });

    test(`Debian's Chromium is installed at ${CHROMIUM}`, () => {
      assert.ok(existsSync(CHROMIUM), MISSING);
    });

    test("crawling from / reaches every page built in dist/, including a study page", () => {
      requireBrowser();
      const built = walk(DIST).filter((f) => f.endsWith(".html") && rel(f) !== "dist/404.html").map(pagePath);
      const missed = built.filter((p) => !visits.has(p));
      assert.deepEqual(missed, [], `built pages no link leads to from / (so never checked): ${missed.join(", ")}`);
      assert.ok(studyPages().length > 0, `no page under /studies/ was reached; visited: ${[...visits.keys()].join(", ")}`);
    });

    test("every page loads: the visit neither times out nor fails", async (t) => {
      requireBrowser();
      for (const v of pages()) await t.test(v.path, () => assert.equal(v.error, undefined, `${v.path}: ${v.error}`));
    });

    test("no request leaves 127.0.0.1", async (t) => {
      requireBrowser();
      for (const v of pages())
        await t.test(v.path, () => assert.deepEqual(v.foreignRequests, [], `${v.path} requested:\n  ${v.foreignRequests.join("\n  ")}`));
    });

    test("no console error, page error, failed request or HTTP status ≥ 400", async (t) => {
      requireBrowser();
      for (const v of pages()) await t.test(v.path, () => assert.deepEqual(v.problems, [], `${v.path}:\n  ${v.problems.join("\n  ")}`));
    });

    test("every link on every page leads to a file on a plain static server (no 404: links name their .html)", async (t) => {
      requireBrowser();
      const targets = [...new Set(pages().flatMap((v) => v.linkTargets))].sort();
      assert.ok(targets.some((u) => u.endsWith("/studies/bendayan-2024.html")), `the pages link bendayan-2024's page by its file: ${targets.join(", ")}`);
      for (const target of targets)
        await t.test(new URL(target).pathname, async () => {
          const response = await fetch(target);
          assert.equal(response.status, 200, `${target} answers ${response.status} (linked from ${pages().filter((v) => v.linkTargets.includes(target)).map((v) => v.path).join(", ")})`);
        });
    });

    test("no link holds a template literal Framework left as text (${…}), and each study's DOI links to doi.org/<its DOI>", async (t) => {
      requireBrowser();
      for (const v of pages()) await t.test(v.path, () => assert.deepEqual(v.uninterpolatedHrefs, [], `${v.path} links to: ${v.uninterpolatedHrefs.join(", ")}`));
      const withDoi = studies().map((id) => ({id, doi: loadCodebook(id).study.doi})).filter((s) => s.doi && visits.has(`/studies/${s.id}`));
      assert.ok(withDoi.some((s) => s.id === "bendayan-2024"), "bendayan-2024 has a DOI and a page");
      for (const {id, doi} of withDoi)
        await t.test(`/studies/${id}: doi:${doi}`, () => assert.ok(visits.get(`/studies/${id}`)!.doiLinks.includes(`https://doi.org/${doi}`), `${JSON.stringify(visits.get(`/studies/${id}`)!.doiLinks)} has no https://doi.org/${doi}`));
    });

    test("no table cell or tooltip prints a raw float (six decimals or more); the reproduction check lists every claim", async (t) => {
      requireBrowser();
      for (const v of pages()) await t.test(v.path, () => assert.deepEqual(v.rawFloats, [], `${v.path}:\n  ${v.rawFloats.join("\n  ")}`));
      const reproduction = visits.get("/reproduction");
      assert.ok(reproduction, "/reproduction was not visited");
      const claims = JSON.parse(readFileSync(join(DIST, "reproduction", "claims.json"), "utf8")) as unknown[];
      assert.equal(reproduction.claimRows, claims.length, "one row per claim of dist/reproduction/claims.json");
    });

    test("no page names a source by the project's file name (NNN_<hash>.txt) rather than its title", async (t) => {
      requireBrowser();
      for (const v of pages()) await t.test(v.path, () => assert.deepEqual(v.sourceFileNames, [], v.path));
    });

    test("no table shows “No results.”, and bendayan-2024's “Compare any item across groups” has its groups", () => {
      requireBrowser();
      for (const v of pages()) assert.deepEqual(v.emptyTables, [], `${v.path}: an empty table after ${JSON.stringify(v.emptyTables)}`);
      const bendayan = visits.get("/studies/bendayan-2024");
      assert.ok(bendayan, "/studies/bendayan-2024 was not visited");
      assert.ok(bendayan.inputsTableRows.some((n) => n >= 2), `the cross-tab's table rows: ${JSON.stringify(bendayan.inputsTableRows)}`);
    });

    test("the cells of a sources table do not run into each other; no chart marker is drawn outside its frame", async (t) => {
      requireBrowser();
      assert.ok(pages().some((v) => v.path === "/studies/pew-2018"), "/studies/pew-2018 (a sources table) was visited");
      for (const v of pages())
        await t.test(v.path, () => {
          assert.deepEqual(v.crowdedCells, [], `${v.path}: ${v.crowdedCells.join("; ")}`);
          assert.deepEqual(v.clippedMarkers, [], `${v.path}: ${v.clippedMarkers.join("; ")}`);
        });
    });

    test("the home page's card of a study whose n is assumed says so", () => {
      requireBrowser();
      const home = visits.get("/");
      assert.ok(home, "the home page was not visited");
      const assumed = studies().map(loadCodebook).filter((cb) => !cb.study.part_of && sampleSizeAssumed(cb.study)).map((cb) => cb.study.id);
      assert.ok(assumed.includes("ali-2025"), "ali-2025's n is assumed (its codebook's sample_note)");
      for (const cb of studies().map(loadCodebook).filter((cb) => !cb.study.part_of)) {
        const card = home.cardTexts.find((c) => c.href.endsWith(`/studies/${cb.study.id}.html`));
        assert.ok(card, `no card links /studies/${cb.study.id}.html`);
        if (assumed.includes(cb.study.id)) assert.match(card.text, /n = [\d,]+ \w+.*assumed/, `${cb.study.id}: ${card.text}`);
        else assert.doesNotMatch(card.text, /assumed/, `${cb.study.id}: ${card.text}`);
      }
    });

    // Accessibility: axe-core's rules (WCAG 2 A and AA, and its best practices) on every page, as the
    // reader's browser shows it, in each colour scheme and at a phone's width. Any violation fails.
    const axeTest = (what: string, visited: () => Map<string, Visit>, expected: () => number) =>
      test(`axe-core finds no accessibility violation on ${what}`, async (t) => {
        requireBrowser();
        assert.equal(visited().size, expected(), `every page of ${what} was visited`);
        for (const v of visited().values())
          await t.test(v.path, () => {
            assert.equal(v.error, undefined, `${v.path}: ${v.error}`);
            assert.deepEqual(v.violations.map((x) => x.id), [], `axe-core on ${v.path} (${what}):\n  ${describeViolations(v.path, v.violations)}`);
          });
      });
    axeTest("every page, light colour scheme", () => visits, () => visits.size);
    axeTest("every page, dark colour scheme (prefers-color-scheme: dark)", () => darkVisits, () => visits.size);
    axeTest(`every page at ${PHONE_WIDTH} px`, () => phoneVisits, () => visits.size);

    test(`at ${PHONE_WIDTH} px, every page loads without a console error, and its stacked bars keep their width`, async (t) => {
      requireBrowser();
      assert.equal(phoneVisits.size, pages().length, "every page was visited again at a phone's width");
      for (const v of phoneVisits.values())
        await t.test(v.path, () => {
          assert.equal(v.error, undefined, `${v.path}: ${v.error}`);
          assert.deepEqual(v.problems, [], `${v.path} at ${PHONE_WIDTH} px:\n  ${v.problems.join("\n  ")}`);
          assert.deepEqual(v.figures.filter((f) => !f.drawn).map((f) => f.caption), [], `${v.path}: figures not drawn at ${PHONE_WIDTH} px`);
          const narrow = v.ruleSpans.filter((w) => w < 100);
          assert.deepEqual(narrow, [], `${v.path}: charts whose bars span less than 100 px between their 0 and 100% rules at ${PHONE_WIDTH} px`);
        });
    });

    describe(`on a phone (${PHONE_WIDTH} px)`, () => {
      test("no page scrolls sideways: the page is no wider than the window", async (t) => {
        requireBrowser();
        for (const v of phoneVisits.values())
          await t.test(v.path, () => {
            assert.equal(v.innerWidth, PHONE_WIDTH);
            assert.ok(v.scrollWidth <= v.innerWidth, `${v.path} is ${v.scrollWidth} px wide in a ${v.innerWidth} px window`);
          });
      });

      test("every chart is drawn at the width it is shown (redrawn to the screen, not scaled down)", async (t) => {
        requireBrowser();
        assert.ok([...phoneVisits.values()].some((v) => v.figures.length > 0), "the phone visits saw figures");
        for (const v of phoneVisits.values()) await t.test(v.path, () => assert.deepEqual(v.scaledCharts, [], `${v.path}:\n  ${v.scaledCharts.join("\n  ")}`));
      });

      test("a table wider than the screen scrolls in a box of its own, which a keyboard can reach, with its first column kept in view", async (t) => {
        requireBrowser();
        const wide = [...phoneVisits.values()].flatMap((v) => v.tables.filter((table) => table.wide).map((table) => ({path: v.path, table})));
        // Table 1 of auanassova-2025 and Pew's sources table are wider than a phone: the check has tables to look at.
        for (const path of ["/studies/auanassova-2025", "/studies/pew-2018"]) assert.ok(wide.some((w) => w.path === path), `${path} has a table wider than ${PHONE_WIDTH} px`);
        for (const {path, table} of wide)
          await t.test(`${path}: ${table.name}`, () => {
            assert.ok(table.box, "it is in a box that scrolls sideways");
            assert.ok(table.box.scrolls, "its box scrolls");
            assert.equal(table.box.tabindex, "0", "its box can be focused (and so scrolled by keyboard)");
            assert.equal(table.box.role, "region");
            assert.ok(table.box.label?.trim(), "its box is a named region");
            assert.equal(table.moved, 0, "no cell of its first column moves when the box is scrolled");
            for (const background of table.backgrounds) assert.equal(parseColor(background)[3], 1, `the first column's background ${background} is opaque, so the scrolled cells pass under it`);
          });
      });
    });

    describe("in the reader's colour scheme (prefers-color-scheme)", () => {
      test("every page is dark when the system is dark and light when it is light, its text legible in both", async (t) => {
        requireBrowser();
        assert.equal(darkVisits.size, pages().length, "every page was visited again in the dark scheme");
        for (const light of pages()) {
          const dark = darkVisits.get(light.path)!;
          await t.test(light.path, () => {
            assert.equal(dark.error, undefined, `${light.path} (dark): ${dark.error}`);
            assert.deepEqual(dark.problems, [], `${light.path} (dark):\n  ${dark.problems.join("\n  ")}`);
            assert.ok(luminance(parseColor(light.colors.background)) > 0.8, `light: the background ${light.colors.background} is light`);
            assert.ok(luminance(parseColor(dark.colors.background)) < 0.05, `dark: the background ${dark.colors.background} is dark`);
            for (const [scheme, v] of [["light", light], ["dark", dark]] as const) {
              const ratio = contrast(v.colors.text, v.colors.background);
              assert.ok(ratio >= 7, `${scheme}: text ${v.colors.text} on ${v.colors.background} has a contrast of ${ratio.toFixed(1)}:1 (WCAG AAA asks 7:1)`);
            }
            assert.ok(dark.screenshot && existsSync(dark.screenshot), "a screenshot in the dark scheme is saved");
          });
        }
      });
    });

    describe("printed (A4, as a handout)", () => {
      /** A4 less the 15 mm margins below, in CSS px (96 to the inch). */
      const PRINT_WIDTH = Math.floor(((210 - 30) / 25.4) * 96);
      const PRINT_HEIGHT = ((297 - 30) / 25.4) * 96;
      const MAX_PAGES = 20;

      test(`each study page prints in at most ${MAX_PAGES} pages, with no sidebar or control, and no figure parted from its caption`, async (t) => {
        requireBrowser();
        const {PDFDocument, PDFDict, PDFName, PDFString} = await import("pdf-lib");
        for (const {path} of studyPages())
          await t.test(path, async () => {
            const context = await browser!.newContext({viewport: {width: PRINT_WIDTH, height: 1000}});
            try {
              const page = await context.newPage();
              await page.goto(`${origin}${path}.html`, {waitUntil: "networkidle", timeout: 60_000});
              await scrollThrough(page);
              await page.waitForFunction((selector) => !document.querySelector(selector), LOADING, {timeout: LOADING_TIMEOUT});
              await page.waitForFunction(() => [...document.querySelectorAll("figure")].every((f) => f.querySelector("svg, table")), null, {timeout: LOADING_TIMEOUT});
              // Print media first: the page's column widens without the sidebar, and resize() redraws the charts to it.
              await page.emulateMedia({media: "print"});
              await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
              await page.waitForFunction(() => [...document.querySelectorAll("figure")].every((f) => f.querySelector("svg, table")), null, {timeout: LOADING_TIMEOUT});
              // Where each figure lands in the PDF: a 1 px link (which Chromium writes as a link
              // annotation on its page) at the figure's top, at the start of what follows its
              // caption, and at its end. They take no room (height 1 px, margin -1 px).
              const probes = await page.evaluate(() => {
                const style = document.createElement("style");
                style.textContent = "a.print-probe { display: block; height: 1px; margin-bottom: -1px; overflow: hidden; } a.print-probe::after { content: none !important; }";
                document.head.append(style);
                return [...document.querySelectorAll("main figure")].map((figure, i) => {
                  let body = figure.querySelector(":scope > figcaption")?.nextElementSibling ?? null;
                  // Into a grid or flex box's first item, so the probe does not become an item itself.
                  while (body && /grid|flex/.test(getComputedStyle(body).display)) body = body.firstElementChild;
                  const places: [string, Element, "prepend" | "append"][] = [["top", figure, "prepend"], ["bottom", figure, "append"]];
                  if (body && !/^(svg|table|img|canvas)$/i.test(body.tagName)) places.push(["body", body, "prepend"]);
                  for (const [where, element, how] of places) {
                    const a = document.createElement("a");
                    a.className = "print-probe";
                    a.href = `https://print-probe.invalid/${i}/${where}`;
                    a.textContent = "\u200b";
                    element[how](a);
                  }
                  return {index: i, caption: (figure.querySelector(":scope > figcaption")?.textContent ?? "").trim().slice(0, 60), places: places.map(([where]) => where)};
                });
              });
              assert.ok(probes.length > 0, `${path} has figures`);
              const printed = await page.evaluate(() => ({
                heights: [...document.querySelectorAll("main figure")].map((f) => f.getBoundingClientRect().height),
                shown: [...document.querySelectorAll("#observablehq-sidebar, #observablehq-sidebar-toggle, #observablehq-toc, #observablehq-search, main input, main select, main button, main textarea")]
                  .filter((e) => e.getClientRects().length > 0)
                  .map((e) => e.id || e.tagName.toLowerCase())
              }));
              assert.deepEqual(printed.shown, [], "printed: no sidebar, toggle, contents, search or input");
              const pdf = await page.pdf({format: "A4", margin: {top: "15mm", bottom: "15mm", left: "15mm", right: "15mm"}});
              const file = join(SCREENSHOTS, "print", `${path.replace(/^\/studies\//, "")}.pdf`);
              mkdirSync(dirname(file), {recursive: true});
              writeFileSync(file, pdf);
              t.diagnostic(`${path} → ${rel(file)}`);
              const doc = await PDFDocument.load(pdf);
              assert.ok(doc.getPageCount() <= MAX_PAGES, `${path} prints on ${doc.getPageCount()} pages`);
              const pageOf = new Map<string, number>();
              doc.getPages().forEach((p, i) => {
                const annots = p.node.Annots();
                for (let k = 0; annots && k < annots.size(); k++) {
                  const action = annots.lookup(k, PDFDict).lookup(PDFName.of("A"));
                  const uri = action instanceof PDFDict ? action.lookup(PDFName.of("URI")) : undefined;
                  if (uri instanceof PDFString && uri.decodeText().startsWith("https://print-probe.invalid/") && !pageOf.has(uri.decodeText())) pageOf.set(uri.decodeText(), i + 1);
                }
              });
              for (const {index, caption, places} of probes) {
                const at = Object.fromEntries(places.map((where) => [where, pageOf.get(`https://print-probe.invalid/${index}/${where}`)]));
                for (const where of places) assert.ok(at[where], `figure “${caption}”: its ${where} probe is in the PDF`);
                if (at.body) assert.equal(at.body, at.top, `figure “${caption}”: its caption is on page ${at.top}, what it captions starts on page ${at.body}`);
                if (printed.heights[index] <= PRINT_HEIGHT) assert.equal(at.bottom, at.top, `figure “${caption}” (${printed.heights[index].toFixed(0)} px, a page holds ${PRINT_HEIGHT.toFixed(0)}) is split across pages ${at.top}–${at.bottom}`);
              }
            } finally {
              await context.close();
            }
          });
      });
    });

    test(`every study page shows its first figure after at most ${kb(PAGE_BUDGET)} (a fresh browser, no compression)`, async (t) => {
      requireBrowser();
      assert.ok(studyPages().length > 0, "no study page was visited");
      // Bytes, not times: the same build gives the same bytes on any machine (scripts/page-weight.ts,
      // which the bench's pages section uses too).
      for (const {path} of studyPages())
        await t.test(path, async () => {
          const load = await loadUntilFirstFigure(browser!, origin, `${path}.html`, {timeout: 60_000});
          const largest = load.files.slice(0, 8).map((f) => `${kb(f.bytes).padStart(7)}  ${f.url}`).join("\n  ");
          assert.ok(load.bytes <= PAGE_BUDGET, `${path}: ${kb(load.bytes)} in ${load.requests} requests before its first figure (budget ${kb(PAGE_BUDGET)}); the largest:\n  ${largest}`);
        });
    });

    test(`every cell finishes loading within ${LOADING_TIMEOUT / 1000} s and none shows an error`, async (t) => {
      requireBrowser();
      for (const v of pages())
        await t.test(v.path, () => {
          assert.equal(v.error, undefined, `${v.path} could not be visited: ${v.error}`);
          assert.deepEqual(v.errorCells, [], `${v.path} shows ${v.errorCells.length} error cell(s):\n  ${v.errorCells.join("\n  ")}`);
          assert.equal(v.loadingLeft, 0, `${v.path}: ${v.loadingLeft} cell(s) still loading after ${LOADING_TIMEOUT / 1000} s`);
        });
    });

    test("every figure on a study page draws a chart (svg) or a table", async (t) => {
      requireBrowser();
      assert.ok(studyPages().length > 0, "no study page was visited");
      for (const v of studyPages())
        await t.test(v.path, () => {
          assert.equal(v.error, undefined, `${v.path} could not be visited: ${v.error}`);
          assert.ok(v.figures.length > 0, `${v.path} has no <figure>`);
          const empty = v.figures.filter((f) => !f.drawn).map((f) => f.caption);
          assert.deepEqual(empty, [], `${v.path}: ${empty.length} of ${v.figures.length} figures have no svg or table:\n  ${empty.join("\n  ")}`);
        });
    });

    test("under each numbered figure, the page prints what its shares are of, as its manuscript legend ends", async (t) => {
      requireBrowser();
      const legends = walk(join(DIST, "manuscript")).filter((f) => f.endsWith(".caption.txt"));
      assert.ok(legends.length > 0, "no manuscript legend (dist/manuscript/<study>/Fig*.caption.txt) to compare with");
      for (const file of legends) {
        const study = basename(dirname(file));
        await t.test(rel(file), () => {
          const v = visits.get(`/studies/${study}`);
          assert.ok(v, `the page /studies/${study} was not visited`);
          const legend = readFileSync(file, "utf8").trim().replace(/\s+/g, " ");
          const printed = v.baseTexts.filter((b) => b && legend.endsWith(` ${b}`));
          assert.ok(printed.length > 0, `${rel(file)} ends "…${legend.slice(-120)}", which no .base-text on /studies/${study} is:\n  ${v.baseTexts.join("\n  ")}`);
          assert.match(legend, /(Of|of) (the|all) [0-9,]+|n = [0-9,]+/, "the legend says what the shares are of");
        });
      }
    });

    test("every study page says what kind of data it shows (.data-notice) before its first figure", async (t) => {
      requireBrowser();
      assert.ok(studyPages().length > 0, "no study page was visited");
      for (const v of studyPages())
        await t.test(v.path, () => {
          assert.equal(v.error, undefined, `${v.path} could not be visited: ${v.error}`);
          assert.ok(v.notices > 0, `${v.path} has no .data-notice element`);
          assert.ok(v.figures.length > 0, `${v.path} has no <figure> to place the notice before`);
          assert.ok(v.noticeBeforeFirstFigure, `${v.path}: no .data-notice comes before the first figure ("${v.figures[0]?.caption}")`);
        });
    });

    test("every file a page offers for download is there", async (t) => {
      requireBrowser();
      const offered = [...new Set(pages().flatMap((v) => v.downloads))];
      assert.ok(offered.some((href) => href.endsWith("/manuscript/bendayan-2024/Fig1.pdf")), "the bendayan-2024 page offers Fig1.pdf");
      assert.ok(offered.some((href) => href.endsWith("/manuscript/bendayan-2024/Table1.docx")), "the bendayan-2024 page offers Table1.docx");
      for (const href of offered)
        await t.test(new URL(href).pathname, async () => {
          const response = await fetch(href);
          assert.equal(response.status, 200, `${href} answers ${response.status}`);
          assert.ok((await response.arrayBuffer()).byteLength > 0, `${href} is empty`);
        });
    });

    test("the home page has one card per study, each linking to its page", () => {
      requireBrowser();
      const home = pages().find((v) => v.path === "/");
      assert.ok(home, "the home page was not visited");
      const expected = studies().filter((id) => !loadCodebook(id).study.part_of).map((id) => `/studies/${id}.html`).sort();
      assert.deepEqual([...home.cards].sort(), expected);
    });

    test("the cross-study page writes its caveats beside each chart", () => {
      requireBrowser();
      const compare = pages().find((v) => v.path === "/compare");
      assert.ok(compare, "/compare was not visited");
      assert.ok(compare.compareRows.length >= 2, `/compare has ${compare.compareRows.length} chart rows`);
      for (const [i, row] of compare.compareRows.entries()) {
        assert.ok(row.chart, `chart ${i + 1} is not drawn`);
        assert.ok(row.caveats >= 3, `chart ${i + 1} has ${row.caveats} caveats beside it`);
      }
    });

    test("a full-page screenshot of every page is saved in test-results/", async (t) => {
      requireBrowser();
      for (const v of pages())
        await t.test(v.path, (st) => {
          assert.ok(v.screenshot && existsSync(v.screenshot), `${v.path}: no screenshot (${v.error ?? "not taken"})`);
          st.diagnostic(`${v.path} → ${rel(v.screenshot)}`);
        });
    });

    test("the sidebar's search finds a question across studies, offline, and its result opens the study's page", async () => {
      requireBrowser();
      const label = loadCodebook("auanassova-2025").questions.find((q) => q.id === "trust_information")!.label;
      const context = await browser!.newContext({viewport: {width: 1280, height: 900}});
      const problems: string[] = [];
      context.on("request", (request) => {
        if (!request.url().startsWith(`${origin}/`) && !/^(data|blob):/.test(request.url())) problems.push(`request leaving 127.0.0.1: ${request.url()}`);
      });
      const page = await context.newPage();
      page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
      page.on("console", (message) => {
        if (message.type() === "error" && !message.location().url.endsWith("/favicon.ico")) problems.push(`console error: ${message.text()}`);
      });
      page.on("response", (response) => {
        if (response.status() >= 400) problems.push(`HTTP ${response.status()} for ${response.url()}`);
      });
      try {
        await page.goto(`${origin}/`, {waitUntil: "networkidle", timeout: 60_000});
        const index = page.waitForResponse((r) => /\/_observablehq\/minisearch\.[0-9a-f]+\.json$/.test(r.url()), {timeout: LOADING_TIMEOUT});
        await page.fill("#observablehq-search input", "trust medical information");
        assert.equal((await index).status(), 200, "the index is fetched from this site");
        await page.waitForSelector("#observablehq-search-results li a", {timeout: LOADING_TIMEOUT});
        const results = await page.$$eval("#observablehq-search-results li a", (as) => as.map((a) => ({text: (a.textContent ?? "").trim(), href: (a as HTMLAnchorElement).href})));
        const hit = results.find((r) => r.text.startsWith(label));
        assert.ok(hit, `no result titled “${label} …”: ${JSON.stringify(results)}`);
        assert.match(new URL(hit.href).pathname, /\/studies\/auanassova-2025\.html$/);
        const opened = await fetch(hit.href);
        assert.equal(opened.status, 200, `${hit.href} answers ${opened.status}`);
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });

    test("DuckDB-Wasm is loaded by the explorer only: no other page requests a DuckDB file", async (t) => {
      requireBrowser();
      const explore = pages().find((v) => v.path === "/explore");
      assert.ok(explore, "/explore was not visited");
      assert.ok(explore.duckdbRequests.some((url) => url.endsWith("/duckdb-eh.wasm")), "the explorer loads DuckDB-Wasm's eh build (from this origin), the one dist/ ships");
      for (const v of pages().filter((v) => v.path !== "/explore"))
        await t.test(v.path, () => assert.deepEqual(v.duckdbRequests, [], `${v.path} requested DuckDB files`));
    });

    describe("charts: a text alternative each, no red–green scale, Likert bars centred on the neutral answer", () => {
      const allVisits = () => [...pages(), ...phoneVisits.values()];

      test("every chart on every page, at 1280 and 390 px, is one image (role img) named from its data, its numbers in a <desc>", async (t) => {
        requireBrowser();
        for (const v of allVisits())
          await t.test(`${v.path}${phoneVisits.get(v.path) === v ? ` at ${PHONE_WIDTH} px` : ""}`, () => {
            assert.ok(v.charts, `${v.path}: charts not collected (${v.error ?? ""})`);
            if (v.path.startsWith("/studies/")) assert.ok(v.charts.length > 0, `${v.path} has no chart`);
            for (const c of v.charts) {
              assert.equal(c.role, "img", `${v.path}: a chart without role="img" (${c.where})`);
              assert.ok(c.name.length >= 20, `${v.path}: a chart without an accessible name saying what it shows (${c.where}): "${c.name}"`);
              assert.ok(c.desc > 0, `${v.path}: a chart without its numbers in a <desc> (${c.where})`);
            }
          });
        assert.ok(allVisits().reduce((s, v) => s + (v.charts?.length ?? 0), 0) >= 30, "the site's charts were found");
      });

      test("no chart pairs a red with a green", async (t) => {
        requireBrowser();
        for (const v of allVisits())
          await t.test(v.path, () => {
            for (const c of v.charts ?? []) assert.deepEqual(redGreenPairs(c.colors), [], `${v.path}: ${c.where}`);
          });
        // Not vacuous: the colours read are the bars' own (the rating charts' neutral grey among them).
        const neutral = `rgb(${[1, 3, 5].map((i) => parseInt(NEUTRAL.slice(i, i + 2), 16)).join(", ")})`;
        assert.ok(visits.get("/studies/bendayan-2024")?.charts?.some((c) => c.colors.includes(neutral)), `bendayan-2024's charts use ${neutral}`);
      });

      /** bendayan-2024's Fig 2 as the page draws it, and its items in questionnaire order (from the build's files). */
      async function openFig2() {
        const file = (name: string) => {
          const dir = join(DIST, "_file", "data", "bendayan-2024");
          return JSON.parse(readFileSync(join(dir, readdirSync(dir).find((f) => new RegExp(`^${name}\\.[0-9a-f]+\\.json$`).test(f))!), "utf8"));
        };
        const fig2 = bendayanFigures({tables: file("tables"), codebook: file("codebook")}).find((f: {id: string}) => f.id === "Fig2");
        const context = await browser!.newContext({viewport: {width: 1280, height: 900}});
        const page = await context.newPage();
        await page.goto(`${origin}/studies/bendayan-2024.html`, {waitUntil: "networkidle", timeout: 60_000});
        const figure = page.locator("figure", {has: page.locator(".likert-controls")}).first();
        await figure.locator("svg[role=img]").first().waitFor();
        return {page, figure, items: fig2!.items as {label: string}[], close: () => context.close()};
      }

      /** The chart's rows, top to bottom (its y-axis labels, whitespace removed), and where its middle answer's bars and centre line are. */
      const readChart = (figure: import("playwright-core").Locator) =>
        figure.locator("svg[role=img]").first().evaluate((svg, neutral) => {
          const rules = [...svg.querySelectorAll("[data-mark=rule] line")].map((l) => l.getBoundingClientRect().left);
          const middles = [...svg.querySelectorAll("rect")].filter((r) => getComputedStyle(r).fill === neutral).map((r) => r.getBoundingClientRect()).map((r) => ({left: r.left, right: r.right}));
          const bars = [...svg.querySelectorAll("rect")].filter((r) => !r.closest("[data-mark=tip]")).map((r) => r.getBoundingClientRect().left);
          return {name: svg.getAttribute("aria-label") ?? "", rows: [...svg.querySelectorAll("[data-mark='y-axis tick label'] text")].map((t) => (t.textContent ?? "").replace(/\s+/g, "")), rules, middles, leftmostBar: Math.min(...bars)};
        }, `rgb(${[1, 3, 5].map((i) => parseInt(NEUTRAL.slice(i, i + 2), 16)).join(", ")})`);
      const squeeze = (text: string) => text.replace(/\s+/g, "");

      test("bendayan-2024's Fig 2: the middle answer's bars straddle the centre line, halves either side", async () => {
        requireBrowser();
        const {figure, items, close} = await openFig2();
        try {
          const chart = await readChart(figure);
          assert.equal(chart.rules.length, 1, "one centre line");
          assert.equal(chart.middles.length, items.length, "one middle segment per item");
          for (const m of chart.middles) {
            assert.ok(m.left < chart.rules[0] && m.right > chart.rules[0], `${m.left}–${m.right} straddles ${chart.rules[0]}`);
            assert.ok(Math.abs((m.left + m.right) / 2 - chart.rules[0]) < 1.5, `centred on the line: ${(m.left + m.right) / 2} vs ${chart.rules[0]}`);
          }
          assert.ok(chart.leftmostBar < chart.rules[0] - 5, "disagreement is drawn left of the centre");
        } finally {
          await close();
        }
      });

      test("bendayan-2024's Fig 2: “Sort by agreement” reorders the items, “100% stacked” draws the paper's bars", async () => {
        requireBrowser();
        const {page, figure, items, close} = await openFig2();
        try {
          const asked = await readChart(figure);
          assert.equal(asked.rows.length, items.length);
          items.forEach((item, i) => assert.ok(asked.rows[i].startsWith(squeeze(item.label)), `row ${i + 1} is “${item.label}”: ${asked.rows[i]}`));
          await figure.getByLabel("agreement (most first)").check();
          await page.waitForFunction((el) => el.querySelector("svg[role=img]")?.getAttribute("aria-label")?.includes("most agreed-with first"), await figure.elementHandle(), {timeout: 5_000});
          const sorted = await readChart(figure);
          const expected = sortItems(items as never[], "agreement") as {label: string}[];
          assert.notDeepEqual(expected.map((i) => i.label), items.map((i) => i.label), "the data make the sort change the order");
          expected.forEach((item, i) => assert.ok(sorted.rows[i].startsWith(squeeze(item.label)), `sorted row ${i + 1} is “${item.label}”: ${sorted.rows[i]}`));
          await figure.getByLabel("100% stacked, as in the paper").check();
          await page.waitForFunction((el) => el.querySelector("svg[role=img]")?.getAttribute("aria-label")?.startsWith("100% stacked"), await figure.elementHandle(), {timeout: 5_000});
          const stacked = await readChart(figure);
          assert.equal(stacked.rules.length, 2, "rules at 0 and 100%");
          assert.ok(stacked.leftmostBar >= Math.min(...stacked.rules) - 0.5, "no bar left of 0");
        } finally {
          await close();
        }
      });
    });

    test("a multi-panel figure's panels carry the letters of its manuscript file (A, B, C… in order)", async (t) => {
      requireBrowser();
      const files = walk(join(DIST, "manuscript")).filter((f) => /Fig\d+\.svg$/.test(f));
      const lettered = files
        .map((file) => ({file, letters: [...readFileSync(file, "utf8").matchAll(/data-panel-letter="([A-Z]+)"/g)].map((m) => m[1])}))
        .filter((f) => f.letters.length > 0);
      assert.ok(lettered.some((f) => rel(f.file) === "dist/manuscript/bendayan-2024/Fig1.svg" && f.letters.join("") === "ABCDEFG"), "bendayan-2024's Fig1.svg letters its seven panels A–G");
      const context = await browser!.newContext({viewport: {width: 1280, height: 900}});
      try {
        for (const {file, letters} of lettered)
          await t.test(rel(file), async () => {
            const study = basename(dirname(file));
            const number = Number(/Fig(\d+)\.svg$/.exec(file)![1]);
            const page = await context.newPage();
            await page.goto(`${origin}/studies/${study}.html`, {waitUntil: "networkidle", timeout: 60_000});
            await page.waitForFunction((sel) => !document.querySelector(sel), LOADING, {timeout: LOADING_TIMEOUT});
            // The figure whose caption opens "Fig N.", and the letters printed in it, in document order.
            const onPage = await page.$$eval("figure", (figures, n) => {
              const figure = figures.find((f) => f.querySelector("figcaption")?.textContent?.trim().startsWith(`Fig ${n}.`));
              return figure ? [...figure.querySelectorAll(".panel-letter")].map((l) => (l.textContent ?? "").trim()) : null;
            }, number);
            await page.close();
            assert.deepEqual(onPage, letters, `/studies/${study}: Fig ${number}'s panel letters`);
          });
      } finally {
        await context.close();
      }
    });

    describe("the explorer (/explore)", () => {
      /** What the build computed for a study (dist/_file/data/<id>/tables.<hash>.json). */
      function builtTables(id: string): StudyTables {
        const dir = join(DIST, "_file", "data", id);
        const file = readdirSync(dir).find((f) => /^tables\.[0-9a-f]+\.json$/.test(f));
        assert.ok(file, `dist/_file/data/${id}/ has no tables.json`);
        return JSON.parse(readFileSync(join(dir, file), "utf8"));
      }

      type Page = import("playwright-core").Page;
      /** Opens the explorer on a study; `problems` collects errors, failed requests and requests leaving 127.0.0.1. */
      async function openExplorer(study: string) {
        const context = await browser!.newContext({viewport: {width: 1280, height: 900}});
        const problems: string[] = [];
        context.on("request", (request) => {
          const url = request.url();
          if (!url.startsWith(`${origin}/`) && !url.startsWith("data:") && !url.startsWith("blob:")) problems.push(`request leaving 127.0.0.1: ${url}`);
        });
        const page = await context.newPage();
        page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
        page.on("console", (message) => {
          if (message.type() === "error" && !message.location().url.endsWith("/favicon.ico")) problems.push(`console error: ${message.text()}`);
        });
        page.on("requestfailed", async (request) => {
          if (!(await isStreamedWasmAbort(request))) problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
        });
        await page.goto(`${origin}/explore.html?study=${study}`, {waitUntil: "load", timeout: 60_000});
        return {page, problems, close: () => context.close()};
      }

      /** The first query, which the page runs on load: the number of rows, named for what they are. */
      const countQuery = (unit = "respondents") => `SELECT count(*) AS ${unit} FROM responses`;

      /** The SQL result whose query is `sql`, once it is shown: rows of cell texts, or the error. */
      async function resultOf(page: Page, sql: string) {
        await page.waitForFunction((sql) => (document.querySelector(".explore-result") as HTMLElement | null)?.dataset.sql === sql, sql, {timeout: LOADING_TIMEOUT});
        return page.$eval(".explore-result", (div) => ({
          state: (div as HTMLElement).dataset.state ?? "",
          header: [...div.querySelectorAll("thead th")].map((th) => (th.textContent ?? "").trim()).filter((t) => t !== ""),
          rows: [...div.querySelectorAll("tbody tr")].map((tr) => [...tr.querySelectorAll("td")].map((td) => (td.textContent ?? "").trim()).filter((t) => t !== "")),
          text: (div.querySelector("pre")?.textContent ?? div.textContent ?? "").trim(),
          // How a screen reader hears it: the row count as a status, a failure as an alert.
          announced: div.getAttribute("role") === "alert" ? "alert" : (div.querySelector(".explore-summary")?.getAttribute("role") ?? "")
        }));
      }

      /** Types `sql` in the editor, runs it, and returns its result. */
      async function run(page: Page, sql: string) {
        await page.fill(".explore-editor textarea", sql);
        await page.click(".explore-editor button[type=submit]");
        return resultOf(page, sql);
      }

      /** The cross-tab shown once its SQL mentions `column`: its p-value, test and table cells. */
      async function crossTabOf(page: Page, column: string) {
        await page.waitForFunction((column) => (document.querySelector(".explore-crosstab") as HTMLElement | null)?.dataset.sql?.includes(`"${column}"`), column, {timeout: LOADING_TIMEOUT});
        return page.$eval(".explore-crosstab", (div) => ({
          state: (div as HTMLElement).dataset.state ?? "",
          p: Number((div as HTMLElement).dataset.p),
          test: (div as HTMLElement).dataset.test ?? "",
          line: div.querySelector(".explore-test")?.textContent ?? "",
          cells: [...div.querySelectorAll("table.contingency tbody tr")].map((tr) => [...tr.querySelectorAll("th, td .n-percent")].map((c) => (c.textContent ?? "").trim()))
        }));
      }

      /** A downloaded CSV's text, after checking it starts with the byte-order mark spreadsheets need. */
      async function downloadedText(download: import("playwright-core").Download): Promise<string> {
        const text = readFileSync((await download.path())!, "utf8");
        assert.ok(text.startsWith("\uFEFF"), `${download.suggestedFilename()} starts with a UTF-8 byte-order mark`);
        return text.slice(1);
      }

      /** The select whose label is `label`. */
      const select = (page: Page, label: string) => page.locator("form", {has: page.locator(`label:text-is("${label}")`)}).locator("select");

      test("an example query gives the build's count of respondents by the first question the rows hold (bendayan-2024)", async () => {
        requireBrowser();
        const tables = builtTables("bendayan-2024");
        const p = await openExplorer("bendayan-2024");
        try {
          // On load the page runs a first query: the number of respondents.
          const first = await resultOf(p.page, countQuery());
          assert.equal(first.state, "ok", first.text);
          assert.equal(first.announced, "status", "the row count is a status a screen reader announces");
          assert.deepEqual(first.rows, [[String(tables.respondents.total)]]);
          assert.equal(tables.respondents.total, 1451);
          // The examples are made from the codebook as the rows hold it (loaders/browser-files.ts,
          // src/components/row-codebook.ts): sex, age, specialty, practice and setting are left out of
          // the rows (the codebook's disclosure section), so the first single-choice question is underserved.
          assert.equal(await p.page.locator("button.explore-example[data-label='Sex: count by answer']").count(), 0, "no example on a column the rows do not hold");
          await p.page.click("button.explore-example[data-label='Practises in a medically underserved area: count by answer']");
          const sql = await p.page.$eval(".explore-editor textarea", (t) => (t as HTMLTextAreaElement).value);
          const byAnswer = await resultOf(p.page, sql);
          assert.equal(byAnswer.state, "ok", byAnswer.text);
          assert.deepEqual(byAnswer.header, ["underserved", "n"]);
          const shown = new Map(byAnswer.rows.map(([level, n]) => [level, Number(n)]));
          const levels = tables.distributions.underserved.levels.filter((l) => l.n > 0);
          assert.ok(levels.length >= 2);
          for (const l of levels) assert.equal(shown.get(l.level), l.n, `count of "${l.level}"`);
          const [download] = await Promise.all([p.page.waitForEvent("download"), p.page.click(".explore-result .explore-csv")]);
          assert.equal(download.suggestedFilename(), "bendayan-2024-query.csv");
          const csv = csvParse(await downloadedText(download));
          assert.deepEqual(csv.columns, ["underserved", "n"]);
          assert.deepEqual(csv.map((r) => [r.underserved, Number(r.n)]), byAnswer.rows.map(([level, n]) => [level, Number(n)]));
          assert.ok(await p.page.$(".explore-chart svg"), "a text column and a count are drawn as a bar chart");
          // A multiple-choice question (a list column): each option's count equals the build's.
          await p.page.click("button.explore-example[data-label='Strengths of the group: count by answer (several possible)']");
          const strengths = await resultOf(p.page, await p.page.$eval(".explore-editor textarea", (t) => (t as HTMLTextAreaElement).value));
          assert.equal(strengths.state, "ok", strengths.text);
          const chosen = new Map(strengths.rows.map(([option, n]) => [option, Number(n)]));
          const options = tables.choices.strengths.options.filter((o) => o.n > 0);
          assert.ok(options.length >= 3, "the build counts strengths");
          for (const o of options) assert.equal(chosen.get(o.level), o.n, `strength "${o.level}"`);
          assert.equal(chosen.size, options.length);
          assert.deepEqual(p.problems, []);
        } finally {
          await p.close();
        }
      });

      test("the cross-tab's p-value equals the build's Table 1 for the paper's groupings (bendayan-2024)", async () => {
        requireBrowser();
        const table = builtTables("bendayan-2024").subgroups.subgroups;
        const sought = table.rows.find((r): r is LevelRow => r.variable === "sought_opinion" && r.kind === undefined);
        assert.ok(sought, "Table 1 has no sought_opinion row");
        const p = await openExplorer("bendayan-2024");
        try {
          // The builder starts from Table 1's first comparison: sought an opinion ("Yes") by specialty group.
          const first = await crossTabOf(p.page, "specialty_group");
          assert.equal(first.state, "ok");
          assert.equal(first.p, sought.by.specialty_group.test.p);
          assert.equal(first.test, sought.by.specialty_group.test.test);
          assert.ok(first.line.includes(sought.by.specialty_group.test.pText), `"${first.line}" prints ${sought.by.specialty_group.test.pText}`);
          const yes = first.cells.find((row) => row[0] === "Yes");
          for (const c of sought.by.specialty_group.cells) assert.ok(yes?.includes(c.text), `the Yes row ${JSON.stringify(yes)} shows ${c.group}: ${c.text}`);
          // Every other grouping of the paper's, picked by the reader.
          assert.ok(table.by.length >= 3, "Table 1 compares by three groupings");
          for (const by of table.by.slice(1)) {
            await select(p.page, "By").selectOption({label: `${by.label} (${by.id})`});
            const shown = await crossTabOf(p.page, by.id);
            assert.equal(shown.p, sought.by[by.id].test.p, `p by ${by.id}`);
            assert.equal(shown.test, sought.by[by.id].test.test, `test by ${by.id}`);
          }
          // The table downloads as CSV: one line per cell, the same counts.
          const [download] = await Promise.all([p.page.waitForEvent("download"), p.page.click(".explore-crosstab .explore-csv")]);
          assert.equal(download.suggestedFilename(), "bendayan-2024-crosstab.csv");
          const csv = csvParse(await downloadedText(download));
          assert.deepEqual(csv.columns, ["answer", "group", "n", "base", "percent", "ci_low", "ci_high"]);
          const last = table.by.at(-1)!;
          for (const c of sought.by[last.id].cells.filter((c) => c.n > 0)) {
            const line = csv.find((r) => r.answer === "Yes" && r.group === c.group);
            assert.deepEqual([line?.n, line?.base], [String(c.x), String(c.n)], `CSV line for ${c.group}`);
          }
          assert.deepEqual(p.problems, []);
        } finally {
          await p.close();
        }
      });

      test("a bad query shows DuckDB's error in the page, and the page keeps working", async () => {
        requireBrowser();
        const p = await openExplorer("bendayan-2024");
        try {
          await resultOf(p.page, countQuery());
          const bad = await run(p.page, "SELEC specialty FROM responses");
          assert.equal(bad.state, "error");
          assert.equal(bad.announced, "alert");
          assert.match(bad.text, /Parser Error: syntax error at or near "SELEC"/);
          const missing = await run(p.page, "SELECT no_such_column FROM responses");
          assert.equal(missing.state, "error");
          assert.match(missing.text, /no_such_column/);
          assert.equal(await p.page.locator(".observablehq--error").count(), 0, "a bad query must not turn a cell into an error");
          const good = await run(p.page, "SELECT count(*) AS n FROM responses WHERE specialty_group = 'General practitioner'");
          assert.equal(good.state, "ok", good.text);
          assert.deepEqual(good.rows, [["944"]]);
          // A long result: the page shows the first 10,000 rows and says so; the CSV has every row.
          const long = await run(p.page, "SELECT range AS i FROM range(25000) ORDER BY i DESC;");
          assert.equal(long.state, "ok", long.text);
          assert.match(long.text, /25,000 rows in \d+ ms \(the first 10,000 shown; the CSV has them all\)/);
          assert.deepEqual(long.rows[0], ["24999"], "the query's own order is kept");
          const [download] = await Promise.all([p.page.waitForEvent("download"), p.page.click(".explore-result .explore-csv")]);
          const csv = csvParse(await downloadedText(download));
          assert.equal(csv.length, 25_000);
          assert.deepEqual([csv[0].i, csv[24_999].i], ["24999", "0"]);
          // A statement that is not a query (it cannot be wrapped to fetch the first rows) runs as written.
          const pragma = await run(p.page, "PRAGMA table_info('responses')");
          assert.equal(pragma.state, "ok", pragma.text);
          assert.ok(pragma.rows.some((r) => r.includes("specialty_group")), "PRAGMA table_info lists the columns");
          assert.ok(!pragma.rows.some((r) => r.includes("specialty")), "a column the disclosure section drops is not in the rows");
          // The cross-tab still answers too.
          await select(p.page, "By").selectOption({label: "Age band (age_band)"});
          assert.equal((await crossTabOf(p.page, "age_band")).state, "ok");
          assert.deepEqual(p.problems, []);
        } finally {
          await p.close();
        }
      });

      /**
       * Presses Tab until the focused element matches `selector` (at most `max` times: a page whose
       * controls cannot be reached by Tab fails here); returns the focused element's text.
       */
      async function tabTo(page: Page, selector: string, max = 80, {back = false} = {}): Promise<string> {
        for (let i = 0; i < max; i++) {
          await page.keyboard.press(back ? "Shift+Tab" : "Tab");
          const text = await page.evaluate((selector) => (document.activeElement?.matches(selector) ? (document.activeElement.textContent ?? "").trim() || document.activeElement.tagName : null), selector);
          if (text !== null) return text;
        }
        const at = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120));
        assert.fail(`${selector} not reached in ${max} presses of Tab (focus is on ${at})`);
      }
      const focused = (page: Page) => page.evaluate(() => {
        const e = document.activeElement;
        return e ? `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ""}` : "";
      });

      test("the explorer works by keyboard alone: skip links, the query editor, its result and both downloads", async () => {
        requireBrowser();
        const p = await openExplorer("bendayan-2024");
        try {
          await resultOf(p.page, countQuery());
          // The first Tab reaches the skip link, shown once focused; Enter moves the focus to the page's content.
          assert.equal(await tabTo(p.page, "a.skip-link", 1), "Skip to main content");
          const box = await p.page.locator("a.skip-link").boundingBox();
          assert.ok(box && box.y >= 0 && box.height > 0, `the focused skip link is on screen: ${JSON.stringify(box)}`);
          await p.page.keyboard.press("Enter");
          assert.equal(await focused(p.page), "main#observablehq-main");
          // The page's own skip link to the SQL editor, then Tab into the editor.
          assert.equal(await tabTo(p.page, ".explore-jump a[href='#query']"), "the SQL query");
          await p.page.keyboard.press("Enter");
          assert.equal(await focused(p.page), "h2#query");
          await tabTo(p.page, ".explore-editor textarea", 5);
          // Typed, and run with Ctrl + Enter (the note under the editor says so).
          const sql = "SELECT specialty_group, count(*) AS n FROM responses GROUP BY specialty_group ORDER BY n DESC";
          await p.page.keyboard.press("ControlOrMeta+A");
          await p.page.keyboard.type(sql);
          await p.page.keyboard.press("ControlOrMeta+Enter");
          const shown = await resultOf(p.page, sql);
          assert.equal(shown.state, "ok", shown.text);
          assert.deepEqual(shown.header, ["specialty_group", "n"]);
          assert.equal(shown.rows.reduce((sum, [, n]) => sum + Number(n), 0), builtTables("bendayan-2024").respondents.total, "the result's counts add up to every respondent");
          // Tab on to the result's download, and press it.
          assert.equal(await tabTo(p.page, ".explore-result .explore-csv"), "Download the query result (CSV)");
          const [download] = await Promise.all([p.page.waitForEvent("download"), p.page.keyboard.press("Enter")]);
          assert.equal(download.suggestedFilename(), "bendayan-2024-query.csv");
          // The result's table scrolls in its own box: it is in the Tab order, named.
          await tabTo(p.page, ".explore-result form", 3);
          assert.equal(await p.page.evaluate(() => document.activeElement?.getAttribute("aria-label")), "Query result");
          // Back (Shift+Tab) to the cross-tab's download, and press it.
          assert.equal(await tabTo(p.page, ".explore-crosstab .explore-csv", 80, {back: true}), "Download the cross-tab (CSV)");
          const [crosstab] = await Promise.all([p.page.waitForEvent("download"), p.page.keyboard.press("Enter")]);
          assert.equal(crosstab.suggestedFilename(), "bendayan-2024-crosstab.csv");
          // And back to the skip link to the cross-tab, which moves the focus to its heading.
          await tabTo(p.page, ".explore-jump a[href='#cross-tab']", 80, {back: true});
          await p.page.keyboard.press("Enter");
          assert.equal(await focused(p.page), "h2#cross-tab");
          // The two downloads have names of their own, as a screen reader lists the page's buttons.
          const names = await p.page.getByRole("button", {name: /CSV/}).evaluateAll((bs) => bs.map((b) => (b.getAttribute("aria-label") ?? b.textContent ?? "").trim()));
          assert.equal(names.length, 2, JSON.stringify(names));
          assert.equal(new Set(names).size, names.length, `the download buttons' names are distinct: ${JSON.stringify(names)}`);
          assert.deepEqual(p.problems, []);
        } finally {
          await p.close();
        }
      });

      test("every study with response-level data can be explored, and its cross-tab tested", async (t) => {
        requireBrowser();
        const explorable = studiesWithResponses();
        assert.ok(explorable.length >= 4, explorable.map(({id}) => id).join(", "));
        for (const {id, codebook} of explorable)
          await t.test(id, async () => {
            const total = builtTables(id).respondents.total;
            const p = await openExplorer(id);
            try {
              const first = await resultOf(p.page, countQuery(codebook.study.unit ?? "respondents"));
              assert.deepEqual(first.rows, [[String(total)]]);
              assert.ok((await p.page.$$eval(".explore-columns tbody tr", (trs) => trs.length)) > 3, "the public columns are listed");
              const notice = await p.page.$eval(".data-notice", (n) => n.textContent ?? "");
              if (codebook.study.data === "reconstructed") assert.match(notice, /^Reconstructed data\./, "the page says the rows are reconstructed");
              await p.page.waitForSelector(".explore-crosstab[data-state=ok] table.contingency", {timeout: LOADING_TIMEOUT});
              assert.deepEqual(p.problems, []);
            } finally {
              await p.close();
            }
          });
      });
    });
  });
});

// After the site checks (tests in one file run in order): builds share Framework's cache folder.
/** Every file under a folder with its SHA-256 (path → hash). */
function treeOf(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, {recursive: true, withFileTypes: true})
      .filter((d) => d.isFile())
      .map((d) => [relative(dir, join(d.parentPath, d.name)), createHash("sha256").update(readFileSync(join(d.parentPath, d.name))).digest("hex")])
      .sort()
  );
}

describe("a build from invalid raw data", () => {
  let broken: string;
  let lastGood: Record<string, string>;
  let result: {code: number | null; output: string};
  const rawPath = join(DATA, "bendayan-2024", "responses.csv");
  let rawBefore: Buffer;
  before(async () => {
    rawBefore = readFileSync(rawPath);
    broken = mkdtempSync(join(tmpdir(), "broken-data-"));
    cpSync(DATA, broken, {recursive: true});
    // Row 14 of the spreadsheet (line 14 of the file): a sex label the codebook does not know.
    const path = join(broken, "bendayan-2024", "responses.csv");
    const lines = readFileSync(path, "utf8").split("\n");
    assert.match(lines[13], /,Une femme,|,Un homme,/, "line 14 holds a sex answer to break");
    lines[13] = lines[13].replace(/,(Une femme|Un homme),/, ",Femme,");
    writeFileSync(path, lines.join("\n"));
    // The last good site, from the build above: the failed build must leave it exactly as it was.
    for (const file of ["index.html", "studies/bendayan-2024.html", "reproduction/claims.json"]) {
      mkdirSync(dirname(join(broken, "dist", file)), {recursive: true});
      cpSync(join(DIST, file), join(broken, "dist", file));
    }
    lastGood = treeOf(join(broken, "dist"));
    result = await runBuild({SURVEY_DATA_DIR: broken, SURVEY_REPORT_OUTPUT: join(broken, "dist")});
  }, {timeout: BUILD_TIMEOUT});
  after(() => rmSync(broken, {recursive: true, force: true}));

  test("stops with a non-zero exit code and leaves the last good dist/ byte-identical", () => {
    assert.notEqual(result.code, 0, `the build succeeded:\n${result.output.slice(-2000)}`);
    assert.deepEqual(treeOf(join(broken, "dist")), lastGood);
    assert.deepEqual(readdirSync(broken).filter((f) => f.startsWith("dist.")), [], "no temporary folder is left beside it");
  });

  test("ends with the project's own message and what to do, without a stack trace or Framework's bug-report line", () => {
    const last = result.output.trimEnd().split("\n").slice(-3).join("\n");
    assert.match(last, /ValidationError: 1 problem in the raw data:\n {2}\S*bendayan-2024\/responses\.csv, row 14, .*\nTo fix: where the export is right, make the codebook accept it/, result.output.slice(-2000));
    assert.doesNotMatch(result.output, /please file an issue|\n\s+at .+:\d+:\d+/i);
  });

  test("names the file, row, column, value and what was expected", () => {
    assert.match(
      result.output,
      /bendayan-2024\/responses\.csv, row 14, column B "Vous êtes :": "Femme" — expected one of "Une femme", "Un homme"/,
      result.output.slice(-2000)
    );
  });

  test("leaves the raw file as it was", () => {
    assert.ok(readFileSync(rawPath).equals(rawBefore));
  });
});

describe("a build where a claim's printed value no longer matches the data", () => {
  let dir: string;
  let result: {code: number | null; output: string};
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "altered-claim-"));
    cpSync(DATA, dir, {recursive: true});
    const path = join(dir, "bendayan-2024", "claims.yaml");
    const text = readFileSync(path, "utf8");
    const altered = text.replace('id: strength_speed, where: "Results, strengths (Fig 3)", printed: "87.5"', 'id: strength_speed, where: "Results, strengths (Fig 3)", printed: "88.5"');
    assert.notEqual(altered, text, "the claim to alter is in the claims file");
    writeFileSync(path, altered);
    result = await runBuild({SURVEY_DATA_DIR: dir, SURVEY_REPORT_OUTPUT: join(dir, "dist")});
  }, {timeout: BUILD_TIMEOUT});
  after(() => rmSync(dir, {recursive: true, force: true}));

  test("fails, naming the study, the claim, where it is printed, and the printed and computed values", () => {
    assert.notEqual(result.code, 0, `the build succeeded:\n${result.output.slice(-2000)}`);
    assert.match(result.output, /bendayan-2024 claim "strength_speed" \(Results, strengths \(Fig 3\)\): printed 88\.5, computed 87\.49/, result.output.slice(-3000));
  });
});

describe("npm run build's reproduction summary and claims.json", () => {
  test("one summary line per study with claims, and dist/reproduction/claims.json lists every claim", () => {
    const claims = JSON.parse(readFileSync(join(DIST, "reproduction", "claims.json"), "utf8")) as {study: string; id: string; where: string; printed: string; computed: number; verdict: string; note: string | null}[];
    const withClaims = studies().filter((id) => existsSync(join(DATA, id, "claims.yaml")));
    assert.deepEqual([...new Set(claims.map((c) => c.study))].sort(), withClaims.sort());
    for (const c of claims) {
      assert.equal(typeof c.printed, "string");
      assert.ok(["exact", "rounded", "truncated", "inconsistent"].includes(c.verdict), `${c.study}/${c.id}: ${c.verdict}`);
      assert.ok("note" in c && "where" in c && Number.isFinite(c.computed));
    }
    assert.ok(claims.length >= 70, `${claims.length} claims`);
    for (const study of withClaims)
      assert.match(siteBuildOutput, new RegExp(`^  ${study}: \\d+ claims — `, "m"), `no reproduction summary line for ${study}`);
  });
});


// Byte-identical builds: the build above (the work tree's .cache/, perhaps warm) against one more
// from a cold cache into a folder of its own, so the compile step, the figure exports and Framework
// all run again. The same commit and environment: every file the same, dates included (each is the
// build's date, loaders/build-date.ts). SOURCE_DATE_EPOCH's own path is held by the unit tests
// (loaders/build-date.test.ts, loaders/manuscript/write.test.ts).
describe("a second build from a cold cache", () => {
  let dir: string;
  let result: {code: number | null; output: string};
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "second-build-"));
    result = await runBuild({SURVEY_CACHE_DIR: join(dir, "cache"), SURVEY_REPORT_OUTPUT: join(dir, "dist")});
  }, {timeout: BUILD_TIMEOUT});
  after(() => rmSync(dir, {recursive: true, force: true}));

  test("compiles every study again and builds the site", () => {
    assert.equal(result.code, 0, result.output.slice(-3000));
    for (const study of studies()) assert.match(result.output, new RegExp(`^ {2}compiled ${study} `, "m"), `${study} was not compiled again`);
    assert.doesNotMatch(result.output, /Site unchanged/);
  });

  test("writes every file of dist/ byte for byte, and no other", () => {
    const first = treeOf(DIST);
    const second = treeOf(join(dir, "dist"));
    const differing = [...new Set([...Object.keys(first), ...Object.keys(second)])]
      .filter((f) => first[f] !== second[f])
      .map((f) => (!(f in first) ? `${f} (only in the second build)` : !(f in second) ? `${f} (only in the first build)` : f))
      .sort();
    assert.ok(Object.keys(first).length > 100, `${Object.keys(first).length} files in dist/`);
    assert.deepEqual(differing, [], `${differing.length} of ${Object.keys(first).length} files differ`);
  });

  test("the date in the files is the build's: SOURCE_DATE_EPOCH when set, else the last commit's", () => {
    const epoch = process.env.SOURCE_DATE_EPOCH;
    const seconds = epoch ? Number(epoch) : Number(execFileSync("git", ["log", "-1", "--format=%ct"], {cwd: ROOT, encoding: "utf8"}).trim());
    const date = new Date(seconds * 1000);
    const origin = epoch ? "SOURCE_DATE_EPOCH" : "the last commit's date";
    for (const study of ["bendayan-2024", "auanassova-2025"])
      assert.ok(readFileSync(join(DIST, "manuscript", study, "README.txt"), "utf8").includes(`\nBuilt: ${date.toISOString()} (${origin})\n`), `${study}'s README.txt`);
    // Framework's lastModified of each compiled file the pages attach: its mtime, set to the date.
    const html = readFileSync(join(DIST, "index.html"), "utf8");
    // (The pages' scripts are minified: the key unquoted, the number maybe as 1796287939e3.)
    const times = [...html.matchAll(/"?lastModified"?:(\d+(?:e\d+)?)/g)].map((m) => Number(m[1]));
    assert.ok(times.length > 0, "index.html registers files");
    assert.deepEqual([...new Set(times)], [date.getTime()]);
  });
});
