// The report's colours, in one place: the page's charts and the manuscript figures (drawn by the same
// chart functions) take every colour scale from here. No scale pairs a red with a green, the pair
// that readers with a red–green colour-vision deficiency (about 1 man in 12) cannot tell apart.
// d3's colour functions through plot.js (bare imports there, so this also runs in Node for the manuscript).
import * as d3 from "./plot.js";

/**
 * The neutral middle of a diverging scale (an odd scale's middle answer). A mid grey rather than
 * ColorBrewer's near-white #f7f7f7, which vanishes on a white page: #949494 keeps 3:1 against white
 * and 6:1 against Framework's dark background, and black text on it reads at 7:1.
 */
export const NEUTRAL = "#949494";

/**
 * Colours of `k` ordered answers from the most negative to the most positive, for ratings and Likert
 * items: ColorBrewer's purple–orange (PuOr, safe for every common colour-vision deficiency), orange
 * for disagreement, purple for agreement, and NEUTRAL in the middle of an odd scale. Both sides are
 * sampled away from the near-white centre of d3's interpolator, so that each answer stays visible on a
 * white page and a dark one; the answer nearest the middle is the lightest.
 */
export function diverging(k) {
  const side = Math.floor(k / 2);
  // Distance from the interpolator's centre (0.5), 0.1 for the answer nearest it to 0.32 for the
  // outermost: further out, the purple falls under 3:1 against a dark page (#7862a5: 3.5:1, and 5.1:1 on white).
  const t = (j) => 0.1 + (0.22 * j) / side;
  const negative = Array.from({length: side}, (_, i) => d3.interpolatePuOr(0.5 + t(side - i))); // outermost first
  const positive = Array.from({length: side}, (_, i) => d3.interpolatePuOr(0.5 - t(i + 1)));
  return [...negative, ...(k % 2 ? [NEUTRAL] : []), ...positive].map((c) => d3.color(c).formatHex());
}

/**
 * Colours of `k` ordered answers that run one way (frequencies: never … always; yes/no), light to dark:
 * ColorBrewer's Blues from 0.25 to 0.75, without its palest quarter (it would vanish on a white page) and
 * its darkest (it would vanish on a dark one: 0.75, #2271b4, keeps 3.5:1 against it).
 */
export function sequential(k) {
  return d3.quantize((t) => d3.interpolateBlues(0.25 + 0.5 * t), Math.max(k, 2)).slice(0, k).map((c) => d3.color(c).formatHex());
}

/**
 * Colours of unordered answers (purposes, sources): Okabe & Ito's palette for colour-vision
 * deficiencies (Color Universal Design, 2008), without its vermilion and bluish green, so that no
 * pair is a red and a green; beyond six answers the colours repeat (no chart here has more).
 */
export const CATEGORICAL = ["#0072b2", "#e69f00", "#56b4e9", "#cc79a7", "#f0e442", "#8c6d31"];

export function categorical(k) {
  return Array.from({length: k}, (_, i) => CATEGORICAL[i % CATEGORICAL.length]);
}

/** Black or white, whichever contrasts more with `fill` (a label printed inside a bar segment). */
export function textOn(fill) {
  return contrast(fill, "black") >= contrast(fill, "white") ? "black" : "white";
}

/** WCAG 2's contrast ratio of two CSS colours (1 to 21). */
export function contrast(a, b) {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

function luminance(color) {
  const {r, g, b} = d3.rgb(color);
  const linear = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/**
 * Pairs of colours among `colors` (any CSS colours) of which one is a red and the other a green: the
 * pairs this module avoids, for the tests of every chart. Red: hue below 20° or from 345°; green:
 * 75°–165°; greys and near-black or near-white colours (saturation < 0.25, lightness outside
 * 0.12–0.9) count as neither.
 */
export function redGreenPairs(colors) {
  const hues = [...new Set(colors)].map((c) => ({c, hsl: hsl(c)})).filter(({hsl}) => hsl.s >= 0.25 && hsl.l >= 0.12 && hsl.l <= 0.9 && Number.isFinite(hsl.h));
  const reds = hues.filter(({hsl}) => hsl.h < 20 || hsl.h >= 345).map(({c}) => c);
  const greens = hues.filter(({hsl}) => hsl.h >= 75 && hsl.h <= 165).map(({c}) => c);
  return reds.flatMap((r) => greens.map((g) => [r, g]));
}

/** A CSS colour's hue (degrees), saturation and lightness (0–1). */
export function hsl(color) {
  const {h, s, l} = d3.hsl(color);
  return {h, s, l};
}
