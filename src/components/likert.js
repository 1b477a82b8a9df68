// Likert and rating items as survey readers expect them: diverging stacked bars centred on the
// neutral point, as ggstats::gglikert draws them (disagreement left, agreement right, an odd
// scale's middle answer split half on either side of the centre), sortable by agreement, with the
// 100%-stacked view of the same items (stacked.js) one option away.
// A bare import (not npm:) so the same chart function also renders in Node for the manuscript files.
import * as Plot from "./plot.js";
import {described, itemLine, plural} from "./describe.js";
import {countShare, percent} from "./format.js";
import {diverging, textOn} from "./palette.js";
import {barLabel, barsHeight, fitsInSegment, shareLabel, stackedBars, stackedMargins, svgKey} from "./stacked.js";

/**
 * One item's answers laid out around 0: each level with the interval [x1, x2] (in % of the base) it
 * covers, the levels below the middle to the left of 0 and those above it to the right. With an odd
 * number of levels the middle one spans [-m/2, m/2]; with an even number the centre falls between
 * the two middle levels.
 * @param {{levels: {level: string, n: number, percent: number}[]}} item
 */
export function likertRows(item) {
  const k = item.levels.length;
  const half = Math.floor(k / 2);
  const below = item.levels.slice(0, half).reduce((s, d) => s + d.percent, 0);
  const middle = k % 2 ? item.levels[half].percent : 0;
  let x = -(below + middle / 2);
  return item.levels.map((d, i) => {
    const x1 = x;
    x += d.percent;
    return {...d, x1, x2: x, side: k % 2 && i === half ? 0 : i < half ? -1 : 1};
  });
}

/**
 * How much an item is agreed with, as gglikert's "classic" sort measures it: the share above the
 * middle plus half the middle's.
 */
export function agreement(item) {
  return likertRows(item).reduce((s, d) => s + (d.side > 0 ? d.percent : d.side === 0 ? d.percent / 2 : 0), 0);
}

/** The items in questionnaire order, or the most agreed-with first (ties keep questionnaire order). */
export function sortItems(items, sort = "questionnaire") {
  return sort === "agreement" ? items.toSorted((a, b) => agreement(b) - agreement(a)) : items;
}

/**
 * Diverging stacked bars of Likert or rating items that share one scale (`items`: distributions
 * with the same levels, lowest first). `sort`: "questionnaire" | "agreement"; `layout`: "diverging"
 * (centred on the neutral point) | "stacked" (100% stacked, as some papers print them). `low` and
 * `high` name the scale's ends for the axis ("strongly disagree"); they default to the first and last levels.
 * A segment of at least 5% that is wide enough for its text is labelled with its share; every
 * segment's count and share are in its tooltip and in the chart's text alternative.
 * @param {{label: string, base: number, denominator?: string, levels: {level: string, n: number, percent: number}[]}[]} items
 * @param {{width?: number, sort?: string, layout?: string, low?: string, high?: string, labelWidth?: number, unit?: string, key?: string, document?: Document}} [options]
 */
export function divergingLikert(items, {width = 640, sort = "questionnaire", layout = "diverging", low, high, labelWidth = 300, unit = "respondents", key = "html", document} = {}) {
  const sorted = sortItems(items, sort);
  if (layout === "stacked") return stackedBars(sorted, {width, palette: diverging, labelWidth, unit, key, document});
  const order = items[0].levels.map((d) => d.level);
  const colors = diverging(order.length);
  const colorOf = new Map(order.map((level, i) => [level, colors[i]]));
  const margins = stackedMargins(width, labelWidth);
  const bars = width - margins.left - margins.right;
  const name = (item) => barLabel(item, margins.characters);
  // A hidden count (small_cells) gets no segment (its share is null, so it is 0 wide in likertRows).
  const rows = sorted.flatMap((item) => likertRows(item).filter((d) => !d.suppressed).map((d) => ({...d, question: name(item), label: item.label})));
  // Each side as wide as its longest bars need, to the next 10% (gglikert's default, symmetric = FALSE):
  // a symmetric axis would leave half the chart empty for items most agree with.
  const domain = [Math.floor(Math.min(...rows.map((d) => d.x1)) / 10) * 10, Math.ceil(Math.max(...rows.map((d) => d.x2)) / 10) * 10];
  const {rows: svgKeyRows, marks: keyMarks} = key === "svg" ? svgKey(order, bars, domain) : {rows: 0, marks: []};
  const pxPerPercent = bars / (domain[1] - domain[0]);
  const text = (d) => percent(d.percent, {digits: 0});
  const labelled = (d) => fitsInSegment(d.percent, d.percent * pxPerPercent, text(d));
  // The axis label names the scale's ends, shortened to the answers' own labels where it would not fit.
  const ends = [low ?? order[0], high ?? order.at(-1)];
  const long = `← ${ends[0]} · ${shareLabel(items, unit)} (%) · ${ends[1]} →`;
  const medium = `← ${ends[0]} · % · ${ends[1]} →`;
  const label = [long, medium].find((l) => 6 * l.length <= bars) ?? `← ${order[0]} · % · ${order.at(-1)} →`;
  const chart = Plot.plot({
    document, // Node (the manuscript files) passes a DOM; the browser uses its own
    width,
    height: barsHeight(items, name),
    marginLeft: margins.left,
    marginRight: margins.right,
    marginTop: key === "svg" ? 22 + 14 * svgKeyRows : undefined,
    x: {
      label,
      labelAnchor: "center",
      labelArrow: "none",
      domain,
      tickFormat: (x) => `${Math.abs(x)}`,
      ticks: bars < 300 ? 4 : 8,
      inset: 6 // clear of the y axis
    },
    y: {label: null, domain: sorted.map(name)},
    color: {domain: order, range: colors, legend: key === "html", label: null},
    marks: [
      Plot.barX(rows, {x1: "x1", x2: "x2", y: "question", fill: "level", tip: true, title: (d) => `${d.label}\n${d.level}: ${countShare(d)}`}),
      // The neutral point, then the labels over it, each on a patch of its segment's colour.
      Plot.ruleX([0], {stroke: "currentColor", strokeWidth: 1.5}),
      Plot.text(rows, {x: (d) => (d.x1 + d.x2) / 2, y: "question", text: (d) => (labelled(d) ? text(d) : ""), fill: {value: (d) => textOn(colorOf.get(d.level)), scale: null}, stroke: {value: (d) => colorOf.get(d.level), scale: null}, strokeWidth: 4, paintOrder: "stroke"}),
      ...(key === "svg" ? keyMarks : [])
    ]
  });
  const middle = order.length % 2 ? ` split across the centre line by its middle answer (${order[Math.floor(order.length / 2)]})` : "";
  return described(chart, {
    name: `Diverging stacked bars: share giving each answer (${order.join(", ")}), lower answers left and higher answers right of the centre${middle}, for ${plural(items.length, "item")}${sort === "agreement" ? ", most agreed-with first" : ""}`,
    lines: sorted.map(itemLine)
  });
}
