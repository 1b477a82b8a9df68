// Number formats shared by figures, tables and prose (gtsummary conventions: see src/components/stats.ts).

/** 65.3 → "65.3%"; digits defaults to one decimal. */
export function percent(value, {digits = 1} = {}) {
  return Number.isFinite(value) ? `${value.toFixed(digits)}%` : "–";
}

/**
 * A DOI's address: "10.1007/s00296-025-06000-4" → "https://doi.org/10.1007/s00296-025-06000-4", each
 * part between slashes percent-encoded (a DOI may hold "#", "?" or "<").
 */
export function doiUrl(doi) {
  return `https://doi.org/${String(doi).split("/").map(encodeURIComponent).join("/")}`;
}

/** 1451 → "1,451" */
export function count(value) {
  return Number.isFinite(value) ? value.toLocaleString("en-US") : "–";
}

/** A count as published: "1,451", or what a hidden one shows ("< 5", "x": tables.json `suppressed`, loaders/suppress.ts). */
export function shownCount(d) {
  return d.suppressed ?? count(d.n);
}

/** "66 (45.5%)", or "< 5" for a hidden count (its share is hidden with it). */
export function countShare(d) {
  return d.suppressed ?? `${count(d.n)} (${percent(d.percent)})`;
}

/** "< 5" → "5": the k of a count hidden as below it. */
const thresholdOf = (text) => text.replace(/^<\s*/, "");

/** What "< 5" and "x" mean, under a table or figure that shows them (loaders/suppress.ts). */
export function suppressedNote(text, {tests = false} = {}) {
  const k = thresholdOf(text);
  return `${text}: fewer than ${k}, not published (for a median or mean: of fewer than ${k} answers); x: a count hidden with one of them, so that it cannot be worked out from the totals.${tests ? " In a group whose N is hidden, counts are shown without percentages, which would give N away. The p-values use every answer." : ""}`;
}

/** The note for the first hidden count among `items` ("< 5" ones carry k), or "" when none is hidden. */
export function suppressedNoteOf(items) {
  const hidden = items.filter((d) => d.suppressed);
  if (!hidden.length) return "";
  const primary = hidden.find((d) => d.suppressed.startsWith("<"));
  return primary ? suppressedNote(primary.suppressed) : "x: a count hidden so that a smaller hidden one cannot be worked out from the totals.";
}

/** "n = 21", "n < 5" (fewer than 5, hidden) or "n = x" (hidden with one); `symbol` "N" for a group's size. */
export function nText(d, {symbol = "n"} = {}) {
  if (!d.suppressed) return `${symbol} = ${count(d.n)}`;
  return d.suppressed.startsWith("<") ? `${symbol} ${d.suppressed}` : `${symbol} = ${d.suppressed}`;
}

/** The level of a distribution or choice list, by its display label. */
export function level(distribution, label) {
  const found = (distribution.levels ?? distribution.options).find((d) => d.level === label);
  if (!found) throw new Error(`"${distribution.id}" has no level "${label}"`);
  return found;
}

/** Sum of several levels' counts and their share of the distribution's base. */
export function levels(distribution, labels) {
  const hidden = labels.find((l) => level(distribution, l).suppressed);
  // A hidden count is null in tables.json: summing it as 0 would print a wrong number.
  if (hidden) throw new Error(`"${distribution.id}" level "${hidden}" is hidden in the published tables (small_cells): it cannot be added up`);
  const n = labels.reduce((s, l) => s + level(distribution, l).n, 0);
  return {n, percent: (100 * n) / distribution.base};
}

/**
 * What the shares are of, in words: "of the 144 who answered", "of all 147 respondents", or for
 * other units (a content analysis' posts) "of the 200 posts".
 */
export function baseText({denominator, base}, {unit = "respondents"} = {}) {
  if (denominator === "respondents") return `of all ${count(base)} ${unit}`;
  return unit === "respondents" ? `of the ${count(base)} who answered` : `of the ${count(base)} ${unit}`;
}

/**
 * Who a share leaves out and who it counts without an answer, in words:
 * "Of the 118 who answered. Not asked: 12; no answer: 3; Don't know (left out): 5."
 * Computed once in the build (tables.json `baseText`), from the counts beside it.
 * @param {{denominator: string, base: number, notAsked?: number, unanswered?: number, excluded?: {label: string, n: number}[], counted?: {label: string, n: number}[]}} gaps
 * @param {{unit?: string}} [options]
 */
export function baseSentence({denominator, base, notAsked = 0, unanswered = 0, excluded = [], counted = []}, {unit = "respondents"} = {}) {
  const of = baseText({denominator, base}, {unit});
  const parts = [
    ...(notAsked ? [`not asked: ${count(notAsked)}`] : []),
    ...(unanswered ? [`no answer: ${count(unanswered)}`] : []),
    ...excluded.filter((m) => m.n).map((m) => `${m.label} (left out): ${count(m.n)}`),
    ...counted.filter((m) => m.n).map((m) => `${m.label} (counted, as none of the answers): ${count(m.n)}`)
  ];
  const sentence = of[0].toUpperCase() + of.slice(1) + ".";
  if (!parts.length) return sentence;
  const rest = parts.join("; ");
  return `${sentence} ${denominator === "respondents" ? "Including " : ""}${denominator === "respondents" ? rest : rest[0].toUpperCase() + rest.slice(1)}.`;
}

/** 4.3 → "4.3", 4.25 → "4.25", 4.333 → "4.33": a value as measured, at most two decimals. */
export function number(value) {
  return Number.isFinite(value) ? value.toLocaleString("en-US", {maximumFractionDigits: 2}) : "–";
}

/**
 * What a figure's shares are of, in one line under it: the build's own sentence (`baseText`, with
 * those not asked, not answering or left out) when the tables have one, else "n = 118 who answered"
 * from the object's base (with those without an answer, when it counts them).
 */
export function denominatorText(x, {unit = "respondents"} = {}) {
  if (typeof x.baseText === "string" && x.baseText) return x.baseText;
  if (x.denominator === "respondents") return `n = ${count(x.base)} (all ${unit})`;
  const without = Number.isFinite(x.missing) && x.missing > 0 ? `; ${count(x.missing)} without an answer (not asked or left blank)` : "";
  return `n = ${count(x.base)} ${unit === "respondents" ? "who answered" : `${unit} with a value`}${without}`;
}

/**
 * What a figure of several questions' shares are of: one sentence when they share it, else each
 * question's, labelled ("Sex: Of the 146 who answered. · Age: …"). Pages print it under the figure
 * and the manuscript's legend ends with it.
 */
export function basesText(items, {unit = "respondents"} = {}) {
  const texts = items.map((x) => denominatorText(x, {unit}));
  if (new Set(texts).size <= 1) return texts[0] ?? "";
  return items.map((x, i) => `${x.label}: ${texts[i]}`).join(" · ");
}

/** A number question's summary in one line: "n = 9 · mean 7.2 (SD 3.1) · median 6 (IQR 5–10) · range 2–12". */
export function summaryText(s) {
  if (!s.n) return "n = 0: nobody answered";
  if (s.suppressed) return `n = ${count(s.n)} · not summarised: fewer than ${thresholdOf(s.suppressed)} answers`;
  const sd = Number.isFinite(s.sd) ? ` (SD ${s.sd.toFixed(1)})` : "";
  return `n = ${count(s.n)} · ${s.weighted ? "weighted " : ""}mean ${s.mean.toFixed(1)}${sd} · median ${number(s.median)} (IQR ${number(s.q1)}–${number(s.q3)}) · range ${number(s.min)}–${number(s.max)}`;
}
