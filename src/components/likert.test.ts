// Tests for src/components/likert.js, on the compiled tables the study pages read (the build's
// tables.json and codebook.json, through the figure registries the pages draw from), and the chart
// drawn in Node as the manuscript step draws it. Run: node --import tsx --test src/components/likert.test.ts
import assert from "node:assert/strict";
import {before, describe, test} from "node:test";
import {parseHTML} from "linkedom";
import {compiledStudy} from "../../loaders/compile.ts";
import {figures as bendayanFigures} from "../figures/bendayan-2024.js";
import {figures as auanassovaFigures} from "../figures/auanassova-2025.js";
import {agreement, divergingLikert, likertRows, sortItems} from "./likert.js";
import {NEUTRAL} from "./palette.js";

interface Item {id: string; label: string; base: number; levels: {level: string; n: number; percent: number}[]}

async function compiled(study: string) {
  const {files} = await compiledStudy(study);
  const json = (name: string) => JSON.parse(files.get(name)!.toString("utf8"));
  return {tables: json("tables.json"), codebook: json("codebook.json")};
}

/** Every Likert figure of the studies' pages: the items each draws. */
const likertFigures: {name: string; items: Item[]}[] = [];

before(async () => {
  const bendayan = bendayanFigures(await compiled("bendayan-2024"));
  const auanassova = auanassovaFigures(await compiled("auanassova-2025"));
  for (const [study, figs, ids] of [["bendayan-2024", bendayan, ["Fig2", "Fig5"]], ["auanassova-2025", auanassova, ["Fig6"]]] as const) {
    for (const id of ids) likertFigures.push({name: `${study} ${id}`, items: (figs as {id: string; items: Item[]}[]).find((f) => f.id === id)!.items});
  }
});

const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) < 1e-9, `${what}: ${a} ≠ ${b}`);

describe("likertRows: each item's answers laid out around the neutral point", () => {
  test("the figures hold items (3 bins of bendayan's 0–10 ratings, auanassova's 5-point agreement)", () => {
    assert.equal(likertFigures.length, 3);
    for (const f of likertFigures) assert.ok(f.items.length >= 2 && f.items.every((i) => i.levels.length % 2 === 1), f.name);
  });

  test("the middle answer's centre is at 0, the segments touch, and the shares span 100", () => {
    for (const f of likertFigures)
      for (const item of f.items) {
        const rows = likertRows(item);
        const middle = rows[Math.floor(rows.length / 2)];
        close((middle.x1 + middle.x2) / 2, 0, `${f.name} ${item.id}: centre of “${middle.level}”`);
        assert.equal(middle.side, 0);
        for (let i = 1; i < rows.length; ++i) close(rows[i].x1, rows[i - 1].x2, `${f.name} ${item.id}: segment ${i} starts where ${i - 1} ends`);
        close(rows.at(-1)!.x2 - rows[0].x1, 100, `${f.name} ${item.id}: shares sum to 100`);
        rows.forEach((r, i) => close(r.x2 - r.x1, item.levels[i].percent, `${f.name} ${item.id}: “${r.level}” is as wide as its share`));
        assert.ok(rows[0].x1 < 0 && rows.at(-1)!.x2 > 0, "disagreement left of 0, agreement right");
      }
  });

  test("with an even number of answers, 0 is the boundary between the two middle ones", () => {
    const item = {label: "x", base: 10, levels: [{level: "a", n: 1, percent: 10}, {level: "b", n: 2, percent: 20}, {level: "c", n: 3, percent: 30}, {level: "d", n: 4, percent: 40}]};
    const rows = likertRows(item);
    close(rows[1].x2, 0, "b ends at 0");
    close(rows[2].x1, 0, "c starts at 0");
    close(rows[0].x1, -30, "a starts at -30");
  });
});

