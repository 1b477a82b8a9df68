// Number formats shared by figures, tables and prose (gtsummary conventions: see src/components/stats.ts).

/** 65.3 → "65.3%"; digits defaults to one decimal. */
export function percent(value, {digits = 1} = {}) {
  return Number.isFinite(value) ? `${value.toFixed(digits)}%` : "–";
}

/** 1451 → "1,451" */
export function count(value) {
  return Number.isFinite(value) ? value.toLocaleString("en-US") : "–";
}

/** The level of a distribution or choice list, by its display label. */
export function level(distribution, label) {
  const found = (distribution.levels ?? distribution.options).find((d) => d.level === label);
  if (!found) throw new Error(`"${distribution.id}" has no level "${label}"`);
  return found;
}

/** Sum of several levels' counts and their share of the distribution's base. */
export function levels(distribution, labels) {
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
