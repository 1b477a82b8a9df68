// The study's published tables, computed with DuckDB SQL over the validated responses.
// Every figure and number on a study page comes from the object this returns (tables.json).
import type {Codebook, Question} from "./codebook.ts";
import {blankOf, levelsOf, missingCodesOf, weightQuestion} from "./codebook.ts";
import {BLANK_LABEL} from "./validate.ts";
import {baseSentence} from "../src/components/format.js";
import {type StudyDatabase, withStudyDatabase} from "./database.ts";
import {ident, levelExpression as levelSql, literal, missingColumn} from "../src/components/sql.ts";
import {compareProportions, correlationTest, formatNPercent, formatP, formatPercent, wilsonInterval} from "../src/components/stats.ts";
import {raoScottOfCells, svyMeanOfTotals, svyShareOfTotals, svyVarOfTotals} from "../src/components/survey-totals.ts";
import {publicCodebook, publicQuestions} from "./responses.ts";
import {type TableLayout, tableRows} from "./manuscript/layout.ts";

/** An answer's count (unweighted n) and share; in a weighted study the share is weighted, and `weighted` is its Σw. */
export interface Level {level: string; n: number; percent: number; weighted?: number}
/** What a share is a share of: those who answered the question, or every respondent (codebook `denominator`); in a weighted study also their Σw. */
export interface Base {denominator: "answered" | "respondents"; base: number; weightedBase?: number}
/** A missing code's (or a counted blank's) label and how many gave it. */
export interface Missing {label: string; n: number}
/**
 * Who has no answer, and why: not asked (skip logic, or a blank or code meaning so), no answer (a
 * blank), missing codes left out of the base (excluded) or counted in it as none of the levels
 * (counted); and the sentence pages print under the figure (baseText).
 */
export interface Gaps {notAsked: number; unanswered: number; excluded: Missing[]; counted: Missing[]; baseText: string}
export interface Distribution extends Base, Gaps {id: string; label: string; number?: number; published: boolean; answered: number; missing: number; levels: Level[]}
export interface Choice extends Level {low: number; high: number}
export interface Choices extends Base, Gaps {id: string; label: string; number?: number; published: boolean; answered: number; options: Choice[]}
/** In a weighted study mean and sd are weighted (svymean, svyvar; `se` the mean's), the quartiles are of the answers unweighted. */
export interface Summary {id: string; label: string; n: number; mean: number; sd: number; min: number; q1: number; median: number; q3: number; max: number; se?: number; weighted?: boolean; unweighted?: {mean: number; sd: number}}
export interface NumberSummary extends Summary, Omit<Gaps, "counted" | "baseText"> {}
/** A number summarised within each group of another variable (codebook `summaries`). */
export interface GroupSummary {id: string; label: string; variable: string; by: string; byLabel: string; groups: ({group: string} & Omit<Summary, "id" | "label">)[]}
export interface SubgroupCell {group: string; x: number; n: number; percent: number; text: string; weighted?: number}
export interface SubgroupTest {p: number; pText: string; test: "chisq" | "fisher" | "rao-scott"; method: string}
export interface SubgroupRow {variable: string; level: string; label: string; published: boolean; by: Record<string, {cells: SubgroupCell[]; test: SubgroupTest}>}
export interface SubgroupTable {id: string; title: string; weighted?: boolean; by: {id: string; label: string; groups: {group: string; n: number}[]}[]; rows: SubgroupRow[]; layout?: TableLayout}

export interface Correlation {id: string; label: string; x: string; y: string; r: number; n: number; df: number; statistic: number; p: number; pText: string; method: string}

export interface StudyTables {
  study: Codebook["study"];
  respondents: {total: number; complete: number};
  /** A weighted study's weight: its question, what it is, and Σw over the respondents; null if unweighted. */
  weight: {id: string; label: string; total: number} | null;
  /** single, ordinal and derived variables; ratings by bin. */
  distributions: Record<string, Distribution>;
  choices: Record<string, Choices>;
  numbers: Record<string, NumberSummary>;
  subgroups: Record<string, SubgroupTable>;
  correlations: Record<string, Correlation>;
  summaries: Record<string, GroupSummary>;
}


