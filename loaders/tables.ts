// The study's published tables, computed with DuckDB SQL over the validated responses.
// Every figure and number on a study page comes from the object this returns (tables.json).
import type {Codebook, Question, SubgroupRow as RowSpec} from "./codebook.ts";
import {blankOf, levelsOf, missingCodesOf, rowKind, weightQuestion} from "./codebook.ts";
import {BLANK_LABEL} from "./validate.ts";
import {baseSentence} from "../src/components/format.js";
import {type StudyDatabase, withStudyDatabase} from "./database.ts";
import {ident, levelExpression as levelSql, literal, missingColumn} from "../src/components/sql.ts";
import {type AssociationResult, chiSquareTest, compareProportions, correlationTest, formatNPercent, formatP, formatPercent, styleNumber, wilsonInterval} from "../src/components/stats.ts";
import {type GroupTest, compareGroups, pAdjust, quantile} from "../src/components/group-tests.ts";
import {type CellTotals, raoScottOfCells, svyMeanOfTotals, svyShareOfTotals, svyVarOfTotals} from "../src/components/survey-totals.ts";
import type {DisclosureReport} from "./disclosure.ts";
import {type SmallCellsReport, applySmallCells} from "./suppress.ts";
import {publicCodebook, publicQuestions} from "./responses.ts";
import {type TableLayout, tableRows} from "./manuscript/layout.ts";

/**
 * An answer's count (unweighted n) and share; in a weighted study the share is weighted, and `weighted` is its Σw.
 * `suppressed` ("< 5"): a small count hidden by the codebook's small_cells (loaders/suppress.ts); its
 * numbers are then null in tables.json. The same holds for every type below that has `suppressed`.
 */
export interface Level {level: string; n: number; percent: number; weighted?: number; weighted2?: number; suppressed?: string}
/** What a share is a share of: those who answered the question, or every respondent (codebook `denominator`); in a weighted study also their Σw. */
export interface Base {denominator: "answered" | "respondents"; base: number; weightedBase?: number; weightedBase2?: number}
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
export interface Summary {id: string; label: string; n: number; mean: number; sd: number; min: number; q1: number; median: number; q3: number; max: number; se?: number; weighted?: boolean; unweighted?: {mean: number; sd: number}; suppressed?: string}
export interface NumberSummary extends Summary, Omit<Gaps, "counted" | "baseText"> {}
/** A number summarised within each group of another variable (codebook `summaries`). */
export interface GroupSummary {id: string; label: string; variable: string; by: string; byLabel: string; groups: ({group: string} & Omit<Summary, "id" | "label">)[]}
export interface SubgroupCell {group: string; x: number; n: number; percent: number; text: string; weighted?: number; suppressed?: string}
/**
 * A p-value and the test that gave it. No test (a weighted number, or too few groups with answers):
 * p NaN (null in tables.json), pText "—", test "none", and the reason as `method`. With the table's
 * `adjust`, p and pText are the adjusted p-value and pRaw the test's own.
 */
export interface SubgroupTest {p: number; pText: string; test: "chisq" | "fisher" | "rao-scott" | GroupTest | "none"; method: string; pRaw?: number}
/** Those in each group (and overall) with no answer to a block's variable: gtsummary's "Unknown" row. */
export interface UnknownCounts {cells: {group: string; n: number; suppressed?: string}[]; overall?: number; suppressedOverall?: string}
/** A level row: the share giving `level` in each group, with its 2 × groups test. `overall` with the table's `overall`. */
export interface LevelRow {kind?: undefined; variable: string; level: string; label: string; published: boolean; by: Record<string, {cells: SubgroupCell[]; test: SubgroupTest; overall?: SubgroupCell}>}
/** A categorical block: n (%) of each level in each group, and one test of the levels × groups table. */
export interface CategoricalRow {
  kind: "categorical";
  variable: string;
  label: string;
  published: boolean;
  levels: string[];
  by: Record<string, {levels: {level: string; cells: SubgroupCell[]; overall?: SubgroupCell}[]; test: SubgroupTest; unknown?: UnknownCounts}>;
}
/** A multiple-choice block: each option's n (%) of the respondents (or of the ticks) in each group, each option tested. */
export interface ChoiceRow {
  kind: "multiple";
  variable: string;
  label: string;
  published: boolean;
  percent: "respondents" | "responses";
  levels: string[];
  by: Record<string, {levels: {level: string; cells: SubgroupCell[]; overall?: SubgroupCell; test: SubgroupTest}[]; unknown?: UnknownCounts}>;
}
/**
 * A number's summary in one group: n who answered, the cell as gtsummary prints it, and its
 * parts. Quartiles are R's quantile(type = 2), as gtsummary's {p25} and {p75}. In a weighted
 * study mean and sd are weighted (svymean, svyvar), median and quartiles are of the answers.
 */
