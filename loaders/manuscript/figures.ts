// Figures for submission: a chart's SVG as Observable Plot renders it (text as <text>, colours possibly
// CSS variables of the Framework theme) turned into the files a journal asks for — a print-sized SVG, a
// vector PDF with embedded fonts, and PNG/TIFF bitmaps at the journal's resolutions.
// See shared/notes/survey-conventions.md, "Figures for submission".
//
// Libraries, and why each:
// - @xmldom/xmldom: a small, dependency-free, standards-following XML DOM (parse + serialise) for node. The
//   rewrite (sizes, colours, fonts) needs a real tree with inheritance, not regular expressions; jsdom is only
//   a transitive dependency of Framework and far heavier.
// - pdfkit + svg-to-pdfkit: pure-JS PDF writing in node; pdfkit embeds a subset of a TrueType font
//   (FontFile2) and can write a PDF 1.4 header; svg-to-pdfkit draws SVG into it as vector paths and real
//   text. (svg2pdf.js needs a browser DOM.)
// - @resvg/resvg-js: rasterises SVG in Rust with prebuilt binaries shipped as npm packages (no system
//   libraries, no system fonts: the font files are handed to it), so bitmaps look the same on every machine.
// - sharp: encodes the pixels as PNG or LZW TIFF and writes the resolution into the file
//   (withMetadata({density}): PNG pHYs, TIFF XResolution/YResolution with ResolutionUnit inch).
// - @expo-google-fonts/arimo: ships Arimo as .ttf (pdfkit/fontkit and resvg both read TTF; @fontsource/arimo
//   ships only woff/woff2, which resvg does not read). Arimo is metric-compatible with Arial (same advance
//   widths), free (OFL), and allows embedding; journals ask for Arial/Helvetica.
import {createRequire} from "node:module";
import {readFileSync} from "node:fs";
import {DOMParser, XMLSerializer, type Document, type Element, type Node} from "@xmldom/xmldom";
import PDFDocument from "pdfkit";
import SVGtoPDF from "svg-to-pdfkit";
import {renderAsync} from "@resvg/resvg-js";
import sharp from "sharp";
import {buildDate} from "../build-date.ts";

/** A journal's requirements for figures at final (printed) size. */
export interface Preset {
  name: string;
  /** Column widths in mm. */
  widths: {single: number; double: number};
  /** Smallest text allowed at final size, in points. */
  minFontPt: number;
  /** Largest text the journal suggests (only reported by measureSvg, not enforced). */
  maxFontPt?: number;
  /** Thinnest line allowed at final size, in points. */
  minLinePt: number;
  /** The bitmap resolutions to write, dots per inch. */
  dpi: number[];
  /** CSS font-family list written into the SVG. */
  font: string;
  /** The tallest a figure may print together with its legend, in mm (see MAX_FIGURE_HEIGHT_MM). */
  maxHeightMm: number;
}

/**
 * The size standard for a figure's height: PLOS's, 22.23 cm (8.75 in) the tallest figure it prints
 * (its widths, 19.05 cm at most, are wider than either preset's double column, so the presets' own
 * widths rule). Neither BMC's nor Springer's pages could be checked for a height with the search tool,
 * so this one standard is kept for both, and counted for the figure *and* its legend under it
 * (captionHeightMm), so the two fit on one page whichever journal sets them.
 */
export const MAX_FIGURE_HEIGHT_MM = 222.3;

// BMC numbers checked against BMC's pages ("Illustrations and figures" and "File formats", biomedcentral.com):
// single 85 mm, double 176 mm; lines ≥ 0.5 pt; text not smaller than 8 pt; bitmaps ≥ 300 dpi at final size;
// PDF compatible with Acrobat 5 (PDF 1.4), non-standard fonts embedded. 600 dpi is written as well for line art.
// Springer numbers: "Helvetica or Arial, 8–12 pt", "lines at least 0.1 mm (0.3 pt)", line art ≥ 1200 dpi,
// combination art ≥ 600 dpi, halftones ≥ 300 dpi were checked against copies of Springer's artwork guidelines
// on journal sites. The widths 84 mm / 174 mm could not be checked with the search tool; they are taken from
// the brief (Springer's guidelines list 39, 84, 129 and 174 mm).
export const PRESETS = {
  bmc: {
    name: "bmc",
    widths: {single: 85, double: 176},
    minFontPt: 8,
    minLinePt: 0.5,
    dpi: [300, 600],
    font: "Arial, Helvetica, Arimo, 'Liberation Sans', sans-serif",
    maxHeightMm: MAX_FIGURE_HEIGHT_MM
  },
  springer: {
    name: "springer",
    widths: {single: 84, double: 174},
    minFontPt: 8,
    maxFontPt: 12,
    minLinePt: 0.3,
    dpi: [600, 1200],
    font: "Helvetica, Arial, Arimo, 'Liberation Sans', sans-serif",
    maxHeightMm: MAX_FIGURE_HEIGHT_MM
  }
} satisfies Record<string, Preset>;

