// Disclosure control of the row-level files (responses.parquet, choices.parquet, responses.arrow,
// and so the explorer): the codebook names the quasi-identifiers (what someone could know about a
// respondent from elsewhere) and how each column is published; the build checks that every public
// row shares its combination of them with at least k - 1 others (k-anonymity) and refuses to publish
// otherwise, unless the codebook accepts the risk with a reason. The check runs in SQL on the rows
// exactly as they are published, so a million rows cost one GROUP BY. The tables the pages show are
// computed from every column (loaders/tables.ts): only the row-level files are coarsened.
import {type Codebook, CodebookError, type PublicRow, codebookPath, displayPath} from "./codebook.ts";
import type {StudyDatabase} from "./database.ts";
import {publicCodebook} from "./responses.ts";
import type {SmallCellsReport} from "./suppress.ts";
import {ident, levelExpression, literal} from "../src/components/sql.ts";

/** k when the codebook gives none: the usual minimum cell size of statistical offices. */
export const DEFAULT_K = 5;

/** What the build did and found, as tables.json carries it for the study's page. */
export interface DisclosureReport {
  k: number;
  /** The declared quasi-identifiers, in the codebook's order. */
  quasiIdentifiers: {id: string; label: string}[];
  /** How each column the codebook names (quasi-identifiers and public_rows) is published in the row-level files. */
  columns: {id: string; label: string; published: string}[];
  /** The public columns the rows were grouped on (the quasi-identifiers as published, and their derived groupings). */
  checked: {id: string; label: string}[];
  rows: number;
  /** Rows alone in their combination. */
  unique: number;
  /** Rows in combinations shared by fewer than k (the unique ones included). */
  belowK: number;
  /** The size of the smallest combination (null when no quasi-identifier is in the rows, or there are none). */
  smallestGroup: number | null;
  /** The codebook's reason for publishing although belowK > 0. */
  accepted?: string;
  note?: string;
  /** What small_cells did to the published tables (loaders/suppress.ts), when the codebook sets it. */
  smallCells?: SmallCellsReport;
}

/** Row-level files that would single respondents out: says how many, the smallest groups, and what to do. */
export class DisclosureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DisclosureError";
  }
}

const labelOf = (cb: Codebook, id: string) => cb.questions.find((q) => q.id === id)?.label ?? cb.derived?.find((d) => d.id === id)?.label ?? id;

/** How a column is published, as the page says it. */
function publishedAs(how: PublicRow | undefined): string {
  if (how === undefined) return "as answered";
  if (how === "drop") return "left out of the row-level files";
  if (how === "bands") return "in its bands";
  const parts = [how.bottom_code !== undefined && `values below ${how.bottom_code} shown as ${how.bottom_code}`, how.top_code !== undefined && `values above ${how.top_code} shown as ${how.top_code}`];
  return parts.filter(Boolean).join(", ");
}

/** The question a responses column belongs to (its missing column belongs to it too). */
const ownerOf = (column: string) => (column.endsWith("__missing") ? column.slice(0, -"__missing".length) : column);

/**
 * The SELECT list of the public rows: each column of `responses` as the codebook publishes it —
 * dropped, replaced by its band label, or top/bottom-coded.
 */
export function publicColumns(cb: Codebook, columns: string[]): string[] {
  const rules = cb.disclosure?.public_rows ?? {};
  const pub = publicCodebook(cb);
  // A derived grouping of a dropped question stays: it is the coarser column the author keeps.
  return columns.flatMap((column) => {
    const how = rules[ownerOf(column)];
    if (how === "drop") return [];
    if (how === undefined || column !== ownerOf(column)) return [ident(column)];
    if (how === "bands") return [`${levelExpression(pub, column)} AS ${ident(column)}`];
    let x = ident(column);
    if (how.bottom_code !== undefined) x = `greatest(${x}, ${how.bottom_code})`;
    if (how.top_code !== undefined) x = `least(${x}, ${how.top_code})`;
    return [`${x} AS ${ident(column)}`];
  });
}

