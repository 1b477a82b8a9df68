// Small-cell suppression of the published tables (codebook `disclosure.small_cells`): every count
// from 1 to k - 1 that tables.json would publish — an answer's count in a distribution, an option's
// in a multiple-choice question, a group's N, a cell of a subgroup table, an "Unknown" count — is
// replaced by "< k", with its share and interval; a summary (mean, median, range…) of fewer than k
// answers is hidden the same way. Zeros are not suppressed (an empty cell singles nobody out).
//
// Complementary suppression: a hidden count that is the only one hidden among counts whose total is
// published (a question's levels, which sum to its base; a subgroup table's row across its groups and
// column down its levels; a derived grouping and the answers it groups) could be worked out by
// subtraction, so the smallest other non-zero count of that line is hidden too, and again until no
// line has exactly one hidden count. Such a count shows "x", not "< k" (it is not below k); a
// group's summary hidden so keeps its statistics (of k or more answers) and loses only its n. This is
// the usual heuristic of statistical offices for linked tables, not an optimal linear programme: it
// stops subtraction, not every bound a reader could derive. p-values use every answer and are kept.
//
// Written here because no library for it runs in Node (R's sdcTable and tau-argus do this, but not
// from TypeScript); the algorithm is small and its tests (suppress.test.ts) pin each rule.
import type {StudyDatabase} from "./database.ts";
import {ident, levelExpression} from "../src/components/sql.ts";
import {publicCodebook} from "./responses.ts";
import type {StudyTables, SubgroupCell, SubgroupTable, UnknownCounts} from "./tables.ts";

/**
 * What the suppression did, as tables.json carries it (`smallCells`) for the page: counts below k
 * hidden, and larger ones hidden with them; or, when the codebook accepts publishing every count, its reason.
 */
export type SmallCellsReport = {k: number; primary: number; complementary: number} | {accepted: string};

type Why = "primary" | "complementary";
/** Hides one published copy of a count: its text "< 5" (primary) or "x" (complementary). */
type Hide = (text: string, why: Why) => void;
/** A count the tables publish, in as many places as it is printed (a grouping's level is also a table's group N). */
interface Count {
  n: number;
  hide: Hide[];
}

/**
 * Which counts to hide, by the rules above: `counts` by key, `lines` the sets of keys whose total is
 * known (or that sum to another count of the set). Returns the keys hidden, each with why.
 */
export function cellsToHide(counts: Map<string, number>, lines: string[][], k: number): Map<string, "primary" | "complementary"> {
  const hidden = new Map<string, "primary" | "complementary">();
  for (const [key, n] of counts) if (n > 0 && n < k) hidden.set(key, "primary");
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      const keys = line.filter((key) => counts.has(key));
      if (keys.filter((key) => hidden.has(key)).length !== 1) continue;
      // The smallest non-zero count still shown (the first of equals, so the result is the same each build).
      const candidates = keys.filter((key) => !hidden.has(key) && counts.get(key)! > 0);
      if (!candidates.length) continue; // the others are zeros: the line's total is itself below k, and hidden where it is a count
      const smallest = candidates.reduce((a, b) => (counts.get(b)! < counts.get(a)! ? b : a));
      hidden.set(smallest, "complementary");
      changed = true;
    }
  }
  return hidden;
}

/** The counts of every published table, keyed, and the lines that tie them together. */
interface Ledger {
  counts: Map<string, Count>;
  lines: string[][];
  /** Each subgroup table's keys, to mark the tables that hide something. */
  tables: Map<SubgroupTable, string[]>;
  /** Adds a published copy of the count at `key` (the parts that name it); returns the key. */
  add(key: string[], n: number, hide: Hide): string;
  line(keys: string[]): void;
}

/** A count's key: the JSON of the parts that name it (labels may hold spaces, so no joined string could tell them apart). */
const keyOf = (parts: string[]) => JSON.stringify(parts);

function newLedger(): Ledger {
  const counts = new Map<string, Count>();
  const lines: string[][] = [];
  return {
    counts,
    lines,
    tables: new Map(),
    add(parts, n, hide) {
      const key = keyOf(parts);
      const found = counts.get(key);
      if (found) found.hide.push(hide);
      else counts.set(key, {n, hide: [hide]});
      return key;
    },
    line(keys) {
      if (keys.length > 1) lines.push(keys);
    }
  };
}

const hideLevel = (level: Record<string, unknown>): Hide => (text) => {
  Object.assign(level, {n: null, percent: null, suppressed: text});
  for (const key of ["weighted", "weighted2", "low", "high"]) if (key in level) level[key] = null;
};
const hideCell = (cell: SubgroupCell): Hide => (text) => {
  Object.assign(cell, {x: null, n: null, percent: null, text, suppressed: text});
  if ("weighted" in cell) (cell as {weighted?: number | null}).weighted = null;
};
// A summary hidden only for its n (complementary) keeps its statistics: they are of k or more.
const hideSummary = (s: Record<string, unknown>, {keepN = false} = {}): Hide => (text, why) => {
  if (why === "complementary") return void Object.assign(s, {n: null, suppressed: text});
  for (const key of ["mean", "sd", "min", "q1", "median", "q3", "max", "se", "unweighted"]) if (key in s) s[key] = null;
  if (!keepN) s.n = null;
  if ("text" in s) s.text = text;
  s.suppressed = text;
};

