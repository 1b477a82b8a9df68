import assert from "node:assert/strict";
import {existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {test} from "node:test";
import {dropUnsupportedBundles} from "./framework-offline.ts";

// Framework's output layout for DuckDB-Wasm, as 1.13.4 writes it (the worker with its hash).
function fakeOutput(files: string[]): {dir: string; dist: string} {
  const dir = mkdtempSync(join(tmpdir(), "offline-"));
  const dist = join(dir, "_npm", "@duckdb", "duckdb-wasm@1.29.0", "dist");
  mkdirSync(dist, {recursive: true});
  for (const f of files) writeFileSync(join(dist, f), "x".repeat(10));
  return {dir, dist};
}

test("dropUnsupportedBundles removes the mvp .wasm and worker, keeps the eh build", () => {
  const {dir, dist} = fakeOutput(["duckdb-mvp.wasm", "duckdb-eh.wasm", "duckdb-browser-mvp.worker.c85d2c10.js", "duckdb-browser-eh.worker.32845a78.js"]);
  try {
    assert.equal(dropUnsupportedBundles(dir), 20);
    assert.ok(!existsSync(join(dist, "duckdb-mvp.wasm")) && !existsSync(join(dist, "duckdb-browser-mvp.worker.c85d2c10.js")));
    assert.ok(existsSync(join(dist, "duckdb-eh.wasm")) && existsSync(join(dist, "duckdb-browser-eh.worker.32845a78.js")));
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
});

test("dropUnsupportedBundles stops the build when DuckDB-Wasm is there but not laid out as expected", () => {
  const {dir} = fakeOutput(["duckdb-eh.wasm", "duckdb-mvp-renamed.wasm"]);
  try {
    assert.throws(() => dropUnsupportedBundles(dir), /layout changed/);
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
});

test("dropUnsupportedBundles leaves a site without DuckDB-Wasm alone", () => {
  const dir = mkdtempSync(join(tmpdir(), "offline-"));
  try {
    assert.equal(dropUnsupportedBundles(dir), 0);
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
});