const SVG_NS = "http://www.w3.org/2000/svg";
const PT_PER_MM = 72 / 25.4;

/**
 * How tall a legend prints under a figure `widthMm` wide, in mm: its words wrapped at the width in
 * `pt`-point type (journals set legends at 8–10 pt), an Arial character taken as half an em on
 * average (an estimate: the journal sets the legend, not this build), lines 1.2 em apart, plus a
 * 3 mm gap between figure and legend.
 */
export function captionHeightMm(caption: string, widthMm: number, {pt = 9}: {pt?: number} = {}): number {
  const perLine = Math.max(1, Math.floor(widthMm / ((0.5 * pt) / PT_PER_MM)));
  let lines = 0, used = Infinity;
  for (const word of caption.split(/\s+/).filter(Boolean)) {
    if (used + 1 + word.length > perLine) (lines += Math.ceil(word.length / perLine)), (used = word.length % perLine || perLine);
    else used += 1 + word.length;
  }
  return (lines * 1.2 * pt) / PT_PER_MM + 3;
}

/** The tallest the figure itself may print above `caption` (preset.maxHeightMm less the legend), mm. */
export function maxFigureHeightMm(preset: Preset, caption: string, widthMm: number): number {
  return preset.maxHeightMm - captionHeightMm(caption, widthMm);
}
const PX_PER_MM = 96 / 25.4;

// ---------------------------------------------------------------------------------------------------------
// Colours
// ---------------------------------------------------------------------------------------------------------

function mix(fg: string, bg: string, p: number): string {
  const rgb = (h: string) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
  const [f, b] = [rgb(fg), rgb(bg)];
  return "#" + f.map((v, i) => Math.round(v * p + b[i] * (1 - p)).toString(16).padStart(2, "0")).join("");
}

/**
 * What each CSS colour variable becomes in print. Framework's light themes define the faint/muted shades as
 * color-mix(in srgb, foreground p%, background); here they are mixed from pure black on white, since print
 * wants black text rather than the themes' #1b1e23. `currentColor` becomes the inherited `color`, which
 * defaults to --theme-foreground (#000), as on a Framework page. Pass `colors` to prepareSvg to add or change
 * entries (keys without the leading "--").
 */
export const PRINT_COLORS: Readonly<Record<string, string>> = (() => {
  const fg = "#000000";
  const bg = "#ffffff";
  return {
    "theme-foreground": fg,
    "theme-foreground-focus": "#3b5fc0",
    "theme-foreground-alt": mix(fg, bg, 0.9),
    "theme-foreground-muted": mix(fg, bg, 0.6),
    "theme-foreground-faint": mix(fg, bg, 0.5),
    "theme-foreground-fainter": mix(fg, bg, 0.3),
    "theme-foreground-faintest": mix(fg, bg, 0.14),
    "theme-background": bg,
    "theme-background-a": bg,
    "theme-background-b": mix(fg, bg, 0.04),
    "theme-background-alt": mix(fg, bg, 0.04),
    "theme-blue": "#4269d0",
    "theme-green": "#3ca951",
    "theme-red": "#ff725c",
    "theme-yellow": "#efb118",
    "plot-background": bg
  };
})();

