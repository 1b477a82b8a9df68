// Tick values for a count axis that stay readable however narrow the chart (a panel of a multi-panel
// figure, a phone): d3's nice ticks (the ones Plot would pick), thinned until neighbouring labels
// no longer touch, and never fewer than two.
import {ticks} from "./plot.js";

/**
 * Ticks from 0 to `max` for an axis `span` px long whose labels are `fontSize` px: the most of d3's
 * nice tick sets (about one per 80 px, Plot's default density, and asking for two at least) whose labels, about 0.6 em a
 * character ("1,000"), keep 6 px apart; at least two, so the axis shows its unit.
 * @param {number} max
 * @param {number} span
 * @param {{fontSize?: number}} [options]
 * @returns {number[]}
 */
export function countTicks(max, span, {fontSize = 10} = {}) {
  if (!(max > 0) || !(span > 0)) return [0];
  const width = (v) => 0.6 * fontSize * v.toLocaleString("en-US").length;
  let fallback = [0, max];
  for (let k = Math.max(2, Math.floor(span / 80)); k >= 1; k--) {
    const t = ticks(0, max, k);
    if (t.length < 2) continue;
    fallback = t;
    const step = ((t[1] - t[0]) / max) * span;
    if (t.every((v, i) => i === 0 || step >= (width(v) + width(t[i - 1])) / 2 + 6)) return t;
  }
  // Even one step is too narrow for both labels: 0 and the largest nice value, as far apart as can be.
  return [0, fallback.at(-1)];
}
