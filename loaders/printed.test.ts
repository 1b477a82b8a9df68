import assert from "node:assert/strict";
import {test} from "node:test";
import {grim, judgeNumber, judgeP, parsePrinted, printsAs, truncatesAs} from "./printed.ts";

test("printed values are read with their precision", () => {
  assert.deepEqual(parsePrinted("65.30"), {comparator: "=", value: 65.3, decimals: 2});
  assert.deepEqual(parsePrinted("1,451"), {comparator: "=", value: 1451, decimals: 0});
  assert.deepEqual(parsePrinted("68,2"), {comparator: "=", value: 68.2, decimals: 1});
  assert.deepEqual(parsePrinted("p < 0.001"), {comparator: "<", value: 0.001, decimals: 3});
  assert.deepEqual(parsePrinted("74.7%"), {comparator: "=", value: 74.7, decimals: 1});
  assert.throws(() => parsePrinted("about half"), /cannot read/);
});

test("printsAs and truncatesAs work at the printed precision", () => {
  assert.ok(printsAs(87.5172, "87.5"));
  assert.ok(printsAs(81.99, "82"));
  assert.ok(!printsAs(81.4, "82"));
  assert.ok(printsAs(0.0196, "0.02"));
  assert.ok(printsAs(65.3, "65.30"));
  assert.ok(truncatesAs((100 * 114) / 144, "79.16"));
  assert.ok(!printsAs((100 * 114) / 144, "79.16"));
  assert.ok(!truncatesAs((100 * 114) / 144, "79.17"));
});

test("exact: the computed value is the printed one", () => {
  assert.deepEqual(judgeNumber("75", 75), {verdict: "exact"});
  assert.deepEqual(judgeNumber("1,451", 1451), {verdict: "exact"});
});

test("rounded, and which rule: half away from zero vs half to even differ only on ties", () => {
  assert.deepEqual(judgeNumber("81.94", (100 * 118) / 144), {verdict: "rounded", rounding: "either rule"});
  // 12.25 is a tie at one decimal: half away gives 12.3, half to even 12.2.
  assert.equal(judgeNumber("12.3", 12.25).rounding, "half away from zero");
  assert.equal(judgeNumber("12.2", 12.25).rounding, "half to even");
  assert.equal(judgeNumber("12.2", 12.25).verdict, "rounded");
});

test("truncated: 79.16 for 114/144 (79.1666…), which rounding would print 79.17", () => {
  const j = judgeNumber("79.16", (100 * 114) / 144);
  assert.equal(j.verdict, "truncated");
  assert.match(j.note!, /79\.17/);
});

test("trailing zeros count: 65.30 is not 65.3 when the data give 65.34", () => {
  assert.equal(judgeNumber("65.3", 65.34).verdict, "rounded");
  assert.equal(judgeNumber("65.30", 65.34).verdict, "inconsistent");
});

test("inconsistent says what the data give at the printed precision", () => {
  const j = judgeNumber("65.3", 63.79);
  assert.equal(j.verdict, "inconsistent");
  assert.match(j.note!, /63\.8/);
});

test("p-values: an interval of ±0.5 in the last digit, bounds, and decision errors", () => {
  assert.deepEqual(judgeP("0.02", 0.0196).verdict, "rounded");
  assert.equal(judgeP("0.02", 0.0249).verdict, "rounded");
  assert.equal(judgeP("0.02", 0.0251).verdict, "inconsistent");
  assert.equal(judgeP("0.02", 0.0251).decisionError, false);
  assert.deepEqual(judgeP("< 0.001", 2e-9).verdict, "exact");
  assert.equal(judgeP("< 0.001", 0.004).verdict, "inconsistent");
  assert.equal(judgeP("< 0.001", 0.004).decisionError, false, "both significant");
  const flip = judgeP("0.04", 0.06);
  assert.equal(flip.verdict, "inconsistent");
  assert.equal(flip.decisionError, true);
  assert.equal(judgeP("< 0.05", 0.051).decisionError, true);
  assert.equal(judgeP("0.03", 0.03).verdict, "exact");
});

test("GRIM: a percentage or mean must be possible for its n", () => {
  assert.equal(grim("79.16", 144, {kind: "percent"}), true, "114/144, truncated");
  assert.equal(grim("50.5", 10, {kind: "percent"}), false, "no k/10 prints as 50.5%");
  assert.equal(grim("4.3", 100, {kind: "mean"}), true);
  assert.equal(grim("4.35", 20, {kind: "mean"}), true, "87/20");
  assert.equal(grim("4.35", 10, {kind: "mean"}), false, "k/10 prints 4.30 or 4.40, never 4.35");
  assert.equal(grim("5.19", 28, {kind: "mean"}), false, "the classic GRIM example: 5.19 is impossible for n = 28");
  assert.equal(grim("83", null, {kind: "percent"}), null);
  assert.equal(grim("> 90", 1451, {kind: "percent"}), null, "GRIM does not apply to a bound");
});
