// Tests for src/components/palette.js. Run: node --import tsx --test src/components/palette.test.ts
import assert from "node:assert/strict";
import {test} from "node:test";
import * as Plot from "@observablehq/plot";
import {CATEGORICAL, NEUTRAL, contrast, diverging, hsl, redGreenPairs, sequential, textOn} from "./palette.js";

/** The colours Plot gives `k` ordinal values under a named scheme. */
const scheme = (name: Plot.ColorScheme, k: number) => Plot.scale({color: {type: "ordinal", scheme: name, domain: Array.from({length: k}, (_, i) => i)}}).range as string[];

test("redGreenPairs finds the red–green pairs of the scales it replaces, and none in the report's", () => {
  assert.ok(redGreenPairs(scheme("RdYlGn", 3)).length > 0, "RdYlGn[3] pairs a red and a green");
  assert.ok(redGreenPairs(scheme("Tableau10", 10)).length > 0, "Tableau10 holds a red and a green");
  assert.deepEqual(redGreenPairs(["#949494", "#000000", "#ffffff"]), [], "greys are neither");
  for (let k = 2; k <= 11; ++k) {
    assert.deepEqual(redGreenPairs(diverging(k)), [], `diverging(${k})`);
    assert.deepEqual(redGreenPairs(sequential(k)), [], `sequential(${k})`);
  }
  assert.deepEqual(redGreenPairs([...CATEGORICAL, ...diverging(5), ...sequential(4)]), []);
});

test("diverging(k): k distinct colours, the grey neutral in the middle of an odd scale, orange below it and purple above", () => {
  for (let k = 2; k <= 11; ++k) {
    const colors = diverging(k);
    assert.equal(colors.length, k);
    assert.equal(new Set(colors).size, k, `diverging(${k}) distinct`);
    if (k % 2) assert.equal(colors[(k - 1) / 2], NEUTRAL);
    else assert.ok(!colors.includes(NEUTRAL));
    const hue = (c: string) => hsl(c).h;
    assert.ok(hue(colors[0]) > 15 && hue(colors[0]) < 45, `diverging(${k})[0] is orange: ${colors[0]}`);
    assert.ok(hue(colors.at(-1)!) > 240 && hue(colors.at(-1)!) < 300, `diverging(${k}).at(-1) is purple: ${colors.at(-1)}`);
  }
});

test("the neutral grey and the darkest colours keep 3:1 against a dark page (the grey against white too); segment labels pick the readable ink", () => {
  assert.ok(contrast(NEUTRAL, "#ffffff") >= 3, `${contrast(NEUTRAL, "#ffffff")}`);
  assert.ok(contrast(NEUTRAL, "#161616") >= 3);
  // The darkest colour of each scale stays visible on a dark page (Framework's near-midnight background).
  for (let k = 2; k <= 7; ++k) for (const c of [diverging(k)[0], diverging(k).at(-1)!, sequential(k).at(-1)!]) assert.ok(contrast(c, "#161616") >= 3, `${c} on #161616: ${contrast(c, "#161616").toFixed(2)}:1`);
  for (let k = 2; k <= 7; ++k) for (const c of [...diverging(k), ...sequential(k), ...CATEGORICAL]) assert.ok(contrast(c, textOn(c)) >= 4.5, `${textOn(c)} on ${c}: ${contrast(c, textOn(c)).toFixed(2)}:1`);
});
