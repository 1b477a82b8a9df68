// The one place that knows how Observable Framework 1.13 fetches browser libraries, and makes it
// use node_modules instead (see ../shared/notes/offline-framework.md, re-checked against 1.13.4).
//
// Framework resolves every `npm:` import (explicit, or implicit for Plot, d3, htl, arquero, Arrow,
// DuckDB) to <root>/.observablehq/cache/_npm/<name>@<version>/<file>, and downloads that file from
// jsDelivr only when it is missing; it picks <version> from that folder's listing before asking the
// registry. So we fill the folder from node_modules before each build: each package is bundled
// once by esbuild to the `_esm.js` jsDelivr would serve, with imports between these packages left
// external and pointed at the sibling bundle (so d3 and Arrow are shared, as on jsDelivr). No
// library exists for this: it is glue to Framework's cache layout, hence hand-written here.
import {cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync} from "node:fs";
import {basename, dirname, extname, join, posix, sep} from "node:path";
import {fileURLToPath} from "node:url";
import {type BuildOptions, build, type Plugin} from "esbuild";
import semver from "semver";

/** How a package is bundled for the browser, here and for the hubs (plot.js, stdlib.ts): one minified ES module. */
const BROWSER_BUNDLE: BuildOptions = {
  bundle: true,
  format: "esm",
  platform: "browser",
  conditions: ["browser", "import", "module"],
  mainFields: ["browser", "module", "main"],
  target: "es2022",
  minify: true,
  legalComments: "none"
};

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SRC = join(ROOT, "src");
export const NPM_CACHE = join(SRC, ".observablehq", "cache", "_npm");
/** Where Framework keeps what it makes of a bare import ("d3") in a page's module. */
export const NODE_CACHE = join(SRC, ".observablehq", "cache", "_node");
/**
 * Project modules through which the pages import some packages, by name ("hubs": only lines of the
 * form `export {a, default as b} from "package";`): the chart modules' Plot and d3, the statistics'
 * @stdlib functions. Each is bundled for the browser into one file (bundleHubs).
 */
export const HUBS = [join(SRC, "components", "plot.js"), join(SRC, "components", "stdlib.ts")];

/** Browser libraries the pages (or Framework's client for them) import. */
const BUNDLED = ["d3", "d3-dsv", "@observablehq/plot", "htl", "isoformat", "arquero", "apache-arrow", "@duckdb/duckdb-wasm"];

/** Non-JS files Framework asks for by path, copied as they are. */
const COPIED: Record<string, string[]> = {
  "@duckdb/duckdb-wasm": [
    "dist/duckdb-mvp.wasm",
    "dist/duckdb-eh.wasm",
    "dist/duckdb-browser-mvp.worker.js",
    "dist/duckdb-browser-eh.worker.js"
  ]
};

/**
 * The DuckDB-Wasm build a supported browser loads: "eh" (WebAssembly exceptions: Chrome and Edge 95+,
 * Firefox 100+, Safari 15.2+; README, "Supported browsers"). duckdb-wasm's selectBundle() picks
 * "mvp" only in a browser without them, so its files (40 MB) are never requested by one we support.
 * Framework 1.13 copies both builds into the output whatever its config says (its `duckdb.platforms:
 * {mvp: false}` also breaks DuckDBClient: registerExtensions reads the missing bundle), and fetches
 * from jsDelivr a file missing from its cache, so both stay in the cache and "mvp" is removed from
 * the built site (dropUnsupportedBundles).
 */
export const DUCKDB_UNSUPPORTED = [/^duckdb-mvp\.wasm$/, /^duckdb-browser-mvp\.worker(\.[0-9a-f]+)?\.js$/];

/**
 * Removes from Framework's output `dir` the DuckDB-Wasm files no supported browser requests. Throws
 * when there are none to remove but DuckDB-Wasm is there: Framework's layout changed, and this
 * must be looked at again rather than silently ship 40 MB. Returns the bytes removed.
 */
export function dropUnsupportedBundles(dir: string): number {
  const npm = join(dir, "_npm");
  const folders = existsSync(join(npm, "@duckdb")) ? readdirSync(join(npm, "@duckdb"), {withFileTypes: true}).filter((e) => e.isDirectory() && e.name.startsWith("duckdb-wasm@")) : [];
  let removed = 0, files = 0;
  for (const folder of folders) {
    const dist = join(npm, "@duckdb", folder.name, "dist");
    for (const name of existsSync(dist) ? readdirSync(dist) : []) {
      if (!DUCKDB_UNSUPPORTED.some((re) => re.test(name))) continue;
      removed += statSync(join(dist, name)).size;
      files++;
      rmSync(join(dist, name));
    }
  }
  if (folders.length && files !== DUCKDB_UNSUPPORTED.length * folders.length)
    throw new Error(`framework-offline: expected DuckDB-Wasm's mvp .wasm and worker in ${npm}/@duckdb/duckdb-wasm@*/dist/, removed ${files} file(s): Framework's output layout changed (scripts/framework-offline.ts)`);
  return removed;
}

