// A bare import (not npm:) so the same chart function also renders in Node for the manuscript files.
import * as Plot from "./plot.js";
import {html} from "npm:htl";
import {described, plural} from "./describe.js";
import {count, percent} from "./format.js";
import {scrollBox} from "./a11y.js";

/**
 * Published percentages (rows of a study's `aggregates`) as horizontal bars, each labelled with the
 * value as printed. A row whose `low` and `high` are numbers (the build's 95% Wilson interval, for
 * rows with an n) gets the interval drawn across its bar; rows without an n get none.
 * `y` names the field that labels the bars: "measure" (platforms) or "population" (age groups).
 */
export function aggregateBars(rows, {width, y = "measure", label = "% (as published)"} = {}) {
  const withInterval = rows.filter((d) => Number.isFinite(d.low) && Number.isFinite(d.high));
  // Long labels wrap in the left margin (about 6 px a character at Plot's 10 px font).
  const marginLeft = Math.min(12 + 6 * Math.max(...rows.map((d) => d[y].length)), Math.max(120, width * 0.4));
  const lines = Math.max(...rows.map((d) => Math.ceil((6 * d[y].length) / (marginLeft - 12))));
  const chart = Plot.plot({
    width,
    height: Math.max(30, 12 * lines + 12) * rows.length + 50,
    marginLeft,
    marginRight: 40,
    x: {label, domain: [0, 100], grid: true},
    y: {label: null, domain: rows.map((d) => d[y])},
    marks: [
      Plot.axisY({label: null, tickSize: 0, lineWidth: (marginLeft - 12) / 10}),
      Plot.barX(rows, {x: "value", y, fill: "var(--theme-foreground-focus)", fillOpacity: withInterval.length ? 0.5 : 0.8}),
      Plot.ruleY(withInterval, {x1: "low", x2: "high", y, stroke: "currentColor", strokeWidth: 1.5}),
      Plot.text(rows, {x: (d) => (withInterval.includes(d) ? d.high : d.value), y, text: (d) => `${d.printed}%`, textAnchor: "start", dx: 6}),
      Plot.tip(rows, Plot.pointerY({x: "value", y, title: (d) => [`${d.measure} — ${d.population}`, `${d.printed}% as published`, withInterval.includes(d) ? `95% Wilson interval at n = ${count(d.n)}: ${percent(d.low)} – ${percent(d.high)}` : "No n in the source: no interval", d.source].join("\n")})),
      Plot.ruleX([0])
    ]
  });
  return described(chart, {
    name: `Bar chart: ${plural(rows.length, "published percentage")}${withInterval.length ? ", with 95% Wilson intervals where the source gives an n" : ""}`,
    lines: rows.map((d) => `${d.measure} — ${d.population}: ${d.printed}% as published${withInterval.includes(d) ? ` (95% CI ${percent(d.low)}–${percent(d.high)}, n = ${count(d.n)})` : ""}`)
  });
}

/**
 * Every row's citation, as text: what, who, the value as printed, n, where it is printed, source,
 * note. A run of rows with the same where, source or note shows it once, in a cell spanning the run.
 */
export function sourcesTable(rows) {
  const spanned = (key, d, i) => {
    if (i > 0 && rows[i - 1][key] === d[key]) return "";
    let span = 1;
    while (i + span < rows.length && rows[i + span][key] === d[key]) span++;
    return html`<td rowspan=${span} style=${`vertical-align: top;${key === "note" ? "" : " min-width: 8rem;"}`}>${d[key]}</td>`;
  };
  return scrollBox(html`<table class="sources" style="max-width: none; font-size: 12px;">
    <thead><tr><th>Measure</th><th>Population</th><th class="num">Printed</th><th class="num">n</th><th>Where it is printed</th><th>Source</th><th>Note</th></tr></thead>
    <tbody>${rows.map((d, i) => html`<tr>
      <td>${d.measure}</td><td>${d.population}</td><td class="num">${d.printed}${d.unit}</td><td class="num">${d.n === null ? "–" : count(d.n)}</td>
      ${spanned("where", d, i)}${spanned("source", d, i)}${spanned("note", d, i)}
    </tr>`)}</tbody>
  </table>`, {label: "Every published figure with its source"});
}
