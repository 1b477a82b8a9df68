// `npm run reconstruct`: runs every study's generator in this folder (each <study>.ts writes
// data/<study>/ and its RECONSTRUCTION.md; seeded, so the same bytes every time).
import {execFileSync} from "node:child_process";
import {readdirSync} from "node:fs";
import {join} from "node:path";
import {fileURLToPath} from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const tsx = join(here, "..", "..", "node_modules", ".bin", "tsx");
const only = process.argv.slice(2);
for (const file of readdirSync(here).sort()) {
  if (!file.endsWith(".ts") || file.endsWith(".test.ts") || file === "all.ts") continue;
  if (only.length && !only.includes(file.replace(/\.ts$/, ""))) continue;
  execFileSync(tsx, [join(here, file)], {stdio: "inherit"});
}