/** The tables' counts and the lines between them. Derived groupings' lines need the rows, so this reads `db`. */
async function ledgerOf(db: StudyDatabase, tables: StudyTables): Promise<Ledger> {
  const ledger = newLedger();
  const cb = db.codebook;
  const level = (id: string, name: string) => ["level", id, name];
  for (const d of Object.values(tables.distributions)) {
    // A question's answers sum to its base (published under the figure).
    ledger.line(d.levels.map((l) => ledger.add(level(d.id, l.level), l.n, hideLevel(l as unknown as Record<string, unknown>))));
  }
  // A derived grouping's level is the sum of the answers it groups: one line each.
  const pub = publicCodebook(cb);
  for (const g of cb.derived ?? []) {
    if (!tables.distributions[g.id] || !tables.distributions[g.from]) continue;
    const source = levelExpression(pub, g.from);
    const pairs = (await db.connection.runAndReadAll(
      `SELECT DISTINCT ${ident(g.id)} AS grp, ${source} AS source FROM responses WHERE ${ident(g.id)} IS NOT NULL AND ${source} IS NOT NULL`
    )).getRowObjectsJS() as {grp: string; source: string}[];
    for (const grp of new Set(pairs.map((p) => p.grp))) ledger.line([keyOf(level(g.id, grp)), ...pairs.filter((p) => p.grp === grp).map((p) => keyOf(level(g.from, p.source)))]);
  }
  for (const c of Object.values(tables.choices)) {
    // Options need not sum to anything (several answers each): each stands alone.
    for (const o of c.options) ledger.add(["option", c.id, o.level], o.n, hideLevel(o as unknown as Record<string, unknown>));
  }
  for (const s of Object.values(tables.numbers)) {
    if (s.n > 0) ledger.add(["summary", s.id], s.n, hideSummary(s as unknown as Record<string, unknown>, {keepN: true}));
  }
  for (const s of Object.values(tables.summaries)) {
    ledger.line(s.groups.map((g) => ledger.add(["summary", s.id, g.group], g.n, hideSummary(g as unknown as Record<string, unknown>))));
  }
  for (const t of Object.values(tables.subgroups)) ledger.tables.set(t, tableLedger(ledger, t, level));
  return ledger;
}

/**
 * A subgroup table's counts: each grouping's N (the grouping's own levels), its cells and "Unknown"
 * counts; lines: each row across its groups (and Overall), and, in a categorical block, each
 * group's column (its levels and Unknown add up to the group's N). Returns the table's keys.
 */
function tableLedger(ledger: Ledger, t: SubgroupTable, level: (id: string, name: string) => string[]): string[] {
  const keys: string[] = [];
  const add = (parts: string[], n: number, hide: Hide) => {
    const key = ledger.add(parts, n, hide);
    keys.push(key);
    return key;
  };
  for (const b of t.by) {
    for (const g of b.groups) add(level(b.id, g.group), g.n, (text) => void Object.assign(g, {n: null, suppressed: text}));
    const at = (row: string[], group: string) => ["cell", t.id, ...row, b.id, group];
    /** A row's cells (and Overall) by group; the row is a line. */
    const cells = (row: string[], cs: SubgroupCell[], overall: SubgroupCell | undefined) => {
      const byGroup = new Map(cs.map((c) => [c.group, add(at(row, c.group), c.x, hideCell(c))]));
      if (overall) byGroup.set("Overall", add(at(row, "Overall"), overall.x, hideCell(overall)));
      ledger.line([...byGroup.values()]);
      return byGroup;
    };
    const unknown = (row: string[], u: UnknownCounts | undefined) => {
      if (!u) return new Map<string, string>();
      const byGroup = new Map(u.cells.map((c) => [c.group, add(at([...row, "Unknown"], c.group), c.n, (text) => void Object.assign(c, {n: null, suppressed: text}))]));
      if (u.overall !== undefined) byGroup.set("Overall", add(at([...row, "Unknown"], "Overall"), u.overall, (text) => void Object.assign(u, {overall: null, suppressedOverall: text})));
      ledger.line([...byGroup.values()]);
      return byGroup;
    };
    t.rows.forEach((row, i) => {
      const name = [String(i), row.variable];
      if (row.kind === undefined) cells([...name, row.level], row.by[b.id].cells, row.by[b.id].overall);
      else if (row.kind === "categorical") {
        const r = row.by[b.id];
        const lines = [...r.levels.map((l) => cells([...name, l.level], l.cells, l.overall)), unknown(name, r.unknown)];
        // Each group's column adds up to its N; the Overall column to the number with a group (known).
        for (const g of b.groups) ledger.line([keyOf(level(b.id, g.group)), ...lines.flatMap((m) => (m.has(g.group) ? [m.get(g.group)!] : []))]);
        if (t.overall) ledger.line(lines.flatMap((m) => (m.has("Overall") ? [m.get("Overall")!] : [])));
      } else if (row.kind === "multiple") {
        const r = row.by[b.id];
        for (const l of r.levels) cells([...name, l.level], l.cells, l.overall);
        unknown(name, r.unknown);
      } else {
        // A number's cells print a summary, not their n: a summary of fewer than k is hidden; its Unknown row is counts.
        const r = row.by[b.id];
        for (const c of [...r.cells, ...(r.overall ? [r.overall] : [])]) if (c.n > 0) add(["summary", t.id, ...name, b.id, c.group], c.n, hideSummary(c as unknown as Record<string, unknown>));
        unknown(name, r.unknown);
      }
    });
  }
  return keys;
}

