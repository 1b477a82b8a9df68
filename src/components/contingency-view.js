// Drawing a cross-tab (contingency.ts's crossTabulate result): the table of n (%) with 95%
// intervals, and small charts of the percentages with their intervals, one per counted answer
// (column %) or per group (row %).
import * as Plot from "./plot.js";
import {described, plural} from "./describe.js";

const fixed1 = (x) => x.toFixed(1);

/**
 * The table: answers down, groups across, "n (%)" over "95% CI low–high" in each cell.
 * @param {import("./contingency.ts").CrossTab} tab
 * @param {{rowLabel?: string, document?: Document}} [options]
 */
export function contingencyTable(tab, {rowLabel, document = globalThis.document} = {}) {
  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    for (const child of children) node.append(child);
    return node;
  };
  const cellOf = (row, column) =>
    column === "Total" || row === "Total"
      ? tab.margins.find((m) => m.row === row && m.column === column)
      : tab.cells.find((c) => c.row === row && c.column === column);
  const content = (cell) =>
    cell ? [el("span", {class: "n-percent"}, cell.text), el("span", {class: "ci"}, `${fixed1(cell.low)}–${fixed1(cell.high)}`)] : [""];
  const columns = tab.percent === "column" ? [...tab.columns, "Total"] : tab.columns;
  const rows = tab.percent === "row" ? [...tab.rows, "Total"] : tab.rows;
  const head = el("thead", {},
    el("tr", {}, el("th", {scope: "col", class: "corner"}, rowLabel ?? ""), ...columns.map((c) => el("th", {scope: "col"}, c)))
  );
  const body = el("tbody", {}, ...rows.map((r) => el("tr", {}, el("th", {scope: "row"}, r), ...columns.map((c) => el("td", {}, ...content(cellOf(r, c)))))));
  return el("table", {class: "contingency", "data-percent": tab.percent}, head, body);
}

/**
 * Percentages with their Wilson 95% intervals: one small chart per counted answer (column %) or per group (row %).
 * @param {import("./contingency.ts").CrossTab} tab
 * @param {{width?: number, only?: string, document?: Document}} [options]
 * @returns {HTMLElement[]}
 */
export function contingencyCharts(tab, {width, only, document = globalThis.document} = {}) {
  const byColumn = tab.percent === "column";
  const panels = byColumn ? tab.rows.filter((r) => only === undefined || r === only) : tab.columns;
  const along = byColumn ? tab.columns : tab.rows;
  // As wide as the page (a phone's 326 px included: a wider chart would be scaled down, its text with
  // it), the labels taking at most 45% of it (longer ones are cut by Plot, whole in the tip).
  const chartWidth = Math.min(width || 640, 760);
  const labelWidth = Math.min(300, 0.45 * chartWidth, 10 + 6.5 * Math.max(...along.map((l) => l.length)));
  return panels.map((panel) => {
    const data = tab.cells.filter((c) => (byColumn ? c.row : c.column) === panel);
    const y = byColumn ? "column" : "row";
    const chart = Plot.plot({
      document,
      width: chartWidth,
      height: 36 + 26 * along.length,
      marginLeft: labelWidth,
      marginRight: 24,
      x: {label: "% (95% CI)", domain: [0, 100], grid: true},
      y: {label: null, domain: along},
      marks: [
        // Labels cut to the margin with an ellipsis (Plot's lineWidth is in ems of its 10 px text).
        Plot.axisY({label: null, lineWidth: (labelWidth - 12) / 10, textOverflow: "ellipsis-end"}),
        Plot.ruleY(data, {y, x1: "low", x2: "high", stroke: "#4e79a7", strokeWidth: 2}),
        Plot.dot(data, {y, x: "percent", fill: "#4e79a7", r: 4, tip: true, title: (d) => `${d[y]}: ${d.text}, 95% CI ${fixed1(d.low)}–${fixed1(d.high)}%`})
      ]
    });
    const title = byColumn ? `“${panel}”, as a % of each group` : `“${panel}”, as a % of those giving each answer`;
    described(chart, {
      name: `Dot chart: ${title}, for ${plural(data.length, byColumn ? "group" : "answer")}, with 95% Wilson intervals`,
      lines: data.map((d) => `${d[y]}: ${d.text}, 95% CI ${fixed1(d.low)}–${fixed1(d.high)}%`)
    });
    const figure = document.createElement("figure");
    figure.className = "contingency-chart";
    const caption = document.createElement("figcaption");
    caption.textContent = title;
    figure.append(caption, chart);
    return figure;
  });
}
