// Keyboard and screen-reader access to the pages' tables, in one place (axe-core checks every page:
// test/site.test.ts). Charts' text alternatives are the chart functions' own.

/**
 * The attributes of a box that scrolls sideways when its table is wider than the page (on a phone):
 * in the Tab order, so a keyboard reader can scroll it with the arrow keys, and named, so a screen
 * reader says what the focused box holds (axe scrollable-region-focusable). Spread into htl:
 * html`<div class="table-scroll" ${scrollBox("Table 1")}>…</div>`.
 * @param {string} label what the box holds, unique on its page (each is a landmark)
 */
export function scrollBox(label) {
  return {role: "region", tabindex: 0, "aria-label": label};
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
