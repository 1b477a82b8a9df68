// renderFigure: a registry figure drawn in Node with the page's chart functions, as the manuscript
// files get it — panels lettered in order, laid out within a height, <title> and <desc> first.
import assert from "node:assert/strict";
import {describe, test} from "node:test";
import {distributionBars} from "../../src/components/bars.js";
import {panelLetter} from "../../src/components/panel-letter.js";
import {overlappingTicks, readFigure} from "./inspect.ts";
import {type RegistryFigure, balancedColumns, renderFigure} from "./render.ts";

/** A question's answers as tables.json has them: `counts` people gave each of `levels`. */
const distribution = (label: string, counts: number[]) => {
  const base = counts.reduce((a, b) => a + b, 0);
  return {id: label, label, denominator: "answered", base, levels: counts.map((n, i) => ({level: `Answer ${i + 1}`, n, percent: (100 * n) / base}))};
};
// Panels of different heights (2 to 9 bars), as a characteristics figure has them.
const items = [distribution("Sex", [600, 400]), distribution("Age", [120, 900, 260, 100, 40]), distribution("Specialty", [940, 120, 76, 71, 61, 46, 31, 30, 25]), distribution("Setting", [849, 440, 162])];
const figure: RegistryFigure = {
  id: "Fig1", number: 1, columns: "double", caption: "Characteristics.", bases: items,
  panels: items.map((d) => ({title: d.label, render: (o) => distributionBars(d, o) as unknown as Element}))
};

describe("renderFigure", () => {
  test("a multi-panel figure: one letter a panel, A, B, C… in reading order, at each panel's top-left corner", () => {
    const read = readFigure(renderFigure(figure, {width: 623}));
    assert.equal(read.panels.length, 4);
    assert.deepEqual(read.panels.map((p) => p.letter?.text), items.map((_, i) => panelLetter(i)));
    for (const p of read.panels) assert.ok(p.letter!.x === p.x && p.letter!.y < p.y, `letter ${p.letter!.text} above its panel`);
    // Rows (the default): A B on the first row, C D on the second.
    const [a, b, c, d] = read.panels;
    assert.ok(a.y === b.y && b.x > a.x && c.y > a.y && c.y === d.y && c.x === a.x, JSON.stringify(read.panels.map(({x, y}) => ({x, y}))));
  });

  test("too tall in rows: down balanced columns (A, B, C down the first), shorter than the rows", () => {
    const rows = readFigure(renderFigure(figure, {width: 623}));
    const rowsHeight = rows.aspect * 623;
    const read = readFigure(renderFigure(figure, {width: 623, maxHeight: rowsHeight - 1}));
    assert.ok(read.aspect * 623 < rowsHeight, `${read.aspect * 623} px is not shorter than the rows' ${rowsHeight}`);
    assert.deepEqual(read.panels.map((p) => p.letter?.text), ["A", "B", "C", "D"]);
    const [a, b, c, d] = read.panels;
    assert.ok(a.x === b.x && b.y > a.y, "A and B down the first column");
    assert.ok(d.x > a.x, "D in the second column");
    // Letters read down the first column, then the second.
    assert.ok(c.x === a.x ? c.y > b.y : c.x === d.x && c.y < d.y);
  });

  test("a figure that fits in rows keeps its rows", () => {
    assert.equal(renderFigure(figure, {width: 623, maxHeight: 10_000}), renderFigure(figure, {width: 623}));
  });

  test("<title> and <desc> are the SVG's first children, and replace any the chart gave itself", () => {
    const single: RegistryFigure = {
      id: "Fig2", number: 2, columns: "double", caption: "One.",
      render: (o) => {
        const svg = distributionBars(items[0], o) as unknown as Element;
        const own = o.document.createElementNS("http://www.w3.org/2000/svg", "title");
        own.textContent = "the chart's own";
        svg.insertBefore(own, svg.firstChild);
        return svg;
      }
    };
    for (const f of [figure, single]) {
      const read = readFigure(renderFigure(f, {width: 623, title: "Fig N. A title", desc: "Its legend and numbers."}));
      assert.deepEqual(read.firstChildren.slice(0, 2), ["title", "desc"]);
      assert.equal(read.title, "Fig N. A title");
      assert.equal(read.desc, "Its legend and numbers.");
      assert.equal(read.firstChildren.filter((n) => n === "title").length, 1);
    }
  });

  test("every panel's x axis has at least two tick labels, none overlapping, however narrow the panel", () => {
    for (const width of [623, 400, 301]) {
      const read = readFigure(renderFigure(figure, {width}));
      for (const p of read.panels) {
        assert.ok(p.ticks.length >= 2, `${width} px, panel ${p.letter?.text}: ticks ${p.ticks.map((t) => t.text)}`);
        assert.deepEqual(overlappingTicks(p.ticks), [], `${width} px, panel ${p.letter?.text}`);
      }
    }
  });
});

describe("balancedColumns", () => {
  test("splits panels, in order, where the tallest column is shortest", () => {
    // The heights of bendayan-2024's Fig 1 panels: Sex, Age, Specialty | Practice, Setting, Underserved, Login.
    assert.deepEqual(balancedColumns([92, 170, 414, 244, 118, 92, 144], 2, 12), [[0, 1, 2], [3, 4, 5, 6]]);
    assert.deepEqual(balancedColumns([100, 100, 100, 100], 2, 0), [[0, 1], [2, 3]]);
    assert.deepEqual(balancedColumns([500, 10, 10], 2, 0), [[0], [1, 2]]);
    assert.deepEqual(balancedColumns([5], 3, 0), [[0]]);
  });
});
