import {html} from "npm:htl";

/**
 * A wide table in a box of its own that scrolls sideways, so the page never does (at 390 px, Table 1
 * is wider than the screen). The box can be focused and is a named region, so a keyboard reader can
 * scroll it too (axe's scrollable-region-focusable); the table's first column stays in view
 * (src/style.css, .table-scroll). `label` names the region, as text.
 */
export function scrollBox(content, {label, className = "table-scroll"}) {
  return html`<div class=${className} tabindex="0" role="region" aria-label=${label}>${content}</div>`;
}
