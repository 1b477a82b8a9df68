// `npm run reconstruct`: runs every study's generator in this folder (each <study>.ts writes
// data/<study>/ and its RECONSTRUCTION.md; seeded, so the same bytes every time).
import {execFileSync} from "node:child_process";
import {readdirSync} from "node:fs";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {studies} from "../../loaders/codebook.ts";

const here = fileURLToPath(new URL(".", import.meta.url));
const tsx = join(here, "..", "..", "node_modules", ".bin", "tsx");
const only = process.argv.slice(2);
// A generator is named after the study it reconstructs; other modules here are its helpers.
for (const file of readdirSync(here).sort()) {
  if (!studies().includes(file.replace(/\.ts$/, ""))) continue;
  if (only.length && !only.includes(file.replace(/\.ts$/, ""))) continue;
  execFileSync(tsx, [join(here, file)], {stdio: "inherit"});
}
