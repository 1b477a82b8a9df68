// A bare import (not npm:) so the same chart function also renders in Node for the manuscript files.
import * as Plot from "./plot.js";
import {described, plural, shareText} from "./describe.js";
import {baseText, countShare} from "./format.js";
import {countTicks} from "./ticks.js";

/**
 * Horizontal bars of one question's answers: the count, labelled "n (p%)", in the codebook's
 * order (ordinal) or most frequent first (sort: true). Used for participant characteristics.
 */
export function distributionBars(distribution, {width = 640, sort = false, height, unit, document} = {}) {
  // A hidden count (small_cells) keeps its row, with no bar: its label says "< 5".
  const data = distribution.levels.filter((d) => d.n > 0 || d.suppressed || !sort);
  const maxN = Math.max(0, ...data.map((d) => d.n));
  const marginLeft = Math.max(40, Math.min(12 + 6.5 * Math.max(...data.map((d) => d.level.length)), width - 96 - 80));
  const wraps = data.some((d) => 12 + 6.5 * d.level.length > marginLeft);
  const weighted = distribution.weightedBase !== undefined;
  // Readable ticks however narrow the bars (a panel of a multi-panel figure): Plot's default, one per
  // 80 px, leaves an 80–120 px axis with "0" alone, and more would crowd it.
  const ticks = countTicks(weighted ? Math.max(0, ...data.map((d) => d.percent)) : maxN, width - marginLeft - 96);
  const chart = Plot.plot({
    document, // Node (the manuscript files) passes a DOM; the browser uses its own
    width,
    height: height ?? (wraps ? 34 : 26) * data.length + 40,
    // Room for the longest answer label (about 6.5 px a character at 10 px) and the "n (p%)" text,
    // leaving the bars at least 80 px however narrow the chart; longer labels wrap (axis below).
    marginLeft,
    marginRight: 96,
    // Counts are whole: under 10, a tick per count (Plot would put ticks at 0.5, 1.5…). A weighted
    // study's bars are its weighted shares (the unweighted n is in the label).
    x: weighted
      ? {label: `Weighted % ${baseText(distribution, {unit})} (label: unweighted n)`, grid: true, ticks}
      : {label: `Number (% ${baseText(distribution, {unit})})`, grid: true, ticks: maxN > 0 && maxN < 10 ? maxN : ticks},
    y: {label: null, domain: sort ? data.toSorted((a, b) => (weighted ? b.percent - a.percent : b.n - a.n)).map((d) => d.level) : data.map((d) => d.level)},
    marks: [
      // Plot's barX stacks, and a stack draws a null as a bar of 0: a hidden count gets no mark at all.
      Plot.barX(data.filter((d) => !d.suppressed), {x: weighted ? "percent" : "n", y: "level", fill: "var(--theme-foreground-focus)", tip: true}),
      Plot.text(data, {x: (d) => (weighted ? d.percent : d.n) ?? 0, y: "level", text: countShare, textAnchor: "start", dx: 4}),
      Plot.ruleX([0]),
      // Tick labels wrap to the margin rather than being cut off (lineWidth is in ems: 10 px here).
      Plot.axisY({lineWidth: (marginLeft - 12) / 10, tickSize: 6})
    ]
  });
  return described(chart, {
    name: `Bar chart: ${distribution.label}, ${weighted ? "weighted share" : "number"} giving each of ${plural(data.length, "answer")}${sort ? ", most frequent first" : ""}`,
    lines: [`${baseText(distribution, {unit})}:`, ...data.map(shareText)]
  });
}
