// Cross-tabulation in the browser: the reader picks an outcome and a grouping, and this recomputes
// n (%) per group from the response-level rows. The same function runs in the test suite on the
// rows of the same Arrow file the page reads, against the tables DuckDB computes at build
// (test/studies/bendayan-2024.test.ts).

/**
 * @param table an arquero table of responses (one row per respondent), e.g. aq.fromArrow(responses.arrow)
 * @param options.variable the outcome column; options.level its level counted as "yes"
 * @param options.by the grouping column; options.groups its levels in display order
 * @param options.bins for a rating outcome, its scale's bins [{label, min, max}]
 * @returns [{group, x, n, percent}] over the respondents who answered both
 */
export function crossTabulate(table, {variable, level, by, groups, bins}) {
  // Counted in plain JavaScript over the decoded column values, not with an arquero expression:
  // the browser's Arrow file stores text columns as dictionaries, and arquero rewrites a comparison
  // of a dictionary column with a literal into a lookup in its dictionary, where null is never found,
  // so `d[col] != null` became the constant false and kept no row ("No results." on the page).
  const outcome = table.array(variable), group = table.array(by);
  const binOf = bins ? new Map(bins.flatMap((b) => range(b.min, b.max).map((v) => [v, b.label]))) : null;
  const counts = new Map(groups.map((g) => [g, {x: 0, n: 0}]));
  for (let i = 0; i < outcome.length; ++i) {
    const value = outcome[i], g = group[i];
    if (value == null || g == null) continue;
    const c = counts.get(g);
    if (!c) continue;
    c.n += 1;
    if ((binOf ? binOf.get(Number(value)) : value) === level) c.x += 1;
  }
  return groups.map((g) => {
    const {x, n} = counts.get(g);
    return {group: g, x, n, percent: n ? (100 * x) / n : NaN};
  });
}

function range(min, max) {
  return Array.from({length: max - min + 1}, (_, i) => min + i);
}
