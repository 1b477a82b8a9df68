// The bench's "pages" section (issue 15): for every study page, /compare, /reproduction and /explore,
// in a fresh browser context on a server that compresses nothing, the requests and bytes before the
// first figure is on screen, those bytes gzip- and brotli-compressed, and the time to that figure
// (median of LOADS), each against its target and against scripts/bench-pages.before.json (main's
// figures before issue 15's work, written by `npm run bench -- --only=pages --pages-dist=DIR
// --write-pages-baseline` on a build of that commit). The measurement is scripts/page-weight.ts,
// which the site test uses too.
import {existsSync, readFileSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {EXPLORER_FIRST_ANSWER_MS, PAGE_BUDGET, type PageLoad, kb, loadUntilFirstFigure, measuredPages} from "./page-weight.ts";
import {launchChromium, serveDirectory} from "./serve.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const PAGES_BASELINE = join(ROOT, "scripts", "bench-pages.before.json");
const LOADS = 3;

interface Figures {requests: number; bytes: number; gzip: number; brotli: number; ms: number}
interface Baseline {commit: string; measured: string; machine: string; pages: Record<string, Figures>}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x: number) => `${Math.round(x).toLocaleString("en-US")} ms`;
const name = (path: string) => path.replace(/\.html$/, "");
/** A file by what it is: a library by its package (/_npm/d3@7.9.2/8b0ed272.js → d3), else its name; content hashes left out. */
function fileName(url: string): string {
  const unhashed = (file: string) => file.replace(/\?.*$/, "").replace(/\.[0-9a-f]{8}(?=\.\w+$)/, "");
  const library = /^\/_(?:npm|node)\/((?:@[^/]+\/)?[^/@]+)@[^/]+\/(.*)$/.exec(url);
  if (!library) return unhashed(url.replace(/^.*\//, ""));
  const file = unhashed(library[2]);
  return /^(index|[0-9a-f]{8})\.js$/.test(file) || file === "index.js" ? library[1] : `${library[1]}/${file.replace(/^.*\//, "")}`;
}

/** Medians of LOADS fresh loads of each page (loads interleaved across pages, so a busy moment does not land on one page). */
async function measure(dist: string, log: (line: string) => void): Promise<Map<string, Figures & {largest: PageLoad["files"]}>> {
  const site = await serveDirectory(dist, {cleanUrls: false});
  const browser = await launchChromium();
  const loads = new Map<string, PageLoad[]>();
  try {
    const pages = measuredPages(dist);
    for (let i = 0; i < LOADS; i++) {
      for (const path of pages) {
        const load = await loadUntilFirstFigure(browser, site.origin, path);
        loads.set(path, [...(loads.get(path) ?? []), load]);
      }
      log(`  load ${i + 1} of ${LOADS} of ${pages.length} pages done`);
    }
  } finally {
    await browser.close();
    await site.close();
  }
  return new Map(
    [...loads].map(([path, runs]) => {
      const m = (k: keyof Figures) => median(runs.map((r) => r[k]));
      return [path, {requests: m("requests"), bytes: m("bytes"), gzip: m("gzip"), brotli: m("brotli"), ms: Math.round(m("ms")), largest: runs[0].files.slice(0, 3)}];
    })
  );
}

/**
 * Measures `dist` and returns the section's lines (also printed). `writeBaseline`: the figures are
 * main's, before the work; they are written to PAGES_BASELINE instead of compared with it.
 */
export async function benchPages({dist, commit, machine, writeBaseline = false}: {dist: string; commit: string; machine: string; writeBaseline?: boolean}): Promise<string[]> {
  console.log(`\nPages: ${LOADS} fresh loads of each page of ${dist} …`);
  const figures = await measure(dist, console.log);
  if (writeBaseline) {
    const baseline: Baseline = {commit, measured: new Date().toISOString().slice(0, 10), machine, pages: Object.fromEntries([...figures].map(([p, {largest: _, ...f}]) => [name(p), f]))};
    writeFileSync(PAGES_BASELINE, JSON.stringify(baseline, null, 2) + "\n");
    console.log(`written: ${PAGES_BASELINE}`);
  }
  const before: Baseline | null = !writeBaseline && existsSync(PAGES_BASELINE) ? JSON.parse(readFileSync(PAGES_BASELINE, "utf8")) : null;
  const lines = [
    "",
    `Each page opened ${LOADS} times in a fresh Chromium context (empty cache), served from dist/ by a server that compresses nothing; medians.`,
    "Requests and bytes: those the page started before its first figure was on screen (a chart; the reproduction check's first claims table;",
    "the explorer's first answer), response bodies only; gzip -6 and brotli -11 are those bodies as a host compressing them would send them.",
    `Targets (issue 15): every study page ≤ ${kb(PAGE_BUDGET)} raw before its first figure, no slower to draw it than before; the explorer's first answer ≤ ${ms(EXPLORER_FIRST_ANSWER_MS)}.`,
    "Bytes are exact (the same build gives the same bytes); times depend on how busy the machine is, and the bench machine is shared: indications.",
    ...(before ? [`"Before": scripts/bench-pages.before.json, main at ${before.commit} measured ${before.measured} on ${before.machine}.`] : []),
    "",
    "| page | requests | raw | target | gzip | brotli | first figure | target | before: requests, raw, first figure | largest files |",
    "|---|---:|---:|---|---:|---:|---:|---|---|---|"
  ];
  for (const [path, f] of figures) {
    const page = name(path);
    const explorer = page === "/explore";
    const bytesTarget = explorer ? "—" : `${kb(PAGE_BUDGET)}: ${f.bytes <= PAGE_BUDGET ? "met" : `missed (${(f.bytes / PAGE_BUDGET).toFixed(2)}×)`}`;
    const b = before?.pages[page];
    const timeTarget = explorer
      ? `${ms(EXPLORER_FIRST_ANSWER_MS)}: ${f.ms <= EXPLORER_FIRST_ANSWER_MS ? "met" : `missed (${(f.ms / EXPLORER_FIRST_ANSWER_MS).toFixed(2)}×)`}`
      : b ? `≤ before: ${(f.ms / b.ms).toFixed(2)}× it` : "—";
    const was = b ? `${b.requests}, ${kb(b.bytes)}, ${ms(b.ms)}` : "—";
    const largest = f.largest.map((l) => `${fileName(l.url)} ${kb(l.bytes)}`).join(", ");
    lines.push(`| ${page} | ${f.requests} | ${kb(f.bytes)} | ${bytesTarget} | ${kb(f.gzip)} | ${kb(f.brotli)} | ${ms(f.ms)} | ${timeTarget} | ${was} | ${largest} |`);
  }
  for (const l of lines) console.log(l);
  return lines;
}