export interface SummaryCell {group: string; n: number; text: string; mean: number; sd: number; median: number; q1: number; q3: number; weighted?: boolean; suppressed?: string}
/** A number (or rating) row: median (Q1, Q3) or mean (SD) per group, with gtsummary's decimals and test. */
export interface NumberRow {
  kind: "number";
  variable: string;
  label: string;
  published: boolean;
  statistic: "median" | "mean";
  by: Record<string, {digits: number; cells: SummaryCell[]; overall?: SummaryCell; test: SubgroupTest; unknown?: UnknownCounts}>;
}
export type SubgroupRow = LevelRow | CategoricalRow | ChoiceRow | NumberRow;
export interface SubgroupTable {
  id: string;
  title: string;
  weighted?: boolean;
  /** Set when the codebook asks for them (codebook `overall`, `adjust`). */
  overall?: true;
  adjust?: "holm" | "BH";
  by: {id: string; label: string; groups: {group: string; n: number; suppressed?: string}[]; total?: number}[];
  rows: SubgroupRow[];
  /** "< 5" when small counts of the table are hidden (loaders/suppress.ts). */
  suppressed?: string;
  /** Some group's N is hidden, so that group's cells show their counts without percentages (loaders/suppress.ts). */
  countsOnly?: true;
  layout?: TableLayout;
}

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
  /** How the row-level files were protected (loaders/disclosure.ts; added by the compile step). */
  disclosure?: DisclosureReport;
  /** Small counts hidden in these tables, or why none are (codebook disclosure.small_cells; loaders/suppress.ts). The compile step moves it into `disclosure`. */
  smallCells?: SmallCellsReport;
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
  const counts = await rows<{level: string | null; n: bigint; sw: number | null; sw2: number | null}>(
    db,
    `SELECT ${levelExpression(cb, variable)} AS level, count(*) AS n, ${w ? `sum(${w})` : "NULL"} AS sw, ${w ? `sum(${w} * ${w})` : "NULL"} AS sw2 FROM responses GROUP BY ALL`
  );
  const count = (level: string | null) => Number(counts.find((c) => c.level === level)?.n ?? 0);
  const weighted = (level: string | null) => Number(counts.find((c) => c.level === level)?.sw ?? 0);
  const weighted2 = (level: string | null) => Number(counts.find((c) => c.level === level)?.sw2 ?? 0);
  const answered = counts.filter((c) => c.level !== null).reduce((s, c) => s + Number(c.n), 0);
  const denominator = q?.denominator ?? "answered";
  const gap = await gaps(db, variable, `${levelExpression(cb, variable)} IS NULL`);
  const base = denominator === "respondents" ? answered + count(null) : answered + gap.counted.reduce((s, m) => s + m.n, 0);
  // A weighted share is of the base's Σw (the same rows as `base`).
  let weightedBase: number | undefined, weightedBase2: number | undefined;
  if (w) {
    const [{sw, sw2}] = await rows<{sw: number | null; sw2: number | null}>(db, `SELECT sum(${w}) AS sw, sum(${w} * ${w}) AS sw2 FROM responses${denominator === "respondents" ? "" : ` WHERE ${inBase(cb, variable)}`}`);
    weightedBase = Number(sw ?? 0);
    weightedBase2 = Number(sw2 ?? 0);
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
    ...(w ? {weightedBase, weightedBase2} : {}),
    levels: levels.map((level) =>
      w ? {level, n: count(level), percent: percent(weighted(level), weightedBase!), weighted: weighted(level), weighted2: weighted2(level)} : {level, n: count(level), percent: percent(count(level), base)}
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
    // Nobody answered (everyone skipped it, or nobody was asked): no share and no interval (null in JSON), as for a distribution.
    const [low, high] = base ? wilsonInterval(n, base) : [NaN, NaN];
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
export async function crossTab(db: StudyDatabase, variable: string, level: string, by: string, {overall = false}: {overall?: boolean} = {}): Promise<LevelRow["by"][string]> {
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
      return weightedCell(group, Number(c?.x ?? 0), Number(c?.n ?? 0), Number(c?.wx ?? 0), Number(c?.w ?? 0));
    });
    const table = groups.map((group) => {
      const c = found(group);
      const n = Number(c?.n ?? 0), x = Number(c?.x ?? 0);
      const wx = Number(c?.wx ?? 0), w2x = Number(c?.w2x ?? 0);
      return [{n: x, w: wx, w2: w2x}, {n: n - x, w: Number(c?.w ?? 0) - wx, w2: Number(c?.w2 ?? 0) - w2x}];
    });
    const result = raoScottOfCells(table, {designN: await designRows(db)});
    const sum = (k: "x" | "n" | "wx" | "w") => counts.reduce((t, c) => t + Number(c[k] ?? 0), 0);
    // Everyone in the groups gave the same answer (or only one group has anyone): nothing to test.
    const pText = Number.isFinite(result.p) ? formatP(result.p) : "—";
    return {cells, test: {p: result.p, pText, test: "rao-scott", method: result.method}, ...(overall ? {overall: weightedCell("Overall", sum("x"), sum("n"), sum("wx"), sum("w"))} : {})};
  }
  const cells = groups.map((group) => {
    const c = found(group);
    const x = Number(c?.x ?? 0), n = Number(c?.n ?? 0);
    return {group, x, n, percent: percent(x, n), text: formatNPercent(x, n)};
  });
  const result = compareProportions(cells.filter((c) => c.n > 0).map((c) => [c.x, c.n - c.x]));
  const sum = (k: "x" | "n") => cells.reduce((t, c) => t + c[k], 0);
  return {cells, test: {p: result.p, pText: formatP(result.p), test: result.test, method: result.method}, ...(overall ? {overall: countCell("Overall", sum("x"), sum("n"))} : {})};
}