async function rows<T>(db: StudyDatabase, sql: string): Promise<T[]> {
  return (await db.connection.runAndReadAll(sql)).getRowObjectsJS() as T[];
}

const percent = (x: number, n: number) => (n ? (100 * x) / n : NaN);

/** The weight column's SQL, or null for an unweighted study. */
const weightSql = (cb: Codebook) => {
  const q = weightQuestion(cb);
  return q ? ident(q.id) : null;
};
/** The design's rows (every respondent), which survey's variance for a domain scales by. */
async function designRows(db: StudyDatabase): Promise<number> {
  const [{n}] = await rows<{n: bigint}>(db, "SELECT count(*) AS n FROM responses");
  return Number(n);
}

// SQL is written against the public codebook: it knows which missing codes are shown as levels.
const publicOf = new WeakMap<Codebook, ReturnType<typeof publicCodebook>>();
function levelExpression(cb: Codebook, variable: string): string {
  if (!publicOf.has(cb)) publicOf.set(cb, publicCodebook(cb));
  return levelSql(publicOf.get(cb)!, variable);
}

/** The labels a question's missing column may hold that count in the denominator (as none of the levels). */
function countedLabels(cb: Codebook, q: Question | undefined): string[] {
  if (!q) return [];
  const labels = Object.values(missingCodesOf(cb, q)).filter((m) => m.as === "no").map((m) => m.label);
  return [...new Set([...labels, ...(blankOf(cb, q) === "no" ? [BLANK_LABEL] : [])])];
}
/** Whether the question has a missing column in `responses` (loaders/validate.ts makes one where there are reasons to give). */
const explained = (cb: Codebook, q: Question | undefined) => !!q && q.type !== "text" && (Object.keys(missingCodesOf(cb, q)).length > 0 || blankOf(cb, q) === "no");

/**
 * An SQL condition: the respondent is in the variable's denominator of those who answered — has a
 * level, or a missing code (or blank) counted as none of them.
 */
export function inBase(cb: Codebook, variable: string): string {
  const q = cb.questions.find((q) => q.id === variable);
  const counted = countedLabels(cb, q);
  const level = `${levelExpression(cb, variable)} IS NOT NULL`;
  return counted.length ? `(${level} OR ${ident(missingColumn(variable))} IN (${counted.map(literal).join(", ")}))` : `(${level})`;
}

/** A question's gaps (see Gaps), without the sentence. */
async function gaps(db: StudyDatabase, variable: string, levelIsNull: string): Promise<Omit<Gaps, "baseText">> {
  const cb = db.codebook;
  const q = cb.questions.find((q) => q.id === variable);
  const [found] = q ? await rows<{not_asked: bigint; unanswered: bigint}>(db, `SELECT not_asked, unanswered FROM answer_counts WHERE question = ${literal(variable)}`) : [];
  const counted = countedLabels(cb, q);
  let reasons: {label: string; n: bigint}[] = [];
  if (explained(cb, q)) reasons = await rows(db, `SELECT ${ident(missingColumn(variable))} AS label, count(*) AS n FROM responses WHERE ${levelIsNull} AND ${ident(missingColumn(variable))} IS NOT NULL GROUP BY ALL ORDER BY label`);
  // In the codebook's order of the missing codes, blank last.
  const order = [...new Set([...Object.values(q ? missingCodesOf(cb, q) : {}).map((m) => m.label), BLANK_LABEL])];
  const of = (keep: (label: string) => boolean) =>
    order.filter(keep).map((label) => ({label, n: Number(reasons.find((r) => r.label === label)?.n ?? 0)})).filter((m) => m.n > 0);
  return {
    notAsked: Number(found?.not_asked ?? 0),
    unanswered: Number(found?.unanswered ?? 0),
    excluded: of((l) => !counted.includes(l)),
    counted: of((l) => counted.includes(l))
  };
}

