// What the tests read back from a manuscript figure's SVG file: its <title> and <desc>, its panels and
// their letters, each panel's x-axis tick labels and where they sit. A reader of the file, not part of
// the build: the tests check the files the build wrote, as an editor opening them would see them.
import {DOMParser, type Element} from "@xmldom/xmldom";

const elements = (el: Element): Element[] => {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) out.push(n as Element, ...elements(n as Element));
  return out;
};
const childElements = (el: Element): Element[] => {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) out.push(n as Element);
  return out;
};
const name = (el: Element) => (el.localName ?? el.nodeName).toLowerCase();

export interface FigureReading {
  /** The root's element children's names, in order ("title", "desc", "rect", …). */
  firstChildren: string[];
  title: string;
  desc: string;
  /** Each panel (a nested <svg>, a chart) with its position, and the letter drawn for it, if any. */
  panels: {x: number; y: number; width: number; height: number; letter?: {text: string; x: number; y: number}; ticks: Tick[]}[];
  /** The root's own height over its width (its viewBox). */
  aspect: number;
}

/** An x-axis tick label: its text, its centre and its estimated width, in its panel's units. */
export interface Tick {text: string; x: number; y: number; width: number}

/** The font size in force on an element (the nearest declared one; CSS's initial 16 px if none). */
function fontSize(el: Element): number {
  for (let e: Element | null = el; e && e.getAttribute; e = e.parentNode as Element | null) {
    const style = /font-size:\s*([\d.]+)/.exec(e.getAttribute("style") ?? "");
    if (style) return Number(style[1]);
    if (e.getAttribute("font-size")) return Number.parseFloat(e.getAttribute("font-size")!);
  }
  return 16;
}

/**
 * Tick labels are Plot's axis texts: placed by transform="translate(x, y)" (marks' texts use x and y
 * attributes) and holding a bare number ("500", "1,000"). Those of the lowest row are the x-axis's.
 * A label's width is estimated at 0.56 em a character, Arial's digit (the comma is narrower).
 */
function xTicks(panel: Element): Tick[] {
  const ticks = elements(panel)
    .filter((el) => name(el) === "text" && /^[\d.,]+$/.test((el.textContent ?? "").trim()))
    .flatMap((el) => {
      const m = /translate\(\s*([-\d.]+)[\s,]+([-\d.]+)\s*\)/.exec(el.getAttribute("transform") ?? "");
      return m ? [{text: el.textContent!.trim(), x: Number(m[1]), y: Number(m[2]), width: 0.56 * fontSize(el) * el.textContent!.trim().length}] : [];
    });
  const bottom = Math.max(...ticks.map((t) => t.y));
  return ticks.filter((t) => t.y === bottom).sort((a, b) => a.x - b.x);
}

export function readFigure(svg: string): FigureReading {
  const root = new DOMParser().parseFromString(svg, "image/svg+xml").documentElement!;
  const children = childElements(root);
  const text = (tag: string) => (children.find((c) => name(c) === tag)?.textContent ?? "").trim();
  const nested = children.filter((c) => name(c) === "svg");
  const letters = children.filter((c) => name(c) === "text" && c.hasAttribute("data-panel-letter"));
  const n = (el: Element, a: string) => Number(el.getAttribute(a) ?? 0);
  const panels = (nested.length ? nested : [root]).map((p) => {
    const box = {x: n(p, "x"), y: n(p, "y"), width: n(p, "width"), height: n(p, "height")};
    // A panel's letter is the one drawn just above its top-left corner.
    const letter = letters.find((l) => n(l, "x") === box.x && n(l, "y") < box.y && box.y - n(l, "y") < 20);
    return {...box, ...(letter ? {letter: {text: letter.textContent!, x: n(letter, "x"), y: n(letter, "y")}} : {}), ticks: xTicks(p)};
  });
  const vb = root.getAttribute("viewBox")!.split(/[\s,]+/).map(Number);
  return {firstChildren: children.map(name), title: text("title"), desc: text("desc"), panels, aspect: vb[3] / vb[2]};
}

/** Neighbouring tick labels that overlap (or nearly: less than 2 units apart). */
export function overlappingTicks(ticks: Tick[]): [Tick, Tick][] {
  const out: [Tick, Tick][] = [];
  for (let i = 1; i < ticks.length; i++) {
    const [a, b] = [ticks[i - 1], ticks[i]];
    if (b.x - b.width / 2 - (a.x + a.width / 2) < 2) out.push([a, b]);
  }
  return out;
}