// --- Table 1's blocks: gtsummary's tbl_summary(by = g) |> add_overall() |> add_p() ----------------
// A row without level is a block of the whole variable (codebook.ts rowKind). What gtsummary does,
// and so what these do (gtsummary 2.x: tbl_summary.R, assign_summary_digits.R, assign_tests.R):
//   - respondents with no group are left out (tbl_summary drops rows with a missing `by`);
//   - percentages are of those in the group with an answer; those without one (not asked, no
//     answer, a missing code: all NA in R) are the "Unknown" row (missing = "ifany"), in no
//     denominator and no test;
//   - one test per categorical block, on the levels × groups table: χ² without correction, or
//     Fisher's exact test when an expected count is below 5 (compareProportions); levels or groups
//     nobody in the table has are shown but left out of the test, as the explorer's cross-tab does;
//   - numbers: median (Q1, Q3), quartiles of type 2, with Wilcoxon (2 groups) or Kruskal–Wallis;
//     or mean (SD) with Welch's t-test or one-way ANOVA (theme_gtsummary_mean_sd's tests);
//     decimals: 0 for whole numbers (integer: true, ratings), else by the 5th–95th percentile spread.
// Weighted studies: weighted shares and the Rao–Scott test on the cells' Σw, Σw² (survey-totals.ts);
// weighted mean (SD); medians of the answers; and no test for numbers yet (none rather than a wrong one).

/** gtsummary's "n (%)" of x among n; "0 (–)" for an empty group. */
const countCell = (group: string, x: number, n: number): SubgroupCell => ({group, x, n, percent: percent(x, n), text: n > 0 ? formatNPercent(x, n) : "0 (–)"});
/** A weighted cell: unweighted n, weighted %. */
const weightedCell = (group: string, x: number, n: number, wx: number, wn: number): SubgroupCell => ({
  group, x, n, percent: percent(wx, wn), text: wn > 0 ? `${x.toLocaleString("en-US")} (${formatPercent(Math.min(wx, wn), wn)})` : "0 (–)", weighted: wx
});
const noTest = (method: string): SubgroupTest => ({p: NaN, pText: "—", test: "none", method});
export const NO_WEIGHTED_NUMBER_TEST = "No weighted test for numbers yet: no p-value is shown rather than an unweighted one";