/**
 * The public columns carrying a quasi-identifier: itself unless dropped, the groupings derived from
 * it, and, for a derived grouping, the question it groups (finer than the grouping, so no less identifying).
 */
export function checkedColumns(cb: Codebook, published: string[]): string[] {
  const qis = cb.disclosure?.quasi_identifiers ?? [];
  const derivedFrom = (id: string) => (cb.derived ?? []).filter((d) => d.from === id).map((d) => d.id);
  const source = (id: string) => cb.derived?.find((d) => d.id === id)?.from;
  const carriers = (id: string) => [id, ...derivedFrom(id), ...(source(id) ? [source(id)!, ...derivedFrom(source(id)!)] : [])];
  return [...new Set(qis.flatMap(carriers))].filter((c) => published.includes(c));
}

/** The study's codebook must say how its rows are protected before any is published. */
export function requireDisclosure(cb: Codebook): void {
  if (cb.disclosure || cb.study.data === "aggregates") return;
  throw new CodebookError(
    `${displayPath(codebookPath(cb.study.id))}: no disclosure section. This study publishes row-level files (responses.parquet, responses.arrow, the explorer), so the build must check that no published row singles a respondent out. Name the questions someone could know about a respondent from elsewhere (age, sex, profession, place), for example:\n` +
      `  disclosure:\n    quasi_identifiers: [${cb.questions.filter((q) => q.type === "single" || q.type === "ordinal" || q.type === "number").slice(0, 3).map((q) => q.id).join(", ")}]\n` +
      `(docs/codebook.md "Disclosure control")`
  );
}

/**
 * Makes the view `public_responses` (the rows as the row-level files publish them) and checks it.
 * Throws DisclosureError when some rows are in combinations smaller than k and the codebook does not
 * accept it; otherwise returns the report the page shows.
 */
export async function checkDisclosure(db: StudyDatabase): Promise<DisclosureReport> {
  const cb = db.codebook;
  requireDisclosure(cb);
  const d = cb.disclosure!;
  const k = d.k ?? DEFAULT_K;
  const all = (await db.connection.runAndReadAll("SELECT column_name FROM (DESCRIBE responses)")).getRowObjectsJS().map((r) => String(r.column_name));
  const select = publicColumns(cb, all);
  await db.connection.run(`CREATE OR REPLACE TEMP VIEW public_responses AS SELECT ${select.join(", ")} FROM responses`);
  const published = all.filter((c) => d.public_rows?.[ownerOf(c)] !== "drop");
  const checked = checkedColumns(cb, published);
  // With no quasi-identifier in the rows there is nothing to find anyone by: nothing to count.
  const [counts] = checked.length
    ? (await db.connection.runAndReadAll(
        `WITH g AS (SELECT count(*) AS n FROM public_responses GROUP BY ${checked.map(ident).join(", ")})
         SELECT coalesce(sum(n), 0) AS rows, coalesce(sum(n) FILTER (n = 1), 0) AS "unique", coalesce(sum(n) FILTER (n < ${k}), 0) AS below, min(n) AS smallest FROM g`
      )).getRowObjectsJS()
    : (await db.connection.runAndReadAll(`SELECT count(*) AS rows, 0 AS "unique", 0 AS below, NULL AS smallest FROM public_responses`)).getRowObjectsJS();
  const named = [...new Set([...d.quasi_identifiers, ...Object.keys(d.public_rows ?? {})])];
  const report: DisclosureReport = {
    k,
    quasiIdentifiers: d.quasi_identifiers.map((id) => ({id, label: labelOf(cb, id)})),
    columns: named.map((id) => ({id, label: labelOf(cb, id), published: publishedAs(d.public_rows?.[id])})),
    // A derived grouping may share its question's label ("Specialty"): say which one the rows keep.
    checked: checked.map((id) => ({id, label: cb.derived?.some((g) => g.id === id) && cb.questions.some((q) => q.label === labelOf(cb, id)) ? `${labelOf(cb, id)} (grouped)` : labelOf(cb, id)})),
    rows: Number(counts.rows),
    unique: Number(counts.unique),
    belowK: Number(counts.below),
    smallestGroup: counts.smallest === null ? null : Number(counts.smallest),
    ...(d.accept ? {accepted: d.accept} : {}),
    ...(d.note ? {note: d.note} : {})
  };
  if (report.belowK > 0 && !d.accept) throw new DisclosureError(await refusal(db, report, checked));
  return report;
}

