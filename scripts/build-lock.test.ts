// One build at a time: a second build waits for the first, a build beside `npm run dev` stops with
// a message, and a lock left by a killed build is taken over.
import assert from "node:assert/strict";
import {spawnSync} from "node:child_process";
import {existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {delimiter, join} from "node:path";
import {after, describe, test} from "node:test";
import {fileURLToPath} from "node:url";
import {BuildLockError, acquireBuildLock} from "./build-lock.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "build-lock-"));
const holder = (pid: number, kind: string) => JSON.stringify({pid, kind, started: "2026-01-01T00:00:00.000Z"});
/** A pid that was a process and is no more. */
const deadPid = () => spawnSync(process.execPath, ["-e", ""]).pid!;

describe("acquireBuildLock", () => {
  after(() => rmSync(dir, {recursive: true, force: true}));

  test("a second build waits until the first releases the folder, and says why it waits", async () => {
    const path = join(dir, "a.lock");
    const release = await acquireBuildLock(path, {kind: "build", folder: "here", log: () => {}});
    const lines: string[] = [];
    const events: string[] = [];
    const second = acquireBuildLock(path, {kind: "build", folder: "here", pollMs: 20, log: (l) => lines.push(l)}).then((r) => (events.push("second has it"), r));
    await new Promise((r) => setTimeout(r, 200));
    events.push("first releases");
    release();
    (await second)();
    assert.deepEqual(events, ["first releases", "second has it"]);
    assert.match(lines.join("\n"), /^Waiting for the build already running on here \(pid \d+, since .+\) to finish/);
    assert.ok(!existsSync(path), "released: no lock left");
  });

  test("beside a dev server it stops with what to do", async () => {
    const path = join(dir, "b.lock");
    writeFileSync(path, holder(process.pid, "dev"));
    await assert.rejects(acquireBuildLock(path, {kind: "build", folder: "here"}), (e: unknown) => e instanceof BuildLockError && /npm run dev \(pid \d+\) is running on here.*stop it \(Ctrl-C/.test(e.message));
  });

  test("a lock whose process is gone (a killed build) is taken over", async () => {
    const path = join(dir, "c.lock");
    writeFileSync(path, holder(deadPid(), "build"));
    const release = await acquireBuildLock(path, {kind: "build", folder: "here", timeoutMs: 0});
    release();
  });

  test("a build that never finishes: the wait ends with a message", async () => {
    const path = join(dir, "d.lock");
    writeFileSync(path, holder(process.pid, "build"));
    await assert.rejects(acquireBuildLock(path, {kind: "build", folder: "here", timeoutMs: 50, pollMs: 10, log: () => {}}), /did not finish within 0 min: stop it, or wait/);
  });

  test("npm run build's script, beside a running dev server on the same folder, exits 1 with the message and no stack", () => {
    const cache = join(dir, "cache");
    const source = join(dir, "src");
    const lockPath = join(cache, "locks", `${source.replace(/[^\w.-]+/g, "_")}.lock`);
    const bin = join(ROOT, "node_modules", ".bin");
    rmSync(cache, {recursive: true, force: true});
    // The dev server: this test's own (live) process, as the lock file names it.
    mkdirSync(join(cache, "locks"), {recursive: true});
    writeFileSync(lockPath, holder(process.pid, "dev"));
    const r = spawnSync(join(bin, "tsx"), ["scripts/build.ts", "build"], {
      cwd: ROOT,
      encoding: "utf8",
      env: {...process.env, PATH: `${bin}${delimiter}${process.env.PATH}`, SURVEY_CACHE_DIR: cache, SURVEY_SITE_SOURCE: source, SURVEY_REPORT_OUTPUT: join(dir, "dist"), SURVEY_DATA_DIR: join(dir, "data")}
    });
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /npm run dev \(pid \d+\) is running on .*: stop it \(Ctrl-C in its terminal\) and run this again\./);
    assert.doesNotMatch(r.stdout + r.stderr, /\n\s+at .+:\d+:\d+|Compiling studies/);
    assert.ok(existsSync(lockPath), "the dev server's lock is left to it");
  });
});
