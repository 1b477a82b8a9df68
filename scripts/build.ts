// `npm run build` and `npm run dev`: make Framework's caches match the current sources, then run it.
// Framework reuses a loader's cached output even when the loader, its helper modules or its input
// files changed (upstream issues #990, #332, #1148), so every build starts from an empty cache.
import {spawnSync} from "node:child_process";
import {rmSync} from "node:fs";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {fillNpmCache} from "./framework-offline.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const command = process.argv[2] === "dev" ? "preview" : "build";

rmSync(join(ROOT, "src", ".observablehq", "cache"), {recursive: true, force: true});
await fillNpmCache();
const {status} = spawnSync(join(ROOT, "node_modules", ".bin", "observable"), [command, ...process.argv.slice(3)], {
  cwd: ROOT,
  stdio: "inherit",
  env: {...process.env, OBSERVABLE_TELEMETRY_DISABLE: "true"}
});
if (status !== 0 || command !== "build") process.exit(status ?? 1);
// After the site: the figures and tables for journals, drawn by the same chart functions.
const {writeManuscripts} = await import("../loaders/manuscript/write.ts");
await writeManuscripts(join(ROOT, process.env.SURVEY_REPORT_OUTPUT ?? "dist"));
