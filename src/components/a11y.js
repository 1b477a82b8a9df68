// Keyboard and screen-reader access to the pages' tables, in one place (axe-core checks every page:
// test/site.test.ts). Charts' text alternatives are the chart functions' own (describe.js).
import {html} from "npm:htl";

/**
 * A wide table in a box of its own that scrolls sideways, so the page never does (at 390 px, Table 1
 * is wider than the screen). The box is in the Tab order, so a keyboard reader can scroll it with
 * the arrow keys, and a named region, so a screen reader says what the focused box holds (axe
 * scrollable-region-focusable); the table's first column stays in view (src/style.css,
 * .table-scroll). `label` names the region, as text, unique on its page (each is a landmark).
 */
export function scrollBox(content, {label, className = "table-scroll"}) {
  return html`<div class=${className} tabindex="0" role="region" aria-label=${label}>${content}</div>`;
}

/**
 * An Inputs.table as a reader can use it: the table scrolls inside its own box, so the box is in
 * the Tab order and named (as scrollBox); and with `select: false` its first column (where the
 * selection boxes would be) is empty, so that column's header cell is made a plain cell (axe
 * empty-table-header: a header with no text names nothing). Returns the table.
 * @param {HTMLElement} table what Inputs.table returned (a <form>)
 * @param {string} label what the table shows, unique on its page
 */
export function accessibleTable(table, label) {
  table.setAttribute("aria-label", label);
  table.tabIndex = 0;
  const corner = table.querySelector("thead tr > th:first-child");
  if (corner && !corner.textContent.trim() && !corner.querySelector("input")) corner.replaceWith(table.ownerDocument.createElement("td"));
  return table;
}
