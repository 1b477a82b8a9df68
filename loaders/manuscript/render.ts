// A figure of a study's registry (src/figures/<study>.js) drawn in Node with the page's own chart
// functions: one standalone SVG, its key inside it. Multi-panel figures are laid out in a grid
// here, since Plot draws one chart at a time and a journal wants one file per figure.
import {parseHTML} from "linkedom";

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

const SVG_NS = "http://www.w3.org/2000/svg";
const PANEL_TITLE = 14; // px above each panel for its title

/** The chart's <svg> (Plot returns a <figure> when it adds HTML around the chart). */
function svgOf(node: Element): Element {
  const svg = node.tagName.toLowerCase() === "svg" ? node : node.querySelector("svg");
  if (!svg) throw new Error("the chart function returned no <svg>");
  return svg;
}

const num = (el: Element, name: string) => Number(el.getAttribute(name));

/** Renders a figure at `width` px to one SVG string (a grid of panels for multi-panel figures). */
export function renderFigure(figure: RegistryFigure, {width, columns = figure.panelColumns ?? 2, gap = 16}: {width: number; columns?: number; gap?: number}): string {
  const {document} = parseHTML("<!DOCTYPE html><html><body></body></html>");
  if (figure.render) {
    const svg = svgOf(figure.render({width, document: document as unknown as Document, key: "svg"}));
    svg.setAttribute("xmlns", SVG_NS); // a standalone file needs it; the DOM's serialisation leaves it out
    return svg.outerHTML;
  }
  const panels = figure.panels ?? [];
  if (!panels.length) throw new Error(`${figure.id} has neither render nor panels`);
  const panelWidth = Math.floor((width - gap * (columns - 1)) / columns);
  const drawn = panels.map((p) => ({title: p.title, svg: svgOf(p.render({width: panelWidth, document: document as unknown as Document, key: "svg"}))}));
  // Rows are as tall as their tallest panel.
  const rows: (typeof drawn)[] = [];
  for (let i = 0; i < drawn.length; i += columns) rows.push(drawn.slice(i, i + columns));
  const root = document.createElementNS(SVG_NS, "svg");
  let y = 0;
  for (const row of rows) {
    const height = Math.max(...row.map((p) => num(p.svg, "height")));
    // Room for panel titles only where a panel in the row has one.
    const titled = row.some((p) => p.title) ? PANEL_TITLE : 0;
    row.forEach((p, i) => {
      const x = i * (panelWidth + gap);
      if (p.title) {
        const title = document.createElementNS(SVG_NS, "text");
        title.setAttribute("x", String(x));
        title.setAttribute("y", String(y + 11));
        title.setAttribute("font-size", "11");
        title.setAttribute("font-weight", "bold");
        title.textContent = p.title;
        root.appendChild(title);
      }
      p.svg.setAttribute("x", String(x));
      p.svg.setAttribute("y", String(y + titled));
      root.appendChild(p.svg);
    });
    y += titled + height + gap;
  }
  const height = y - gap;
  root.setAttribute("xmlns", SVG_NS);
  root.setAttribute("width", String(width));
  root.setAttribute("height", String(height));
  root.setAttribute("viewBox", `0 0 ${width} ${height}`);
  root.setAttribute("font-family", "system-ui, sans-serif");
  return root.outerHTML;
}
