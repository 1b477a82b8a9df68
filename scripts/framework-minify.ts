// Framework 1.13 minifies the libraries it bundles, but writes the project's own modules
// (dist/_import/: the chart and table components, the figure registries) and each page's cells (the
// inline <script type="module">) as written, comments and all: about a third of a study page's
// bytes before its first figure. The build minifies them in its output (esbuild: whitespace, syntax
// and local names; exported names are kept, and Framework passes a cell its inputs by position).
// File names keep Framework's hash of the unminified module, which changes whenever its source does.
import {readFileSync, readdirSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {type TransformOptions, transformSync} from "esbuild";

const OPTIONS: TransformOptions = {minify: true, format: "esm", target: "es2022", legalComments: "none", charset: "utf8"};

function minify(code: string, where: string): string {
  const out = transformSync(code, {...OPTIONS, sourcefile: where}).code.trimEnd();
  // Inline in HTML, a "</script" would end the element early (esbuild escapes it in strings; checked anyway).
  if (/<\/script/i.test(out)) throw new Error(`framework-minify: ${where} minified holds "</script"`);
  return out;
}

const MODULE_SCRIPT = /(<script type="module">)([\s\S]*?)(<\/script>)/g;

/** The page's inline module scripts minified; the rest of the HTML as it is. */
export function minifyPageScripts(html: string, where = "page"): string {
  return html.replace(MODULE_SCRIPT, (_, open: string, code: string, close: string) => `${open}\n${minify(code, where)}\n${close}`);
}

function walk(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : []));
}

/** Minifies, in Framework's output `dir`, every module under _import/ and every page's inline module scripts. Returns the bytes saved. */
export function minifyBuiltModules(dir: string): number {
  let saved = 0;
  for (const file of walk(dir)) {
    const isModule = file.startsWith(join(dir, "_import")) && file.endsWith(".js");
    if (!isModule && !file.endsWith(".html")) continue;
    const before = readFileSync(file, "utf8");
    const after = isModule ? minify(before, file) + "\n" : minifyPageScripts(before, file);
    saved += Buffer.byteLength(before) - Buffer.byteLength(after);
    if (after !== before) writeFileSync(file, after);
  }
  return saved;
}
