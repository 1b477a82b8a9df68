// Tests for src/components/ticks.js. Run: node --import tsx --test src/components/ticks.test.ts
import assert from "node:assert/strict";
import {test} from "node:test";
import {countTicks} from "./ticks.js";

test("a wide axis gets Plot's density of nice ticks (one per 80 px at most)", () => {
  assert.deepEqual(countTicks(1204, 400), [0, 200, 400, 600, 800, 1000, 1200]);
  assert.ok(countTicks(944, 800).length <= 11);
});

test("a narrow axis is thinned to two ticks, not left with 0 alone", () => {
  assert.deepEqual(countTicks(944, 80), [0, 500]);
  assert.deepEqual(countTicks(1204, 80), [0, 500, 1000]);
  assert.deepEqual(countTicks(1204, 50), [0, 1000]);
  assert.deepEqual(countTicks(600, 32), [0, 500]);
});

test("neighbouring labels keep apart: \"1,000\" and \"1,500\" need more room than \"10\" and \"15\"", () => {
  for (const [max, span] of [[1600, 100], [1600, 160], [35, 60], [77, 90]]) {
    const t = countTicks(max, span);
    assert.ok(t.length >= 2, `${max} over ${span} px: ${t}`);
    const px = (v: number) => (v / max) * span;
    for (let i = 1; i < t.length; i++) {
      const half = (v: number) => (0.6 * 10 * v.toLocaleString("en-US").length) / 2;
      assert.ok(px(t[i]) - px(t[i - 1]) >= half(t[i]) + half(t[i - 1]), `${max} over ${span} px: ${t}`);
    }
  }
});

test("nothing to count: the axis has its 0", () => {
  assert.deepEqual(countTicks(0, 300), [0]);
});