/**
 * gtsummary's test of a groups × answers table (compareProportions), as the explorer's cross-tab
 * runs it (src/components/contingency.ts): empty rows and columns dropped; when Fisher's exact test
 * is out of reach (stats.ts's cap on its enumeration), Pearson's χ², said to be approximate.
 */
export function associationTest(table: number[][]): SubgroupTest {
  const rowsKept = table.filter((r) => r.some((x) => x > 0));
  const cols = (rowsKept[0] ?? []).map((_, j) => j).filter((j) => rowsKept.some((r) => r[j] > 0));
  const kept = rowsKept.map((r) => cols.map((j) => r[j]));
  if (kept.length < 2 || cols.length < 2) return noTest("No test: fewer than two groups or answers with respondents");
  let result: AssociationResult;
  try {
    result = compareProportions(kept);
  } catch {
    const {p} = chiSquareTest(kept, {correct: false});
    return {p, pText: formatP(p), test: "chisq", method: "Pearson's Chi-squared test, approximate (an expected count is below 5, and Fisher's exact test is out of reach for this table)"};
  }
  return {p: result.p, pText: formatP(result.p), test: result.test, method: result.method};
}

/** The groups of `by` in the grouping's order (the table's columns). */
async function groupsOf(db: StudyDatabase, by: string): Promise<string[]> {
  return (await distribution(db, by)).levels.map((l) => l.level);
}
/** The "Unknown" row, when the table's `missing` asks for one. */
function unknownRow(missing: "ifany" | "no" | "always", groups: string[], count: (group: string) => number, overall: boolean): UnknownCounts | undefined {
  const cells = groups.map((group) => ({group, n: count(group)}));
  const total = cells.reduce((t, c) => t + c.n, 0);
  if (missing === "no" || (missing === "ifany" && total === 0)) return undefined;
  return {cells, ...(overall ? {overall: total} : {})};
}

interface BlockOptions {overall: boolean; missing: "ifany" | "no" | "always"}

/** A categorical block (a single or ordinal question, rating bins, number bands, a derived grouping) by one grouping. */
export async function categoricalBlock(db: StudyDatabase, variable: string, by: string, {overall, missing}: BlockOptions): Promise<CategoricalRow["by"][string]> {
  const cb = db.codebook;
  const q = cb.questions.find((q) => q.id === variable);
  const levels = q ? levelsOf(cb, q) : Object.keys(cb.derived!.find((d) => d.id === variable)!.groups);
  const groups = await groupsOf(db, by);
  const w = weightSql(cb);
  const counts = await rows<{grp: string; level: string | null; n: bigint; w: number | null; w2: number | null}>(
    db,
    `SELECT ${levelExpression(cb, by)} AS grp, ${levelExpression(cb, variable)} AS level, count(*) AS n${w ? `, sum(${w}) AS w, sum(${w} * ${w}) AS w2` : ""}
       FROM responses WHERE ${levelExpression(cb, by)} IS NOT NULL GROUP BY ALL`
  );
  const at = (group: string | null, level: string | null, k: "n" | "w" | "w2" = "n") =>
    counts.filter((c) => (group === null || c.grp === group) && c.level === level).reduce((t, c) => t + Number(c[k] ?? 0), 0);
  const answered = (group: string | null, k: "n" | "w" = "n") => levels.reduce((t, l) => t + at(group, l, k), 0);
  const cell = (group: string | null, level: string) =>
    w ? weightedCell(group ?? "Overall", at(group, level), answered(group), at(group, level, "w"), answered(group, "w")) : countCell(group ?? "Overall", at(group, level), answered(group));
  let test: SubgroupTest;
  if (w) {
    const table: CellTotals[][] = groups.map((g) => levels.map((l) => ({n: at(g, l), w: at(g, l, "w"), w2: at(g, l, "w2")})));
    const result = raoScottOfCells(table, {designN: await designRows(db)});
    test = Number.isNaN(result.p) ? noTest(result.method) : {p: result.p, pText: formatP(result.p), test: "rao-scott", method: result.method};
  } else test = associationTest(groups.map((g) => levels.map((l) => at(g, l))));
  return {
    levels: levels.map((level) => ({level, cells: groups.map((g) => cell(g, level)), ...(overall ? {overall: cell(null, level)} : {})})),
    test,
    ...optional("unknown", unknownRow(missing, groups, (g) => at(g, null), overall))
  };
}

