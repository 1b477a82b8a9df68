// Tests for src/components/format.js. Run: node --import tsx --test src/components/format.test.ts
import assert from "node:assert/strict";
import {test} from "node:test";
import {countShare, denominatorText, doiUrl, levels, nText, number, shownCount, summaryText, suppressedNoteOf} from "./format.js";

test("a figure's denominator: the tables' own sentence when there is one", () => {
  const baseText = "n = 118 who answered; not asked: 12; no answer: 3";
  assert.equal(denominatorText({baseText, denominator: "answered", base: 118}), baseText);
});

test("else from the base: who answered (with those without an answer), all respondents, another unit", () => {
  assert.equal(denominatorText({denominator: "answered", base: 1451, missing: 0}), "n = 1,451 who answered");
  assert.equal(denominatorText({denominator: "answered", base: 8, missing: 2}), "n = 8 who answered; 2 without an answer (not asked or left blank)");
  assert.equal(denominatorText({denominator: "respondents", base: 147, missing: 5}), "n = 147 (all respondents)");
  assert.equal(denominatorText({denominator: "answered", base: 200}, {unit: "posts"}), "n = 200 posts with a value");
});

test("a number's summary line: n, mean (SD) to one decimal, median and IQR as measured, range", () => {
  assert.equal(summaryText({n: 9, mean: 7.2222, sd: 3.0912, min: 2, q1: 5, median: 6, q3: 10.25, max: 12}), "n = 9 · mean 7.2 (SD 3.1) · median 6 (IQR 5–10.25) · range 2–12");
  assert.equal(summaryText({n: 1, mean: 4, sd: NaN, min: 4, q1: 4, median: 4, q3: 4, max: 4}), "n = 1 · mean 4.0 · median 4 (IQR 4–4) · range 4–4");
  assert.equal(summaryText({n: 0}), "n = 0: nobody answered");
  assert.equal(number(4.333), "4.33");
});

test("basesText: one sentence for a figure whose questions share it, else each question's, labelled", async () => {
  const {basesText} = await import("./format.js");
  const a = {label: "Sex", denominator: "answered", base: 10, baseText: "Of the 10 who answered."};
  const b = {label: "Age", denominator: "answered", base: 9, baseText: "Of the 9 who answered. No answer: 1."};
  assert.equal(basesText([a, {...a, label: "Other"}]), "Of the 10 who answered.");
  assert.equal(basesText([a, b]), "Sex: Of the 10 who answered. · Age: Of the 9 who answered. No answer: 1.");
  assert.equal(basesText([{label: "Type", denominator: "answered", base: 200}], {unit: "posts"}), "n = 200 posts with a value");
});

test("a DOI's address: the DOI itself after https://doi.org/, its parts percent-encoded", () => {
  assert.equal(doiUrl("10.1007/s00296-025-06000-4"), "https://doi.org/10.1007/s00296-025-06000-4");
  assert.equal(doiUrl("10.20944/preprints202503.0426.v1"), "https://doi.org/10.20944/preprints202503.0426.v1");
  assert.equal(doiUrl("10.1002/(SICI)1097-4571#x?y"), "https://doi.org/10.1002/(SICI)1097-4571%23x%3Fy");
});

test("hidden counts (small_cells): shown as their text, never as 0; levels() will not add one up", () => {
  assert.equal(shownCount({n: 1451}), "1,451");
  assert.equal(shownCount({n: null, suppressed: "< 5"}), "< 5");
  assert.equal(countShare({n: 66, percent: 45.52}), "66 (45.5%)");
  assert.equal(countShare({n: null, percent: null, suppressed: "x"}), "x");
  assert.deepEqual([nText({n: 21}), nText({n: null, suppressed: "< 5"}), nText({n: null, suppressed: "x"})], ["n = 21", "n < 5", "n = x"]);
  assert.equal(suppressedNoteOf([{n: 3}]), "");
  assert.match(suppressedNoteOf([{n: 3}, {n: null, suppressed: "x"}, {n: null, suppressed: "< 10"}]), /^< 10: fewer than 10, not published/);
  const d = {id: "role", base: 40, levels: [{level: "A", n: 30}, {level: "B", n: null, suppressed: "< 5"}]};
  assert.deepEqual(levels(d, ["A"]), {n: 30, percent: 75});
  assert.throws(() => levels(d, ["A", "B"]), /"role" level "B" is hidden in the published tables/);
});
