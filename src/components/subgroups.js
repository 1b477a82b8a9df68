import {html} from "npm:htl";

/**
 * Table 1: each outcome as n (%) per group, with the p-value and the test beside it.
 * Built with htl, which escapes every interpolated string: labels are rendered as text.
 */
export function subgroupTable(table, {by = table.by.map((b) => b.id)} = {}) {
  const groupings = table.by.filter((b) => by.includes(b.id));
  const tests = new Map();
  const note = (method) => (tests.has(method) || tests.set(method, tests.size + 1), tests.get(method));
  const body = table.rows.map(
    (row) => html`<tr>
      <th scope="row">${row.label}${row.published ? "" : html` <span class="muted" title="The source does not publish this row">†</span>`}</th>
      ${groupings.map((b) => [
        ...row.by[b.id].cells.map((c) => html`<td class="num">${c.text}</td>`),
        html`<td class="num p">${row.by[b.id].test.pText}<sup>${note(row.by[b.id].test.method)}</sup></td>`
      ])}
    </tr>`
  );
  return html`<div class="table-scroll"><table class="subgroups">
    <thead>
      <tr><th rowspan="2">Outcome</th>${groupings.map((b) => html`<th colspan=${b.groups.length + 1} class="group">${b.label}</th>`)}</tr>
      <tr>${groupings.map((b) => [...b.groups.map((g) => html`<th class="num">${g.group}<br><span class="muted">N = ${g.n.toLocaleString("en-US")}</span></th>`), html`<th class="num">p</th>`])}</tr>
    </thead>
    <tbody>${body}</tbody>
  </table>
  <p class="table-note">n (%) of those in each group who answered the item. ${[...tests].map(([method, i]) => html`<sup>${i}</sup> ${method}. `)}
  ${table.rows.some((r) => !r.published) ? html`† Not published by the source: values come from the reconstruction only.` : ""}</p></div>`;
}
