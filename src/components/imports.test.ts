// The page modules in src/components/ import their siblings as "./name.js": Framework serves a .ts
// module under its .js name, and a "./name.ts" import is a 404 in the browser (Node, under tsx,
// would resolve either, so only this check catches it before the site tests do).
import assert from "node:assert/strict";
import {readFileSync, readdirSync} from "node:fs";
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
