// `npm run dev`: the live preview follows the data. Framework's preview serves the pages and
// reloads one when a file it reads changes; this script keeps those files true:
//   - it compiles every study at start and again whenever something under data/, loaders/,
//     src/components/, src/figures/ or schema/ changes. Each compile runs in a fresh process
//     (`build.ts compile`), so an edited pipeline module is the one that runs, and the cache reuses
//     every study whose inputs did not change. An invalid edit replaces that study's data with its
//     validation error, which its page shows (src/components/compiled.js).
//   - Framework's preview has no way to serve files it did not build, so a small proxy in front of
//     it serves the manuscript files (written to .cache/dev/manuscript/) and passes everything
//     else, the preview's live-reload socket included, to Framework.
import {type ChildProcess, spawn} from "node:child_process";
import {createReadStream, existsSync, readFileSync, statSync, utimesSync, watch} from "node:fs";
import {createServer, request} from "node:http";
import {connect} from "node:net";
import {extname, join, normalize} from "node:path";
import {parseArgs} from "node:util";
import {CACHE_DIR} from "../loaders/cache.ts";
import {ROOT} from "../loaders/codebook.ts";
import {amendPage} from "./framework-html.ts";
import {ensureNpmCache} from "./framework-offline.ts";

const WATCHED = ["data", "loaders", join("src", "components"), join("src", "figures"), "schema"];
export const DEV_OUTPUT = join(CACHE_DIR, "dev");
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8", ".txt": "text/plain; charset=utf-8", ".csv": "text/csv; charset=utf-8",
  ".svg": "image/svg+xml", ".pdf": "application/pdf", ".png": "image/png", ".tiff": "image/tiff",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
};

/** One compile (and the manuscript files, unless not wanted) in a fresh process; resolves with its exit code. */
function compileOnce({manuscript = true} = {}): Promise<number> {
  return new Promise((resolve) => {
    const args = [join(ROOT, "scripts", "build.ts"), "compile", ...(manuscript ? [`--manuscript=${DEV_OUTPUT}`] : [])];
    const child = spawn(process.execPath, ["--import", "tsx", ...args], {cwd: ROOT, stdio: "inherit"});
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

/**
 * The sidebar and the generated pages' list are read by observablehq.config.ts from
 * src/data/studies.json, and the preview imports the config again only when its modification time
 * changes: after a compile that changed the list of studies (not to an error), it is touched.
 */
const STUDIES = join(ROOT, "src", "data", "studies.json");
const studyList = () => {
  try {
    const cards = JSON.parse(readFileSync(STUDIES, "utf8"));
    return Array.isArray(cards) ? JSON.stringify(cards.map(({id, name, data, page}) => [id, name, data, page])) : null;
  } catch {
    return null;
  }
};
async function compileAndList(options?: {manuscript?: boolean}): Promise<void> {
  const before = studyList();
  await compileOnce(options);
  const after = studyList();
  if (after !== null && after !== before) {
    const now = new Date();
    utimesSync(join(ROOT, "observablehq.config.ts"), now, now);
  }
}

/** Serves /manuscript/… from the dev output; passes every other request to Framework's preview. */
function proxy(port: number, upstream: number) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    if (path.startsWith("/manuscript/")) {
      let file = join(DEV_OUTPUT, normalize(path).replace(/^(\.\.[/\\])+/, ""));
      if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
      if (!existsSync(join(DEV_OUTPUT, "manuscript")) || !file.startsWith(join(DEV_OUTPUT, "manuscript")) || !existsSync(file)) {
        res.writeHead(404, {"content-type": "text/plain; charset=utf-8"}).end("Not written yet: the manuscript files appear after the first compile.");
        return;
      }
      res.writeHead(200, {"content-type": TYPES[extname(file)] ?? "application/octet-stream"});
      createReadStream(file).pipe(res);
      return;
    }
    // Pages are amended as the build amends them (scripts/framework-html.ts), so they are asked for
    // uncompressed and whole (no 304 to a page cached before the amendment).
    const {"accept-encoding": _encoding, "if-none-match": _etag, "if-modified-since": _since, ...headers} = req.headers;
    const forward = request({host: "127.0.0.1", port: upstream, path: req.url, method: req.method, headers}, (answer) => {
      if (!/^text\/html/.test(answer.headers["content-type"] ?? "")) {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        return;
      }
      const chunks: Buffer[] = [];
      answer.on("data", (chunk: Buffer) => chunks.push(chunk));
      answer.on("end", () => {
        let html = Buffer.concat(chunks).toString("utf8");
        try {
          html = amendPage(html, req.url);
        } catch (error) {
          // A page the preview wrote otherwise (its own error page): shown as it is, and said why.
          console.error((error as Error).message);
        }
        const page = Buffer.from(html);
        const {"content-length": _length, etag: _tag, ...rest} = answer.headers;
        res.writeHead(answer.statusCode ?? 502, {...rest, "content-length": page.length});
        res.end(page);
      });
    });
    forward.on("error", () => res.writeHead(502).end("Framework's preview is not answering yet; reload in a moment."));
    req.pipe(forward);
  });
  // The live-reload WebSocket: pass the upgrade request and both directions through as bytes.
  server.on("upgrade", (req, socket, head) => {
    const target = connect(upstream, "127.0.0.1", () => {
      target.write(`${req.method} ${req.url} HTTP/${req.httpVersion}\r\n${Object.entries(req.headers).map(([k, v]) => `${k}: ${v}`).join("\r\n")}\r\n\r\n`);
      target.write(head);
      socket.pipe(target).pipe(socket);
    });
    target.on("error", () => socket.destroy());
    socket.on("error", () => target.destroy());
  });
  server.listen(port, "127.0.0.1");
  return server;
}

export async function dev(args: string[]): Promise<void> {
  const {values} = parseArgs({args, options: {port: {type: "string", default: "3000"}}, strict: false});
  const port = Number(values.port);
  const upstream = port + 1;
  // The pages first; the manuscript files (slow the first time) once the preview is up.
  await compileOnce({manuscript: false});
  await ensureNpmCache();
  const preview: ChildProcess = spawn(join(ROOT, "node_modules", ".bin", "observable"), ["preview", "--port", String(upstream), "--no-open"], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
    env: {...process.env, OBSERVABLE_TELEMETRY_DISABLE: "true"}
  });
  const server = proxy(port, upstream);
  console.log(`Preview at http://127.0.0.1:${port}/ — edits to data/ and the pipeline recompile; Ctrl-C stops.`);

  // Changes arrive in bursts (an editor writes several files): compile once they settle, and
  // again if more arrived while compiling.
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      if (running) return void (again = true);
      running = true;
      do {
        again = false;
        console.log("Compiling…");
        await compileAndList();
        // A hub edited (src/components/plot.js, stdlib.ts): the browser's bundle of it again.
        await ensureNpmCache().catch((error) => console.error(String(error)));
      } while (again);
      running = false;
    }, 200);
  };
  changed();
  const watchers = WATCHED.filter((dir) => existsSync(join(ROOT, dir))).map((dir) => watch(join(ROOT, dir), {recursive: true}, changed));
  const stop = () => {
    for (const w of watchers) w.close();
    server.close();
    preview.kill();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  preview.on("exit", (code) => {
    console.error(`Framework's preview stopped (exit code ${code}).`);
    stop();
  });
}
