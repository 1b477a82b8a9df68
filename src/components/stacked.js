// A bare import (not npm:) so the same chart function also renders in Node for the manuscript files.
import * as Plot from "./plot.js";
import {described, itemLine, plural} from "./describe.js";
import {countShare, percent} from "./format.js";
import {sequential, textOn} from "./palette.js";

/**
 * 100% stacked horizontal bars, one per question, for ordered answers (frequencies, rating bins).
 * `items` is a list of distributions; each bar shows its levels' shares in order, labelled with the
 * percentage where the segment is wide enough to hold it (and at least 5%); every segment's numbers
 * are in its tooltip and in the chart's text alternative. `palette(k)` gives the levels' colours in
 * order (palette.js; `reverse` flips them), so the legend's order is the bars'.
 *
 * The question labels sit in the left margin, `labelWidth` wide when the chart has room; on a narrow
 * chart (a phone) the margin shrinks to at most 55% of the width, leaving the bars at least 160 px
 * (or 45% of a chart narrower than 356 px), and the labels wrap to fit it.
 */
export function stackedBars(items, {width = 640, palette = sequential, reverse = false, labelWidth = 300, unit = "respondents", key = "html", document} = {}) {
  const order = items[0].levels.map((d) => d.level);
  const colors = reverse ? palette(order.length).toReversed() : palette(order.length);
  const colorOf = new Map(order.map((level, i) => [level, colors[i]]));
  const margins = stackedMargins(width, labelWidth);
  const bars = width - margins.left - margins.right;
  const {rows: svgKeyRows, marks: keyMarks} = key === "svg" ? svgKey(order, bars, [0, 100]) : {rows: 0, marks: []};
  const name = (item) => barLabel(item, margins.characters);
  // A hidden count (small_cells) gets no segment: its share is not published, so the bar stops short of 100%.
  const rows = items.flatMap((item) => item.levels.filter((d) => !d.suppressed).map((d) => ({...d, question: name(item)})));
  const labelled = (d) => fitsInSegment(d.percent, (d.percent * bars) / 100, percent(d.percent));
  const chart = Plot.plot({
    document, // Node (the manuscript files) passes a DOM; the browser uses its own
    width,
    height: barsHeight(items, name),
    marginLeft: margins.left,
    marginRight: margins.right,
    x: {label: `${shareLabel(items, unit)} (%)`, domain: [0, 100], percent: false},
    y: {label: null, domain: items.map(name)},
    // The key: Plot's HTML swatches on the page; drawn inside the SVG for a manuscript figure.
    color: {domain: order, range: colors, legend: key === "html", label: null},
    marginTop: key === "svg" ? 22 + 14 * svgKeyRows : undefined,
    marks: [
      Plot.barX(rows, Plot.stackX({x: "percent", y: "question", fill: "level", order, tip: {format: {x: (d) => percent(d)}}, title: (d) => `${d.level}: ${countShare(d)}`})),
      Plot.text(rows, Plot.stackX({x: "percent", y: "question", z: "level", order, text: (d) => (labelled(d) ? percent(d.percent) : ""), fill: {value: (d) => textOn(colorOf.get(d.level)), scale: null}})),
      Plot.ruleX([0, 100]),
      ...(key === "svg" ? keyMarks : [])
    ]
  });
  return described(chart, {
    name: `100% stacked bars: share giving each answer (${order.join(", ")}), for ${plural(items.length, "question")}`,
    lines: items.map(itemLine)
  });
}

/**
 * The margins of a stacked bar chart `width` px wide whose labels ask for `labelWidth` px, and how
 * many characters a label line may hold (about 6 px a character at Plot's 10 px font, at most 44).
 * The bars always keep a positive width.
 */
export function stackedMargins(width, labelWidth) {
  const right = 20; // Plot's default
  const left = Math.round(Math.max(0, Math.min(labelWidth, 0.55 * width, width - right - Math.min(160, 0.45 * width))));
  return {left, right, characters: Math.max(8, Math.min(44, Math.floor(left / 6)))};
}

/** A chart of one bar per item, each as tall as its label's lines (`name` gives the label), and room for the axis. */
export function barsHeight(items, name) {
  const lines = Math.max(...items.map((item) => name(item).split("\n").length));
  return Math.max(56, 12 * lines + 20) * items.length + 60;
}

/**
 * Whether a segment's `text` is printed inside it: a share of at least 5% whose segment, `px`
 * wide, holds the text (about 6 px a character at Plot's 10 px, and some air).
 */
export function fitsInSegment(share, px, text) {
  return share >= 5 && px >= 6 * text.length + 4;
}

/** What the bars' shares are of: "Share of those who answered", "Share of all respondents". */
export function shareLabel(items, unit = "respondents") {
  return items.every((item) => item.denominator === "respondents") ? `Share of all ${unit}` : unit === "respondents" ? "Share of those who answered" : `Share of ${unit}`;
}

/** A bar's label: the question, wrapped to `characters` a line, and on its own line its base (n). */
export function barLabel(item, characters) {
  return `${wrap(item.label, characters)}\n(n = ${item.base.toLocaleString("en-US")})`;
}

function wrap(text, length) {
  const words = text.split(" ");
  const lines = [""];
  for (const word of words) {
    if (lines.at(-1) && (lines.at(-1) + " " + word).length > length) lines.push(word);
    else lines[lines.length - 1] = (lines.at(-1) + " " + word).trim();
  }
  return lines.join("\n");
}

/**
 * A colour key drawn with marks above the plot, so it stays inside the SVG (and the PDF). Entries
 * are spaced by their label's length (about 6.5 px a character at 10 px) and wrap to a second row
 * when the plot is too narrow for one. `domain` is the x scale's, where the key starts at its left end.
 */
export function svgKey(order, plotWidth, [x0, x1]) {
  const entries = [];
  let x = 0, row = 0;
  for (const label of order) {
    const w = 20 + 6.5 * label.length;
    if (x > 0 && x + w > plotWidth) (x = 0), ++row;
    entries.push({label, x: x0 + ((x1 - x0) * x) / plotWidth, row});
    x += w;
  }
  const rows = row + 1;
  // Plot's dy is a constant, so each row of the key is its own pair of marks.
  return {
    rows,
    marks: Array.from({length: rows}, (_, r) => {
      const data = entries.filter((e) => e.row === r);
      const dy = -22 - 14 * (rows - 1 - r);
      return [
        Plot.dot(data, {x: "x", frameAnchor: "top", dy, fill: "label", symbol: "square", r: 5}),
        Plot.text(data, {x: "x", frameAnchor: "top", dy, dx: 9, text: "label", textAnchor: "start"})
      ];
    }).flat()
  };
}
