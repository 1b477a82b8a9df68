// One build at a time on a project folder: `npm run build` and `npm run dev` write the same
// src/data/ and swap the same dist/, so a second one started beside the first waits for it (a build)
// or stops with a message (a dev server, which never ends by itself). The lock is a file holding
// the holder's pid and kind, made with O_EXCL; a holder that died (killed, crashed) leaves a file
// whose pid is gone, which the next build takes over.
import {mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync} from "node:fs";
import {dirname} from "node:path";
import {setTimeout as sleep} from "node:timers/promises";

export type LockKind = "build" | "dev";
interface Holder {pid: number; kind: LockKind; started: string}

/** A second build or dev server that cannot go on: says who holds the folder and what to do. */
export class BuildLockError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BuildLockError";
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

function holderOf(path: string): Holder | null {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as Holder;
  } catch {
    return null; // gone, or being written: try again
  }
}

/**
 * Takes the lock at `path` for `kind`, waiting (up to `timeoutMs`) while another build holds it;
 * returns the function that releases it (also run when the process exits).
 */
export async function acquireBuildLock(path: string, {kind, folder, timeoutMs = 30 * 60_000, pollMs = 250, log = (line: string) => console.log(line)}: {kind: LockKind; folder: string; timeoutMs?: number; pollMs?: number; log?: (line: string) => void}): Promise<() => void> {
  mkdirSync(dirname(path), {recursive: true});
  const started = Date.now();
  let told = false;
  for (;;) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, JSON.stringify({pid: process.pid, kind, started: new Date().toISOString()} satisfies Holder));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        if (holderOf(path)?.pid === process.pid) rmSync(path, {force: true});
      };
      process.once("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = holderOf(path);
    if (holder && !alive(holder.pid)) {
      // Its process is gone (killed mid-build): the folder is free; its half-built output is
      // removed by the build (removeAbandoned), the last good dist/ untouched.
      rmSync(path, {force: true});
      continue;
    }
    if (holder?.kind === "dev")
      throw new BuildLockError(`npm run dev (pid ${holder.pid}) is running on ${folder}, and writes the same files: stop it (Ctrl-C in its terminal) and run this again.`);
    if (holder && !told) {
      log(`Waiting for the ${holder.kind} already running on ${folder} (pid ${holder.pid}, since ${holder.started}) to finish: one build at a time writes src/data/ and dist/.`);
      told = true;
    }
    if (Date.now() - started > timeoutMs)
      throw new BuildLockError(`The ${holder?.kind ?? "build"} running on ${folder} (pid ${holder?.pid ?? "?"}) did not finish within ${Math.round(timeoutMs / 60_000)} min: stop it, or wait and run this again.`);
    await sleep(pollMs);
  }
}
