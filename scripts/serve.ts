// Serving the built site on 127.0.0.1 and opening Debian's Chromium: shared by the site tests
// (test/site.test.ts) and the bench (scripts/bench.ts).
import {createServer} from "node:http";
import type {AddressInfo} from "node:net";
import {type Browser, chromium} from "playwright-core";
import sirv from "sirv";

export const CHROMIUM = "/usr/bin/chromium";

/** Serves `dir` as a static host does (clean URLs: /a → a.html) on a free port of 127.0.0.1. */
export async function serveDirectory(dir: string): Promise<{origin: string; close: () => Promise<void>}> {
  const serve = sirv(dir, {extensions: ["html"], dev: true, etag: false});
  const server = createServer((req, res) =>
    serve(req, res, () => {
      res.statusCode = 404;
      res.end("not found");
    })
  );
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  };
}

/** Headless Chromium with nothing that reaches out on its own (updates, sync, QUIC probes). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
  });
}
