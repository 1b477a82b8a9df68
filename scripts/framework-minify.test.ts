import assert from "node:assert/strict";
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {test} from "node:test";
import {minifyBuiltModules, minifyPageScripts} from "./framework-minify.ts";

test("a page's inline module script is minified, its HTML and other scripts left as they are", () => {
  const html = `<p>Text  kept</p>\n<script type="module">\n// a comment\nconst answer = 40 + 2;\ndefine({id: "1", inputs: ["display"], body: async (display) => { display(answer); }});\n</script>\n<script>var  x = 1;</script>`;
  const out = minifyPageScripts(html);
  assert.match(out, /^<p>Text {2}kept<\/p>/);
  assert.ok(!out.includes("a comment") && out.includes('inputs:["display"]'), out);
  assert.ok(out.endsWith("<script>var  x = 1;</script>"));
  // The cell still runs as it did.
  const code = /<script type="module">([\s\S]*?)<\/script>/.exec(out)![1];
  let shown: unknown;
  new Function("define", code)((cell: {body: (d: (v: unknown) => void) => void}) => cell.body((v) => (shown = v)));
  assert.equal(shown, 42);
});

test("modules under _import/ are minified with their exports; other files are untouched", () => {
  const dir = mkdtempSync(join(tmpdir(), "minify-"));
  try {
    mkdirSync(join(dir, "_import", "components"), {recursive: true});
    mkdirSync(join(dir, "_npm"), {recursive: true});
    const source = "// Why this module exists.\nexport function distributionBars(rows, {width = 640} = {}) {\n  return rows.map((row) => row * width);\n}\n";
    writeFileSync(join(dir, "_import", "components", "bars.1234abcd.js"), source);
    writeFileSync(join(dir, "_npm", "lib.js"), source);
    const saved = minifyBuiltModules(dir);
    const out = readFileSync(join(dir, "_import", "components", "bars.1234abcd.js"), "utf8");
    assert.ok(saved > 0 && out.length < source.length && !out.includes("Why"), out);
    assert.match(out, /export\s*\{[^}]*distributionBars/);
    assert.equal(readFileSync(join(dir, "_npm", "lib.js"), "utf8"), source);
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
});
