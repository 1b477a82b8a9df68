// A figure's legend, <title> and <desc>, from the tables it draws.
import assert from "node:assert/strict";
import {test} from "node:test";
import {figureCaption, figureDescription, figureTitle} from "./describe.ts";
import type {RegistryFigure} from "./render.ts";

const sex = {label: "Sex", denominator: "answered", base: 146, baseText: "Of the 146 who answered.", levels: [{level: "Female", n: 77, percent: (100 * 77) / 146}, {level: "Male", n: 69, percent: (100 * 69) / 146}]};
const age = {label: "Age", denominator: "answered", base: 140, baseText: "Of the 140 who answered.", levels: [{level: "< 40", n: 90, percent: (100 * 90) / 140}, {level: "40+", n: 50, percent: (100 * 50) / 140}]};
const panel = {title: "", render: () => null as unknown as Element};

test("the legend is the caption and what the shares are of; the title its first phrase", () => {
  const figure: RegistryFigure = {id: "Fig2", number: 2, columns: "double", caption: "“Do you use it?” (number, and share of those who answered).", bases: [sex]};
  assert.equal(figureCaption(figure), "Fig 2. “Do you use it?” (number, and share of those who answered). Of the 146 who answered.");
  assert.equal(figureTitle(figure), "Fig 2. “Do you use it?”");
  assert.equal(figureTitle({...figure, caption: "Ratings of the answers: 0–4, 5–7 and 8–10."}), "Fig 2. Ratings of the answers");
});

test("the description: the legend, then every share as the bars label it, each panel by its letter", () => {
  const figure: RegistryFigure = {id: "Fig1", number: 1, columns: "double", caption: "Who took part.", bases: [sex, age], panels: [panel, panel]};
  assert.equal(
    figureDescription(figure),
    "Fig 1. Who took part. Sex: Of the 146 who answered. · Age: Of the 140 who answered. " +
      "A. Sex, of the 146 who answered: Female 77 (52.7%); Male 69 (47.3%). B. Age, of the 140 who answered: < 40 90 (64.3%); 40+ 50 (35.7%)."
  );
  // One table for several panels' worth of bars: no letters; one base for all: said once, in the legend.
  const same = {...age, base: 146, baseText: sex.baseText};
  assert.equal(
    figureDescription({...figure, bases: [sex, same], panels: [panel]}),
    "Fig 1. Who took part. Of the 146 who answered. Sex: Female 77 (52.7%); Male 69 (47.3%). Age: < 40 90 (64.3%); 40+ 50 (35.7%)."
  );
});
