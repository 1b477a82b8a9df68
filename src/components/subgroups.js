import {html} from "npm:htl";
import {scrollBox} from "./a11y.js";

/**
 * Table 1 as the build laid it out (tables.json: subgroups.<id>.layout, made by
 * loaders/manuscript/layout.ts), so the page and the CSV/XLSX/DOCX files show the same strings:
 * one block per grouping (gtsummary's layout), n (%) per group, the p-value with its test in a
 * footnote. htl escapes every interpolated string, so labels are rendered as text.
 */
export function subgroupTable(table) {
  const {header, rows, headings, indented = [], footnotes} = table.layout;
  const cell = (text, i, Tag) => (i === 0 ? html`<th scope="row">${text}</th>` : Tag === "th" ? (text === "" ? html`<td class="num"></td>` : html`<th class="num">${lines(text)}</th>`) : html`<td class="num">${text}</td>`);
  const groupingRow = (cells) => html`<tr class="grouping">${cells.map((c, i) => (i === 0 ? html`<th scope="colgroup">${c}</th>` : cell(c, i, "th")))}</tr>`;
  // A block's levels, options and "Unknown" row sit indented under its label, as in gtsummary.
  const row = (cells, r) => (indented.includes(r) ? html`<tr class="level">${cells.map((c, i) => cell(c, i, "td"))}</tr>` : html`<tr>${cells.map((c, i) => cell(c, i, "td"))}</tr>`);
  const tableElement = html`<table class="subgroups">
    <tbody>
      ${groupingRow(header)}
      ${rows.map((cells, r) => (headings.includes(r) ? groupingRow(cells) : row(cells, r)))}
    </tbody>
  </table>`;
  return html`${scrollBox(tableElement, {label: table.title})}<p class="table-note">${footnotes.join(" ")}</p>`;
}

// "General practitioner\nN = 944": the group, and its N on a muted second line.
function lines(text) {
  const [first, ...rest] = text.split("\n");
  return rest.length ? html`${first}<br><span class="muted">${rest.join(" ")}</span>` : first;
}
