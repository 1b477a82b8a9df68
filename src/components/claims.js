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

/**
 * A claim used inline in a page's prose: the value computed from the data, at the precision the
 * paper prints, with its verdict in the tooltip. The sentence and the check share one source
 * (data/<study>/claims.yaml).
 */
export function claim(claims, id) {
  const result = claims.find((c) => c.id === id);
  if (!result) throw new Error(`no claim "${id}"`);
  const title = `Claim “${id}” (${result.where}): printed ${result.printed}; the data give ${result.computed} — ${result.verdict}, ${DESCRIBE[result.verdict]}${result.rounding ? ` (${result.rounding})` : ""}${result.note ? `; ${result.note}` : ""}${result.known ? `. Known inconsistency of the paper: ${result.known}` : ""}`;
  return html`<span class="claim claim-${result.verdict}" title=${title}>${atPrintedPrecision(result)}</span>`;
}

/** Counts by verdict, in a fixed order. */
export function verdictCounts(results) {
  return ["exact", "rounded", "truncated", "inconsistent"].map((verdict) => ({verdict, n: results.filter((r) => r.verdict === verdict).length}));
}
