import assert from "node:assert/strict";
import {execFileSync} from "node:child_process";
import {cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {test} from "node:test";
import {DATA_DIR, ROOT} from "../../loaders/codebook.ts";

test("the committed reconstruction is exactly what the seeded generator writes", () => {
  const dir = mkdtempSync(join(tmpdir(), "reconstruct-"));
  try {
    mkdirSync(join(dir, "bendayan-2024"));
    cpSync(join(DATA_DIR, "bendayan-2024", "codebook.yaml"), join(dir, "bendayan-2024", "codebook.yaml"));
    execFileSync(join(ROOT, "node_modules", ".bin", "tsx"), [join(ROOT, "scripts", "reconstruct", "bendayan-2024.ts")], {
      env: {...process.env, SURVEY_DATA_DIR: dir},
      stdio: "pipe"
    });
    for (const file of ["responses.csv", "RECONSTRUCTION.md"]) {
      const generated = readFileSync(join(dir, "bendayan-2024", file));
      const committed = readFileSync(join(DATA_DIR, "bendayan-2024", file));
      assert.ok(generated.equals(committed), `${file} differs from the generator's output: run npm run reconstruct`);
    }
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
});