describe("sorting by agreement", () => {
  test("agreement is the share above the middle plus half the middle's (gglikert's classic sort)", () => {
    for (const f of likertFigures)
      for (const item of f.items) {
        const k = item.levels.length, m = (k - 1) / 2;
        const expected = item.levels.slice(m + 1).reduce((s, d) => s + d.percent, 0) + item.levels[m].percent / 2;
        close(agreement(item), expected, `${f.name} ${item.id}`);
      }
  });

  test("sortItems puts the most agreed-with first and keeps questionnaire order otherwise", () => {
    for (const f of likertFigures) {
      assert.deepEqual(sortItems(f.items, "questionnaire").map((i: Item) => i.id), f.items.map((i: Item) => i.id));
      const sorted = sortItems(f.items, "agreement");
      assert.deepEqual([...sorted.map((i: Item) => i.id)].sort(), [...f.items.map((i: Item) => i.id)].sort(), `${f.name}: the same items`);
      for (let i = 1; i < sorted.length; ++i) assert.ok(agreement(sorted[i - 1]) >= agreement(sorted[i]), `${f.name}: ${sorted[i - 1].id} before ${sorted[i].id}`);
    }
    // The data make the sort matter: bendayan's Fig 2 is not in agreement order as asked.
    const fig2 = likertFigures[0];
    assert.notDeepEqual(sortItems(fig2.items, "agreement").map((i: Item) => i.id), fig2.items.map((i: Item) => i.id));
  });
});

describe("divergingLikert drawn (in Node, as the manuscript step draws it)", () => {
  const draw = (items: Item[], options = {}) => {
    const {document} = parseHTML("<!DOCTYPE html><html><body></body></html>");
    const node = divergingLikert(items, {width: 640, document: document as unknown as Document, key: "svg", ...options}) as Element;
    return node.tagName.toLowerCase() === "svg" ? node : node.querySelector("svg")!;
  };

  test("the middle answer's bars straddle the centre line, centred on it", () => {
    for (const f of likertFigures) {
      const svg = draw(f.items);
      const rule = [...svg.querySelectorAll("[data-mark=rule] line")];
      assert.equal(rule.length, 1, `${f.name}: one centre line`);
      const centre = Number(rule[0].getAttribute("x1"));
      const middles = [...svg.querySelectorAll("rect")].filter((r) => r.getAttribute("fill") === NEUTRAL);
      assert.equal(middles.length, f.items.length, `${f.name}: one middle segment per item`);
      for (const r of middles) {
        const x = Number(r.getAttribute("x")), w = Number(r.getAttribute("width"));
        assert.ok(x < centre && x + w > centre, `${f.name}: ${x}–${x + w} straddles ${centre}`);
        assert.ok(Math.abs(x + w / 2 - centre) < 0.6, `${f.name}: centred (${x + w / 2} vs ${centre})`);
      }
    }
  });

  test("it is one image named from its data, with every item's numbers in its <desc>, and no named <g>", () => {
    for (const f of likertFigures) {
      const svg = draw(f.items);
      assert.equal(svg.getAttribute("role"), "img");
      assert.match(svg.getAttribute("aria-label") ?? "", new RegExp(`Diverging stacked bars: .* for ${f.items.length} items`));
      const desc = svg.querySelector("desc")?.textContent ?? "";
      for (const item of f.items) assert.ok(desc.includes(item.label), `${f.name}: desc names ${item.id}`);
      for (const item of f.items) for (const l of item.levels) assert.ok(desc.includes(`${l.level} ${l.n}`), `${f.name}: desc gives ${item.id} “${l.level}” n = ${l.n}`);
      assert.equal(svg.querySelectorAll("g[aria-label]").length, 0, "aria-label moved off the marks' <g>");
    }
  });

  test("sorted by agreement, the bars follow agreement; the stacked layout draws the 100% stacked bars", () => {
    const f = likertFigures[0];
    const yOrder = (svg: Element) => [...svg.querySelectorAll("[data-mark='y-axis tick label'] text")].map((t) => (t.textContent ?? "").split("(n =")[0].replace(/\s+/g, " ").trim().slice(0, 20));
    const asked = yOrder(draw(f.items));
    const sorted = yOrder(draw(f.items, {sort: "agreement"}));
    assert.equal(asked.length, f.items.length);
    assert.deepEqual(sorted, sortItems(f.items, "agreement").map((i: Item) => asked[f.items.indexOf(i)]));
    const stacked = draw(f.items, {layout: "stacked"});
    assert.match(stacked.getAttribute("aria-label") ?? "", /^100% stacked bars/);
  });
});
