// A figure of a study's registry (src/figures/<study>.js) drawn in Node with the page's own chart
// functions: one standalone SVG, its key inside it, its <title> and <desc> first. Multi-panel
// figures are laid out in a grid here, since Plot draws one chart at a time and a journal wants one
// file per figure; each panel gets its letter (A, B, C…) at its top-left corner.
import {parseHTML} from "linkedom";
import {panelLetter} from "../../src/components/panel-letter.js";

export interface Panel {title: string; render: (options: RenderOptions) => Element}
export interface RegistryFigure {
  id: string;
  number: number;
  caption: string;
  /** The tables the figure draws: what their shares are of ends its legend (basesText). */
  bases?: object[];
  /** What a row is, when not a respondent ("posts"). */
  unit?: string;
  columns: "single" | "double";
  render?: (options: RenderOptions) => Element;
  panels?: Panel[];
  /** Panels a row in the manuscript figure (default 2). */
  panelColumns?: number;
}
export interface RenderOptions {width: number; document: Document; key: "svg"}

export interface RenderFigureOptions {
  width: number;
  /** Panels side by side (default: the figure's panelColumns, else 2). */
  columns?: number;
  gap?: number;
  /**
   * The tallest the figure may be, in px at `width`. A multi-panel figure laid out in rows (A B / C D)
   * that would be taller is laid out in columns instead (A and B down the first, C and D down the
   * second, split where the columns come out most even), when that is shorter.
   */
  maxHeight?: number;
  /** The SVG's <title> and <desc> (its first two children). */
  title?: string;
  desc?: string;
}

const SVG_NS = "http://www.w3.org/2000/svg";
const PANEL_HEADER = 14; // px above each panel for its letter and title
const LETTER_SIZE = 12; // px, bold: the panel letter, a little larger than the 11 px title beside it
// The narrowest a panel is drawn: below it the charts' label margins leave the bars (and their axis)
// no room, so a figure too narrow for its columns (a single-column figure) stacks its panels instead.
export const MIN_PANEL_WIDTH = 240;

/** The chart's <svg> (Plot returns a <figure> when it adds HTML around the chart). */
function svgOf(node: Element): Element {
  const svg = node.tagName.toLowerCase() === "svg" ? node : node.querySelector("svg");
  if (!svg) throw new Error("the chart function returned no <svg>");
  return svg;
}

const num = (el: Element, name: string) => Number(el.getAttribute(name));

/**
 * Splits heights, in order, into at most `columns` runs so that the tallest run (heights plus a gap
 * between neighbours) is as short as it can be: a small dynamic programme (figures have a few panels).
 */
export function balancedColumns(heights: number[], columns: number, gap: number): number[][] {
  const n = heights.length;
  const span = (i: number, j: number) => heights.slice(i, j).reduce((a, b) => a + b, 0) + gap * (j - i - 1);
  // best[k][i]: the tallest column when panels i… are split into k columns; cut[k][i]: where the first ends.
  const best = Array.from({length: columns + 1}, () => Array<number>(n + 1).fill(Infinity));
  const cut = Array.from({length: columns + 1}, () => Array<number>(n + 1).fill(n));
  for (let k = 0; k <= columns; k++) best[k][n] = 0;
  for (let k = 1; k <= columns; k++)
    for (let i = n - 1; i >= 0; i--)
      for (let j = i + 1; j <= n; j++) {
        const h = Math.max(span(i, j), best[k - 1][j]);
        if (h < best[k][i]) (best[k][i] = h), (cut[k][i] = j);
      }
  const out: number[][] = [];
  for (let k = columns, i = 0; i < n; i = cut[k--][i]) out.push(Array.from({length: cut[k][i] - i}, (_, m) => i + m));
  return out;
}

