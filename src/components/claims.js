import {html} from "npm:htl";

const DESCRIBE = {
  exact: "equals the printed value",
  rounded: "prints as published when rounded",
  truncated: "prints as published only when truncated",
  inconsistent: "disagrees with the published value"
};

/** The computed value written as the paper writes it: its decimals; a p-value to 2 significant digits. */
export function atPrintedPrecision(result) {
  if (result.kind === "p") return result.computed < 0.001 ? result.computed.toExponential(1) : result.computed.toFixed(Math.max(3, result.decimals));
  return result.computed.toFixed(result.decimals);
}

/** What a claim's verdict means, in words: "Prints as published when rounded (half up)". */
export function describeVerdict(result) {
  const text = `${DESCRIBE[result.verdict]}${result.rounding ? ` (${result.rounding})` : ""}`;
  return text[0].toUpperCase() + text.slice(1);
}

/** Where a claim's row is on the reproduction check (its id, for links to it). */
export const claimAnchor = (result) => `claim-${result.study}-${result.id}`;

/**
 * A claim used inline in a page's prose: the value computed from the data, at the precision the
 * paper prints. It links to its row of the reproduction check, where its verdict is written out (so
 * it can be focused and followed, not only hovered); the verdict is also in its tooltip and its
 * accessible name. The sentence and the check share one source (data/<study>/claims.yaml).
 */
export function claim(claims, id) {
  const result = claims.find((c) => c.id === id);
  if (!result) throw new Error(`no claim "${id}"`);
  const value = atPrintedPrecision(result);
  const title = `Claim “${id}” (${result.where}): printed ${result.printed}; the data give ${value} — ${result.verdict}, ${DESCRIBE[result.verdict]}${result.rounding ? ` (${result.rounding})` : ""}${result.note ? `; ${result.note}` : ""}${result.known ? `. Known inconsistency of the paper: ${result.known}` : ""}`;
  return html`<a class="claim claim-${result.verdict}" href=${`../reproduction.html#${claimAnchor(result)}`} title=${title} aria-label=${`${value}: ${result.verdict}, the paper prints ${result.printed}`}>${value}</a>`;
}

/**
 * A link from a study page (src/studies/) to the study's section of the reproduction check. Made in
 * JavaScript: the section's anchor is written by the reproduction page's JavaScript, so Framework,
 * which validates the links of a page's static HTML against the static anchors of the page they
 * lead to, would report it broken; and it names the file (.html), as a link made in JavaScript must
 * for the site to work on any static server (observablehq.config.ts: preserveExtension).
 */
export function reproductionLink(study, text = "see the reproduction check") {
  return html`<a href=${`../reproduction.html#${encodeURIComponent(study)}`}>${text}</a>`;
}

/** Counts by verdict, in a fixed order. */
export function verdictCounts(results) {
  return ["exact", "rounded", "truncated", "inconsistent"].map((verdict) => ({verdict, n: results.filter((r) => r.verdict === verdict).length}));
}
