// The page modules in src/components/ import their siblings as "./name.js": Framework serves a .ts
// module under its .js name, and a "./name.ts" import is a 404 in the browser (Node, under tsx,
// would resolve either, so only this check catches it before the site tests do).
import assert from "node:assert/strict";
import {readFileSync, readdirSync} from "node:fs";
import {sep} from "node:path";
import {test} from "node:test";

test("src/components modules import siblings as .js, never .ts", () => {
  const dir = new URL(".", import.meta.url);
  const modules = readdirSync(dir).filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith(".test.ts"));
  assert.ok(modules.includes("stats.ts"), "the check looks at the modules");
  const bad = modules.flatMap((f) =>
    [...readFileSync(new URL(f, dir), "utf8").matchAll(/(?:import|export)\s[^;]*?from\s+"(\.\/[^"]+\.ts)"/g)].map((m) => `${f}: ${m[1]}`)
  );
  assert.deepEqual(bad, []);
});

// In the browser a bare "@observablehq/plot" or "d3" is the bundle of plot.js's names only
// (scripts/framework-offline.ts): a module importing either directly would get those names alone.
test("pages and their modules import Plot and d3 only through src/components/plot.js", () => {
  const src = new URL("../", import.meta.url);
  const files = (readdirSync(src, {recursive: true}) as string[]).map((f) => f.split(sep).join("/")).filter((f) => /\.(js|ts|md)$/.test(f) && !f.endsWith(".test.ts") && !f.startsWith(".observablehq") && !f.startsWith("data") && f !== "components/plot.js");
  assert.ok(files.includes("components/bars.js") && files.some((f) => f.endsWith(".md")), "the check looks at the modules and pages");
  const bare = files.flatMap((f) =>
    [...readFileSync(new URL(f, src), "utf8").matchAll(/(?:from|import\()\s*"(d3|@observablehq\/plot)"/g)].map((m) => `${f}: ${m[1]}`)
  );
  assert.deepEqual(bare, []);
});