/** Replaces var(--name[, fallback]) (nested too) with concrete values; unknown names without a fallback throw. */
function resolveVars(value: string, colors: Record<string, string>): string {
  let out = value;
  for (let guard = 0; out.includes("var(") && guard < 20; guard++) {
    // innermost var( … ) first: no "var(" inside the match
    out = out.replace(/var\(\s*--([A-Za-z0-9_-]+)\s*(?:,((?:(?!var\()[^()]|\([^()]*\))*))?\)/g, (m, name: string, fallback?: string) => {
      if (name in colors) return colors[name];
      if (fallback !== undefined && fallback.trim() !== "") return fallback.trim();
      throw new Error(`prepareSvg: the CSS variable --${name} has no print colour; pass it in options.colors`);
    });
  }
  if (out.includes("var(")) throw new Error(`prepareSvg: could not resolve ${JSON.stringify(value)}`);
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Small DOM helpers (properties may be presentation attributes or declarations in style="…")
// ---------------------------------------------------------------------------------------------------------

function parseStyle(style: string | null): Map<string, string> {
  const m = new Map<string, string>();
  if (!style) return m;
  for (const decl of style.split(";")) {
    const i = decl.indexOf(":");
    if (i < 0) continue;
    const k = decl.slice(0, i).trim().toLowerCase();
    if (k) m.set(k, decl.slice(i + 1).trim());
  }
  return m;
}

function writeStyle(el: Element, m: Map<string, string>): void {
  if (m.size === 0) el.removeAttribute("style");
  else el.setAttribute("style", [...m].map(([k, v]) => `${k}: ${v}`).join("; "));
}

/** The property's own value on this element (style wins over the attribute, as in CSS). */
function readProp(el: Element, name: string): string | undefined {
  const s = parseStyle(el.getAttribute("style"));
  if (s.has(name)) return s.get(name);
  return el.hasAttribute(name) ? el.getAttribute(name)! : undefined;
}

/** Writes where the value was declared (the style declaration if there is one, else the attribute). */
function writeProp(el: Element, name: string, value: string): void {
  const s = parseStyle(el.getAttribute("style"));
  if (s.has(name)) {
    s.set(name, value);
    writeStyle(el, s);
  } else el.setAttribute(name, value);
}

function removeProp(el: Element, name: string): void {
  const s = parseStyle(el.getAttribute("style"));
  if (s.delete(name)) writeStyle(el, s);
  el.removeAttribute(name);
}

function children(el: Element): Element[] {
  const out: Element[] = [];
  for (let n: Node | null = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) out.push(n as Element);
  return out;
}

function descendantsAndSelf(el: Element): Element[] {
  const out = [el];
  for (const c of children(el)) out.push(...descendantsAndSelf(c));
  return out;
}

function localName(el: Element): string {
  return (el.localName ?? el.nodeName).toLowerCase();
}

function hasOwnText(el: Element): boolean {
  for (let n: Node | null = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 3 && n.nodeValue!.trim() !== "") return true;
  return false;
}

function fmt(x: number): string {
  return String(Math.round(x * 1000) / 1000);
}

/** Rounds up to 3 decimals, so that a value scaled to a minimum never lands a hair below it. */
function fmtUp(x: number): string {
  return String(Math.ceil(x * 1000 - 1e-6) / 1000);
}

// ---------------------------------------------------------------------------------------------------------
// Lengths
// ---------------------------------------------------------------------------------------------------------

const FONT_KEYWORDS: Record<string, number> = {"xx-small": 9, "x-small": 10, small: 13, medium: 16, large: 18, "x-large": 24, "xx-large": 32};
const ABS_UNITS: Record<string, number> = {"": 1, px: 1, pt: 4 / 3, pc: 16, mm: PX_PER_MM, cm: PX_PER_MM * 10, in: 96};

/** A length in user units; `relative` for em/%/keywords that depend on the parent. */
type Length = {kind: "absolute"; px: number; n: number; unit: string} | {kind: "relative"; factor: number} | {kind: "unknown"};

function parseLength(value: string | undefined, {font = false} = {}): Length | undefined {
  if (value === undefined) return undefined;
  const v = value.trim().toLowerCase().replace(/\s*!important$/, "");
  if (v === "" || v === "inherit") return undefined;
  if (font && v in FONT_KEYWORDS) return {kind: "absolute", px: FONT_KEYWORDS[v], n: FONT_KEYWORDS[v], unit: "px"};
  if (font && v === "smaller") return {kind: "relative", factor: 1 / 1.2};
  if (font && v === "larger") return {kind: "relative", factor: 1.2};
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)([a-z%]*)$/.exec(v);
  if (!m) return {kind: "unknown"};
  const n = +m[1];
  const unit = m[2];
  if (unit in ABS_UNITS) return {kind: "absolute", px: n * ABS_UNITS[unit], n, unit};
  if (font && unit === "em") return {kind: "relative", factor: n};
  if (font && unit === "%") return {kind: "relative", factor: n / 100};
  return {kind: "unknown"};
}

/** How much a transform list scales lengths (the square root of the area factor). */
function transformScale(transform: string | null): number {
  if (!transform) return 1;
  let s = 1;
  for (const [, fn, args] of transform.matchAll(/(matrix|scale)\s*\(([^)]*)\)/g)) {
    const a = args.split(/[\s,]+/).filter(Boolean).map(Number);
    if (fn === "scale") s *= Math.sqrt(Math.abs(a[0] * (a.length > 1 ? a[1] : a[0])));
    else if (a.length === 6) s *= Math.sqrt(Math.abs(a[0] * a[3] - a[1] * a[2]));
  }
  return s;
}