/** The message of a refused publication: counts, the smallest combinations (the log is the author's own), and the three ways out. */
async function refusal(db: StudyDatabase, r: DisclosureReport, checked: string[]): Promise<string> {
  const cols = checked.map(ident).join(", ");
  const smallest = (await db.connection.runAndReadAll(
    `SELECT ${cols}, count(*) AS n FROM public_responses GROUP BY ALL HAVING count(*) < ${r.k} ORDER BY n, ${cols} LIMIT 5`
  )).getRowObjectsJS();
  const shown = (v: unknown) => (v === null ? "(no answer)" : Array.isArray(v) ? `[${v.join(", ")}]` : String(v));
  const file = displayPath(codebookPath(db.codebook.study.id));
  return [
    `${file}: ${r.belowK.toLocaleString("en-US")} of ${r.rows.toLocaleString("en-US")} rows would be published in groups smaller than k = ${r.k} on ${checked.join(", ")} (${r.unique.toLocaleString("en-US")} of them unique), so the row-level files (responses.parquet, choices.parquet, responses.arrow, the explorer) would let someone who knows these answers find a respondent.`,
    `  The smallest groups:`,
    ...smallest.map((row) => `    ${checked.map((c) => `${c} = ${shown(row[c])}`).join(", ")}: ${row.n} row${Number(row.n) === 1 ? "" : "s"}`),
    `To fix, in the codebook's disclosure section (docs/codebook.md "Disclosure control"):`,
    `  - coarsen a column in the row-level files: public_rows: {${numberQuasiIdentifier(db.codebook) ?? "a_number"}: bands} or {top_code: N}; or keep a derived grouping and drop the question;`,
    `  - drop a column from the row-level files: public_rows: {${checked[0] ?? "a_question"}: drop} (the pages' tables still use it);`,
    `  - or publish anyway with accept: "the reason", which the study's page shows beside these counts.`
  ].join("\n");
}

/** A quasi-identifier that is a number question, to make the example concrete. */
const numberQuasiIdentifier = (cb: Codebook) => cb.disclosure?.quasi_identifiers.find((id) => cb.questions.find((q) => q.id === id)?.type === "number");

/** The build log's line for a study: what its row-level files were checked on, and what was found. */
export function disclosureLine(r: DisclosureReport): string {
  if (!r.checked.length) return `row-level files: no quasi-identifier in them${r.quasiIdentifiers.length ? ` (${r.quasiIdentifiers.map((q) => q.id).join(", ")} left out)` : ""}`;
  const on = `k = ${r.k} on ${r.checked.map((c) => c.id).join(", ")}`;
  return r.belowK === 0
    ? `row-level files: ${on}, smallest group ${r.smallestGroup}`
    : `row-level files: ${on}, ${r.belowK} of ${r.rows} rows in smaller groups, published as the codebook accepts (${r.accepted})`;
}

/** The multiple-choice answers as published: a dropped question's rows are left out. */
export function publicChoicesQuery(cb: Codebook): string {
  const dropped = Object.entries(cb.disclosure?.public_rows ?? {}).filter(([, how]) => how === "drop").map(([id]) => id);
  return `SELECT * FROM choices${dropped.length ? ` WHERE question NOT IN (${dropped.map(literal).join(", ")})` : ""} ORDER BY respondent, question, option`;
}