/** A multiple-choice block by one grouping: each option's n (%) of the respondents who answered, or of all the ticks, each option tested. */
export async function choiceBlock(db: StudyDatabase, q: Question, by: string, {overall, missing, percent: of}: BlockOptions & {percent: "respondents" | "responses"}): Promise<ChoiceRow["by"][string]> {
  const cb = db.codebook;
  const groups = await groupsOf(db, by);
  const w = weightSql(cb);
  const grp = levelExpression(cb, by);
  // coalesce: a respondent with neither a tick nor a counted code is out of the base, not NULL.
  const base = `coalesce(${inBase(cb, q.id)}, false)`;
  // The respondents of each group: who answered (in the base: a tick, or a blank counted as none), and their Σw.
  const people = await rows<{grp: string; answered: bigint; unknown: bigint; w: number | null; w2: number | null}>(
    db,
    `SELECT ${grp} AS grp, count(*) FILTER (WHERE ${base}) AS answered, count(*) FILTER (WHERE NOT ${base}) AS unknown${w ? `, sum(${w}) FILTER (WHERE ${base}) AS w, sum(${w} * ${w}) FILTER (WHERE ${base}) AS w2` : ""}
       FROM responses WHERE ${grp} IS NOT NULL GROUP BY grp`
  );
  // Each option's ticks in each group (a subquery, so a question named like a column of choices cannot clash).
  const ticks = await rows<{grp: string; option: string; x: bigint; w: number | null; w2: number | null}>(
    db,
    `SELECT r.grp, c.option, count(*) AS x${w ? ", sum(r.w) AS w, sum(r.w * r.w) AS w2" : ""}
       FROM choices c JOIN (SELECT respondent, ${grp} AS grp${w ? `, ${w} AS w` : ""} FROM responses WHERE ${grp} IS NOT NULL AND ${base}) r USING (respondent)
      WHERE c.question = ${literal(q.id)} GROUP BY ALL`
  );
  const options = levelsOf(cb, q);
  const person = (g: string | null, k: "answered" | "unknown" | "w" | "w2") => people.filter((p) => g === null || p.grp === g).reduce((t, p) => t + Number(p[k] ?? 0), 0);
  const tick = (g: string | null, option: string | null, k: "x" | "w" | "w2" = "x") =>
    ticks.filter((t) => (g === null || t.grp === g) && (option === null || t.option === option)).reduce((t, c) => t + Number(c[k] ?? 0), 0);
  // The denominator: respondents who answered, or every tick in the group.
  const base_ = (g: string | null, k: "n" | "w") => (of === "respondents" ? person(g, k === "n" ? "answered" : "w") : tick(g, null, k === "n" ? "x" : "w"));
  const cell = (g: string | null, option: string) =>
    w ? weightedCell(g ?? "Overall", tick(g, option), base_(g, "n"), tick(g, option, "w"), base_(g, "w")) : countCell(g ?? "Overall", tick(g, option), base_(g, "n"));
  const designN = w ? await designRows(db) : 0;
  // Each option: ticked or not among those who answered, by group — the 2 × groups table of a level row.
  const test = (option: string): SubgroupTest => {
    if (w) {
      const table: CellTotals[][] = groups.map((g) => {
        const x = {n: tick(g, option), w: tick(g, option, "w"), w2: tick(g, option, "w2")};
        return [x, {n: person(g, "answered") - x.n, w: person(g, "w") - x.w, w2: person(g, "w2") - x.w2}];
      });
      const result = raoScottOfCells(table, {designN});
      return Number.isNaN(result.p) ? noTest(result.method) : {p: result.p, pText: formatP(result.p), test: "rao-scott", method: result.method};
    }
    return associationTest(groups.map((g) => [tick(g, option), person(g, "answered") - tick(g, option)]));
  };
  return {
    levels: options.map((level) => ({level, cells: groups.map((g) => cell(g, level)), ...(overall ? {overall: cell(null, level)} : {}), test: test(level)})),
    ...optional("unknown", unknownRow(missing, groups, (g) => person(g, "unknown"), overall))
  };
}