/** A nested <svg> (a panel of a multi-panel figure) scales its viewBox into its width × height ("meet"). */
function nestedSvgScale(el: Element): number {
  const vb = el.getAttribute("viewBox")?.trim().split(/[\s,]+/).map(Number);
  const w = parseLength(el.getAttribute("width") ?? undefined);
  const h = parseLength(el.getAttribute("height") ?? undefined);
  if (!vb || vb.length !== 4 || !(vb[2] > 0 && vb[3] > 0)) return 1;
  const sx = w?.kind === "absolute" ? w.px / vb[2] : undefined;
  const sy = h?.kind === "absolute" ? h.px / vb[3] : undefined;
  return sx !== undefined && sy !== undefined ? Math.min(sx, sy) : (sx ?? sy ?? 1);
}

const SHAPES = new Set(["path", "line", "polyline", "polygon", "rect", "circle", "ellipse"]);
const NOT_RENDERED = new Set(["defs", "clippath", "mask", "title", "desc", "metadata", "symbol", "style", "script"]);

interface ViewBox {x: number; y: number; width: number; height: number}

function viewBoxOf(root: Element): ViewBox {
  const vb = root.getAttribute("viewBox");
  if (vb) {
    const [x, y, width, height] = vb.trim().split(/[\s,]+/).map(Number);
    if ([x, y, width, height].every(Number.isFinite) && width > 0 && height > 0) return {x, y, width, height};
  }
  const w = parseLength(root.getAttribute("width") ?? undefined);
  const h = parseLength(root.getAttribute("height") ?? undefined);
  if (w?.kind === "absolute" && h?.kind === "absolute" && w.px > 0 && h.px > 0) return {x: 0, y: 0, width: w.px, height: h.px};
  throw new Error("prepareSvg: the SVG needs a viewBox, or width and height in absolute units");
}

interface Measured {
  /** Smallest and largest text, in root user units. */
  minFont: number;
  maxFont: number;
  /** Thinnest stroke of a shape, in root user units. */
  minLine: number;
  texts: number;
  /** Declarations to scale when enlarging. */
  fontDecls: {el: Element; len: Extract<Length, {kind: "absolute"}>}[];
  strokeDecls: {el: Element; len: Extract<Length, {kind: "absolute"}>}[];
}

