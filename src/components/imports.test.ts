// The page modules in src/components/ import their siblings as "./name.js": Framework serves a .ts
// module under its .js name, and a "./name.ts" import is a 404 in the browser (Node, under tsx,
// would resolve either, so only this check catches it before the site tests do).
import assert from "node:assert/strict";
import {readFileSync, readdirSync} from "node:fs";
import {relative, sep} from "node:path";
import {fileURLToPath} from "node:url";
import {HUBS, hubExports} from "../../scripts/framework-offline.ts";
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

// In the browser a bare import of a hub's package is the bundle of the hub's names only
// (scripts/framework-offline.ts): a module importing such a package directly would get those alone.
test("pages and their modules import Plot, d3 and @stdlib only through their hubs (plot.js, stdlib.ts)", () => {
  const src = new URL("../", import.meta.url);
  const hubs = new Set(HUBS.map((h) => relative(fileURLToPath(src), h).split(sep).join("/")));
  const packages = new Set(HUBS.flatMap((h) => hubExports(h).map((p) => p.name)));
  assert.ok(packages.has("@observablehq/plot") && packages.has("d3") && packages.has("@stdlib/math-base-special-betainc"), [...packages].join(", "));
  const files = (readdirSync(src, {recursive: true}) as string[]).map((f) => f.split(sep).join("/")).filter((f) => /\.(js|ts|md)$/.test(f) && !f.endsWith(".test.ts") && !f.startsWith(".observablehq") && !f.startsWith("data/") && !hubs.has(f));
  assert.ok(files.includes("components/bars.js") && files.includes("components/stats.ts") && files.some((f) => f.endsWith(".md")), "the check looks at the modules and pages");
  const bare = files.flatMap((f) =>
    [...readFileSync(new URL(f, src), "utf8").matchAll(/(?:from|import\()\s*"([^"]+)"/g)].filter((m) => packages.has(m[1])).map((m) => `${f}: ${m[1]}`)
  );
  assert.deepEqual(bare, []);
});