/** Renders a figure at `width` px to one SVG string (a grid of lettered panels for multi-panel figures). */
export function renderFigure(figure: RegistryFigure, options: RenderFigureOptions): string {
  const {width, gap = 16, maxHeight = Infinity} = options;
  const columns = Math.max(1, Math.min(options.columns ?? figure.panelColumns ?? 2, Math.floor((width + gap) / (MIN_PANEL_WIDTH + gap))));
  const {document} = parseHTML("<!DOCTYPE html><html><body></body></html>");
  const make = (name: string, attrs: Record<string, string | number>, text?: string) => {
    const el = document.createElementNS(SVG_NS, name);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
    if (text !== undefined) el.textContent = text;
    return el;
  };
  let root: Element;
  if (figure.render) {
    root = svgOf(figure.render({width, document: document as unknown as Document, key: "svg"}));
  } else {
    const panels = figure.panels ?? [];
    if (!panels.length) throw new Error(`${figure.id} has neither render nor panels`);
    const lettered = panels.length > 1;
    const panelWidth = Math.floor((width - gap * (columns - 1)) / columns);
    const drawn = panels.map((p, i) => {
      const svg = svgOf(p.render({width: panelWidth, document: document as unknown as Document, key: "svg"}));
      const header = p.title || lettered ? PANEL_HEADER : 0;
      return {title: p.title, letter: lettered ? panelLetter(i) : "", svg, header, height: header + num(svg, "height")};
    });
    // Where each panel goes: in rows, each as tall as its tallest panel (a panel's header is part of it)…
    const place: {x: number; y: number}[] = [];
    let rowsHeight = 0;
    for (let i = 0; i < drawn.length; i += columns) {
      const row = drawn.slice(i, i + columns);
      row.forEach((_, j) => (place[i + j] = {x: j * (panelWidth + gap), y: rowsHeight}));
      rowsHeight += Math.max(...row.map((p) => p.height)) + gap;
    }
    rowsHeight -= gap;
    let height = rowsHeight;
    // …or, when that is too tall, down balanced columns, if they are shorter.
    // Panels stacked in a column are parted by the header's own room too, so a smaller gap is enough there.
    const below = Math.round(0.75 * gap);
    if (rowsHeight > maxHeight && columns > 1) {
      const runs = balancedColumns(drawn.map((p) => p.height), columns, below);
      const columnsHeight = Math.max(...runs.map((run) => run.reduce((t, i) => t + drawn[i].height, 0) + below * (run.length - 1)));
      if (columnsHeight < rowsHeight) {
        runs.forEach((run, j) => {
          let y = 0;
          for (const i of run) (place[i] = {x: j * (panelWidth + gap), y}), (y += drawn[i].height + below);
        });
        height = columnsHeight;
      }
    }
    root = make("svg", {width, height, viewBox: `0 0 ${width} ${height}`, "font-family": "system-ui, sans-serif"});
    drawn.forEach((p, i) => {
      const {x, y} = place[i];
      // The letter, then the title beside it, on the panel's first line (journals' "A  Sex").
      if (p.letter) root.appendChild(make("text", {x, y: y + 12, "font-size": LETTER_SIZE, "font-weight": "bold", "data-panel-letter": p.letter}, p.letter));
      if (p.title) root.appendChild(make("text", {x: x + (p.letter ? 9 * p.letter.length + 6 : 0), y: y + 12, "font-size": 11, "font-weight": "bold"}, p.title));
      p.svg.setAttribute("x", String(x));
      p.svg.setAttribute("y", String(y + p.header));
      root.appendChild(p.svg);
    });
  }
  root.setAttribute("xmlns", SVG_NS); // a standalone file needs it; the DOM's serialisation leaves it out
  // The figure's own title and description, first, as SVG wants them (any the chart gave its root are replaced).
  for (const child of Array.from(root.children)) if (["title", "desc"].includes(child.tagName.toLowerCase())) child.remove();
  if (options.desc !== undefined) root.insertBefore(make("desc", {}, options.desc), root.firstChild);
  if (options.title !== undefined) root.insertBefore(make("title", {}, options.title), root.firstChild);
  return root.outerHTML;
}
