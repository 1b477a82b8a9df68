// Table 1's layout as plain strings: what the study page draws (src/components/subgroups.js) and
// what the CSV, XLSX and DOCX files hold (./tables.ts). One function, so they cannot disagree.
import type {SubgroupRow, SubgroupTable, SubgroupTest, UnknownCounts} from "../tables.ts";
import {nText, shownCount, suppressedNote} from "../../src/components/format.js";

export interface TableLayout {
  /** The first block's grouping row: its label, ("Overall" and) each group with "N = …", blank cells, "p". */
  header: string[];
  /** Outcome rows, and the grouping row that opens each later block (indices in `headings`). */
  rows: string[][];
  /** Indices into `rows` of the grouping rows that open the second and later blocks. */
  headings: number[];
  /** Indices into `rows` of the indented rows: a block's levels or options and its "Unknown" row (only when there are any). */
  indented?: number[];
  /** The note under the table: what n (%) means, the tests by marker (¹ ² …), and †. */
  footnotes: string[];
}


const SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹";
const superscript = (i: number) => [...String(i)].map((d) => SUPERSCRIPT[Number(d)]).join("");

/** The column-level note, as subgroups.js prints it. */
export const COUNT_NOTE = "n (%) of those in each group who answered the item; N, those in the group.";
export const WEIGHTED_COUNT_NOTE = "n (%): n and N are respondents (unweighted), % is weighted by the survey weight.";
export const UNPUBLISHED_NOTE = "† Not published by the source: these values come from the reconstruction only.";
/** The notes a table gets only when it has the rows they explain. */
export const UNKNOWN_NOTE = "Unknown: those in the group without an answer (not asked, no answer or a missing code), left out of the percentages and the tests.";
export const RESPONSES_NOTE = "Percent of responses: each option's share of all the options ticked in the group.";
export const ADJUST_NOTES = {
  holm: "p-values adjusted across the table's rows, within each grouping: Holm's correction for multiple testing.",
  BH: "p-values adjusted across the table's rows, within each grouping: Benjamini–Hochberg false discovery rate."
} as const;
/** What a number row's cells are, as gtsummary's footnote names them ("Median (Q1, Q3)"). */
export function statisticNote(statistics: ("median" | "mean")[], weighted: boolean): string {
  const median = statistics.includes("median"), mean = statistics.includes("mean");
  const quartiles = "quartiles as gtsummary computes them, R's quantile(type = 2)";
  if (weighted)
    return [mean ? "Mean (SD) weighted by the survey weight" : "", median ? `median (Q1, Q3) of the answers, unweighted (${quartiles})` : ""].filter(Boolean).join("; ").replace(/^./, (c) => c.toUpperCase()) + ".";
  const what = [median ? "median (Q1, Q3)" : "", mean ? "mean (SD)" : ""].filter(Boolean).join(" and ").replace(/^./, (c) => c.toUpperCase());
  return `${what} of those in each group who answered${median ? `; ${quartiles}` : ""}.`;
}

/**
 * Table 1 as the page lays it out, in plain strings. A group's header cell is its name and, on a
 * second line, "N = 1,032" (the page's <br>); blocks with fewer groups get empty cells so every
 * p-value sits in the last column; tests are numbered by first use, block by block, as the page
 * numbers them. `by` keeps only some groupings, like the page component's option.
 *
 * Rows without a level are laid out as gtsummary's tbl_summary(): a categorical block is its label
 * (with the block's p) and an indented row per level; a number row is one line, median (Q1, Q3) or
 * mean (SD) — named in the label too when a table mixes the two; a multiple-choice block is its label,
 * "(percent of respondents)" or "(percent of responses)", and an indented row per option with its
 * own p; under a block, an indented "Unknown" row of counts when the table shows one.
 */
