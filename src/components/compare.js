// A bare import (not npm:) so the same chart function also renders in Node for the manuscript files.
import * as Plot from "./plot.js";
import {described, plural} from "./describe.js";
import {percent} from "./format.js";
import {categorical} from "./palette.js";

const SYMBOL = {reconstructed: "circle", original: "circle", aggregates: "diamond", "by design": "square"};

/**
 * Platform use across sources: one row per platform, one dot per source (colour), with its 95%
 * interval where it has one. Hollow symbols mark values no source prints (reconstructed, or true by
 * the way participants were recruited).
 */
export function platformDots(points, {width} = {}) {
  const max = (label) => Math.max(...points.filter((p) => p.label === label).map((p) => p.percent));
  const platforms = [...new Set(points.map((p) => p.label))].sort((a, b) => max(b) - max(a));
  const sources = [...new Set(points.map((p) => p.who))];
  const tip = (p) =>
    `${p.who}\n${p.label}: ${p.printed ? `${p.printed}% (as published)` : percent(p.percent)}${p.low !== null ? `\n95% CI ${percent(p.low)} – ${percent(p.high)}` : ""}${p.reported ? "" : "\nNot reported by the source"}${p.note ? `\n${p.note}` : ""}`;
  const chart = Plot.plot({
    width,
    height: (10 * sources.length + 14) * platforms.length + 70,
    marginLeft: 90,
    // Inset, so that a marker at 0 or 100% (the French group's Facebook use is 100% by design) is
    // drawn whole, inside its row's frame.
    x: {label: "Share using the platform (%)", domain: [0, 100], grid: true, insetLeft: 8, insetRight: 8},
    // One facet row per platform; inside it, one line per source.
    fy: {label: null, domain: platforms, padding: 0.15},
    y: {domain: sources, axis: null},
    color: {domain: sources, range: categorical(sources.length), legend: true, label: null},
    symbol: {domain: Object.keys(SYMBOL), range: Object.values(SYMBOL)},
    marks: [
      Plot.frame({strokeOpacity: 0.1}),
      Plot.ruleY(points.filter((p) => p.low !== null), {fy: "label", y: "who", x1: "low", x2: "high", stroke: "who", strokeWidth: 2, strokeOpacity: 0.6}),
      // Filled: a value the source prints. Hollow: reconstructed, or true by design.
      ...[true, false].map((reported) =>
        Plot.dot(points.filter((p) => p.reported === reported), {
          fy: "label",
          y: "who",
          x: "percent",
          stroke: "who",
          fill: reported ? "who" : "var(--theme-background)",
          symbol: "kind",
          r: 4.5,
          strokeWidth: 2,
          title: tip,
          tip: true
        })
      )
    ]
  });
  return described(chart, {
    name: `Dot chart: share using each of ${plural(platforms.length, "platform")}, one dot per source (${plural(sources.length, "source")}), with 95% intervals where there are any`,
    lines: platforms.flatMap((label) => points.filter((p) => p.label === label).map((p) => tip(p).replace(/\n/g, "; ").replace(`${p.who}; `, `${p.who}: `)))
  });
}

/**
 * One bar per source: the share doing something professionally on social media, each labelled
 * above its bar with the source and what exactly it measures (the labels are long, and matter).
 */
export function shareBars(points, {width} = {}) {
  const data = points.map((p, i) => ({...p, row: String(i), caption: `${p.who}: ${p.label}`}));
  const chart = Plot.plot({
    width,
    height: 88 * data.length + 40,
    marginLeft: 10,
    marginRight: 56,
    x: {label: "Share (%)", domain: [0, 100], grid: true},
    y: {domain: data.map((d) => d.row), axis: null, paddingInner: 0.6, paddingOuter: 0.5},
    marks: [
      Plot.barX(data, {x: "percent", y: "row", fill: (d) => (d.kind === "aggregates" ? "#5e3c99" : "#b35806"), fillOpacity: 0.75}),
      Plot.ruleY(data.filter((d) => d.low !== null), {x1: "low", x2: "high", y: "row", stroke: "currentColor"}),
      Plot.text(data, {x: (d) => d.high ?? d.percent, y: "row", text: (d) => (d.printed ? `${d.printed}%` : percent(d.percent)), textAnchor: "start", dx: 5}),
      Plot.text(data, {x: 0, y: "row", text: "caption", textAnchor: "start", lineAnchor: "bottom", dy: -19, lineWidth: Math.max(20, ((width ?? 640) - 80) / 11), fontSize: 11}),
      Plot.ruleX([0])
    ]
  });
  return described(chart, {
    name: `Bar chart: share doing something professionally on social media, in ${plural(data.length, "source")}`,
    lines: data.map((d) => `${d.caption}: ${d.printed ? `${d.printed}%` : percent(d.percent)}${d.low !== null ? ` (95% CI ${percent(d.low)}–${percent(d.high)})` : ""}`)
  });
}
