import * as Plot from "npm:@observablehq/plot";
import {baseText, percent} from "./format.js";

/**
 * Horizontal bars of one question's answers: the count, labelled "n (p%)", in the codebook's
 * order (ordinal) or most frequent first (sort: true). Used for participant characteristics.
 */
export function distributionBars(distribution, {width, sort = false, height, unit} = {}) {
  const data = distribution.levels.filter((d) => d.n > 0 || !sort);
  return Plot.plot({
    width,
    height: height ?? 26 * data.length + 40,
    // Room for the longest answer label (about 6.5 px a character at 10 px) and the "n (p%)" text,
    // leaving the bars at least 80 px however narrow the card.
    marginLeft: Math.max(40, Math.min(12 + 6.5 * Math.max(...data.map((d) => d.level.length)), width - 96 - 80)),
    marginRight: 96,
    x: {label: `Number (% ${baseText(distribution, {unit})})`, grid: true},
    y: {label: null, domain: sort ? data.toSorted((a, b) => b.n - a.n).map((d) => d.level) : data.map((d) => d.level)},
    marks: [
      Plot.barX(data, {x: "n", y: "level", fill: "var(--theme-foreground-focus)", tip: true}),
      Plot.text(data, {x: "n", y: "level", text: (d) => `${d.n.toLocaleString("en-US")} (${percent(d.percent)})`, textAnchor: "start", dx: 4}),
      Plot.ruleX([0])
    ]
  });
}
