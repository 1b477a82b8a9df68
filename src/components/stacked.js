// A bare import (not npm:) so the same chart function also renders in Node for the manuscript files.
import * as Plot from "@observablehq/plot";
import {percent} from "./format.js";

/**
 * 100% stacked horizontal bars, one per question, for ordered answers (frequencies, rating bins).
 * `items` is a list of distributions; each bar shows its levels' shares in order, labelled with the
 * percentage where the segment is wide enough to hold it.
 *
 * The question labels sit in the left margin, `labelWidth` wide when the chart has room; on a narrow
 * chart (a phone) the margin shrinks to at most 55% of the width, leaving the bars at least 160 px
 * (or 45% of a chart narrower than 356 px), and the labels wrap to fit it.
 */
export function stackedBars(items, {width = 640, scheme = "RdYlBu", reverse = false, labelWidth = 300, unit = "respondents", key = "html", document} = {}) {
  const order = items[0].levels.map((d) => d.level);
  const margins = stackedMargins(width, labelWidth);
  const bars = width - margins.left - margins.right;
  const {rows: svgKeyRows, marks: keyMarks} = key === "svg" ? svgKey(order, bars) : {rows: 0, marks: []};
  // Each bar is labelled with the question and, on its own line, its base (n).
  const name = (item) => `${wrap(item.label, margins.characters)}\n(n = ${item.base.toLocaleString("en-US")})`;
  const lines = Math.max(...items.map((item) => name(item).split("\n").length));
  const rows = items.flatMap((item) => item.levels.map((d) => ({...d, question: name(item)})));
  // A segment's percentage is printed inside it when the segment is wide enough for the text (about 22 px).
  const labelled = Math.max(8, (100 * 22) / bars);
  return Plot.plot({
    document, // Node (the manuscript files) passes a DOM; the browser uses its own
    width,
    height: Math.max(56, 12 * lines + 20) * items.length + 60,
    marginLeft: margins.left,
    marginRight: margins.right,
    x: {label: items.every((item) => item.denominator === "respondents") ? `Share of all ${unit} (%)` : unit === "respondents" ? "Share of those who answered (%)" : `Share of ${unit} (%)`, domain: [0, 100], percent: false},
    y: {label: null, domain: items.map(name)},
    // The key: Plot's HTML swatches on the page; drawn inside the SVG for a manuscript figure.
    color: {domain: order, scheme, reverse, legend: key === "html", label: null},
    marginTop: key === "svg" ? 22 + 14 * svgKeyRows : undefined,
    marks: [
      Plot.barX(rows, Plot.stackX({x: "percent", y: "question", fill: "level", order, tip: {format: {x: (d) => percent(d)}}, title: (d) => `${d.level}: ${d.n.toLocaleString("en-US")} (${percent(d.percent)})`})),
      Plot.text(rows, Plot.stackX({x: "percent", y: "question", z: "level", order, text: (d) => (d.percent >= labelled ? percent(d.percent) : ""), fill: "black"})),
      Plot.ruleX([0, 100]),
      ...(key === "svg" ? keyMarks : [])
    ]
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
 * when the plot is too narrow for one.
 */
function svgKey(order, plotWidth) {
  const entries = [];
  let x = 0, row = 0;
  for (const label of order) {
    const w = 20 + 6.5 * label.length;
    if (x > 0 && x + w > plotWidth) (x = 0), ++row;
    entries.push({label, x: (100 * x) / plotWidth, row});
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
