// What a page costs a reader before it shows anything: the requests and bytes a fresh browser
// context makes before the page's first figure is on screen, raw (as a server without compression
// sends them) and as a static host's gzip and brotli would send them, and the time to that figure.
// Shared by the bench (scripts/bench.ts, "pages") and the site test (test/site.test.ts), which fails
// a study page above PAGE_BUDGET: bytes are deterministic, times are not.
import {createHash} from "node:crypto";
import {readdirSync} from "node:fs";
import {get} from "node:http";
import {join} from "node:path";
import {brotliCompressSync, constants, gzipSync} from "node:zlib";
import type {Browser, Request} from "playwright-core";

/** Issue 15: a study page shows its first figure after at most 500 KB (1 KB = 1,000 bytes). */
export const PAGE_BUDGET = 500_000;
/** Issue 15: the explorer's first answer within 3 s of page load. */
export const EXPLORER_FIRST_ANSWER_MS = 3000;

/**
 * What "the first figure" is on a page: a chart (every chart is an <svg role=img>, describe.js; or
 * an svg in a <figure>) drawn with a size; on the reproduction check, which has no chart, the first
 * claims table; on the explorer, its first answer (the query result).
 */
export function firstFigureSelector(path: string): string {
  if (path.startsWith("/explore")) return ".explore-result[data-state=ok]";
  if (path.startsWith("/reproduction")) return "table.claims-table tbody tr";
  return "figure svg, svg[role=img]";
}

/** The pages the bench measures, as addresses a plain static server answers: every study page, /compare, /reproduction, /explore. */
export function measuredPages(dist: string): string[] {
  const studies = readdirSync(join(dist, "studies")).filter((f) => f.endsWith(".html")).sort().map((f) => `/studies/${f}`);
  return [...studies, "/compare.html", "/reproduction.html", "/explore.html"];
}

export interface FileLoad {
  /** Path on the site, with its query. */
  url: string;
  /** Response body bytes as sent (the server compresses nothing). */
  bytes: number;
  gzip: number;
  brotli: number;
}

export interface PageLoad {
  path: string;
  /** Requests started before the first figure was on screen (the page itself included). */
  requests: number;
  /** Their response bodies, raw; HTTP headers (about 0.2 KB a request) are not counted. */
  bytes: number;
  gzip: number;
  brotli: number;
  /** From navigation start to the first figure on screen. */
  ms: number;
  /** Largest first. */
  files: FileLoad[];
}

/** A GET on a connection of its own (a kept-alive one may have been closed by the server meanwhile). */
function download(url: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    get(url, {agent: false}, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c)).on("end", () => resolve(Buffer.concat(chunks))).on("error", reject);
    }).on("error", reject);
  });
}

const compressed = new Map<string, {gzip: number; brotli: number}>();
/** gzip -6 and brotli -11 (what a host precompressing its files uses), each body compressed once per process. */
function compressedSizes(body: Buffer): {gzip: number; brotli: number} {
  const key = createHash("sha256").update(body).digest("hex");
  let sizes = compressed.get(key);
  if (!sizes) {
    sizes = {
      gzip: gzipSync(body, {level: 6}).length,
      brotli: brotliCompressSync(body, {params: {[constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length}}).length
    };
    compressed.set(key, sizes);
  }
  return sizes;
}

/**
 * Opens `path` (e.g. "/studies/x.html") in a fresh context (empty cache) and waits for its first
 * figure; then for every request started before that moment to finish, and counts them. Requests a
 * dedicated worker makes (DuckDB-Wasm's) are the context's too, and count. `origin` must serve
 * files without compression (serveDirectory does), as the bodies are fetched again to be measured.
 */
export async function loadUntilFirstFigure(browser: Browser, origin: string, path: string, {timeout = 120_000, width = 1280} = {}): Promise<PageLoad> {
  const context = await browser.newContext({viewport: {width, height: 900}});
  try {
    const started: {request: Request; at: number}[] = [];
    const ends = new Map<Request, () => void>();
    const done = new Map<Request, Promise<void>>();
    context.on("request", (request) => {
      started.push({request, at: Date.now()});
      done.set(request, new Promise<void>((resolve) => ends.set(request, resolve)));
    });
    const end = (request: Request) => ends.get(request)?.();
    context.on("requestfinished", end);
    context.on("requestfailed", end);
    const page = await context.newPage();
    await page.goto(`${origin}${path}`, {waitUntil: "commit", timeout});
    const selector = firstFigureSelector(path);
    // The moment, in the page's clock (ms since navigation start) and as a wall-clock time.
    const handle = await page.waitForFunction(
      (selector) => {
        const shown = [...document.querySelectorAll(selector)].some((e) => {
          const box = e.getBoundingClientRect();
          return box.width > 0 && box.height > 0;
        });
        return shown ? {ms: performance.now(), epoch: performance.timeOrigin + performance.now()} : false;
      },
      selector,
      {timeout, polling: "raf"}
    );
    const {ms, epoch} = (await handle.jsonValue()) as {ms: number; epoch: number};
    // A request counts when the browser started it before the figure was on screen (its own
    // timing; the Node-side time of the event only when the browser gives none).
    const before = started.filter(({request, at}) => {
      const start = request.timing().startTime;
      return (start > 0 ? start : at) <= epoch;
    });
    await Promise.all(before.map(({request}) => done.get(request)));
    const files: FileLoad[] = [];
    for (const {request} of before) {
      const url = new URL(request.url());
      // blob: and data: addresses are made in the page (DuckDB's worker script): nothing is sent.
      if (url.protocol === "blob:" || url.protocol === "data:") continue;
      // The body again from the server, which sends each file as it is: the browser may not keep
      // one it compiled while it streamed in (DuckDB's .wasm).
      const body = await download(request.url());
      files.push({url: url.origin === origin ? url.pathname + url.search : request.url(), bytes: body.length, ...compressedSizes(body)});
    }
    files.sort((a, b) => b.bytes - a.bytes);
    const sum = (k: "bytes" | "gzip" | "brotli") => files.reduce((s, f) => s + f[k], 0);
    return {path, requests: files.length, bytes: sum("bytes"), gzip: sum("gzip"), brotli: sum("brotli"), ms, files};
  } finally {
    await context.close();
  }
}

/** "1,085 KB" (1 KB = 1,000 bytes, as PAGE_BUDGET). */
export const kb = (bytes: number) => `${Math.round(bytes / 1000).toLocaleString("en-US")} KB`;
