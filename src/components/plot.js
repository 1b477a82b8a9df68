// The parts of Observable Plot and d3 the chart modules use, and the one place they import them from
// (bare imports, not npm:, so that the same modules run in Node for the manuscript files).
// In the browser, Framework would serve Plot and d3 as some 40 modules (about 530 KB before the first
// chart); scripts/framework-offline.ts bundles the names below, and only these, with the d3 code they
// need, into one minified file (about 250 KB). A chart that needs another mark adds it here: Node then
// sees the same names as the browser, so a missing one fails the tests, not only the page.
export {axisY, barX, dot, frame, plot, pointerY, ruleX, ruleY, stackX, text, tickX, tip} from "@observablehq/plot";
export {color, hsl, interpolateBlues, interpolatePuOr, quantize, rgb, ticks} from "d3";