/** What a hidden count shows: "< 5" for a count below k; "x" for a larger one hidden with it (it is not below k). */
export const suppressedText = (k: number, why: Why) => (why === "primary" ? `< ${k}` : COMPLEMENTARY);
export const COMPLEMENTARY = "x";

/**
 * Hides the tables' small counts in place (see the top of this file) and returns what it did. A
 * number cell (SummaryCell) or summary keeps nothing but its group; the layouts of subgroup tables
 * are made afterwards (tables.ts), from the cells as published.
 */
export async function suppressSmallCells(db: StudyDatabase, tables: StudyTables, k: number): Promise<SmallCellsReport> {
  const ledger = await ledgerOf(db, tables);
  const counts = new Map([...ledger.counts].map(([key, c]) => [key, c.n]));
  const hidden = cellsToHide(counts, ledger.lines, k);
  for (const [key, why] of hidden) for (const hide of ledger.counts.get(key)!.hide) hide(suppressedText(k, why), why);
  for (const [t, keys] of ledger.tables) if (keys.some((key) => hidden.has(key))) t.suppressed = suppressedText(k, "primary");
  for (const t of Object.values(tables.subgroups)) countsOnlyWhereNHidden(t);
  const of = (why: string) => [...hidden.values()].filter((w) => w === why).length;
  return {k, primary: of("primary"), complementary: of("complementary")};
}

/**
 * A group whose N is hidden must not have it given away by its cells: a cell's own n (those in the
 * group who answered) and its percentage (x over that n) would both tell it. So in that group's
 * column each cell still shown keeps its count only ("8", not "8 (50%)"), and a summary cell its
 * statistics without its n; the table is marked (`countsOnly`) for its note.
 */
function countsOnlyWhereNHidden(t: SubgroupTable): void {
  for (const b of t.by) {
    const hiddenN = new Set(b.groups.filter((g) => g.suppressed).map((g) => g.group));
    if (!hiddenN.size) continue;
    const strip = (c: SubgroupCell) => {
      if (c.suppressed || !hiddenN.has(c.group)) return;
      Object.assign(c, {n: null, percent: null, text: c.x.toLocaleString("en-US")});
      if ("weighted" in c) (c as {weighted?: number | null}).weighted = null;
      t.countsOnly = true;
    };
    for (const row of t.rows) {
      if (row.kind === undefined) row.by[b.id].cells.forEach(strip);
      else if (row.kind === "categorical" || row.kind === "multiple") for (const l of row.by[b.id].levels) l.cells.forEach(strip);
      else for (const c of row.by[b.id].cells) if (hiddenN.has(c.group) && !c.suppressed) (c as {n: number | null}).n = null;
    }
  }
}

/** The build log's line for a study's tables (with disclosureLine's for its rows). */
export function smallCellsLine(r: SmallCellsReport | undefined): string {
  if (!r) return "tables: every count shown (no small_cells in the codebook)";
  if ("accepted" in r) return "tables: every count shown, as the codebook accepts";
  if (!r.primary) return `tables: k = ${r.k}, no count below it`;
  return `tables: k = ${r.k}, ${r.primary} ${r.primary === 1 ? "count" : "counts"} below it shown as "< ${r.k}"${r.complementary ? `, ${r.complementary} more hidden with them ("x")` : ""}`;
}

/**
 * Applies the codebook's small_cells to the tables (in place): hides their small counts, or records
 * the reason every count is published; returns the report, or undefined when the codebook sets no rule.
 */
export async function applySmallCells(db: StudyDatabase, tables: StudyTables): Promise<SmallCellsReport | undefined> {
  const rule = db.codebook.disclosure?.small_cells;
  if (!rule) return undefined;
  if ("accept" in rule) return {accepted: rule.accept};
  return suppressSmallCells(db, tables, rule.k);
}
