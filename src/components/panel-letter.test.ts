// Tests for src/components/panel-letter.js. Run: node --import tsx --test src/components/panel-letter.test.ts
import assert from "node:assert/strict";
import {test} from "node:test";
import {panelLetter} from "./panel-letter.js";

test("panels are lettered A, B, C… and past Z, AA, AB…", () => {
  assert.deepEqual([0, 1, 2, 25].map(panelLetter), ["A", "B", "C", "Z"]);
  assert.deepEqual([26, 27, 51, 52].map(panelLetter), ["AA", "AB", "AZ", "BA"]);
});

test("an index that is not a whole number ≥ 0 is an error", () => {
  for (const i of [-1, 1.5, NaN]) assert.throws(() => panelLetter(i), /panelLetter/);
});
