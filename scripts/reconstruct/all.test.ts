// Each generator, run on a copy of the codebooks, writes exactly the files committed under data/:
// the reconstructed data cannot drift from the code that documents how it was made.
import assert from "node:assert/strict";
import {execFileSync} from "node:child_process";
import {cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, relative} from "node:path";
import {test} from "node:test";
import {DATA_DIR, ROOT, codebookPath, loadCodebook, studies} from "../../loaders/codebook.ts";

const HERE = join(ROOT, "scripts", "reconstruct");
// A generator is named after the study it reconstructs; other modules here are its helpers.
const generators = readdirSync(HERE).filter((f) => studies().includes(f.replace(/\.ts$/, "")));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true, recursive: true}).filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)));
}

test("there is a generator for every study with reconstructed data", () => {
  const reconstructed = studies().filter((id) => {
    const {study} = loadCodebook(id);
    return study.data === "reconstructed" && !study.part_of; // a part is written by its parent's generator
  });
  assert.ok(reconstructed.length >= 3);
  for (const id of reconstructed) assert.ok(generators.includes(`${id}.ts`), `no scripts/reconstruct/${id}.ts`);
});

for (const generator of generators) {
  test(`${generator}: the committed files are exactly what the seeded generator writes`, () => {
    const dir = mkdtempSync(join(tmpdir(), "reconstruct-"));
    try {
      for (const study of studies()) {
        mkdirSync(join(dir, study));
        cpSync(codebookPath(study), join(dir, study, "codebook.yaml"));
      }
      execFileSync(join(ROOT, "node_modules", ".bin", "tsx"), [join(HERE, generator)], {env: {...process.env, SURVEY_DATA_DIR: dir}, stdio: "pipe"});
      const written = filesUnder(dir).filter((f) => !f.endsWith("codebook.yaml"));
      assert.ok(written.length > 0, `${generator} wrote nothing`);
      for (const file of written) {
        const committed = join(DATA_DIR, file);
        assert.ok(existsSync(committed), `${generator} writes data/${file}, which is not committed`);
        assert.ok(readFileSync(join(dir, file)).equals(readFileSync(committed)), `data/${file} differs from ${generator}'s output: run npm run reconstruct`);
      }
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  });
}
