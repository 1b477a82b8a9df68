// The build's content-addressed cache: an output is reused only while the hash of everything that
// made it is unchanged — its input files, the source of every project module that computes it
// (found by walking the import graph with esbuild, not from a hand-kept list), the lockfile (which
// pins every library) and Node's version. Entries live under .cache/<kind>/<name>/<hash>/, each
// written to a temporary folder and renamed into place, so a half-written entry is never reused.
import {createHash} from "node:crypto";
import {existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync} from "node:fs";
import {dirname, join, relative} from "node:path";
import {build} from "esbuild";
import {ROOT} from "./codebook.ts";

/** Where cache entries live. SURVEY_CACHE_DIR points elsewhere (tests use a fresh one). */
export const CACHE_DIR = process.env.SURVEY_CACHE_DIR || join(ROOT, ".cache");
/** Entries kept per name: the newest few, so switching an input back and forth stays cheap. */
const KEEP = 3;

const moduleGraphs = new Map<string, Promise<string[]>>();

/**
 * The project's own files that `entries` import, directly or not (absolute paths, sorted): the
 * entries themselves, TypeScript and JavaScript modules, and imported JSON such as the schemas.
 * Packages from node_modules are left out (the lockfile stands for them).
 */
export function moduleGraph(...entries: string[]): Promise<string[]> {
  const key = entries.join("\n");
  if (!moduleGraphs.has(key)) {
    moduleGraphs.set(
      key,
      build({entryPoints: entries, absWorkingDir: ROOT, bundle: true, write: false, metafile: true, platform: "node", format: "esm", packages: "external", logLevel: "silent", outdir: "out"}).then(
        ({metafile}) => Object.keys(metafile!.inputs).map((p) => join(ROOT, p)).filter((p) => !relative(ROOT, p).startsWith("node_modules")).sort()
      )
    );
  }
  return moduleGraphs.get(key)!;
}

/** Every file under `dir` (recursively, sorted), or none when it does not exist. */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, {recursive: true, withFileTypes: true})
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name))
    .sort();
}

/**
 * One hash of files (by path relative to the project, and content) and any extra strings.
 * The lockfile and Node's version are always part of it.
 */
export function hashInputs(files: readonly string[], extra: readonly string[] = []): string {
  const hash = createHash("sha256");
  const lockfile = join(ROOT, "package-lock.json");
  for (const file of [...new Set([...files, lockfile])].sort()) {
    hash.update(`${relative(ROOT, file)}\0`);
    hash.update(existsSync(file) ? readFileSync(file) : "(missing)");
    hash.update("\0");
  }
  hash.update(`node ${process.version}\0`);
  for (const s of extra) hash.update(`${s}\0`);
  return hash.digest("hex");
}

/** The folder of a cache entry. */
export const entryDir = (kind: string, name: string, hash: string) => join(CACHE_DIR, kind, name, hash);

/** The files of a complete cache entry (name → bytes), or null when there is none. */
export function readEntry(kind: string, name: string, hash: string): Map<string, Buffer> | null {
  const dir = entryDir(kind, name, hash);
  if (!existsSync(join(dir, ".complete"))) return null;
  return new Map(filesUnder(dir).filter((f) => !f.endsWith(".complete")).map((f) => [relative(dir, f), readFileSync(f)]));
}

/** Stores files (name → content) as the entry for `hash`, and drops all but the newest entries of `name`. */
export function writeEntry(kind: string, name: string, hash: string, files: Map<string, Buffer | string>): void {
  const dir = entryDir(kind, name, hash);
  const temporary = `${dir}.tmp-${process.pid}`;
  rmSync(temporary, {recursive: true, force: true});
  for (const [file, content] of files) {
    mkdirSync(dirname(join(temporary, file)), {recursive: true});
    writeFileSync(join(temporary, file), content);
  }
  writeFileSync(join(temporary, ".complete"), "");
  rmSync(dir, {recursive: true, force: true});
  renameSync(temporary, dir);
  const parent = dirname(dir);
  const entries = readdirSync(parent)
    .filter((e) => !e.includes(".tmp-"))
    .map((e) => ({e, time: statSync(join(parent, e)).mtimeMs}))
    .sort((a, b) => b.time - a.time);
  for (const {e} of entries.slice(KEEP)) rmSync(join(parent, e), {recursive: true, force: true});
}

/**
 * Makes `dir` hold exactly `files` (name → content): writes only what differs, so an unchanged
 * file keeps its modification time (Framework's preview reloads a page only when its data changed),
 * and removes what is no longer there.
 */
export function syncFolder(dir: string, files: Map<string, Buffer | string>): void {
  const wanted = new Set([...files.keys()].map((f) => join(dir, f)));
  for (const old of filesUnder(dir)) if (!wanted.has(old)) rmSync(old);
  for (const [file, content] of files) writeIfChanged(join(dir, file), content);
}

/** Writes a file unless it already holds exactly this content (its modification time then stays). */
export function writeIfChanged(path: string, content: Buffer | string): void {
  const bytes = typeof content === "string" ? Buffer.from(content) : content;
  if (existsSync(path) && readFileSync(path).equals(bytes)) return;
  mkdirSync(dirname(path), {recursive: true});
  writeFileSync(path, bytes);
}
