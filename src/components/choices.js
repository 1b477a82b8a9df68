// A bare import (not npm:) so the same chart function also renders in Node for the manuscript files.
import * as Plot from "./plot.js";
import {described, plural} from "./describe.js";
import {baseText, countShare, percent} from "./format.js";

/**
 * A multiple-choice question: options sorted by how often they were chosen, each bar the share of
 * the question's base (those who answered, or all respondents), with its 95% Wilson interval and "n (p%)".
 */
export function choiceBars(choices, {width = 640, unit, document} = {}) {
  const data = choices.options;
  const shown = data.filter((d) => !d.suppressed);
  // Room for the longest option, at most half the chart, and on a narrow chart (a phone) leaving the
  // bars at least 100 px beside the 110 px of "n (p%)" labels; longer options wrap (axis below).
  const marginLeft = Math.max(60, Math.min(12 + 6.5 * Math.max(...data.map((d) => d.level.length)), width / 2, width - 110 - 100));
  const chart = Plot.plot({
    document, // Node (the manuscript files) passes a DOM; the browser uses its own
    width,
    height: 34 * data.length + 50,
    marginLeft, // about 6.5 px a character at 10 px
    marginRight: 110,
    x: {label: `% ${baseText(choices, {unit})} (${choices.weightedBase !== undefined ? "weighted; 95% CI, logit" : "95% Wilson CI"})`, domain: [0, 100], grid: true},
    y: {label: null, domain: data.map((d) => d.level)},
    marks: [
      // Plot's barX stacks, and a stack draws a null as a bar of 0: a hidden count gets no mark at all.
      Plot.barX(shown, {x: "percent", y: "level", fill: "var(--theme-foreground-focus)", fillOpacity: 0.8}),
      Plot.ruleY(shown, {x1: "low", x2: "high", y: "level", stroke: "currentColor", strokeWidth: 1.5}),
      // A hidden count (small_cells) has no bar and no interval: its label, at 0, says "< 5".
      Plot.text(data, {x: (d) => d.high ?? 0, y: "level", text: countShare, textAnchor: "start", dx: 6}),
      Plot.tip(data, Plot.pointerY({x: (d) => d.percent ?? 0, y: "level", title: (d) => (d.suppressed ? `${d.level}\n${d.suppressed}` : `${d.level}\n${d.n} of ${choices.base} (${percent(d.percent)})\n95% CI ${percent(d.low)} – ${percent(d.high)}`)})),
      Plot.ruleX([0]),
      Plot.axisY({lineWidth: (marginLeft - 12) / 10, tickSize: 6})
    ]
  });
  return described(chart, {
    name: `Bar chart: ${choices.label}, share choosing each of ${plural(data.length, "option")} (several possible), most chosen first, with 95% intervals`,
    lines: [`Share ${baseText(choices, {unit})}:`, ...data.map((d) => (d.suppressed ? `${d.level}: ${d.suppressed}` : `${d.level}: ${countShare(d).slice(0, -1)}; 95% CI ${percent(d.low)}–${percent(d.high)})`))]
  });
}
