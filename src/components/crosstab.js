// Cross-tabulation in the browser with arquero: the reader picks an outcome and a grouping, and
// this recomputes n (%) per group from the response-level rows. The same function runs in the
// test suite against the tables DuckDB computes at build (loaders/tables.test.ts).

/**
 * @param table an arquero table of responses (one row per respondent)
 * @param options.variable the outcome column; options.level its level counted as "yes"
 * @param options.by the grouping column; options.groups its levels in display order
 * @param options.bins for a rating outcome, its scale's bins [{label, min, max}]
 * @returns [{group, x, n, percent}] over the respondents who answered both
 */
export function crossTabulate(table, {variable, level, by, groups, bins}) {
  // Arquero expressions cannot call arbitrary functions, so a rating's bin is looked up in a
  // value → label map passed as a parameter.
  const binOf = bins ? Object.fromEntries(bins.flatMap((b) => range(b.min, b.max).map((v) => [v, b.label]))) : null;
  const counts = table
    .params({variable, by, level, binOf})
    .filter((d, $) => d[$.variable] != null && d[$.by] != null)
    .derive({hit: (d, $) => (($.binOf ? $.binOf[d[$.variable]] : d[$.variable]) === $.level ? 1 : 0)})
    .groupby(by)
    .rollup({x: "d => op.sum(d.hit)", n: "op.count()"})
    .objects();
  return groups.map((group) => {
    const c = counts.find((c) => c[by] === group);
    const x = c ? Number(c.x) : 0;
    const n = c ? Number(c.n) : 0;
    return {group, x, n, percent: n ? (100 * x) / n : NaN};
  });
}

function range(min, max) {
  return Array.from({length: max - min + 1}, (_, i) => min + i);
}