/**
 * Libraries Framework's client bundle names whether or not a page uses them: it asks the registry
 * for their version at build. An empty <name>@<version>/ folder answers that question offline; a
 * page that really imported one would then fail the build loudly (the file is missing) instead of
 * reaching the network.
 */
const PLACEHOLDERS = [
  "lodash", "echarts", "leaflet", "mapbox-gl", "react", "react-dom", "topojson-client",
  "@observablehq/sample-datasets", "parquet-wasm"
];
const PLACEHOLDER_VERSION = "0.0.0-not-installed";

// Read from the top-level node_modules folder: some packages (d3) do not export ./package.json.
function packageJson(name: string): {version: string; dependencies?: Record<string, string>; peerDependencies?: Record<string, string>; dir: string} {
  const dir = join(ROOT, "node_modules", name);
  return {...JSON.parse(readFileSync(join(dir, "package.json"), "utf8")), dir};
}

export function npmPath(name: string, version: string, file = "_esm.js"): string {
  return join(NPM_CACHE, `${name}@${version}`, file);
}

async function bundle(name: string, versions: Map<string, string>): Promise<void> {
  const pkg = packageJson(name);
  const out = npmPath(name, pkg.version);
  const wanted = {...pkg.dependencies, ...pkg.peerDependencies};
  // Imports of another bundled package stay external, pointing at its sibling bundle, but only
  // where the version we ship satisfies the range this package asks for (duckdb-wasm 1.29 wants
  // Arrow 17, so it keeps its own copy inlined rather than share an incompatible one).
  const externals: Plugin = {
    name: "sibling-bundles",
    setup(b) {
      b.onResolve({filter: /^[^./]/}, (args) => {
        const version = versions.get(args.path);
        if (!version || args.path === name || (wanted[args.path] && !semver.satisfies(version, wanted[args.path]))) return;
        const target = npmPath(args.path, version);
        return {path: posix.relative(dirname(out), target).replace(/^(?!\.)/, "./"), external: true};
      });
    }
  };
  // duckdb-wasm's getJsDelivrBundles() holds the jsDelivr address. Framework never calls it (it
  // passes its own bundle paths), but no code shipped in dist/ may point at a CDN: the address is
  // replaced by one that cannot resolve, so a call would fail loudly instead of going online.
  const noCdn: Plugin = {
    name: "no-cdn",
    setup(b) {
      b.onLoad({filter: /duckdb-wasm[\\/]dist[\\/].*\.m?js$/}, async (args) => {
        const {readFile} = await import("node:fs/promises");
        const source = await readFile(args.path, "utf8");
        return {contents: source.replaceAll("https://cdn.jsdelivr.net/npm/", "offline:no-cdn/"), loader: "js"};
      });
    }
  };
  await build({
    entryPoints: [name],
    absWorkingDir: pkg.dir,
    nodePaths: [join(ROOT, "node_modules")],
    ...BROWSER_BUNDLE,
    plugins: [externals, noCdn],
    outfile: out,
    logLevel: "error"
  });
  for (const file of COPIED[name] ?? []) {
    mkdirSync(dirname(npmPath(name, pkg.version, file)), {recursive: true});
    cpSync(join(pkg.dir, file), npmPath(name, pkg.version, file));
  }
}

/** What a hub re-exports, package by package: [{name: "d3", names: [{imported: "color", exported: "color"}]}]. */
export function hubExports(hub: string): {name: string; names: {imported: string; exported: string}[]}[] {
  const source = readFileSync(hub, "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
  const lines = [...source.matchAll(/export\s*\{([^}]*)\}\s*from\s*"([^"]+)";?/g)];
  const rest = lines.reduce((text, [line]) => text.replace(line, ""), source).trim();
  if (!lines.length || rest) throw new Error(`framework-offline: ${hub} may only re-export names from packages (export {…} from "package";), not: ${rest.slice(0, 80)}`);
  const byPackage = new Map<string, {imported: string; exported: string}[]>();
  for (const [, list, name] of lines) {
    const names = list.split(",").map((n) => n.trim()).filter(Boolean).map((n) => {
      const [imported, exported = imported] = n.split(/\s+as\s+/);
      return {imported, exported};
    });
    byPackage.set(name, [...(byPackage.get(name) ?? []), ...names]);
  }
  return [...byPackage].map(([name, names]) => ({name, names}));
}

