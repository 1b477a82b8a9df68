// The cross-study comparison (data/compare.yaml): which computed quantity of which study goes on
// each chart, and the caveats written beside it. The file names quantities, never numbers; every
// value is resolved here through the same tables code as the study pages.
import {existsSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {parse} from "yaml";
import {type Aggregate, readAggregates} from "./aggregates.ts";
import {DATA_DIR, loadCodebook, question, studies} from "./codebook.ts";
import {wilsonInterval} from "../src/components/stats.ts";
import {svyShareOfTotals} from "../src/components/survey-totals.ts";
import {type Distribution, type Level, type TablesOf, computeTables} from "./tables.ts";

/** A series: one source's values, with who was asked and how. */
interface SeriesSpec {
  study: string;
  who: string;
  /** platforms: a multiple-choice question whose options are platforms (display label → platform). */
  question?: string;
  labels?: Record<string, string>;
  /** Options left out (e.g. "Other", which names no platform). */
  exclude?: string[];
  /** platforms: published figures by id → platform; share: one published figure's id. */
  aggregates?: Record<string, string>;
  aggregate?: string;
  /** share: a level (or several, summed) of a variable. */
  variable?: string;
  level?: string | string[];
  /** platforms: a platform every respondent uses because of how they were recruited (not measured). */
  by_design?: {platform: string; reason: string};
  /** share: what the value measures, in this source's words. */
  measure?: string;
}

interface ChartSpec {title: string; caveats: string[]; series: SeriesSpec[]}
interface CompareSpec {platforms: ChartSpec; professional_use: ChartSpec}

export interface Point {
  study: string;
  who: string;
  kind: "reconstructed" | "original" | "aggregates" | "by design";
  year: number;
  /** platform (platforms chart) or measure (share chart) */
  label: string;
  percent: number;
  low: number | null;
  high: number | null;
  n: number | null;
  /** As printed, for published figures. */
  printed?: string;
  /** Whether the source itself prints this value (false: reconstructed value the source does not report). */
  reported: boolean;
  note?: string;
}

export interface Comparison {
  platforms: {title: string; caveats: string[]; points: Point[]};
  professional_use: {title: string; caveats: string[]; points: Point[]};
}

export const COMPARE_PATH = join(DATA_DIR, "compare.yaml");

/** A data/compare.yaml that names what does not exist, or lacks what a chart needs. */
export class CompareError extends Error {
  constructor(message: string) {
    super(`${message}\nTo fix: correct data/compare.yaml (each series names a study folder under data/ and a question or published figure of it), or delete it to build without a cross-study page.`);
    this.name = "CompareError";
  }
}

function fail(message: string): never {
  throw new CompareError(`data/compare.yaml: ${message}`);
}

function aggregateRow(study: string, rows: Aggregate[], id: string): Aggregate {
  return rows.find((a) => a.id === id) ?? fail(`${study} has no published figure "${id}" (ids: ${rows.map((a) => a.id).join(", ")})`);
}

const fromAggregate = (study: string, year: number, who: string, a: Aggregate, label: string): Point => ({
  study, who, kind: "aggregates", year, label, percent: a.value, low: a.low, high: a.high, n: a.n, printed: a.printed, reported: true, note: a.note || undefined
});

async function platformPoints(s: SeriesSpec, tablesOf: TablesOf): Promise<Point[]> {
  const cb = loadCodebook(s.study);
  const {year} = cb.study;
  if (s.by_design) {
    const n = (await tablesOf(s.study)).respondents.total;
    // Not a measurement: everyone recruited in a platform's group uses that platform.
    return [{study: s.study, who: s.who, kind: "by design", year, label: s.by_design.platform, percent: 100, low: null, high: null, n, reported: false, note: s.by_design.reason}];
  }
  if (s.aggregates) {
    const rows = readAggregates(s.study).aggregates;
    return Object.entries(s.aggregates).map(([id, platform]) => fromAggregate(s.study, year, s.who, aggregateRow(s.study, rows, id), platform));
  }
  if (!s.question) fail(`platforms series for ${s.study} needs question, aggregates or by_design`);
  const q = question(cb, s.question);
  if (q.type !== "multiple") fail(`${s.study}.${s.question} is not a multiple-choice question`);
  const c = (await tablesOf(s.study)).choices[q.id] ?? fail(`${s.study}.${s.question} is not a public multiple-choice question`);
  for (const label of [...(s.exclude ?? []), ...Object.keys(s.labels ?? {})])
    if (!c.options.some((o) => o.level === label)) fail(`${s.study}.${s.question} has no option "${label}"`);
  return c.options
    .filter((o) => !s.exclude?.includes(o.level))
    .map((o) => ({study: s.study, who: s.who, kind: cb.study.data, year, label: s.labels?.[o.level] ?? o.level, percent: o.percent, low: o.low, high: o.high, n: c.base, reported: c.published}));
}

async function sharePoint(s: SeriesSpec, tablesOf: TablesOf): Promise<Point> {
  const cb = loadCodebook(s.study);
  const {year} = cb.study;
  if (s.aggregate) return fromAggregate(s.study, year, s.who, aggregateRow(s.study, readAggregates(s.study).aggregates, s.aggregate), s.measure ?? fail(`${s.study}: a share needs measure`));
  if (!s.variable || !s.level) fail(`share series for ${s.study} needs aggregate, or variable and level`);
  const tables = await tablesOf(s.study);
  const d = tables.distributions[s.variable] ?? fail(`${s.study} has no public variable "${s.variable}" with levels`);
  const found = [s.level].flat().map((w) => d.levels.find((l) => l.level === w) ?? fail(`${s.study}.${s.variable} has no level "${w}" (levels: ${d.levels.map((l) => l.level).join(", ")})`));
  const {percent, low, high} = shareOfLevels(d, found, {designN: tables.respondents.total});
  return {study: s.study, who: s.who, kind: cb.study.data, year, label: s.measure ?? fail(`${s.study}: a share needs measure`), percent, low, high, n: d.base, reported: d.published};
}

/**
 * The share of a distribution's base giving any of `levels`, with its 95% interval: Wilson for an
 * unweighted study; in a weighted one the weighted share with survey's logit interval, from the
 * levels' Σw and Σw² (they are disjoint, so they add).
 */
export function shareOfLevels(d: Distribution, levels: Level[], {designN}: {designN: number}): {percent: number; low: number; high: number} {
  const x = levels.reduce((sum, l) => sum + l.n, 0);
  if (d.weightedBase === undefined) {
    const [low, high] = wilsonInterval(x, d.base).map((b) => 100 * b);
    return {percent: (100 * x) / d.base, low, high};
  }
  const s = svyShareOfTotals({
    n: d.base, w: d.weightedBase, w2: d.weightedBase2 ?? NaN, designN,
    wy: levels.reduce((sum, l) => sum + (l.weighted ?? 0), 0), w2y: levels.reduce((sum, l) => sum + (l.weighted2 ?? 0), 0)
  });
  return {percent: 100 * s.estimate, low: 100 * s.low, high: 100 * s.high};
}

/** data/compare.yaml resolved; the build passes its compiled tables, by default they are computed from the raw files. */
export async function comparison(path = COMPARE_PATH, tablesOf: TablesOf = computeTables): Promise<Comparison | null> {
  // A site of one study, or of studies not meant to be compared, has no compare.yaml: no cross-study page.
  if (!existsSync(path)) return null;
  const spec = parse(readFileSync(path, "utf8")) as CompareSpec;
  const known = new Set(studies());
  for (const chart of ["platforms", "professional_use"] as const) {
    if (!spec?.[chart]?.series?.length) fail(`${chart}: needs title, caveats and series`);
    for (const s of spec[chart].series) if (!known.has(s.study)) fail(`${chart}: unknown study "${s.study}"`);
  }
  const platforms = (await Promise.all(spec.platforms.series.map((s) => platformPoints(s, tablesOf)))).flat();
  const professional = await Promise.all(spec.professional_use.series.map((s) => sharePoint(s, tablesOf)));
  return {
    platforms: {title: spec.platforms.title, caveats: spec.platforms.caveats, points: platforms},
    professional_use: {title: spec.professional_use.title, caveats: spec.professional_use.caveats, points: professional}
  };
}
