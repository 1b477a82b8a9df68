import assert from "node:assert/strict";
import {mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync, existsSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, relative} from "node:path";
import {after, test} from "node:test";

// Cache entries go to a fresh folder (read by cache.ts when it is first imported).
const dir = mkdtempSync(join(tmpdir(), "cache-test-"));
process.env.SURVEY_CACHE_DIR = join(dir, "cache");
const {CACHE_DIR, hashInputs, moduleGraph, readEntry, syncFolder, writeEntry} = await import("./cache.ts");
const {ROOT} = await import("./codebook.ts");
after(() => rmSync(dir, {recursive: true, force: true}));

test("the compile step's module graph holds every project module it reaches, the imported schema, and no package", async () => {
  const graph = (await moduleGraph(join(ROOT, "loaders", "compile.ts"))).map((p) => relative(ROOT, p));
  for (const file of ["loaders/compile.ts", "loaders/validate.ts", "loaders/tables.ts", "src/components/stats.ts", "src/components/sql.ts", "schema/codebook.schema.json"])
    assert.ok(graph.includes(file), `${file} is in the graph: ${graph.join(", ")}`);
  assert.ok(!graph.some((p) => p.startsWith("node_modules") || p.startsWith("..")), "packages are stood for by the lockfile");
  assert.ok(!graph.includes("loaders/cards.ts"), "site-wide modules are not part of a study's compile");
});

test("the hash changes with a file's content and with the extra strings, not with time", () => {
  const file = join(dir, "input.txt");
  writeFileSync(file, "a");
  const first = hashInputs([file]);
  utimesSync(file, new Date(0), new Date(0));
  assert.equal(hashInputs([file]), first, "a touched file with the same content hashes the same");
  writeFileSync(file, "b");
  assert.notEqual(hashInputs([file]), first);
  assert.notEqual(hashInputs([file], ["x"]), hashInputs([file], ["y"]));
});

test("an entry is read back as written; only the newest three of a name are kept", () => {
  for (const hash of ["h1", "h2", "h3", "h4"]) writeEntry("kind", "name", hash, new Map<string, Buffer | string>([["a.json", `{"hash":"${hash}"}`], ["sub/b.bin", Buffer.from([1, 2])]]));
  const entry = readEntry("kind", "name", "h4")!;
  assert.equal(entry.get("a.json")!.toString(), '{"hash":"h4"}');
  assert.deepEqual([...entry.get("sub/b.bin")!], [1, 2]);
  assert.equal(readEntry("kind", "name", "h1"), null, "the oldest entry was dropped");
  assert.equal(readEntry("kind", "name", "missing"), null);
  assert.ok(CACHE_DIR.startsWith(dir));
});

test("syncFolder writes what differs, keeps what is equal untouched, and removes what is gone", () => {
  const folder = join(dir, "site");
  syncFolder(folder, new Map([["same.json", "1"], ["old.json", "x"]]));
  const path = join(folder, "same.json");
  utimesSync(path, new Date(0), new Date(0));
  syncFolder(folder, new Map([["same.json", "1"], ["new.json", "2"]]));
  assert.equal(statSync(path).mtimeMs, 0, "an unchanged file is not rewritten (the preview reloads only what changed)");
  assert.equal(readFileSync(join(folder, "new.json"), "utf8"), "2");
  assert.ok(!existsSync(join(folder, "old.json")));
});
