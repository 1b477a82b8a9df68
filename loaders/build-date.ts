// The build's one date. Every date a built file carries — the manuscript index's "Built:", each PDF's
// CreationDate (and its /ID, which pdfkit hashes from it), the DOCX and XLSX core properties and zip
// entry times, and the lastModified Framework writes into the pages for each compiled file — is this
// one, so that two builds of one commit are byte-identical
// (https://reproducible-builds.org/specs/source-date-epoch/):
//   1. SOURCE_DATE_EPOCH, when set (whole seconds since 1970-01-01 UTC; a bad value stops the build);
//   2. else the last commit's date (`git log -1 --format=%ct`);
//   3. else (no git, not a checkout, no commit yet) FALLBACK_EPOCH, a fixed date.
// File modification times are not used as a fallback: a fresh copy or checkout gives them anew.
import {spawnSync} from "node:child_process";
import {existsSync, readdirSync, utimesSync} from "node:fs";
import {join} from "node:path";
import {fileURLToPath} from "node:url";

// Not codebook.ts's ROOT: this module is in the manuscript exporter's import graph, which keys the
// figure cache, and codebook.ts would bring the codebook reader into that key.
const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** 1980-01-01T00:00:00Z: without a commit, the date of every build (also the earliest a zip entry can hold). */
export const FALLBACK_EPOCH = 315532800;
/** 9999-12-31T23:59:59Z: the last second an ISO 8601 date (and so the index's "Built:") can write with four digits. */
const LATEST_EPOCH = 253402300799;

/** A SOURCE_DATE_EPOCH that is not a date: says what it holds and what it should. */
export class BuildDateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BuildDateError";
  }
}

export type BuildDateSource = "SOURCE_DATE_EPOCH" | "commit" | "fallback";

export interface BuildDate {
  date: Date;
  source: BuildDateSource;
  /** Where the date comes from, in words, for the manuscript index. */
  origin: string;
}

/** SOURCE_DATE_EPOCH's value as a date: ASCII digits only, as the specification says. Throws BuildDateError. */
export function parseEpoch(value: string): Date {
  const shown = JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  const toDo = "Set it to a whole number of seconds since 1970-01-01 UTC (the last commit's is `git log -1 --format=%ct`), or unset it to date the build by the last commit.";
  if (!/^[0-9]+$/.test(value)) throw new BuildDateError(`SOURCE_DATE_EPOCH is ${shown}, not a whole number of seconds. ${toDo}`);
  const seconds = Number(value);
  if (seconds > LATEST_EPOCH) throw new BuildDateError(`SOURCE_DATE_EPOCH is ${shown}: after the year 9999. ${toDo}`);
  return new Date(seconds * 1000);
}

/** The last commit's date in `cwd`, or null when git is missing, `cwd` is not a checkout, or it has no commit. */
export function commitDate({cwd = ROOT, git = "git"} = {}): Date | null {
  const r = spawnSync(git, ["log", "-1", "--format=%ct"], {cwd, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"]});
  const seconds = r.status === 0 ? r.stdout.trim() : "";
  return /^[0-9]+$/.test(seconds) ? new Date(Number(seconds) * 1000) : null;
}

/**
 * The build's date (see the top of this file). An empty SOURCE_DATE_EPOCH counts as unset (as
 * `SOURCE_DATE_EPOCH= npm run build` means). Not cached: each call reads the environment and git
 * again (a few milliseconds), so a test can change either.
 */
export function buildDate({env = process.env, cwd = ROOT, git = "git"}: {env?: NodeJS.ProcessEnv; cwd?: string; git?: string} = {}): BuildDate {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== "") return {date: parseEpoch(epoch), source: "SOURCE_DATE_EPOCH", origin: "SOURCE_DATE_EPOCH"};
  const commit = commitDate({cwd, git});
  if (commit) return {date: commit, source: "commit", origin: "the last commit's date"};
  return {date: new Date(FALLBACK_EPOCH * 1000), source: "fallback", origin: "no git commit found: a fixed date"};
}

/**
 * Sets the modification time of every file under each folder to `date`. Framework's build writes
 * each attached file's mtime into the page (`lastModified`), and the compile step's files are new
 * in a clean build: stamped, they give every build of one commit the same pages. (`npm run dev` does
 * not stamp: Framework's preview notices a changed file by its mtime.)
 */
export function setFileTimes(dirs: string[], date: Date): number {
  let count = 0;
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const e of readdirSync(dir, {recursive: true, withFileTypes: true})) {
      if (!e.isFile()) continue;
      utimesSync(join(e.parentPath, e.name), date, date);
      count++;
    }
  }
  return count;
}
