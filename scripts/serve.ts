// Serving the built site on 127.0.0.1 and opening Debian's Chromium: shared by the site tests
// (test/site.test.ts) and the bench (scripts/bench.ts).
import {existsSync, statSync} from "node:fs";
import {type ServerResponse, createServer} from "node:http";
import type {AddressInfo} from "node:net";
import {join, normalize, resolve as resolvePath, sep} from "node:path";
import {type Browser, chromium} from "playwright-core";
import sirv from "sirv";

export const CHROMIUM = "/usr/bin/chromium";

/**
 * Serves `dir` on a free port of 127.0.0.1. By default as a host with clean URLs does (/a → a.html);
 * with `cleanUrls: false` as a plain static server does (python3 -m http.server, which the README
 * suggests): a path is a file, or a folder's index.html (a folder without its trailing slash is
 * redirected to it), and nothing else, so /a is a 404 when only a.html exists.
 */
export async function serveDirectory(dir: string, {cleanUrls = true}: {cleanUrls?: boolean} = {}): Promise<{origin: string; close: () => Promise<void>}> {
  const serve = sirv(dir, {extensions: ["html"], dev: true, etag: false});
  const notFound = (res: ServerResponse) => {
    res.statusCode = 404;
    res.end("not found");
  };
  const server = createServer((req, res) => {
    if (!cleanUrls) {
      // Decide here which file the path names, as a plain server would; sirv then sends that file
      // (its exact path is the first it tries, so it adds no extension to it).
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      let path: string;
      try {
        path = decodeURIComponent(url.pathname);
      } catch {
        return notFound(res);
      }
      const root = resolvePath(dir);
      const file = join(root, normalize(path));
      if (file !== root && !file.startsWith(root + sep)) return notFound(res);
      if (existsSync(file) && statSync(file).isDirectory()) {
        if (!path.endsWith("/")) {
          res.writeHead(301, {Location: `${url.pathname}/${url.search}`});
          return res.end();
        }
        if (!existsSync(join(file, "index.html"))) return notFound(res);
        req.url = `${url.pathname}index.html${url.search}`;
      } else if (!existsSync(file)) return notFound(res);
    }
    serve(req, res, () => notFound(res));
  });
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
