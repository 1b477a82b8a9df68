// A bare import (not npm:) so the same chart function also renders in Node for the manuscript files.
import * as Plot from "./plot.js";
import {described, plural} from "./describe.js";
import {nText, number} from "./format.js";

/**
 * A number within groups (tables.summaries.<id>): for each group, the interquartile range as a
 * thick bar, the median as a tick, the range as a thin line, and n. Drawn from the build's
 * summaries, so the page and the tables show the same quartiles.
 */
export function summaryByGroup(summary, {width, label = summary.label, extra, document} = {}) {
  const data = summary.groups;
  // The right margin holds "n = …" and whatever `extra` adds; the left one the group labels (about
  // 6.5 px a character), at most half the chart and never so wide that less than 80 px is left to
  // the plot (a phone's width): longer labels wrap (axis below).
  const marginRight = extra ? 170 : 64;
  const w = width ?? 640;
  const marginLeft = Math.max(40, Math.min(12 + 6.5 * Math.max(...data.map((d) => d.group.length)), w / 2, w - marginRight - 80));
  extra ??= () => "";
  const chart = Plot.plot({
    document, // Node (the manuscript files) passes a DOM; the browser uses its own
    width,
    height: 34 * data.length + 60,
    marginLeft,
    marginRight,
    // Axis labels do not wrap: on a phone, the label alone (say what the marks are in the caption).
    x: {label: w < 480 ? label : `${label} (median, interquartile range and range)`, grid: true, nice: true},
    y: {label: null, domain: data.map((d) => d.group)},
    marks: [
      Plot.ruleY(data, {x1: "min", x2: "max", y: "group", stroke: "currentColor", strokeOpacity: 0.4}),
      Plot.barX(data, {x1: "q1", x2: "q3", y: "group", fill: "var(--theme-foreground-focus)", fillOpacity: 0.35, insetTop: 6, insetBottom: 6}),
      Plot.tickX(data, {x: "median", y: "group", strokeWidth: 3, stroke: "var(--theme-foreground-focus)", insetTop: 4, insetBottom: 4}),
      // In the right margin, clear of the longest range.
      Plot.text(data, {y: "group", frameAnchor: "right", text: (d) => `${nText(d)}${extra(d)}`, textAnchor: "start", dx: 8, fontSize: 10}),
      Plot.axisY({lineWidth: (marginLeft - 12) / 10, tickSize: 6}),
      Plot.tip(data, Plot.pointerY({x: "median", y: "group", title: (d) => (Number.isFinite(d.median) ? `${d.group}\n${nText(d)}\nmedian ${d.median}, IQR ${d.q1}–${d.q3}\nmean ${d.mean.toFixed(1)} (SD ${d.sd.toFixed(1)})\nrange ${d.min}–${d.max}` : `${d.group}\n${nText(d)}: not summarised`)}))
    ]
  });
  return described(chart, {
    name: `Range chart: ${label} in ${plural(data.length, "group")}, each with its median, interquartile range and range`,
    lines: data.map((d) => `${d.group}: ${nText(d)}, median ${number(d.median)} (IQR ${number(d.q1)}–${number(d.q3)}), range ${number(d.min)}–${number(d.max)}${extra(d)}`)
  });
}
