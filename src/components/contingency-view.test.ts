// Tests for src/components/contingency-view.js. Run: node --import tsx --test src/components/contingency-view.test.ts
// Drawn in Node with linkedom as the DOM, as the manuscript figures are.
// Intervals checked by hand from the Wilson formula (e.g. 35/60: centre 0.5783, half-width 0.1210).
import assert from "node:assert/strict";
import {test} from "node:test";
import {parseHTML} from "linkedom";
import {crossTabulate} from "./contingency.ts";
import {contingencyCharts, contingencyTable} from "./contingency-view.js";

const {document} = parseHTML("<!doctype html><html><body></body></html>");
const counts = [
  {row_level: "Yes", column_level: "A", n: 30},
  {row_level: "No", column_level: "A", n: 10},
  {row_level: "Yes", column_level: "B", n: 5},
  {row_level: "No", column_level: "B", n: 15}
];
const levels = {rows: ["Yes", "No"], columns: ["A", "B"]};
const textOf = (table: Element) =>
  [...table.querySelectorAll("tr")].map((tr) => [...tr.querySelectorAll("th, td")].map((c) => [...c.childNodes].map((n) => n.textContent).join(" | ")));

test("column percentages: answers down, groups and a Total column across, n (%) over the interval", () => {
  const table = contingencyTable(crossTabulate(counts, levels), {rowLabel: "Sought an opinion", document});
  assert.deepEqual(textOf(table), [
    ["Sought an opinion", "A", "B", "Total"],
    ["Yes", "30 (75%) | 59.8–85.8", "5 (25%) | 11.2–46.9", "35 (58%) | 45.7–69.9"],
    ["No", "10 (25%) | 14.2–40.2", "15 (75%) | 53.1–88.8", "25 (42%) | 30.1–54.3"]
  ]);
});

test("row percentages: a Total row instead of a Total column", () => {
  const rows = textOf(contingencyTable(crossTabulate(counts, {...levels, percent: "row"}), {rowLabel: "Q", document}));
  assert.deepEqual(rows[0], ["Q", "A", "B"]);
  assert.deepEqual(rows.at(-1)?.[0], "Total");
  assert.equal(rows[1][1], "30 (86%) | 70.6–93.7");
});

test("text from the data is text, not markup", () => {
  const tab = crossTabulate([{row_level: "<b>x</b>", column_level: "A", n: 1}, {row_level: "<b>x</b>", column_level: "B", n: 1}], {rows: ["<b>x</b>"], columns: ["A", "B"]});
  const table = contingencyTable(tab, {rowLabel: "<i>label</i>", document});
  assert.equal(table.querySelector("b, i"), null);
  assert.equal(table.querySelector("tbody th")?.textContent, "<b>x</b>");
});

test("one chart per counted answer (or only the one asked for), each with a dot per group", () => {
  const tab = crossTabulate(counts, levels);
  const all = contingencyCharts(tab, {width: 640, document});
  assert.deepEqual(all.map((f: Element) => f.querySelector("figcaption")?.textContent), ["“Yes”, as a % of each group", "“No”, as a % of each group"]);
  const one = contingencyCharts(tab, {width: 640, only: "Yes", document});
  assert.equal(one.length, 1);
  assert.equal(one[0].querySelectorAll("circle").length, 2);
});