export function tableRows(table: SubgroupTable, {by = table.by.map((b) => b.id)}: {by?: string[]} = {}): TableLayout {
  const groupings = table.by.filter((b) => by.includes(b.id));
  if (!groupings.length) throw new Error(`table "${table.id}": no grouping to show`);
  const tests = new Map<string, number>();
  const note = (method: string) => (tests.has(method) || tests.set(method, tests.size + 1), tests.get(method)!);
  const p = (test: SubgroupTest) => `${test.pText}${superscript(note(test.method))}`;
  const overall = !!table.overall;
  const width = Math.max(...groupings.map((b) => b.groups.length));
  const pad = (n: number) => Array.from({length: width - n}, () => "");
  const statistics = [...new Set(table.rows.flatMap((r) => (r.kind === "number" ? [r.statistic] : [])))];
  const mixed = statistics.length > 1;
  const nameOf = (row: SubgroupRow) => {
    let label = row.label;
    if (row.kind === "number" && mixed) label += row.statistic === "median" ? ", median (Q1, Q3)" : ", mean (SD)";
    if (row.kind === "multiple") label += row.percent === "responses" ? " (percent of responses)" : " (percent of respondents)";
    return row.published ? label : `${label} †`;
  };
  let unknownShown = false;
  type Line = {cells: string[]; indent?: boolean};
  const blocks = groupings.map((b) => {
    const n = b.groups.length;
    const total = b.total ?? b.groups.reduce((t, g) => t + g.n, 0);
    const line = (first: string, cells: string[], last: string, overallCell?: string): string[] => [first, ...(overall ? [overallCell ?? ""] : []), ...cells, ...pad(n), last];
    const blank = (first: string, last = "") => line(first, Array.from({length: n}, () => ""), last);
    const texts = (cells: {text: string}[]) => cells.map((c) => c.text);
    const unknown = (u: UnknownCounts | undefined): Line[] => {
      if (!u) return [];
      unknownShown = true;
      return [{cells: line("Unknown", u.cells.map(shownCount), "", u.suppressedOverall ?? u.overall?.toLocaleString("en-US")), indent: true}];
    };
    const lines: Line[] = [
      {cells: [b.label, ...(overall ? [`Overall\nN = ${total.toLocaleString("en-US")}`] : []), ...b.groups.map((g) => `${g.group}\n${nText(g, {symbol: "N"})}`), ...pad(n), "p"]}
    ];
    for (const row of table.rows) {
      if (row.kind === undefined) {
        const {cells, test, overall: o} = row.by[b.id];
        lines.push({cells: line(nameOf(row), texts(cells), p(test), o?.text)});
      } else if (row.kind === "categorical") {
        const r = row.by[b.id];
        lines.push({cells: blank(nameOf(row), p(r.test))});
        for (const l of r.levels) lines.push({cells: line(l.level, texts(l.cells), "", l.overall?.text), indent: true});
        lines.push(...unknown(r.unknown));
      } else if (row.kind === "multiple") {
        const r = row.by[b.id];
        lines.push({cells: blank(nameOf(row))});
        for (const l of r.levels) lines.push({cells: line(l.level, texts(l.cells), p(l.test), l.overall?.text), indent: true});
        lines.push(...unknown(r.unknown));
      } else {
        const r = row.by[b.id];
        lines.push({cells: line(nameOf(row), texts(r.cells), p(r.test), r.overall?.text)});
        lines.push(...unknown(r.unknown));
      }
    }
    return lines;
  });
  const [header, ...rest] = blocks.flat();
  const rows = rest.map((l) => l.cells);
  const headings: number[] = [];
  for (let i = 1, at = blocks[0].length - 1; i < blocks.length; at += blocks[i++].length) headings.push(at);
  const indented = rest.flatMap((l, i) => (l.indent ? [i] : []));
  const footnotes = [table.weighted ? WEIGHTED_COUNT_NOTE : COUNT_NOTE];
  if (statistics.length) footnotes.push(statisticNote(statistics, !!table.weighted));
  if (table.rows.some((r) => r.kind === "multiple" && r.percent === "responses")) footnotes.push(RESPONSES_NOTE);
  if (unknownShown) footnotes.push(UNKNOWN_NOTE);
  if (table.suppressed) footnotes.push(suppressedNote(table.suppressed, {tests: true}));
  footnotes.push(...[...tests].map(([method, i]) => `${superscript(i)} ${method}.`));
  if (table.adjust) footnotes.push(ADJUST_NOTES[table.adjust]);
  if (table.rows.some((r) => !r.published)) footnotes.push(UNPUBLISHED_NOTE);
  return {header: header.cells, rows, headings, ...(indented.length ? {indented} : {}), footnotes};
}