/**
 * gtsummary's decimals for a continuous summary (assign_summary_digits.R): 0 for whole numbers,
 * else by the spread between the 5th and 95th percentiles (R's quantile type 7) of the values:
 * < 0.01 → 4, < 0.1 → 3, < 10 → 2, < 20 → 1, else 0.
 */
export function summaryDigits(values: number[], integer: boolean): number {
  if (integer || !values.length) return 0;
  const spread = quantile(values, 0.95, 7) - quantile(values, 0.05, 7);
  return spread < 0.01 ? 4 : spread < 0.1 ? 3 : spread < 10 ? 2 : spread < 20 ? 1 : 0;
}

/** A number's (or rating's) summary by one grouping: median (Q1, Q3) or mean (SD) per group, and its test. */
export async function numberBlock(db: StudyDatabase, q: Question, by: string, {overall, missing, statistic}: BlockOptions & {statistic: "median" | "mean"}): Promise<NumberRow["by"][string]> {
  const cb = db.codebook;
  const groups = await groupsOf(db, by);
  const w = weightSql(cb);
  const grp = levelExpression(cb, by);
  const v = ident(q.id);
  const values = await rows<{grp: string; v: number | null}>(db, `SELECT ${grp} AS grp, ${v} AS v FROM responses WHERE ${grp} IS NOT NULL`);
  const of = (g: string | null) => values.filter((r) => (g === null || r.grp === g) && r.v !== null).map((r) => Number(r.v));
  // Mean and SD (weighted in a weighted study) as the study's other summaries compute them (toSummary).
  const designN = w ? await designRows(db) : undefined;
  const columns = `${SUMMARY_COLUMNS(v)}${w ? `, ${WEIGHTED_COLUMNS(v, w)}` : ""}`;
  const byGroup = await rows<Record<string, unknown>>(db, `SELECT ${grp} AS grp, ${columns} FROM responses WHERE ${grp} IS NOT NULL GROUP BY grp`);
  const [all] = await rows<Record<string, unknown>>(db, `SELECT ${columns} FROM responses WHERE ${grp} IS NOT NULL`);
  const digits = summaryDigits(of(null), q.type === "rating" || !!q.integer);
  const cell = (g: string | null): SummaryCell => {
    const x = of(g);
    const group = g ?? "Overall";
    if (!x.length) return {group, n: 0, text: "–", mean: NaN, sd: NaN, median: NaN, q1: NaN, q3: NaN};
    const found = g === null ? all : byGroup.find((r) => r.grp === g)!;
    const s = toSummary(found, designN);
    const median = quantile(x, 0.5, 2), q1 = quantile(x, 0.25, 2), q3 = quantile(x, 0.75, 2);
    const f = (y: number) => (Number.isFinite(y) ? styleNumber(y, digits) : "–");
    const text = statistic === "median" ? `${f(median)} (${f(q1)}, ${f(q3)})` : `${f(s.mean)} (${f(s.sd)})`;
    return {group, n: x.length, text, mean: s.mean, sd: s.sd, median, q1, q3, ...(w ? {weighted: true} : {})};
  };
  let test: SubgroupTest;
  if (w) test = noTest(NO_WEIGHTED_NUMBER_TEST);
  else {
    // gtsummary's choice by the number of groups (group-tests.ts compareGroups): Wilcoxon or
    // Kruskal–Wallis for the median; for the mean, Welch's t-test or one-way ANOVA, the tests
    // theme_gtsummary_mean_sd() sets.
    const result = compareGroups(groups.map(of), {statistic});
    test = Number.isNaN(result.p) ? noTest(result.method) : {p: result.p, pText: formatP(result.p), test: result.test!, method: result.method};
  }
  return {
    digits,
    cells: groups.map(cell),
    ...(overall ? {overall: cell(null)} : {}),
    test,
    ...optional("unknown", unknownRow(missing, groups, (g) => values.filter((r) => r.grp === g && r.v === null).length, overall))
  };
}

