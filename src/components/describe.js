// Every chart's text alternative, in one place: each chart function hands its Plot output and what
// it shows (a name, and its numbers line by line, both made from the chart's own data) to
// `described`, so a screen reader announces one image with a name and can read every number.
import {count, countShare} from "./format.js";

const SVG_NS = "http://www.w3.org/2000/svg";

/**
 * Marks a Plot chart (an <svg>, or the <figure> Plot returns with a legend) as one image:
 * role="img" and an accessible name on its <svg>, and a <desc> holding `lines` (the numbers).
 *
 * Plot names each mark's <g> with aria-label ("bar", "x-axis tick"), which axe reports as
 * aria-prohibited-attr (a <g> has no role that may be named); inside an image its parts are not
 * announced anyway, so the name moves to data-mark, where tests (and anyone inspecting) still find it.
 * The legend's colour swatches are hidden from screen readers: their text labels stay.
 */
export function described(chart, {name, lines = []}) {
  const svg = rootSvg(chart);
  if (!svg) return chart;
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", name);
  for (const el of svg.querySelectorAll("[aria-label]")) {
    el.setAttribute("data-mark", el.getAttribute("aria-label"));
    el.removeAttribute("aria-label");
  }
  for (const el of svg.querySelectorAll("[aria-description]")) el.removeAttribute("aria-description");
  const document = svg.ownerDocument;
  const desc = document.createElementNS(SVG_NS, "desc");
  desc.textContent = lines.join("\n");
  svg.insertBefore(desc, svg.firstChild);
  if (chart !== svg) for (const swatch of chart.querySelectorAll("svg")) if (swatch !== svg) swatch.setAttribute("aria-hidden", "true");
  return chart;
}

/** The chart's own <svg>: the node itself, or the <figure>'s child (not a legend swatch's). */
function rootSvg(node) {
  if (node.tagName.toLowerCase() === "svg") return node;
  return [...node.children].find((c) => c.tagName.toLowerCase() === "svg") ?? node.querySelector("svg");
}

/** "Agree: 66 (45.5%)" — an answer's count and share, as the tooltips print them. */
export function shareText(d) {
  return `${d.level}: ${countShare(d)}`;
}

/** "Useful (n = 924): 0–4 5.5%, 5–7 19.8%, 8–10 74.7%" — one question's answers on one line. */
export function itemLine(item) {
  return `${item.label} (n = ${count(item.base)}): ${item.levels.map((d) => `${d.level} ${countShare(d)}`).join(", ")}`;
}

/** "3 questions" / "1 question". */
export function plural(n, word, words = `${word}s`) {
  return `${count(n)} ${n === 1 ? word : words}`;
}
