// The claims check: every number a paper prints (data/<study>/claims.yaml), recomputed from the
// data and judged (loaders/printed.ts). The build fails on an inconsistency the claims file does
// not record as a known one of the paper.
import {existsSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {Ajv2020} from "ajv/dist/2020.js";
import {LineCounter, parseDocument} from "yaml";
// Imported, not read from disk: the schema is then part of the module graph the build's cache hashes.
import claimsSchema from "../schema/claims.schema.json" with {type: "json"};
import {DATA_DIR, ROOT, displayPath, loadCodebook, studies} from "./codebook.ts";
import {type Judgement, grim, judgeNumber, judgeP, parsePrinted} from "./printed.ts";
import {type StudyTables, type SubgroupCell, type SubgroupRow, type SubgroupTest, type TablesOf, computeTables} from "./tables.ts";

type Levels = string | string[];
export type Quantity =
  | {share: string; level: Levels}
  | {count: string; level: Levels}
  | {ratio: string; level: string; to: string}
  | {respondents: "total" | "complete" | "complete_percent"}
  | {subgroup: string; row: string; level?: string; by: string; group: string}
  | {subgroup_p: string; row: string; level?: string; by: string}
  | {statistic: "mean" | "sd" | "median" | "min" | "max" | "q1" | "q3"; of: string}
  | {correlation: string; value?: "r" | "p"};

export interface Claim {id: string; where: string; printed: string; of: Quantity; dataset?: string; known?: string; note?: string; weighted?: boolean}

export interface ClaimResult extends Omit<Judgement, "note"> {
  study: string;
  id: string;
  where: string;
  printed: string;
  computed: number;
  /** What the number is (p-values are judged by statcheck's rules). */
  kind: "percent" | "count" | "mean" | "p" | "number";
  /** Decimals the paper prints, for showing the computed value the same way. */
  decimals: number;
  note: string | null;
  /** The n a percentage or mean is of (for GRIM), when there is one. */
  n: number | null;
  /** GRIM: can any whole count give the printed value at this n? null when it does not apply. */
  grim: boolean | null;
  /** The paper's known inconsistency, as the claims file records it. */
  known?: string;
  /** Whether the computed value is the weighted estimate (a weighted study, unless the claim says weighted: false). */
  weighted: boolean;
}

/** A claims file that does not follow schema/claims.schema.json, or names what does not exist. */
export class ClaimsError extends Error {
  constructor(message: string) {
    super(`${message}\nTo fix: correct the claims file (its format: docs/claims.md); where the paper prints a number the data does not give, record it with known: and the reason.`);
    this.name = "ClaimsError";
  }
}

let validate: ReturnType<Ajv2020["compile"]> | undefined;
function validator() {
  validate ??= new Ajv2020({allErrors: true, strictRequired: false}).compile(claimsSchema);
  return validate;
}

export const claimsPath = (study: string) => join(DATA_DIR, study, "claims.yaml");

export function readClaims(study: string, path = claimsPath(study)): Claim[] | null {
  if (!existsSync(path)) return null;
  const doc = parseDocument(readFileSync(path, "utf8"), {lineCounter: new LineCounter(), prettyErrors: true, uniqueKeys: true});
  if (doc.errors.length) {
    const e = doc.errors[0];
    throw new ClaimsError(`${displayPath(path)}:${e.linePos?.[0].line ?? "?"}: invalid YAML: ${e.message.split("\n")[0]}`);
  }
  const data = doc.toJS();
  if (data === null || data === undefined) throw new ClaimsError(`${displayPath(path)} is empty: list the numbers the paper prints under claims:, or delete the file`);
  const v = validator();
  if (!v(data)) throw new ClaimsError(`${displayPath(path)} does not follow schema/claims.schema.json:\n  ${v.errors!.map((e) => `${e.instancePath || "(top)"} ${e.message}${e.params && "additionalProperty" in e.params ? ` ("${e.params.additionalProperty}": quote values that contain commas)` : ""}`).join("\n  ")}`);
  const claims = (data as {claims: Claim[]}).claims;
  const ids = new Set<string>();
  for (const c of claims) {
    if (ids.has(c.id)) throw new ClaimsError(`${displayPath(path)}: claim id "${c.id}" is used twice`);
    ids.add(c.id);
  }
  return claims;
}

function fail(study: string, claim: Claim, message: string): never {
  throw new ClaimsError(`${displayPath(claimsPath(study))}: ${study} claim "${claim.id}" (${claim.where}): ${message}`);
}

/** A claim of a count the published tables hide (codebook disclosure.small_cells): the manuscript would print what the site withholds. */
function hidden(study: string, claim: Claim, what: string, shown: string): never {
  fail(
    study,
    claim,
    `${what} is hidden in the published tables (shown as "${shown}": disclosure.small_cells in the codebook), so the manuscript should not print it either. Print it as the tables do, leave the claim out, or, if the count may be published, change small_cells (docs/codebook.md "Disclosure control")`
  );
}

/** The computed value a claim states, with the n it is of. */
export function resolve(study: string, claim: Claim, t: StudyTables): {value: number; n: number | null; kind: "percent" | "count" | "mean" | "p" | "number"} {
  const q = claim.of;
  // Like with like: a weighted study's claims are of its weighted estimates unless they say otherwise.
  if (claim.weighted && !t.weight) fail(study, claim, "weighted: true, but the study has no weight (codebook responses.weight)");
  const weighted = !!t.weight && claim.weighted !== false;
  const levelsOf = (id: string, level: Levels) => {
    const dist = t.distributions[id];
    const choice = t.choices[id];
    if (!dist && !choice) fail(study, claim, `no question or grouping "${id}" with levels`);
    const all: {level: string; n: number; weighted?: number; suppressed?: string}[] = dist ? dist.levels : choice.options;
    const d = dist ?? choice;
    const found = [level].flat().map((l) => all.find((x) => x.level === l) ?? fail(study, claim, `"${id}" has no level "${l}" (levels: ${all.map((x) => x.level).join(", ")})`));
    for (const x of found) if (x.suppressed) hidden(study, claim, `"${id}" level "${x.level}"`, x.suppressed);
    return {n: found.reduce((s, x) => s + x.n, 0), base: d.base, weighted: found.reduce((s, x) => s + (x.weighted ?? 0), 0), weightedBase: d.weightedBase};
  };
  if ("share" in q) {
    const {n, base, weighted: w, weightedBase} = levelsOf(q.share, q.level);
    // A weighted share has no whole count behind it: GRIM does not apply (n null).
    if (weighted) return {value: (100 * w) / weightedBase!, n: null, kind: "percent"};
    return {value: (100 * n) / base, n: base, kind: "percent"};
  }
  if ("count" in q) return {value: levelsOf(q.count, q.level).n, n: null, kind: "count"};
  if ("ratio" in q) return {value: levelsOf(q.ratio, q.level).n / levelsOf(q.ratio, q.to).n, n: null, kind: "number"};
  if ("respondents" in q) {
    const {total, complete} = t.respondents;
    return q.respondents === "complete_percent" ? {value: (100 * complete) / total, n: total, kind: "percent"} : {value: t.respondents[q.respondents], n: null, kind: "count"};
  }
  if ("subgroup" in q || "subgroup_p" in q) {
    const tableId = "subgroup" in q ? q.subgroup : q.subgroup_p;
    const table = t.subgroups[tableId] ?? fail(study, claim, `no subgroup table "${tableId}"`);
    // A level row of the variable at that level, or a block (categorical or multiple choice) that
    // has the level among its rows; without level, any row of the variable (a block's p, a number).
    const levelsOfRow = (r: SubgroupRow): string[] => (r.kind === undefined ? [r.level] : r.kind === "number" ? [] : r.levels);
    const rows = table.rows.filter((r) => r.variable === q.row && (q.level === undefined || levelsOfRow(r).includes(q.level)));
    const what = (r: SubgroupRow) => (r.kind === undefined ? r.level : `${r.kind} block`);
    if (rows.length > 1) fail(study, claim, `table "${tableId}" has ${rows.length} rows of "${q.row}": add level (one of ${rows.map(what).join(", ")})`);
    const row = rows[0] ?? fail(study, claim, `table "${tableId}" has no row "${q.row}"${q.level ? ` at level "${q.level}"` : ""}`);
    if (!row.by[q.by]) fail(study, claim, `table "${tableId}" is not split by "${q.by}"`);
    // The level's line of a block: its cells (and, for a multiple-choice option, its own test).
    const line = <L extends {level: string}>(levels: L[]): L =>
      q.level === undefined ? fail(study, claim, `row "${q.row}" of table "${tableId}" is a block of levels: add level (one of ${levels.map((l) => l.level).join(", ")})`) : levels.find((l) => l.level === q.level)!;
    // A group's cell; "Overall" is the overall column where the table has one.
    const pick = <C extends {group: string}>(cells: C[], overall?: C): C => {
      const {group} = q as {group: string};
      return cells.find((c) => c.group === group) ?? (group === "Overall" && overall ? overall : fail(study, claim, `"${q.by}" has no group "${group}"`));
    };
    if (row.kind === "number") {
      const by = row.by[q.by];
      if ("subgroup_p" in q) return {value: by.test.p, n: null, kind: "p"};
      // A group's median or mean, whichever the row shows.
      const cell = pick(by.cells, by.overall);
      if (cell.suppressed && !Number.isFinite(cell.median)) hidden(study, claim, `table "${tableId}", row "${q.row}", group "${cell.group}"`, cell.suppressed);
      if (row.statistic === "median") return {value: cell.median, n: null, kind: "number"};
      return {value: cell.mean, n: weighted ? null : cell.n, kind: "mean"};
    }
    // A categorical block has one test: its p needs no level.
    if (row.kind === "categorical" && "subgroup_p" in q) return {value: row.by[q.by].test.p, n: null, kind: "p"};
    let found: {cells: SubgroupCell[]; overall?: SubgroupCell; test: SubgroupTest};
    if (row.kind === undefined) found = row.by[q.by];
    else if (row.kind === "categorical") found = {...line(row.by[q.by].levels), test: row.by[q.by].test};
    else found = line(row.by[q.by].levels);
    if ("subgroup_p" in q) return {value: found.test.p, n: null, kind: "p"};
    const cell = pick(found.cells, found.overall);
    if (cell.suppressed) hidden(study, claim, `table "${tableId}", row "${q.row}"${q.level ? ` level "${q.level}"` : ""}, group "${cell.group}"`, cell.suppressed);
    if (cell.n === null) hidden(study, claim, `the percentage in table "${tableId}", row "${q.row}", group "${cell.group}" (whose N is hidden)`, cell.text);
    if (t.weight && !weighted) return {value: cell.n ? (100 * cell.x) / cell.n : NaN, n: cell.n, kind: "percent"};
    return {value: cell.percent, n: weighted ? null : cell.n, kind: "percent"};
  }
  if ("statistic" in q) {
    const s = t.numbers[q.of] ?? fail(study, claim, `no number or rating "${q.of}"`);
    if (s.suppressed) hidden(study, claim, `the summary of "${q.of}"`, s.suppressed);
    const value = t.weight && !weighted && (q.statistic === "mean" || q.statistic === "sd") ? s.unweighted![q.statistic] : s[q.statistic];
    return {value, n: q.statistic === "mean" && !weighted ? s.n : null, kind: q.statistic === "mean" ? "mean" : "number"};
  }
  const c = t.correlations[q.correlation] ?? fail(study, claim, `no correlation "${q.correlation}"`);
  return q.value === "p" ? {value: c.p, n: null, kind: "p"} : {value: c.r, n: null, kind: "number"};
}

export function judgeClaim(study: string, claim: Claim, t: StudyTables): ClaimResult {
  const {value, n, kind} = resolve(study, claim, t);
  const judgement = kind === "p" ? judgeP(claim.printed, value) : judgeNumber(claim.printed, value);
  const grimResult = kind === "percent" ? grim(claim.printed, n, {kind: "percent"}) : kind === "mean" ? grim(claim.printed, n, {kind: "mean"}) : null;
  const note = [judgement.note, claim.note].filter(Boolean).join("; ") || null;
  return {
    study, id: claim.id, where: claim.where, printed: claim.printed, computed: value, kind,
    decimals: parsePrinted(claim.printed).decimals, n, grim: grimResult, ...judgement, note,
    ...(claim.known ? {known: claim.known} : {}),
    weighted: !!t.weight && claim.weighted !== false
  };
}

/**
 * Every claim of a study judged against its data (and its parts'), or null without claims.yaml.
 * The build passes its compiled tables; by default they are computed from the raw files.
 */
export async function studyClaims(study: string, tablesOf: TablesOf = computeTables): Promise<ClaimResult[] | null> {
  const claims = readClaims(study);
  if (!claims) return null;
  const tables = new Map<string, StudyTables>();
  const results: ClaimResult[] = [];
  for (const claim of claims) {
    const dataset = claim.dataset ?? study;
    if (dataset !== study && loadCodebook(dataset).study.part_of !== study) fail(study, claim, `dataset "${dataset}" is not part of ${study}`);
    if (!tables.has(dataset)) tables.set(dataset, await tablesOf(dataset));
    results.push(judgeClaim(study, claim, tables.get(dataset)!));
  }
  return results;
}

/** Inconsistent claims the claims file does not explain: any of these fails the build. */
export function unexplained(results: ClaimResult[]): ClaimResult[] {
  return results.filter((r) => r.verdict === "inconsistent" && !r.known);
}

export function failureMessage(results: ClaimResult[]): string {
  return `${results.length} printed number${results.length === 1 ? "" : "s"} disagree${results.length === 1 ? "s" : ""} with the data, and the claims file does not say why:\n${results
    .map((r) => `  ${r.study} claim "${r.id}" (${r.where}): printed ${r.printed}, computed ${Number(r.computed.toPrecision(6))}${r.note ? ` (${r.note})` : ""}`)
    .join("\n")}\nFix the claim, or record the paper's inconsistency with \`known: <one-line reason>\`.`;
}

/** "bendayan-2024: 41 claims — 30 rounded, 5 exact, 3 truncated, 3 inconsistent (3 known)" */
export function summaryLine(study: string, results: ClaimResult[]): string {
  const count = (v: string) => results.filter((r) => r.verdict === v).length;
  const parts = ["exact", "rounded", "truncated", "inconsistent"].filter((v) => count(v)).map((v) => `${count(v)} ${v}`);
  const known = results.filter((r) => r.verdict === "inconsistent" && r.known).length;
  const decision = results.filter((r) => r.decisionError).length;
  const impossible = results.filter((r) => r.grim === false).length;
  return `${study}: ${results.length} claims — ${parts.join(", ")}${known ? ` (${known} known to the paper)` : ""}${decision ? `; ${decision} decision error(s)` : ""}${impossible ? `; ${impossible} GRIM-impossible` : ""}`;
}

/** Every study's claims; throws ClaimsError listing the unexplained inconsistencies. */
export async function allClaims({log = (line: string) => console.error(line), tablesOf = computeTables}: {log?: (line: string) => void; tablesOf?: TablesOf} = {}): Promise<ClaimResult[]> {
  const all: ClaimResult[] = [];
  log("Reproduction check (printed numbers vs the data):");
  for (const study of studies()) {
    const results = await studyClaims(study, tablesOf);
    if (!results) continue;
    log(`  ${summaryLine(study, results)}`);
    all.push(...results);
  }
  const bad = unexplained(all);
  if (bad.length) throw new ClaimsError(failureMessage(bad));
  return all;
}
