// What the build did to keep respondents from being recognised in the row-level files, said on each
// study's page from the report the compile step wrote (tables.json `disclosure`, loaders/disclosure.ts).
import {count} from "./format.js";

const list = (items) => (items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`);

/** The sentences, as plain text (the page shows them; tests read them). */
export function disclosureSentences(report, {unit = "respondents"} = {}) {
  if (!report) return ["Published figures only: no row-level data, so no answer of any one person is published."];
  const one = unit === "respondents" ? "respondent" : unit.replace(/s$/, "");
  const checked = list(report.checked.map((c) => c.label));
  const lines = [];
  if (!report.quasiIdentifiers.length) lines.push(`No column is treated as identifying: ${report.note ?? "the codebook lists none"}`);
  else {
    lines.push(`The codebook names what someone could know about a ${one} from elsewhere: ${list(report.quasiIdentifiers.map((q) => q.label))}.`);
    const by = (what) => report.columns.filter((c) => c.published === what).map((c) => c.label);
    const changed = report.columns.filter((c) => c.published !== "as answered");
    const dropped = by("left out of the row-level files");
    const other = changed.filter((c) => c.published !== "left out of the row-level files");
    if (dropped.length) lines.push(`Left out of the row-level files (the tables above still use ${dropped.length === 1 ? "it" : "them"}): ${list(dropped)}.`);
    for (const c of other) lines.push(`${c.label} is published ${c.published}.`);
    if (!report.checked.length) lines.push("None of them is in the row-level files, so no row can be found by them.");
    else if (report.belowK === 0)
      lines.push(`On what the rows keep (${checked}), every row shares its answers with at least ${count(report.k - 1)} others (k = ${count(report.k)}; the smallest group has ${count(report.smallestGroup)}).`);
    else {
      lines.push(`On ${checked}, ${count(report.belowK)} of ${count(report.rows)} rows are in groups smaller than k = ${count(report.k)} (${count(report.unique)} unique).`);
      if (report.accepted) lines.push(`Published anyway, as the codebook accepts: ${report.accepted}`);
    }
    if (report.note) lines.push(report.note);
  }
  lines.push(smallCellsSentence(report.smallCells));
  return lines;
}

/** What the published tables do with small counts (tables.json disclosure.smallCells, loaders/suppress.ts). */
function smallCellsSentence(s) {
  if (!s) return "The tables and figures show every count: the codebook sets no small-cell threshold.";
  if (s.accepted) return `The tables and figures show every count, small ones included, as the codebook accepts: ${s.accepted}`;
  const hidden = s.primary + s.complementary;
  const rule = `In the tables and figures, a count from 1 to ${count(s.k - 1)} is shown as “< ${count(s.k)}”, and a median or mean of fewer than ${count(s.k)} answers is not shown`;
  if (!hidden) return `${rule}; none of this study's counts is that small, so none is hidden.`;
  const extra = s.complementary ? `, and ${count(s.complementary)} larger ${s.complementary === 1 ? "count is" : "counts are"} hidden with them (“x”) so that none can be worked out from the totals` : "";
  return `${rule}: ${count(s.primary)} ${s.primary === 1 ? "is" : "are"} hidden${extra}. The p-values use every answer.`;
}

/**
 * The paragraph a page shows. Built with the DOM rather than htl, so that this module imports nothing
 * Node cannot (its test reads the same sentences); textContent keeps survey text as text.
 */
export function disclosureNote(report, options) {
  const p = document.createElement("p");
  p.className = "disclosure";
  const lead = document.createElement("b");
  lead.textContent = "Who could be recognised.";
  p.append(lead, ` ${disclosureSentences(report, options).join(" ")}`);
  return p;
}
