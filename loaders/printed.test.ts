import assert from "node:assert/strict";
import {test} from "node:test";
import {printsAs, truncatesAs} from "./printed.ts";

test("printsAs rounds to the printed precision", () => {
  assert.ok(printsAs(87.5172, "87.5"));
  assert.ok(printsAs(81.99, "82"));
  assert.ok(!printsAs(81.4, "82"));
  assert.ok(printsAs(0.0196, "0.02"));
  assert.ok(printsAs(65.3, "65.30"), "a trailing zero is the same precision as printed");
});

test("truncatesAs cuts extra digits", () => {
  assert.ok(truncatesAs(100 * 114 / 144, "79.16"));
  assert.ok(!printsAs(100 * 114 / 144, "79.16"));
  assert.ok(!truncatesAs(100 * 114 / 144, "79.17"));
  assert.ok(truncatesAs(75, "75"));
});