/** {key: value}, or nothing when value is undefined (so tables.json holds no `"key": undefined`). */
const optional = <K extends string, V>(key: K, value: V | undefined) => (value === undefined ? {} : ({[key]: value} as Record<K, V>));

/** One row of a table, by each of its groupings. */
async function tableRow(db: StudyDatabase, spec: RowSpec, by: string[], options: BlockOptions): Promise<SubgroupRow> {
  const cb = db.codebook;
  const kind = rowKind(cb, spec)!;
  const published = spec.published ?? true;
  const each = async <T,>(f: (b: string) => Promise<T>) => {
    const out: Record<string, T> = {};
    for (const b of by) out[b] = await f(b);
    return out;
  };
  const q = cb.questions.find((q) => q.id === spec.variable);
  const {variable, label} = spec;
  if (kind === "level") return {...spec, level: spec.level!, published, by: await each((b) => crossTab(db, variable, spec.level!, b, options))};
  if (kind === "categorical") {
    const levels = q ? levelsOf(cb, q) : Object.keys(cb.derived!.find((d) => d.id === variable)!.groups);
    return {kind, variable, label, published, levels, by: await each((b) => categoricalBlock(db, variable, b, options))};
  }
  if (kind === "multiple") {
    const percent = spec.percent ?? "respondents";
    return {kind, variable, label, published, percent, levels: levelsOf(cb, q!), by: await each((b) => choiceBlock(db, q!, b, {...options, percent}))};
  }
  const statistic = spec.statistic ?? "median";
  return {kind, variable, label, published, statistic, by: await each((b) => numberBlock(db, q!, b, {...options, statistic}))};
}

/** Every test of a row by one grouping, in the table's order (a multiple-choice row has one per option). */
export function rowTests(row: SubgroupRow, by: string): SubgroupTest[] {
  if (row.kind === "multiple") return row.by[by].levels.map((l) => l.test);
  return [row.by[by].test];
}

/** The table's p-values adjusted across its rows, within each grouping (R's p.adjust; tests not run stay out). */
function adjustTable(table: SubgroupTable, method: "holm" | "BH"): void {
  for (const {id} of table.by) {
    const tests = table.rows.flatMap((row) => rowTests(row, id));
    const adjusted = pAdjust(tests.map((t) => t.p), method);
    tests.forEach((t, i) => {
      if (Number.isNaN(t.p)) return;
      t.pRaw = t.p;
      t.p = adjusted[i];
      t.pText = formatP(adjusted[i]);
    });
  }
}

export async function subgroupTable(db: StudyDatabase, id: string): Promise<SubgroupTable> {
  const spec = db.codebook.tables![id];
  const by = await Promise.all(
    spec.by.map(async (b) => {
      const d = await distribution(db, b);
      // total: those with a group, the Overall column's N (still known when a group's N is hidden).
      return {id: b, label: d.label, groups: d.levels.map((l) => ({group: l.level, n: l.n})), total: d.levels.reduce((t, l) => t + l.n, 0)};
    })
  );
  const options: BlockOptions = {overall: !!spec.overall, missing: spec.missing ?? "ifany"};
  const rows: SubgroupRow[] = [];
  for (const row of spec.rows) rows.push(await tableRow(db, row, spec.by, options));
  const table: SubgroupTable = {
    id,
    title: spec.title,
    ...(weightSql(db.codebook) ? {weighted: true} : {}),
    ...(spec.overall ? {overall: true as const} : {}),
    ...(spec.adjust ? {adjust: spec.adjust} : {}),
    by,
    rows
  };
  if (spec.adjust) adjustTable(table, spec.adjust);
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
  // Small counts hidden last, from the finished tables, and each table laid out again as published.
  const smallCells = await applySmallCells(db, tables);
  if (smallCells) tables.smallCells = smallCells;
  if (smallCells && "k" in smallCells) for (const t of Object.values(tables.subgroups)) t.layout = tableRows(t);
  return tables;
}


/** Where a study's tables come from: computed from its raw files, or read from the build's compiled tables.json. */
export type TablesOf = (study: string) => Promise<StudyTables>;

/** A study's tables computed from its raw files (the compile step does this once per build). */
export const computeTables: TablesOf = (study) => withStudyDatabase(study, studyTables);