/** Counts by level, in the codebook's order, over those who answered. */
export async function distribution(db: StudyDatabase, variable: string): Promise<Distribution> {
  const cb = db.codebook;
  const q = cb.questions.find((q) => q.id === variable);
  const d = cb.derived?.find((d) => d.id === variable);
  const levels = q ? levelsOf(cb, q) : Object.keys(d!.groups);
  const w = weightSql(cb);
  const counts = await rows<{level: string | null; n: bigint; sw: number | null}>(
    db,
    `SELECT ${levelExpression(cb, variable)} AS level, count(*) AS n, ${w ? `sum(${w})` : "NULL"} AS sw FROM responses GROUP BY ALL`
  );
  const count = (level: string | null) => Number(counts.find((c) => c.level === level)?.n ?? 0);
  const weighted = (level: string | null) => Number(counts.find((c) => c.level === level)?.sw ?? 0);
  const answered = counts.filter((c) => c.level !== null).reduce((s, c) => s + Number(c.n), 0);
  const denominator = q?.denominator ?? "answered";
  const gap = await gaps(db, variable, `${levelExpression(cb, variable)} IS NULL`);
  const base = denominator === "respondents" ? answered + count(null) : answered + gap.counted.reduce((s, m) => s + m.n, 0);
  // A weighted share is of the base's Σw (the same rows as `base`).
  let weightedBase: number | undefined;
  if (w) {
    const [{sw}] = await rows<{sw: number | null}>(db, `SELECT sum(${w}) AS sw FROM responses${denominator === "respondents" ? "" : ` WHERE ${inBase(cb, variable)}`}`);
    weightedBase = Number(sw ?? 0);
  }
  return {
    ...gap,
    baseText: baseSentence({denominator, base, ...gap}, {unit: cb.study.unit ?? "respondents"}),
    id: variable,
    label: (q ?? d)!.label,
    number: q?.number,
    published: q?.published ?? true,
    answered,
    missing: count(null),
    denominator,
    base,
    ...(w ? {weightedBase} : {}),
    levels: levels.map((level) =>
      w ? {level, n: count(level), percent: percent(weighted(level), weightedBase!), weighted: weighted(level)} : {level, n: count(level), percent: percent(count(level), base)}
    )
  };
}

/** A multiple-choice question: each option's count and share of the base, with Wilson 95% CIs, most chosen first. */
export async function choices(db: StudyDatabase, q: Question): Promise<Choices> {
  const [{answered, respondents}] = await rows<{answered: bigint; respondents: bigint}>(db, `SELECT count(${ident(q.id)}) AS answered, count(*) AS respondents FROM responses`);
  const counts = await rows<{option: string; n: bigint}>(
    db,
    `SELECT option, count(*) AS n FROM choices WHERE question = ${literal(q.id)} GROUP BY option`
  );
  const denominator = q.denominator ?? "answered";
  const gap = await gaps(db, q.id, `${ident(q.id)} IS NULL`);
  const base = denominator === "respondents" ? Number(respondents) : Number(answered) + gap.counted.reduce((s, m) => s + m.n, 0);
  const w = weightSql(db.codebook);
  let weighted: {weightedBase: number; option: (option: string) => Choice} | undefined;
  if (w) {
    // Each option's share of the base's Σw, with survey's logit interval (svyciprop) from totals.
    const where = denominator === "respondents" ? "true" : inBase(db.codebook, q.id);
    const [t] = await rows<{n: bigint; w: number | null; w2: number | null}>(db, `SELECT count(*) AS n, sum(${w}) AS w, sum(${w} * ${w}) AS w2 FROM responses WHERE ${where}`);
    const by = await rows<{option: string; wy: number; w2y: number}>(
      db,
      `SELECT c.option, sum(r.${w}) AS wy, sum(r.${w} * r.${w}) AS w2y FROM choices c JOIN responses r USING (respondent) WHERE c.question = ${literal(q.id)} AND ${where} GROUP BY c.option`
    );
    const designN = await designRows(db);
    const totals = {n: Number(t.n), w: Number(t.w ?? 0), w2: Number(t.w2 ?? 0), designN};
    weighted = {
      weightedBase: totals.w,
      option: (option) => {
        const n = Number(counts.find((c) => c.option === option)?.n ?? 0);
        const found = by.find((b) => b.option === option);
        const s = svyShareOfTotals({...totals, wy: Number(found?.wy ?? 0), w2y: Number(found?.w2y ?? 0)});
        return {level: option, n, percent: 100 * s.estimate, low: 100 * s.low, high: 100 * s.high, weighted: Number(found?.wy ?? 0)};
      }
    };
  }
  const options = levelsOf(db.codebook, q).map((option) => {
    if (weighted) return weighted.option(option);
    const n = Number(counts.find((c) => c.option === option)?.n ?? 0);
    const [low, high] = wilsonInterval(n, base);
    return {level: option, n, percent: percent(n, base), low: 100 * low, high: 100 * high};
  });
  options.sort((a, b) => (weighted ? b.percent - a.percent : b.n - a.n) || a.level.localeCompare(b.level));
  return {id: q.id, label: q.label, number: q.number, published: q.published ?? true, answered: Number(answered), denominator, base, ...(weighted ? {weightedBase: weighted.weightedBase} : {}), ...gap, baseText: baseSentence({denominator, base, ...gap}, {unit: db.codebook.study.unit ?? "respondents"}), options};
}

