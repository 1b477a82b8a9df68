// Table 1's layout as plain strings: what the study page draws (src/components/subgroups.js) and
// what the CSV, XLSX and DOCX files hold (./tables.ts). One function, so they cannot disagree.
import type {SubgroupTable} from "../tables.ts";

export interface TableLayout {
  /** The first block's grouping row: its label, each group with "N = …", blank cells, "p". */
  header: string[];
  /** Outcome rows, and the grouping row that opens each later block (indices in `headings`). */
  rows: string[][];
  /** Indices into `rows` of the grouping rows that open the second and later blocks. */
  headings: number[];
  /** The note under the table: what n (%) means, the tests by marker (¹ ² …), and †. */
  footnotes: string[];
}


const SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹";
const superscript = (i: number) => [...String(i)].map((d) => SUPERSCRIPT[Number(d)]).join("");

/** The column-level note, as subgroups.js prints it. */
export const COUNT_NOTE = "n (%) of those in each group who answered the item; N, those in the group.";
export const WEIGHTED_COUNT_NOTE = "n (%): n and N are respondents (unweighted), % is weighted by the survey weight.";
export const UNPUBLISHED_NOTE = "† Not published by the source: these values come from the reconstruction only.";

/**
 * Table 1 as the page lays it out, in plain strings. A group's header cell is its name and, on a
 * second line, "N = 1,032" (the page's <br>); blocks with fewer groups get empty cells so every
 * p-value sits in the last column; tests are numbered by first use, block by block, as the page
 * numbers them. `by` keeps only some groupings, like the page component's option.
 */
export function tableRows(table: SubgroupTable, {by = table.by.map((b) => b.id)}: {by?: string[]} = {}): TableLayout {
  const groupings = table.by.filter((b) => by.includes(b.id));
  if (!groupings.length) throw new Error(`table "${table.id}": no grouping to show`);
  const tests = new Map<string, number>();
  const note = (method: string) => (tests.has(method) || tests.set(method, tests.size + 1), tests.get(method)!);
  const width = Math.max(...groupings.map((b) => b.groups.length));
  const pad = (n: number) => Array.from({length: width - n}, () => "");
  const blocks = groupings.map((b) => [
    [b.label, ...b.groups.map((g) => `${g.group}\nN = ${g.n.toLocaleString("en-US")}`), ...pad(b.groups.length), "p"],
    ...table.rows.map((row) => {
      const {cells, test} = row.by[b.id];
      return [row.published ? row.label : `${row.label} †`, ...cells.map((c) => c.text), ...pad(cells.length), `${test.pText}${superscript(note(test.method))}`];
    })
  ]);
  const [header, ...rows] = blocks.flat();
  const headings: number[] = [];
  for (let i = 1, at = blocks[0].length - 1; i < blocks.length; at += blocks[i++].length) headings.push(at);
  const footnotes = [table.weighted ? WEIGHTED_COUNT_NOTE : COUNT_NOTE, ...[...tests].map(([method, i]) => `${superscript(i)} ${method}.`)];
  if (table.rows.some((r) => !r.published)) footnotes.push(UNPUBLISHED_NOTE);
  return {header, rows, headings, footnotes};
}