/** Walks the tree with inherited font-size, stroke and stroke-width, as a renderer would. */
function measureTree(root: Element): Measured {
  const out: Measured = {minFont: Infinity, maxFont: 0, minLine: Infinity, texts: 0, fontDecls: [], strokeDecls: []};
  const walk = (el: Element, ctx: {font: number; stroke: string; strokeWidth: number; scale: number}, rendered: boolean) => {
    const name = localName(el);
    if (NOT_RENDERED.has(name)) rendered = false;
    if (readProp(el, "display") === "none") rendered = false;
    let scale = ctx.scale * transformScale(el.getAttribute("transform"));
    if (name === "svg" && el !== root) scale *= nestedSvgScale(el);
    let font = ctx.font;
    const fs = parseLength(readProp(el, "font-size"), {font: true});
    if (fs?.kind === "absolute") {
      font = fs.px;
      out.fontDecls.push({el, len: fs});
    } else if (fs?.kind === "relative") font = ctx.font * fs.factor;
    let strokeWidth = ctx.strokeWidth;
    const sw = parseLength(readProp(el, "stroke-width"));
    if (sw?.kind === "absolute") {
      strokeWidth = sw.px;
      out.strokeDecls.push({el, len: sw});
    }
    const strokeOwn = readProp(el, "stroke");
    const stroke = strokeOwn === undefined || strokeOwn === "inherit" ? ctx.stroke : strokeOwn.trim();
    if (rendered && (name === "text" || name === "tspan" || name === "textpath") && hasOwnText(el)) {
      out.texts++;
      out.minFont = Math.min(out.minFont, font * scale);
      out.maxFont = Math.max(out.maxFont, font * scale);
    }
    const opacity = parseFloat(readProp(el, "stroke-opacity") ?? "1");
    if (rendered && SHAPES.has(name) && stroke !== "none" && strokeWidth > 0 && !(opacity === 0)) {
      out.minLine = Math.min(out.minLine, strokeWidth * scale);
    }
    for (const c of children(el)) walk(c, {font, stroke, strokeWidth, scale}, rendered);
  };
  // CSS initial values: font-size medium (16px), stroke none, stroke-width 1.
  walk(root, {font: 16, stroke: "none", strokeWidth: 1, scale: 1}, true);
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Parsing and serialising
// ---------------------------------------------------------------------------------------------------------

function parseSvg(svg: string): {doc: Document; root: Element} {
  let text = svg.replace(/^\uFEFF/, "");
  // HTML serialisation (outerHTML) writes U+00A0 as &nbsp;, which XML does not know.
  text = text.replace(/&nbsp;/g, "&#160;");
  // outerHTML of an inline <svg> carries no xmlns: add it, so every element is in the SVG namespace.
  text = text.replace(/<svg\b([^>]*)>/, (m, attrs: string) => {
    let a = attrs;
    if (!/\sxmlns\s*=/.test(a)) a = ` xmlns="${SVG_NS}"` + a;
    if (/\bxlink:/.test(text) && !/\sxmlns:xlink\s*=/.test(a)) a = ` xmlns:xlink="http://www.w3.org/1999/xlink"` + a;
    return `<svg${a}>`;
  });
  const doc = new DOMParser({
    onError: (level, message) => {
      if (level !== "warning") throw new Error(`prepareSvg: the SVG is not well-formed XML: ${message}`);
    }
  }).parseFromString(text, "image/svg+xml");
  const root = doc.documentElement;
  if (!root || localName(root) !== "svg") {
    throw new Error(`prepareSvg: expected an <svg> root, got <${root ? root.nodeName : "nothing"}> (for a Plot <figure>, pass its <svg>)`);
  }
  return {doc, root};
}

function serialize(root: Element): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n` + new XMLSerializer().serializeToString(root) + "\n";
}

// ---------------------------------------------------------------------------------------------------------
// prepareSvg
// ---------------------------------------------------------------------------------------------------------

export interface PrepareOptions {
  /** Final printed width in mm (e.g. PRESETS.bmc.widths.double). */
  widthMm: number;
  preset: Preset;
  /** Extra or replacement print colours for CSS variables, keyed by name without "--". */
  colors?: Record<string, string>;
}

/** Measurements of an SVG at the size its width attribute gives. */
export interface SvgMeasure {
  widthMm: number;
  heightMm: number;
  /** Smallest and largest text at final size, points (NaN if there is no text). */
  minFontPt: number;
  maxFontPt: number;
  /** Thinnest stroked shape at final size, points (NaN if nothing is stroked). */
  minLinePt: number;
  texts: number;
}

/**
 * A standalone SVG sized for print at `widthMm`:
 * - width/height attributes in mm (viewBox kept, so the drawing scales: the on-screen width maps to widthMm);
 * - CSS variables and currentColor replaced by concrete colours (PRINT_COLORS; foreground #000,
 *   --theme-foreground-focus #3b5fc0, backgrounds #fff); <style> elements dropped (Plot's carries only
 *   on-screen layout rules; renderers differ in CSS support);
 * - one font-family, preset.font, on the root (others removed, as journals want one face);
 * - if the smallest text would print below preset.minFontPt, every absolute font-size is enlarged by the same
 *   factor (relative ones follow); likewise stroke-widths for preset.minLinePt. The figure is not shrunk, so
 *   enlarged labels can crowd: render the Plot at plotWidthFor(widthMm, preset) to avoid that;
 * - paint-order="stroke" (Plot's text halos) split into a stroke-only copy under a fill-only original, which
 *   every PDF/SVG consumer draws the same way;
 * - a white background rect.
 * Text stays <text>. Idempotent: preparing a prepared SVG changes nothing but the size.
 * Sizes are read from font-size/stroke-width attributes and style="…" declarations (px, pt, mm, em, %,
 * keywords), through scale()/matrix() transforms and nested <svg> panels; the CSS `font` shorthand is not read.
 */
export function prepareSvg(svg: string, options: PrepareOptions): string {
  const {widthMm, preset} = options;
  if (!(widthMm > 0) || !Number.isFinite(widthMm)) throw new Error(`prepareSvg: widthMm must be a positive number, got ${widthMm}`);
  const colors = {...PRINT_COLORS, ...options.colors};
  const {doc, root} = parseSvg(svg);
  const vb = viewBoxOf(root);

  // <style>: dropped (see above).
  for (const s of descendantsAndSelf(root).filter((el) => localName(el) === "style")) s.parentNode!.removeChild(s);

  // Colours: var() everywhere, then currentColor from the inherited `color`.
  const resolveColors = (el: Element, inherited: string) => {
    for (const attr of Array.from(el.attributes)) {
      if (attr.value.includes("var(")) el.setAttribute(attr.name, resolveVars(attr.value, colors));
    }
    const own = readProp(el, "color");
    const color = own === undefined || own === "inherit" || /currentcolor/i.test(own) ? inherited : own;
    for (const attr of Array.from(el.attributes)) {
      if (/currentcolor/i.test(attr.value)) el.setAttribute(attr.name, attr.value.replace(/currentcolor/gi, color));
    }
    for (const c of children(el)) resolveColors(c, color);
  };
  resolveColors(root, colors["theme-foreground"]);

  // One font family.
  for (const el of descendantsAndSelf(root).slice(1)) removeProp(el, "font-family");
  const rootStyle = parseStyle(root.getAttribute("style"));
  if (rootStyle.delete("font-family")) writeStyle(root, rootStyle);
  root.setAttribute("font-family", preset.font);

  // paint-order: stroke → a stroke-only copy underneath and the fill-only original on top.
  const splitPaintOrder = (el: Element, strokeInherited: string) => {
    const own = readProp(el, "stroke");
    const stroke = own === undefined || own === "inherit" ? strokeInherited : own.trim();
    const order = readProp(el, "paint-order");
    if (order !== undefined && /^\s*stroke\b/.test(order)) {
      removeProp(el, "paint-order");
      if (stroke !== "none") {
        const under = el.cloneNode(true) as Element;
        for (const d of descendantsAndSelf(under)) {
          removeProp(d, "paint-order");
          writeProp(d, "fill", "none");
        }
        under.setAttribute("aria-hidden", "true");
        el.parentNode!.insertBefore(under, el);
        for (const d of descendantsAndSelf(el)) {
          if (d === el || readProp(d, "stroke") !== undefined) writeProp(d, "stroke", "none");
        }
        return;
      }
    }
    for (const c of children(el)) splitPaintOrder(c, stroke);
  };
  splitPaintOrder(root, "none");

  // Sizes: scale fonts and strokes up to the preset's minimums at the final size.
  const ptPerUnit = (widthMm / vb.width) * PT_PER_MM;
  const m = measureTree(root);
  const fontFactor = m.texts > 0 ? Math.max(1, preset.minFontPt / (m.minFont * ptPerUnit)) : 1;
  const lineFactor = Number.isFinite(m.minLine) ? Math.max(1, preset.minLinePt / (m.minLine * ptPerUnit)) : 1;
  const enlarge = (decls: Measured["fontDecls"], prop: string, initial: number, factor: number) => {
    if (factor <= 1) return;
    // The root gets an explicit value (the CSS initial one if it had none) so that inherited sizes scale too.
    const all = decls.some((d) => d.el === root) ? decls : [...decls, {el: root, len: {kind: "absolute" as const, px: initial, n: initial, unit: ""}}];
    for (const {el, len} of all) writeProp(el, prop, fmtUp(len.n * factor) + len.unit);
  };
  enlarge(m.fontDecls, "font-size", 16, fontFactor);
  enlarge(m.strokeDecls, "stroke-width", 1, lineFactor);

  // Print size and background.
  const heightMm = (vb.height / vb.width) * widthMm;
  root.setAttribute("width", `${fmt(widthMm)}mm`);
  root.setAttribute("height", `${fmt(heightMm)}mm`);
  root.setAttribute("viewBox", [vb.x, vb.y, vb.width, vb.height].map(fmt).join(" "));
  if (!children(root).some((el) => el.hasAttribute("data-figure-background"))) {
    const bg = doc.createElementNS(SVG_NS, "rect");
    bg.setAttribute("data-figure-background", "");
    for (const [k, v] of Object.entries({x: vb.x, y: vb.y, width: vb.width, height: vb.height})) bg.setAttribute(k, fmt(v));
    bg.setAttribute("fill", "#ffffff");
    bg.setAttribute("stroke", "none");
    // After the <title> and <desc>, which stay the first children (where SVG's accessibility API reads them).
    let first = root.firstChild;
    while (first && (first.nodeType !== 1 || ["title", "desc"].includes(localName(first as Element)))) first = first.nextSibling;
    root.insertBefore(bg, first);
  }
  return serialize(root);
}

/** Sizes of text and lines at the size the SVG's width attribute gives (or `widthMm`): a preflight check. */
export function measureSvg(svg: string, {widthMm}: {widthMm?: number} = {}): SvgMeasure {
  const {root} = parseSvg(svg);
  const vb = viewBoxOf(root);
  let w = widthMm;
  if (w === undefined) {
    const len = parseLength(root.getAttribute("width") ?? undefined);
    if (len?.kind !== "absolute") throw new Error("measureSvg: the SVG has no absolute width; pass widthMm");
    w = len.px / PX_PER_MM;
  }
  const ptPerUnit = (w / vb.width) * PT_PER_MM;
  const m = measureTree(root);
  return {
    widthMm: w,
    heightMm: (vb.height / vb.width) * w,
    minFontPt: m.texts ? m.minFont * ptPerUnit : NaN,
    maxFontPt: m.texts ? m.maxFont * ptPerUnit : NaN,
    minLinePt: Number.isFinite(m.minLine) ? m.minLine * ptPerUnit : NaN,
    texts: m.texts
  };
}

/**
 * The Plot `width` (px) at which text of `fontSizePx` (Plot's default is 10) prints at exactly the preset's
 * minimum when the figure is scaled to `widthMm`: render at this width or less and prepareSvg has nothing to
 * enlarge. E.g. BMC: 301 px for 85 mm, 623 px for 176 mm.
 */
export function plotWidthFor(widthMm: number, preset: Preset, {fontSizePx = 10}: {fontSizePx?: number} = {}): number {
  return Math.floor((fontSizePx * widthMm * PT_PER_MM) / preset.minFontPt);
}

// ---------------------------------------------------------------------------------------------------------
// Fonts
// ---------------------------------------------------------------------------------------------------------

const require = createRequire(import.meta.url);

/** The font files used for PDF and bitmaps (Arimo, from node_modules; no system fonts are used). */
export const FONT_FILES = {
  regular: require.resolve("@expo-google-fonts/arimo/400Regular/Arimo_400Regular.ttf"),
  bold: require.resolve("@expo-google-fonts/arimo/700Bold/Arimo_700Bold.ttf"),
  italic: require.resolve("@expo-google-fonts/arimo/400Regular_Italic/Arimo_400Regular_Italic.ttf"),
  boldItalic: require.resolve("@expo-google-fonts/arimo/700Bold_Italic/Arimo_700Bold_Italic.ttf")
} as const;
export const FONT_FAMILY = "Arimo";

let fontBuffers: Record<keyof typeof FONT_FILES, Buffer> | undefined;
function fonts(): Record<keyof typeof FONT_FILES, Buffer> {
  return (fontBuffers ??= {
    regular: readFileSync(FONT_FILES.regular),
    bold: readFileSync(FONT_FILES.bold),
    italic: readFileSync(FONT_FILES.italic),
    boldItalic: readFileSync(FONT_FILES.boldItalic)
  });
}

/** resvg's font options: only the shipped Arimo files, for every generic family. */
export function resvgFontOptions() {
  return {
    loadSystemFonts: false,
    fontFiles: Object.values(FONT_FILES),
    defaultFontFamily: FONT_FAMILY,
    sansSerifFamily: FONT_FAMILY,
    serifFamily: FONT_FAMILY,
    monospaceFamily: FONT_FAMILY,
    cursiveFamily: FONT_FAMILY,
    fantasyFamily: FONT_FAMILY
  };
}

// ---------------------------------------------------------------------------------------------------------
// PDF
// ---------------------------------------------------------------------------------------------------------

export interface PdfOptions {
  widthMm: number;
  /** Page height; defaults to the figure's own height at widthMm. A different height centres the figure. */
  heightMm?: number;
  preset: Preset;
  colors?: Record<string, string>;
  /** Document title (PDF Info). */
  title?: string;
  /** CreationDate (pdfkit also hashes it into the file's /ID); the build's date unless told (loaders/build-date.ts). */
  creationDate?: Date;
  /** svg-to-pdfkit's warnings about SVG it cannot draw; default console.warn. */
  onWarning?: (message: string) => void;
}

/**
 * A one-page vector PDF 1.4 of the figure (prepareSvg applied first), page size = figure size, text as text
 * in an embedded subset of Arimo (TrueType, FontFile2). No standard-14 font is used, so nothing is left
 * unembedded. Async because pdfkit writes a stream.
 */
export async function svgToPdf(svg: string, options: PdfOptions): Promise<Buffer> {
  const {widthMm, preset} = options;
  const prepared = prepareSvg(svg, {widthMm, preset, colors: options.colors});
  const heightMm = options.heightMm ?? measureSvg(prepared).heightMm;
  const size: [number, number] = [widthMm * PT_PER_MM, heightMm * PT_PER_MM];
  const f = fonts();
  const info: PDFKit.DocumentInfo = {Producer: "survey-report (pdfkit)", Creator: "survey-report loaders/manuscript/figures.ts", CreationDate: options.creationDate ?? buildDate().date};
  if (options.title) info.Title = options.title;
  const doc = new PDFDocument({
    size,
    margin: 0,
    pdfVersion: "1.4",
    // The default font would be the standard-14 Helvetica (never embedded): start with Arimo instead.
    font: FONT_FILES.regular,
    info
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.registerFont(FONT_FAMILY, f.regular);
  doc.registerFont(`${FONT_FAMILY}-Bold`, f.bold);
  doc.registerFont(`${FONT_FAMILY}-Italic`, f.italic);
  doc.registerFont(`${FONT_FAMILY}-BoldItalic`, f.boldItalic);
  SVGtoPDF(doc as unknown as typeof PDFDocument, prepared, 0, 0, {
    width: size[0],
    height: size[1],
    preserveAspectRatio: "xMidYMid meet",
    fontCallback: (_family, bold, italic) => FONT_FAMILY + (bold && italic ? "-BoldItalic" : bold ? "-Bold" : italic ? "-Italic" : ""),
    warningCallback: options.onWarning ?? ((w) => console.warn(w))
  });
  doc.end();
  return done;
}

// ---------------------------------------------------------------------------------------------------------
// Bitmaps
// ---------------------------------------------------------------------------------------------------------

export interface BitmapOptions {
  widthMm: number;
  dpi: number;
  format: "png" | "tiff";
  /** When given, prepareSvg is applied first; otherwise the SVG is expected to be prepareSvg's output. */
  preset?: Preset;
  colors?: Record<string, string>;
}

/**
 * PNG or TIFF (LZW, RGB, no alpha, on white) of `widthMm` at `dpi`: round(widthMm × dpi / 25.4) pixels wide,
 * the resolution written into the file (PNG pHYs, TIFF X/YResolution in pixels per inch).
 */
export async function svgToBitmap(svg: string, options: BitmapOptions): Promise<Buffer> {
  const {widthMm, dpi, format} = options;
  if (!(dpi > 0)) throw new Error(`svgToBitmap: dpi must be positive, got ${dpi}`);
  if (format !== "png" && format !== "tiff") throw new Error(`svgToBitmap: format must be "png" or "tiff", got ${format}`);
  const source = options.preset ? prepareSvg(svg, {widthMm, preset: options.preset, colors: options.colors}) : svg;
  return encodeBitmap(await rasterize(source, {widthMm, dpi}), {dpi, format});
}

type Raster = Awaited<ReturnType<typeof renderAsync>>;

/** The SVG drawn to pixels at `dpi` for a figure `widthMm` wide (the slow part: PNG and TIFF share it). */
function rasterize(svg: string, {widthMm, dpi}: {widthMm: number; dpi: number}): Promise<Raster> {
  return renderAsync(svg, {
    fitTo: {mode: "width", value: Math.round((widthMm * dpi) / 25.4)},
    background: "#ffffff",
    font: resvgFontOptions(),
    shapeRendering: 2,
    textRendering: 2,
    logLevel: "error"
  });
}

function encodeBitmap(image: Raster, {dpi, format}: {dpi: number; format: "png" | "tiff"}): Promise<Buffer> {
  let pipeline = sharp(image.pixels, {raw: {width: image.width, height: image.height, channels: 4}})
    .removeAlpha()
    .withMetadata({density: dpi});
  pipeline = format === "png" ? pipeline.png() : pipeline.tiff({compression: "lzw", predictor: "horizontal"});
  return pipeline.toBuffer();
}

// ---------------------------------------------------------------------------------------------------------
// Everything a journal asks for, in one call
// ---------------------------------------------------------------------------------------------------------

export interface FigureFiles {
  svg: string;
  pdf: Buffer;
  bitmaps: {format: "png" | "tiff"; dpi: number; data: Buffer}[];
}

/** The prepared SVG, the PDF and a PNG and a TIFF at each of the preset's resolutions (or `dpi`). */
export async function exportFigure(
  svg: string,
  options: {widthMm: number; preset: Preset; dpi?: number[]; formats?: ("png" | "tiff")[]} & Omit<PdfOptions, "widthMm" | "preset">
): Promise<FigureFiles> {
  const {widthMm, preset, dpi = preset.dpi, formats = ["png", "tiff"], ...pdfOptions} = options;
  const prepared = prepareSvg(svg, {widthMm, preset, colors: options.colors});
  // Each resolution is drawn once, then encoded in every format.
  const [pdf, ...perDpi] = await Promise.all([
    svgToPdf(prepared, {...pdfOptions, widthMm, preset}),
    ...dpi.map(async (d) => {
      const image = await rasterize(prepared, {widthMm, dpi: d});
      return Promise.all(formats.map(async (format) => ({format, dpi: d, data: await encodeBitmap(image, {dpi: d, format})})));
    })
  ]);
  return {svg: prepared, pdf: pdf as Buffer, bitmaps: (perDpi as FigureFiles["bitmaps"][]).flat()};
}