// Quartiles interpolate linearly between order statistics (DuckDB quantile_cont = R's type 7 default).
const SUMMARY_COLUMNS = (c: string) =>
  `count(${c}) AS n, avg(${c}) AS mean, stddev_samp(${c}) AS sd, min(${c}) AS min, quantile_cont(${c}, 0.25) AS q1, median(${c}) AS median, quantile_cont(${c}, 0.75) AS q3, max(${c}) AS max`;
// A weighted study's totals for svymean and svyvar (survey-totals.ts).
const WEIGHTED_COLUMNS = (c: string, w: string) =>
  `sum(${w}) FILTER (${c} IS NOT NULL) AS tw, sum(${w} * ${w}) FILTER (${c} IS NOT NULL) AS tw2, sum(${w} * ${c}) AS twy, sum(${w} * ${w} * ${c}) AS tw2y, sum(${w} * ${c} * ${c}) AS twyy, sum(${w} * ${w} * ${c} * ${c}) AS tw2yy`;
const toSummary = (s: Record<string, unknown>, designN?: number) => {
  const plain = {n: Number(s.n), mean: Number(s.mean), sd: Number(s.sd), min: Number(s.min), q1: Number(s.q1), median: Number(s.median), q3: Number(s.q3), max: Number(s.max)};
  if (designN === undefined) return plain;
  const t = {n: plain.n, w: Number(s.tw ?? 0), w2: Number(s.tw2 ?? 0), wy: Number(s.twy ?? 0), w2y: Number(s.tw2y ?? 0), wyy: Number(s.twyy ?? 0), w2yy: Number(s.tw2yy ?? 0), designN};
  const m = svyMeanOfTotals(t);
  return {...plain, mean: m.estimate, se: m.se, sd: Math.sqrt(svyVarOfTotals(t)), weighted: true, unweighted: {mean: plain.mean, sd: plain.sd}};
};

/** n, mean, SD, min, quartiles and max of a number or rating question. */
export async function summary(db: StudyDatabase, q: Question): Promise<NumberSummary> {
  const w = weightSql(db.codebook);
  const [s] = await rows<Record<string, unknown>>(db, `SELECT ${SUMMARY_COLUMNS(ident(q.id))}${w ? `, ${WEIGHTED_COLUMNS(ident(q.id), w)}` : ""} FROM responses`);
  const designN = w ? await designRows(db) : undefined;
  // A missing code shown as a level is still not a number: all missing codes are left out of the summary.
  const {notAsked, unanswered, excluded, counted} = await gaps(db, q.id, `${ident(q.id)} IS NULL`);
  return {id: q.id, label: q.label, ...toSummary(s, designN), notAsked, unanswered, excluded: [...excluded, ...counted]};
}