/** Where Framework looks for its bundle of a bare import of `name` (no subpath). */
const nodeEntry = (name: string) => join(NODE_CACHE, `${name}@${packageJson(name).version}`, "index.js");
const slash = (path: string) => path.split(sep).join("/");

/**
 * Framework serves a bare import of a page's module ("d3" in src/components/) from
 * <root>/.observablehq/cache/_node/<name>@<version>/index.js, which it makes, when missing, by
 * bundling the package with each of its dependencies left as a module of its own: for the charts,
 * Plot and some 35 d3 modules (~530 KB, every one loaded before a page's first chart); for the
 * explorer's statistics, some 130 small @stdlib modules. Written here instead, for each hub: one
 * minified file of what it re-exports (tree-shaken: only those functions and the code they use;
 * Plot and d3 ~250 KB), beside its first package's entry, and each package's entry re-exporting
 * from it the names the hub takes. So a page's module must import these packages only through the
 * hub (src/components/imports.test.ts checks it): anything else of theirs is not in the browser.
 */
async function bundleHubs(): Promise<void> {
  for (const hub of HUBS) {
    const packages = hubExports(hub);
    for (const {name} of packages) rmSync(dirname(nodeEntry(name)), {recursive: true, force: true});
    const bundled = join(dirname(nodeEntry(packages[0].name)), `${basename(hub, extname(hub))}.bundle.js`);
    await build({
      entryPoints: [hub],
      absWorkingDir: ROOT,
      ...BROWSER_BUNDLE,
      outfile: bundled,
      logLevel: "error"
    });
    for (const {name, names} of packages) {
      const entry = nodeEntry(name);
      const specifiers = names.map(({imported, exported}) => (imported === exported ? exported : `${exported} as ${imported}`));
      const from = posix.relative(posix.dirname(slash(entry)), slash(bundled)).replace(/^(?!\.)/, "./");
      mkdirSync(dirname(entry), {recursive: true});
      writeFileSync(entry, `export {${specifiers.join(", ")}} from ${JSON.stringify(from)};\n`);
    }
  }
}

/** Refills the npm cache from node_modules. Returns the versions it wrote. */
export async function fillNpmCache(): Promise<Map<string, string>> {
  rmSync(NPM_CACHE, {recursive: true, force: true});
  const versions = new Map(BUNDLED.map((name) => [name, packageJson(name).version]));
  // Framework pins DuckDB-Wasm to one version; a different one in node_modules would be ignored.
  const {DUCKDB_WASM_VERSION} = await import(join(packageJson("@observablehq/framework").dir, "dist", "duckdb.js"));
  if (versions.get("@duckdb/duckdb-wasm") !== DUCKDB_WASM_VERSION)
    throw new Error(`package.json must pin @duckdb/duckdb-wasm to ${DUCKDB_WASM_VERSION}, the version Framework loads`);
  await Promise.all([...BUNDLED.map((name) => bundle(name, versions)), bundleHubs()]);
  for (const name of PLACEHOLDERS) {
    if (!versions.has(name)) mkdirSync(join(NPM_CACHE, `${name}@${PLACEHOLDER_VERSION}`), {recursive: true});
  }
  return versions;
}

/**
 * Fills the npm cache (and the hubs' entries in the _node cache) unless it already holds what this
 * lockfile, this script and the hubs would put there (a stamp beside it records their hash), so an
 * incremental build does not bundle the libraries again.
 */
export async function ensureNpmCache(): Promise<"filled" | "unchanged"> {
  const {hashInputs} = await import("../loaders/cache.ts");
  const stamp = join(NPM_CACHE, ".filled-from");
  const hash = hashInputs([fileURLToPath(import.meta.url), ...HUBS]);
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === hash && HUBS.every((hub) => hubExports(hub).every(({name}) => existsSync(nodeEntry(name))))) return "unchanged";
  await fillNpmCache();
  writeFileSync(stamp, hash);
  return "filled";
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const versions = await fillNpmCache();
  console.log(`framework-offline: ${versions.size} libraries bundled from node_modules in ${Math.round(performance.now() - started)} ms`);
  if (!existsSync(npmPath("d3", versions.get("d3")!))) process.exit(1);
}
