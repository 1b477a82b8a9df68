import {html} from "npm:htl";

/**
 * Table 1, one block per grouping (gtsummary's layout): each outcome as n (%) per group, then the
 * p-value with its test named in a footnote. htl escapes every interpolated string, so labels
 * from survey files are rendered as text.
 */
export function subgroupTable(table, {by = table.by.map((b) => b.id)} = {}) {
  const tests = new Map();
  const note = (method) => (tests.has(method) || tests.set(method, tests.size + 1), tests.get(method));
  const groupings = table.by.filter((b) => by.includes(b.id));
  // Blocks with fewer groups get empty cells, so every p-value sits in the last column.
  const width = Math.max(...groupings.map((b) => b.groups.length));
  const pad = (b) => Array.from({length: width - b.groups.length}, () => html`<td></td>`);
  const blocks = groupings.map(
      (b) => html`<tbody>
        <tr class="grouping"><th scope="colgroup">${b.label}</th>${b.groups.map((g) => html`<th class="num">${g.group}<br><span class="muted">N = ${g.n.toLocaleString("en-US")}</span></th>`)}${pad(b)}<th class="num">p</th></tr>
        ${table.rows.map(
          (row) => html`<tr>
            <th scope="row">${row.label}${row.published ? "" : html`<span class="muted" title="Not published by the source"> †</span>`}</th>
            ${row.by[b.id].cells.map((c) => html`<td class="num">${c.text}</td>`)}${pad(b)}
            <td class="num">${row.by[b.id].test.pText}<sup>${note(row.by[b.id].test.method)}</sup></td>
          </tr>`
        )}
      </tbody>`
    );
  return html`<div class="table-scroll"><table class="subgroups">${blocks}</table>
  <p class="table-note">n (%) of those in each group who answered the item; N, those in the group. ${[...tests].map(([method, i]) => html`<sup>${i}</sup> ${method}. `)}
  ${table.rows.some((r) => !r.published) ? "† Not published by the source: these values come from the reconstruction only." : ""}</p></div>`;
}