/** The same summary within each group of `by`, in the grouping's order. */
export async function groupSummary(db: StudyDatabase, id: string): Promise<GroupSummary> {
  const {variable, by, label} = db.codebook.summaries![id];
  const w = weightSql(db.codebook);
  const order = await distribution(db, by);
  const found = await rows<Record<string, unknown>>(
    db,
    `SELECT ${levelExpression(db.codebook, by)} AS grp, ${SUMMARY_COLUMNS(ident(variable))}${w ? `, ${WEIGHTED_COLUMNS(ident(variable), w)}` : ""} FROM responses WHERE ${levelExpression(db.codebook, by)} IS NOT NULL GROUP BY grp`
  );
  const designN = w ? await designRows(db) : undefined;
  const groups = order.levels
    .map((l) => found.find((f) => f.grp === l.level))
    .filter((f): f is Record<string, unknown> => f !== undefined && Number(f.n) > 0)
    .map((f) => ({group: String(f.grp), ...toSummary(f, designN)}));
  return {id, label, variable, by, byLabel: order.label, groups};
}

/**
 * One outcome (a level of a variable) compared across the groups of `by`: n (%) per group over
 * those who answered both, and the gtsummary test (χ² without correction, or Fisher's exact test
 * when an expected count is below 5) on the groups × (level, not level) table.
 */
export async function crossTab(db: StudyDatabase, variable: string, level: string, by: string): Promise<{cells: SubgroupCell[]; test: SubgroupTest}> {
  const groups = (await distribution(db, by)).levels.map((l) => l.level);
  const w = weightSql(db.codebook);
  const yes = `${levelExpression(db.codebook, variable)} = ${literal(level)}`;
  const counts = await rows<{grp: string; x: bigint; n: bigint; wx: number | null; w2x: number | null; w: number | null; w2: number | null}>(
    db,
    `SELECT ${levelExpression(db.codebook, by)} AS grp,
            count(*) FILTER (WHERE ${yes}) AS x,
            count(*) AS n${w ? `,
            coalesce(sum(${w}) FILTER (WHERE ${yes}), 0) AS wx, coalesce(sum(${w} * ${w}) FILTER (WHERE ${yes}), 0) AS w2x,
            sum(${w}) AS w, sum(${w} * ${w}) AS w2` : ""}
       FROM responses
      WHERE ${levelExpression(db.codebook, by)} IS NOT NULL AND ${inBase(db.codebook, variable)}
      GROUP BY grp`
  );
  const found = (group: string) => counts.find((c) => c.grp === group);
  if (w) {
    // Weighted: each group's share of its Σw, and the Rao–Scott test on the groups × (level, not) table.
    const cells = groups.map((group) => {
      const c = found(group);
      const x = Number(c?.x ?? 0), n = Number(c?.n ?? 0), wx = Number(c?.wx ?? 0), wn = Number(c?.w ?? 0);
      return {group, x, n, percent: percent(wx, wn), text: wn > 0 ? `${x.toLocaleString("en-US")} (${formatPercent(Math.min(wx, wn), wn)})` : "0 (–)", weighted: wx};
    });
    const table = groups.map((group) => {
      const c = found(group);
      const n = Number(c?.n ?? 0), x = Number(c?.x ?? 0);
      const wx = Number(c?.wx ?? 0), w2x = Number(c?.w2x ?? 0);
      return [{n: x, w: wx, w2: w2x}, {n: n - x, w: Number(c?.w ?? 0) - wx, w2: Number(c?.w2 ?? 0) - w2x}];
    });
    const result = raoScottOfCells(table, {designN: await designRows(db)});
    // Everyone in the groups gave the same answer (or only one group has anyone): nothing to test.
    return {cells, test: {p: result.p, pText: Number.isFinite(result.p) ? formatP(result.p) : "–", test: "rao-scott", method: result.method}};
  }
  const cells = groups.map((group) => {
    const c = found(group);
    const x = Number(c?.x ?? 0), n = Number(c?.n ?? 0);
    return {group, x, n, percent: percent(x, n), text: formatNPercent(x, n)};
  });
  const result = compareProportions(cells.filter((c) => c.n > 0).map((c) => [c.x, c.n - c.x]));
  return {cells, test: {p: result.p, pText: formatP(result.p), test: result.test, method: result.method}};
}

export async function subgroupTable(db: StudyDatabase, id: string): Promise<SubgroupTable> {
  const spec = db.codebook.tables![id];
  const by = await Promise.all(
    spec.by.map(async (b) => {
      const d = await distribution(db, b);
      return {id: b, label: d.label, groups: d.levels.map((l) => ({group: l.level, n: l.n}))};
    })
  );
  const rows: SubgroupRow[] = [];
  for (const row of spec.rows) {
    const byResult: SubgroupRow["by"] = {};
    for (const b of spec.by) byResult[b] = await crossTab(db, row.variable, row.level, b);
    rows.push({...row, published: row.published ?? true, by: byResult});
  }
  const table: SubgroupTable = {id, title: spec.title, ...(weightSql(db.codebook) ? {weighted: true} : {}), by, rows};
  // The strings the page draws and the manuscript files hold, laid out once.
  return {...table, layout: tableRows(table)};
}

/** Pearson's r between two questions over those who answered both (DuckDB corr()), with its t test. */
export async function correlation(db: StudyDatabase, id: string): Promise<Correlation> {
  const {x, y, label} = db.codebook.correlations![id];
  const [row] = await rows<{r: number | null; n: bigint}>(
    db,
    `SELECT corr(${ident(x)}, ${ident(y)}) AS r, count(*) AS n FROM responses WHERE ${ident(x)} IS NOT NULL AND ${ident(y)} IS NOT NULL`
  );
  if (row.r === null) throw new Error(`correlation "${id}": no pairs, or no variation, to correlate`);
  const test = correlationTest(row.r, Number(row.n));
  return {id, label, x, y, ...test, pText: formatP(test.p)};
}

export async function studyTables(db: StudyDatabase): Promise<StudyTables> {
  const cb = db.codebook;
  const weight = weightQuestion(cb);
  const [{total, complete, sw}] = await rows<{total: bigint; complete: bigint; sw: number | null}>(db, `SELECT count(*) AS total, count(*) FILTER (complete) AS complete, ${weight ? `sum(${ident(weight.id)})` : "NULL"} AS sw FROM responses`);
  const tables: StudyTables = {
    study: cb.study,
    respondents: {total: Number(total), complete: Number(complete)},
    weight: weight ? {id: weight.id, label: weight.label, total: Number(sw ?? 0)} : null,
    distributions: {},
    choices: {},
    numbers: {},
    subgroups: {},
    correlations: {},
    summaries: {}
  };
  // The weight is the design, not a question to tabulate.
  for (const q of publicQuestions(cb).filter((q) => q !== weight)) {
    if (q.type === "multiple") tables.choices[q.id] = await choices(db, q);
    else if (q.type === "number") {
      tables.numbers[q.id] = await summary(db, q);
      // A banded number is also a distribution over its bands.
      if (q.bands) tables.distributions[q.id] = await distribution(db, q.id);
    } else tables.distributions[q.id] = await distribution(db, q.id);
    // A rating is also a number: its mean and spread, as papers print them.
    if (q.type === "rating") tables.numbers[q.id] = await summary(db, q);
  }
  for (const d of cb.derived ?? []) tables.distributions[d.id] = await distribution(db, d.id);
  for (const id of Object.keys(cb.tables ?? {})) tables.subgroups[id] = await subgroupTable(db, id);
  for (const id of Object.keys(cb.correlations ?? {})) tables.correlations[id] = await correlation(db, id);
  for (const id of Object.keys(cb.summaries ?? {})) tables.summaries[id] = await groupSummary(db, id);
  return tables;
}


/** Where a study's tables come from: computed from its raw files, or read from the build's compiled tables.json. */
export type TablesOf = (study: string) => Promise<StudyTables>;

/** A study's tables computed from its raw files (the compile step does this once per build). */
export const computeTables: TablesOf = (study) => withStudyDatabase(study, studyTables);
