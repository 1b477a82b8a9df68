// Reconstructs the raw Google Forms export of Bendayan et al., BMC Med Educ 24:186 (2024).
//
// The authors published no respondent-level data, so this script builds, once and deterministically, a
// plausible response-level file that reproduces what the paper prints wherever its numbers are mutually
// consistent. Method: decide exact counts first (from each printed percentage and its denominator), then
// hand them out to respondents with a seeded Mersenne Twister. Questions, columns and option labels all come
// from data/bendayan-2024/codebook.yaml; this file only knows the paper's targets, keyed by question id and
// the codebook's (English) display labels.
//
// Writes data/bendayan-2024/responses.csv and data/bendayan-2024/RECONSTRUCTION.md; the latter is computed
// from the CSV as written (re-parsed), never from the targets. Run: npm run reconstruct
import {writeFileSync} from "node:fs";
import {basename, join, relative} from "node:path";
import {countsFromShares, largestRemainder, seededRandom, sum} from "./random.ts";
import {chiSquareTest} from "../../src/components/stats.ts";
import {csvFormatRows, csvParseRows} from "d3-dsv";
import {type Question, DATA_DIR, ROOT, displayPath, loadCodebook, question, rawLabel, rawOptions as codebookRawOptions, askedIfHolds, conditionsOf} from "../../loaders/codebook.ts";
import {splitChoices} from "../../loaders/choices.ts";
import {readResponses} from "../../loaders/database.ts";

const STUDY = "bendayan-2024";
/** The one seed. Changing it changes every row (the targets are met for any seed). */
const SEED = 20220601;
const {random, normal, shuffle, draw, pick, rankAllocate} = seededRandom(SEED);
const N = 1451; // "1,451 participants responded to at least one question"
const COMPLETE = 989; // "completed in full by 989 participants"

const cb = loadCodebook(STUDY);
const OUT_DIR = join(DATA_DIR, STUDY);
const CSV_PATH = join(OUT_DIR, cb.responses?.file ?? "responses.csv");
const MD_PATH = join(OUT_DIR, "RECONSTRUCTION.md");
const SEP = cb.responses?.separator ?? ", ";
const TIMESTAMP = cb.responses?.timestamp ?? "Timestamp";

// ---------------------------------------------------------------------------------------------------------
const logistic = (x: number) => 1 / (1 + Math.exp(-x));


// ---------------------------------------------------------------------------------------------------------
// Printed percentages: a count meets a printed value when count/n, rounded half-up at the printed
// precision, gives back the printed digits ("82" at 0 decimals, "87.5" at 1).
function decimalsOf(printed: string): number {
  return printed.includes(".") ? printed.split(".")[1].length : 0;
}
function formatPct(count: number, n: number, decimals: number): string {
  const f = 10 ** decimals;
  return (Math.round((count * 100 * f) / n + 1e-9) / f).toFixed(decimals);
}
function meets(count: number, n: number, printed: string): boolean {
  return n > 0 && formatPct(count, n, decimalsOf(printed)) === printed;
}
/** The count out of n nearest to the printed share that prints as it; throws if no count does. */
function countFor(printed: string, n: number): number {
  const ideal = (Number(printed) / 100) * n;
  const candidates = [];
  for (let c = Math.max(0, Math.floor(ideal) - 3); c <= Math.min(n, Math.ceil(ideal) + 3); ++c) if (meets(c, n, printed)) candidates.push(c);
  if (!candidates.length) throw new Error(`no count out of ${n} prints as ${printed}%`);
  return candidates.sort((a, b) => Math.abs(a - ideal) - Math.abs(b - ideal) || a - b)[0];
}

/** Counts for categories that together make up n, each printing as its printed share; nearest overall. */
function partition(printed: string[], n: number): number[] {
  const options = printed.map((p) => {
    const ideal = (Number(p) / 100) * n;
    const cs = [];
    for (let c = Math.max(0, Math.floor(ideal) - 3); c <= Math.min(n, Math.ceil(ideal) + 3); ++c) if (meets(c, n, p)) cs.push(c);
    return cs.map((c) => ({c, cost: Math.abs(c - ideal)}));
  });
  let best: number[] | null = null, bestCost = Infinity;
  const walk = (k: number, chosen: number[], cost: number) => {
    if (k === printed.length) {
      if (sum(chosen) === n && cost < bestCost) (best = [...chosen]), (bestCost = cost);
      return;
    }
    for (const o of options[k]) walk(k + 1, [...chosen, o.c], cost + o.cost);
  };
  walk(0, [], 0);
  return best ?? fail(`no counts out of ${n} print as ${printed.join(" / ")}%`);
}

/** Pearson's chi-squared test (src/components/stats.ts); Yates' continuity correction on request (2×2 only). */
function chisq(table: number[][], yates = false): {statistic: number; df: number; p: number} {
  return chiSquareTest(table, {correct: yates});
}
/** p as the paper prints it: "< 0.001", else two decimals ("0.02"). */
function formatP(p: number): string {
  return p < 0.001 ? "< 0.001" : p.toFixed(p < 0.01 ? 3 : 2);
}

// ---------------------------------------------------------------------------------------------------------
// The codebook, read, never retyped.
const QUESTIONS = cb.questions;
const Q_INDEX = new Map(QUESTIONS.map((q, i) => [q.id, i]));
const qi = (id: string) => Q_INDEX.get(id) ?? fail(`no question "${id}" in the codebook`);
function fail(message: string): never {
  throw new Error(`${STUDY} reconstruction: ${message}`);
}
// The raw (French) labels, looked up in the codebook.
const raw = (id: string, display: string) => rawLabel(cb, id, display);
const rawOptions = (id: string) => codebookRawOptions(cb, id);
function derivedGroup(id: string, group: string): string[] {
  const d = cb.derived?.find((d) => d.id === id) ?? fail(`no derived grouping "${id}"`);
  const labels = d.groups[group] ?? fail(`derived "${id}" has no group "${group}"`);
  if (labels !== "*") return labels;
  const named = new Set(Object.values(d.groups).flatMap((l) => (l === "*" ? [] : l)));
  return rawOptions(d.from).filter((o) => !named.has(o));
}
const counted = (q: Question) => q.type !== "text"; // free text never counts toward completeness
const isRating = (q: Question) => q.type === "rating";
function scaleBins(q: Question) {
  const scale = cb.scales?.[q.scale ?? ""] ?? fail(`question "${q.id}" has no scale`);
  const byLabel = (label: string) => scale.bins.find((b) => b.label === label) ?? fail(`scale "${q.scale}" has no bin "${label}"`);
  return {scale, high: byLabel("8–10"), mid: byLabel("5–7"), low: byLabel("0–4")};
}

// Raw labels used below, resolved once through the codebook.
const GP = derivedGroup("specialty_group", "General practitioner");
const OTHER_SPECIALTIES = derivedGroup("specialty_group", "Other specialty");
const SOUGHT_YES = derivedGroup("sought_opinion", "Yes");
const SOUGHT_NO = derivedGroup("sought_opinion", "No");
const AGE_BANDS = Object.keys(cb.derived!.find((d) => d.id === "age_band")!.groups);
const [UNDER_30, AGE_30_40, OVER_40] = AGE_BANDS;
const ageBandOf = (rawAge: string) => AGE_BANDS.find((b) => derivedGroup("age_band", b).includes(rawAge))!;
const YES = raw("underserved", "Yes"), NO = raw("underserved", "No");

// ---------------------------------------------------------------------------------------------------------
// The paper's numbers.
const P = {
  female: "83", age30to40: "63.8", gp: "65.1",
  independent: "59.6", hospital: "16.9", academic: "5.3", resident: "5.1",
  urban: "58.5", semiRural: "30.3", rural: "11.2", underserved: "28.9", loginDaily: "90.7",
  seek: {Frequently: "3.3", Occasionally: "25.7", Rarely: "36.3", Never: "34.7"}, everSought: "65.3",
  answer: {Frequently: "8.6", Occasionally: "36.8", Rarely: "34.3", Never: "20.3"},
  otherPlatformCount: 594, otherPlatform: "41",
  useful: "74.7", reassured: "81.7", less_isolated: "85.7", enriched_knowledge: "74.8", access_documents: "54.7",
  speed: "87.5", accessibility: "82", contradictions: "51.2",
  soughtGP: "70", soughtOther: "52.3", soughtUnderserved: "68.4", soughtNotUnderserved: "61.9", pUnderserved: "0.02",
  completeRate: "68.2"
} as const;

// ---------------------------------------------------------------------------------------------------------
// Step 1: the joint structure specialty × underserved × sought, solved exactly.
//
// Table 1 needs GP 70% vs others 52.3% and underserved 68.4% vs 61.9% with p = 0.02, on the same
// respondents, with 65.1% GPs and 28.9% underserved among all 1,451. The search below finds the largest
// number m of respondents answering the seek question for which integer counts meet all of these at the
// printed precision (GP's "70%" taken as 70.0, like its three neighbours), and both the uncorrected and the
// Yates-corrected 2×2 p-values print as 0.02. With m = 1,451 there is none (reported in RECONSTRUCTION.md).
interface Design {m: number; g: number; u: number; a: number; b: number; su: number; sn: number}
/** Every whole count out of n that prints as `printed`%. */
function validCounts(printed: string, n: number): number[] {
  const out = [];
  for (let c = 0; c <= n; ++c) if (meets(c, n, printed)) out.push(c);
  return out;
}
/** Whether some whole counts meet a group's share of N and the in-group / out-group percentages. */
function splitFeasible(groupShare: string, inGroup: string, outGroup: string): boolean {
  return validCounts(groupShare, N).some((g) => validCounts(inGroup, g).length > 0 && validCounts(outGroup, N - g).length > 0);
}
function solveDesign(): {design: Design; at1451: {specialty: boolean; underserved: boolean}} {
  const at1451 = {specialty: splitFeasible(P.gp, "70.0", P.soughtOther), underserved: splitFeasible(P.underserved, P.soughtUnderserved, P.soughtNotUnderserved)};
  const gpTotals = validCounts(P.gp, N), undTotals = validCounts(P.underserved, N);
  for (let m = N; m >= N - 20; --m) {
    const missing = N - m;
    // g GPs and u underserved among the m; the N − m who stopped earlier make up the printed totals.
    for (let g = gpTotals[0] - missing; g <= gpTotals.at(-1)!; ++g) {
      if (!gpTotals.some((t) => t - g >= 0 && t - g <= missing)) continue;
      for (let u = undTotals[0] - missing; u <= undTotals.at(-1)!; ++u) {
        if (!undTotals.some((t) => t - u >= 0 && t - u <= missing)) continue;
        for (let a = 0; a <= g; ++a) {
          if (!meets(a, g, "70.0")) continue;
          for (let b = 0; b <= m - g; ++b) {
            if (!meets(b, m - g, P.soughtOther)) continue;
            for (let su = 0; su <= u; ++su) {
              const sn = a + b - su;
              if (!meets(su, u, P.soughtUnderserved) || sn < 0 || !meets(sn, m - u, P.soughtNotUnderserved)) continue;
              const t = [[su, u - su], [sn, m - u - sn]];
              if (formatP(chisq(t).p) !== P.pUnderserved || formatP(chisq(t, true).p) !== P.pUnderserved) continue;
              // The frequency categories the paper prints must stay reachable with this denominator.
              try {
                countFor(P.seek.Frequently, m), countFor(P.seek.Occasionally, m);
              } catch {
                continue;
              }
              return {design: {m, g, u, a, b, su, sn}, at1451};
            }
          }
        }
      }
    }
  }
  return fail("no joint design meets Table 1");
}
const {design: D, at1451} = solveDesign();
/** The total (those who answered the seek question plus those who did not) nearest the printed share. */
function totalFor(printed: string, among: number): number {
  const ideal = (Number(printed) / 100) * N;
  const ok = validCounts(printed, N).filter((c) => c >= among && c - among <= N - D.m);
  return ok.sort((a, b) => Math.abs(a - ideal) - Math.abs(b - ideal) || a - b)[0];
}
const gpTotal = totalFor(P.gp, D.g), undTotal = totalFor(P.underserved, D.u);

// Split the GP/other × underserved cells: 33% of GPs underserved (GPs are the ones in short-supply areas),
// and the sought counts per cell chosen so the underserved effect is about the same within GPs and others.
const GP_UNDERSERVED_SHARE = 0.33;
const x = Math.round(GP_UNDERSERVED_SHARE * D.g); // GP ∩ underserved among the m
let y = -1, bestGap = Infinity;
for (let c = 0; c <= x; ++c) {
  const cells = [c, D.a - c, D.su - c, D.b - D.su + c], sizes = [x, D.g - x, D.u - x, D.m - D.g - D.u + x];
  if (cells.some((v, i) => v < 0 || v > sizes[i])) continue;
  const gap = Math.abs(cells[0] / sizes[0] - cells[1] / sizes[1] - (cells[2] / sizes[2] - cells[3] / sizes[3]));
  if (gap < bestGap) (bestGap = gap), (y = c);
}
type Cell = {gp: boolean; und: boolean; size: number; sought: number | null};
const CELLS: Cell[] = [
  {gp: true, und: true, size: x, sought: y},
  {gp: true, und: false, size: D.g - x, sought: D.a - y},
  {gp: false, und: true, size: D.u - x, sought: D.su - y},
  {gp: false, und: false, size: D.m - D.g - D.u + x, sought: D.b - D.su + y}
];
// Those who stopped before the seek question (sought = null): their specialty and area make up the totals.
{
  const missing = N - D.m, gpMissing = gpTotal - D.g, undMissing = undTotal - D.u;
  const cells: [boolean, boolean][] = [];
  for (let i = 0; i < missing; ++i) cells.push([i < gpMissing, false]);
  for (let i = 0; i < undMissing; ++i) cells[i][1] = true;
  for (const [gp, und] of cells) {
    const c = CELLS.find((c) => c.gp === gp && c.und === und && c.sought === null);
    if (c) c.size++;
    else CELLS.push({gp, und, size: 1, sought: null});
  }
}

// ---------------------------------------------------------------------------------------------------------
// Step 2: respondents and their demographics.
type Value = string | number | string[];
interface Respondent {
  i: number;
  gp: boolean;
  und: boolean;
  /** null: stopped before the seek question. */
  sought: boolean | null;
  /** Shared propensities: overall satisfaction (correlates the ratings) and activity on the group. */
  z: number;
  engagement: number;
  /** Index (codebook order) of the first question left blank, with everything after it; Infinity if none. */
  drop: number;
  band?: string;
  a: Record<string, Value>;
}
const people: Respondent[] = [];
for (const c of CELLS)
  for (let k = 0; k < c.size; ++k)
    people.push({i: 0, gp: c.gp, und: c.und, sought: c.sought === null ? null : k < c.sought, z: 0, engagement: 0, drop: Infinity, a: {}});
if (people.length !== N) fail(`built ${people.length} respondents, not ${N}`);
shuffle(people).forEach((p, i) => ((p.i = i), (p.z = normal()), (p.engagement = normal())));

// Sex.
{
  const women = countFor(P.female, N);
  // A mild preference for women among GPs (the group's core); age, decided next, leans on sex.
  const chosen = new Set(pick(people, women, (p) => (p.gp ? 1.2 : 1)));
  for (const p of people) p.a.sex = chosen.has(p) ? raw("sex", "Female") : raw("sex", "Male");
}
// Specialty: GPs fixed above; the other specialties share the rest (not published).
const SPECIALTY_SHARES: Record<string, number> = {
  Paediatrics: 0.14, "Gynaecology and obstetrics": 0.15, Psychiatry: 0.09, "Emergency medicine": 0.12, Cardiology: 0.05,
  Dermatology: 0.05, Endocrinology: 0.06, "Anaesthesia and intensive care": 0.06, Radiology: 0.04, "Other specialty": 0.24
};
{
  const others = people.filter((p) => !p.gp);
  const labels = OTHER_SPECIALTIES;
  const displays = labels.map((l) => question(cb, "specialty").options![l]);
  const counts = countsFromShares(displays.map((d) => SPECIALTY_SHARES[d] ?? fail(`no share for specialty "${d}"`)), others.length);
  const order = shuffle([...others]);
  let at = 0;
  labels.forEach((l, j) => order.slice(at, (at += counts[j])).forEach((p) => (p.a.specialty = l)));
  for (const p of people) if (p.gp) p.a.specialty = GP[0];
}
// Practice: printed shares for four modes; salaried/mixed split the rest (not published).
{
  const count = (printed: string) => countFor(printed, N);
  const rest = N - count(P.independent) - count(P.hospital) - count(P.academic) - count(P.resident);
  const [salaried, mixed] = countsFromShares([0.62, 0.38], rest);
  const spec = (p: Respondent) => question(cb, "specialty").options![p.a.specialty as string];
  const hospitalHeavy = new Set(["Emergency medicine", "Anaesthesia and intensive care", "Radiology", "Psychiatry", "Other specialty"]);
  let pool = [...people];
  const take = (display: string, n: number, weight: (p: Respondent) => number) => {
    const chosen = new Set(pick(pool, n, weight));
    for (const p of chosen) p.a.practice = raw("practice", display);
    pool = pool.filter((p) => !chosen.has(p));
  };
  take("Medical resident", count(P.resident), (p) => (p.gp ? 1.3 : 1));
  take("Academic hospital-based", count(P.academic), (p) => (p.gp ? 0.08 : 1));
  take("Hospital-based", count(P.hospital), (p) => (p.gp ? 0.12 : hospitalHeavy.has(spec(p)) ? 1.6 : 1));
  take("Salaried (health centre, occupational health…)", salaried, (p) => (p.gp ? 1 : ["Paediatrics", "Psychiatry", "Other specialty"].includes(spec(p)) ? 1.5 : 0.4));
  take("Mixed (independent and hospital)", mixed, (p) => (p.gp ? 0.3 : 1));
  for (const p of pool) p.a.practice = raw("practice", "Independent practice");
}
// Age: 63.8% aged 30–40; the other bands are not published. Residents are mostly under 30.
{
  const ages = rawOptions("age");
  const n3040 = countFor(P.age30to40, N);
  const others = countsFromShares([0.083, 0.178, 0.072, 0.028], N - n3040); // < 30, 41–50, 51–60, > 60
  const [under30, a4150, a5160, over60] = others;
  const resident = raw("practice", "Medical resident");
  let pool = [...people];
  const take = (label: string, n: number, weight: (p: Respondent) => number) => {
    const chosen = new Set(pick(pool, n, weight));
    for (const p of chosen) p.a.age = label;
    pool = pool.filter((p) => !chosen.has(p));
  };
  take(ages[0], under30, (p) => (p.a.practice === resident ? 40 : 1));
  take(ages[4], over60, (p) => (p.a.practice === resident ? 1e-9 : p.a.sex === raw("sex", "Male") ? 3 : 1));
  take(ages[3], a5160, (p) => (p.a.practice === resident ? 1e-9 : p.a.sex === raw("sex", "Male") ? 2 : 1));
  take(ages[2], a4150, (p) => (p.a.practice === resident ? 1e-9 : 1));
  for (const p of pool) p.a.age = ages[1];
  for (const p of people) p.band = ageBandOf(p.a.age as string);
}
// Setting: printed; rural and semi-rural practices are the ones in underserved areas.
{
  const [, nSemi, nRural] = partition([P.urban, P.semiRural, P.rural], N);
  const rural = new Set(pick(people, nRural, (p) => (p.und ? 6 : 1)));
  const semi = new Set(pick(people.filter((p) => !rural.has(p)), nSemi, (p) => (p.und ? 2.5 : 1)));
  for (const p of people) p.a.setting = rural.has(p) ? raw("setting", "Rural") : semi.has(p) ? raw("setting", "Semi-rural") : raw("setting", "Urban");
}
for (const p of people) p.a.underserved = p.und ? YES : NO;
// Log-on frequency: 90.7% once a day or more; the split is not published.
{
  const daily = countFor(P.loginDaily, N);
  const [several, once] = countsFromShares([0.79, 0.21], daily);
  const [week, less] = countsFromShares([0.74, 0.26], N - daily);
  const levels = rawOptions("login_frequency");
  rankAllocate(people, (p) => 1.5 * p.engagement, [[levels[0], several], [levels[1], once], [levels[2], week], [levels[3], less]], (p, l) => (p.a.login_frequency = l));
}

// ---------------------------------------------------------------------------------------------------------
// Step 3: where the 462 incomplete respondents stopped (trailing questions blank from there on).
// Those who never reached the seek question are the N − m above; a handful stop among the ratings and at the
// other-platform question (so that 594 stays 41% of those who answered it); most stop in the last questions.
const DROPS: [string, number][] = [
  ["useful", 1], ["reassured", 1], ["less_isolated", 1], ["changed_management", 1], ["avoided_referral", 2],
  ["faster_care", 1], ["more_confident", 1], ["similar_cases", 1], ["other_platform", 3],
  ["strengths", 55], ["weaknesses", 62], ["enriched_knowledge", 90], ["access_documents", 70], ["updated_guidelines", 60]
];
{
  const early = people.filter((p) => p.sought === null);
  // One of them stops at the membership question, the others at the seek question.
  early.forEach((p, k) => (p.drop = qi(k === 0 ? "membership_years" : "seek_frequency")));
  const incomplete = N - COMPLETE;
  const last = QUESTIONS.filter(counted).at(-1)!; // the last counted question takes the remainder
  const plan: [string, number][] = [...DROPS, [last.id, incomplete - early.length - sum(DROPS.map(([, n]) => n))]];
  if (plan.at(-1)![1] < 0) fail("more planned drop-outs than incomplete respondents");
  for (const [id, n] of plan) {
    const q = question(cb, id);
    // Only someone to whom the question applies can stop there: Q11–18 are asked only of those who have
    // sought an opinion (skip logic in the codebook; the seek answers themselves are written in step 4).
    const pool = people.filter((p) => p.drop === Infinity && (!q.asked_if || !conditionsOf(q.asked_if).some((c) => c.question === "seek_frequency") || p.sought));
    for (const p of pick(pool, n, (p) => Math.exp(-0.3 * p.engagement))) p.drop = qi(id);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Step 4: every question in codebook order. `asked` = those the question applies to (skip logic) and who had
// not stopped yet; each filler gives them exact counts.
function applies(q: Question, p: Respondent): boolean {
  if (!q.asked_if) return true;
  return askedIfHolds(q.asked_if, (id) => {
    const v = p.a[id];
    return v === undefined || Array.isArray(v) ? v : String(v);
  });
}

interface RatingPlan {
  /** Printed share rating 8–10, or the share used when the paper prints none. */
  high: string | number;
  /** Share of 0–4 among those below 8 (not published for any item). */
  lowOfRest: number;
  /** Log-odds effects on rating 8–10: GP, underserved, and per age band. */
  gp?: number;
  und?: number;
  age?: Partial<Record<string, number>>;
}
// The discussion's subgroup statements shape the effects: reassured higher for GPs, under 30 and 30–40;
// enriched knowledge, access to documents and guidelines higher for GPs and underserved areas; guidelines
// significantly lower under 30; feeling less isolated matters "especially for general practitioners".
const RATINGS: Record<string, RatingPlan> = {
  useful: {high: P.useful, lowOfRest: 0.22, gp: 0.25, und: 0.15},
  reassured: {high: P.reassured, lowOfRest: 0.22, gp: 0.5, age: {[OVER_40]: -0.55}},
  less_isolated: {high: P.less_isolated, lowOfRest: 0.2, gp: 0.5, und: 0.35},
  changed_management: {high: 0.52, lowOfRest: 0.34, gp: 0.2},
  avoided_referral: {high: 0.43, lowOfRest: 0.45, gp: 0.5, und: 0.3},
  faster_care: {high: 0.58, lowOfRest: 0.3, gp: 0.3, und: 0.3},
  more_confident: {high: 0.66, lowOfRest: 0.27, gp: 0.3, age: {[UNDER_30]: 0.3}},
  similar_cases: {high: 0.71, lowOfRest: 0.25, gp: 0.3},
  enriched_knowledge: {high: P.enriched_knowledge, lowOfRest: 0.22, gp: 0.55, und: 0.45},
  access_documents: {high: P.access_documents, lowOfRest: 0.3, gp: 0.55, und: 0.45},
  updated_guidelines: {high: 0.69, lowOfRest: 0.25, gp: 0.55, und: 0.45, age: {[UNDER_30]: -1.1}}
};
const VALUE_WEIGHTS = {high: [0.32, 0.26, 0.42], mid: [0.28, 0.27, 0.45], low: [0.16, 0.08, 0.16, 0.26, 0.34]};

function fillRating(q: Question, asked: Respondent[]): void {
  const plan = RATINGS[q.id] ?? fail(`no rating plan for "${q.id}"`);
  const {high, mid, low} = scaleBins(q);
  const n = asked.length;
  const kHigh = typeof plan.high === "string" ? countFor(plan.high, n) : Math.round(plan.high * n);
  const kLow = Math.round(plan.lowOfRest * (n - kHigh));
  // Strata: specialty group × underserved × age band; expected share rating 8–10 by a logistic model whose
  // intercept is solved so the expected total is kHigh, then whole counts by largest remainder.
  const strata = new Map<string, Respondent[]>();
  for (const p of asked) {
    const key = `${p.gp}|${p.und}|${p.band}`;
    if (!strata.has(key)) strata.set(key, []);
    strata.get(key)!.push(p);
  }
  const groups = [...strata.values()];
  const effect = (p: Respondent) => (p.gp ? plan.gp ?? 0 : 0) + (p.und ? plan.und ?? 0 : 0) + (plan.age?.[p.band!] ?? 0);
  let lo = -30, hi = 30;
  for (let it = 0; it < 200; ++it) {
    const mid = (lo + hi) / 2;
    if (sum(groups.map((g) => g.length * logistic(mid + effect(g[0])))) < kHigh) lo = mid;
    else hi = mid;
  }
  const highs = largestRemainder(groups.map((g) => g.length * logistic((lo + hi) / 2 + effect(g[0]))), kHigh, groups.map((g) => g.length));
  const rests = groups.map((g, j) => g.length - highs[j]);
  const lows = largestRemainder(rests.map((r) => (r * kLow) / (n - kHigh)), kLow, rests);
  groups.forEach((g, j) => {
    // Within a stratum, the more satisfied (z) rate higher on every item.
    const ranked = g.map((p, k) => ({p, k, s: 0.9 * p.z + 0.75 * normal()})).sort((a, b) => b.s - a.s || a.k - b.k);
    ranked.forEach(({p}, r) => {
      const bin = r < highs[j] ? high : r >= g.length - lows[j] ? low : mid;
      const weights = bin === high ? VALUE_WEIGHTS.high : bin === mid ? VALUE_WEIGHTS.mid : VALUE_WEIGHTS.low;
      const values = Array.from({length: bin.max - bin.min + 1}, (_, v) => bin.min + v);
      p.a[q.id] = draw(values, weights);
    });
  });
}

interface MultiplePlan {
  /** Per option display label: a printed percentage or a share. */
  shares: Record<string, string | number>;
  weight?: Record<string, (p: Respondent) => number>;
  /** Option that excludes all others ("I do not use them"). */
  exclusive?: string;
  /** Written-in "Other" answers: how many, and the texts. */
  other?: {count: number; texts: string[]};
}
const MULTIPLE: Record<string, MultiplePlan> = {
  strengths: {
    shares: {
      "Speed of responses": P.speed, "Accessibility at all times": P.accessibility,
      "Diversity of specialties, practices and experience": 0.71, "Kindness of members": 0.56, "Free of charge": 0.62,
      "Sharing of documents (guidelines, practical sheets, etc.)": 0.64, "Breaking isolation": 0.47
    },
    weight: {
      "Breaking isolation": (p) => Math.exp(0.5 * +p.gp + 0.6 * +p.und),
      "Sharing of documents (guidelines, practical sheets, etc.)": (p) => Math.exp(0.3 * +p.gp),
      "Diversity of specialties, practices and experience": (p) => Math.exp(0.3 * +p.gp)
    },
    other: {count: 14, texts: ["Entraide entre confrères", "Convivialité", "Humour et bonne ambiance", "Partage d'expériences de terrain", "Soutien moral", "Possibilité de poser des questions sans jugement"]}
  },
  weaknesses: {
    // "Lack of a legal framework" is "predominant" with contradictions; the paper prints no number for it.
    shares: {
      "Contradictions between different responses": P.contradictions, "Lack of a legal framework for such opinions": 0.476,
      "Risk to medical confidentiality": 0.31, "Unreliable responses": 0.37, "Too many posts, hard to keep up": 0.27,
      "Tensions and conflicts between members": 0.19
    },
    weight: {"Unreliable responses": (p) => Math.exp(0.3 * +!p.gp), "Tensions and conflicts between members": (p) => Math.exp(0.3 * +!p.gp)},
    other: {count: 18, texts: ["Manque de modération", "Questions hors sujet", "Certains commentaires peu confraternels", "Publicités déguisées", "Difficile de retrouver les anciennes publications", "Recherche peu pratique dans le groupe"]}
  },
  cme_use: {
    shares: {"I read them": 0.86, "I save them for later": 0.52, "I share them with colleagues": 0.22, "I use them during consultations": 0.39, "I do not use them": 0.035},
    weight: {"I use them during consultations": (p) => Math.exp(0.4 * +p.gp), "I share them with colleagues": (p) => Math.exp(0.3 * p.engagement)},
    exclusive: "I do not use them"
  }
};

function fillMultiple(q: Question, asked: Respondent[]): void {
  const plan = MULTIPLE[q.id] ?? fail(`no multiple-choice plan for "${q.id}"`);
  const options = rawOptions(q.id);
  const displays = options.map((o) => q.options![o]);
  for (const d of Object.keys(plan.shares)) if (!displays.includes(d)) fail(`question "${q.id}" has no option displayed as "${d}"`);
  const n = asked.length;
  const ticks = new Map<Respondent, Set<string>>(asked.map((p) => [p, new Set()]));
  let pool = asked;
  if (plan.exclusive) {
    const label = raw(q.id, plan.exclusive);
    const k = Math.round((plan.shares[plan.exclusive] as number) * n);
    const chosen = new Set(pick(asked, k, (p) => Math.exp(-0.8 * p.engagement)));
    for (const p of chosen) ticks.get(p)!.add(label);
    pool = asked.filter((p) => !chosen.has(p));
  }
  options.forEach((o, j) => {
    const d = displays[j];
    if (d === plan.exclusive) return;
    const share = plan.shares[d] ?? fail(`no share for "${d}" in "${q.id}"`);
    const k = typeof share === "string" ? countFor(share, n) : Math.round(share * n);
    for (const p of pick(pool, k, plan.weight?.[d])) ticks.get(p)!.add(o);
  });
  // Everyone who answered ticked something: move ticks from those with two or more (counts unchanged).
  const empty = pool.filter((p) => ticks.get(p)!.size === 0);
  for (const p of empty) {
    for (const o of shuffle(options.filter((o) => q.options![o] !== plan.exclusive))) {
      const donors = pool.filter((d) => ticks.get(d)!.size >= 2 && ticks.get(d)!.has(o));
      if (!donors.length) continue;
      const donor = donors[Math.floor(random() * donors.length)];
      ticks.get(donor)!.delete(o);
      ticks.get(p)!.add(o);
      break;
    }
    if (!ticks.get(p)!.size) fail(`question "${q.id}": could not give respondent a tick`);
  }
  for (const p of asked) p.a[q.id] = options.filter((o) => ticks.get(p)!.has(o)); // form order
  if (plan.other) {
    const withTicks = pool.filter((p) => ticks.get(p)!.size > 0);
    for (const p of pick(withTicks, plan.other.count)) (p.a[q.id] as string[]).push(draw(plan.other.texts, plan.other.texts.map(() => 1)));
  }
}

const OTHER_PLATFORM_NAMES: [string, number][] = [
  ["Omnidoc", 14], ["omnidoc", 4], ["Docteur Avis", 6], ["Un autre groupe Facebook de médecins", 8], ["Groupe WhatsApp entre confrères", 9],
  ["Plateforme de télé-expertise régionale", 6], ["Télé-expertise avec l'hôpital de secteur", 4], ["Forum médical de ma spécialité", 4],
  ["Messagerie sécurisée avec les correspondants", 3], ["Un groupe Telegram", 2], ["Plusieurs groupes sur les réseaux sociaux", 3]
];
const COMMENTS: string[] = [
  "Merci pour ce groupe !", "Groupe indispensable à ma pratique quotidienne.", "Merci aux administrateurs pour leur travail.",
  "Un vrai soutien quand on s'installe.", "Attention au respect du secret médical dans certaines publications.",
  "Très utile quand on exerce seul(e) en zone rurale.", "Il faudrait mieux modérer certaines discussions.",
  "Trop de publications, j'ai du mal à tout suivre.", "Bravo pour l'initiative de ce questionnaire.",
  "Les points FMC sont vraiment précieux.", "Je regrette les réponses parfois contradictoires.",
  "Ce groupe m'a beaucoup aidé pendant mon internat.", "Une belle entraide entre confrères.",
  "Il faudrait un cadre légal pour ces avis.", "Merci !"
];

const FILL: Record<string, (q: Question, asked: Respondent[]) => void> = {
  // Decided in step 2; only written here.
  sex: () => {}, age: () => {}, specialty: () => {}, practice: () => {}, setting: () => {}, underserved: () => {}, login_frequency: () => {},
  membership_years(q, asked) {
    // Group founded 2017, surveyed 2022: 0–5 whole years (not published); older members slightly longer.
    const years = Array.from({length: q.max! - q.min! + 1}, (_, k) => String(q.min! + k));
    const counts = countsFromShares([0.075, 0.165, 0.245, 0.225, 0.16, 0.13], asked.length);
    // Highest score gets the most years.
    const levels = years.map((y, k) => [y, counts[k]] as [string, number]).reverse();
    rankAllocate(asked, (p) => (p.band === OVER_40 ? 0.5 : p.band === UNDER_30 ? -0.7 : 0) + 0.3 * p.engagement, levels, (p, l) => (p.a[q.id] = Number(l)));
  },
  seek_frequency(q, asked) {
    const m = asked.length;
    if (m !== D.m) fail(`seek question answered by ${m}, expected ${D.m}`);
    const [freq, occ, rare] = ["Frequently", "Occasionally", "Rarely"].map((d) => raw(q.id, d));
    const seekers = asked.filter((p) => p.sought);
    const nFreq = countFor(P.seek.Frequently, m), nOcc = countFor(P.seek.Occasionally, m);
    const w = (p: Respondent) => Math.exp(0.4 * +p.gp + 0.3 * +p.und + 0.4 * p.engagement);
    const f = new Set(pick(seekers, nFreq, w));
    const o = new Set(pick(seekers.filter((p) => !f.has(p)), nOcc, w));
    for (const p of asked) p.a[q.id] = !p.sought ? SOUGHT_NO[0] : f.has(p) ? freq : o.has(p) ? occ : rare;
  },
  answer_frequency(q, asked) {
    const n = asked.length, levels = rawOptions(q.id);
    const [f, o, r, nv] = [P.answer.Frequently, P.answer.Occasionally, P.answer.Rarely, P.answer.Never];
    const [cF, cO, cR, cN] = partition([f, o, r, nv], n);
    // Other specialties answer more (they are the ones asked), and so do the active members.
    rankAllocate(asked, (p) => 0.9 * +!p.gp + 0.8 * p.engagement + 0.3 * +!!p.sought, [[levels[0], cF], [levels[1], cO], [levels[2], cR], [levels[3], cN]], (p, l) => (p.a[q.id] = l));
  },
  other_platform(q, asked) {
    const chosen = new Set(pick(asked, P.otherPlatformCount, (p) => Math.exp(0.4 * +!!p.sought + 0.2 * +p.und)));
    for (const p of asked) p.a[q.id] = chosen.has(p) ? raw(q.id, "Yes") : raw(q.id, "No");
  },
  other_platform_name(q, asked) {
    // Optional text: a minority of those who use another platform name it.
    for (const p of pick(asked, Math.round(0.38 * asked.length))) p.a[q.id] = draw(OTHER_PLATFORM_NAMES.map(([t]) => t), OTHER_PLATFORM_NAMES.map(([, w]) => w));
  },
  comments(q, asked) {
    for (const p of pick(asked, Math.round(0.085 * asked.length))) p.a[q.id] = draw(COMMENTS, COMMENTS.map(() => 1));
  }
};

for (const [index, q] of QUESTIONS.entries()) {
  const asked = people.filter((p) => index < p.drop && applies(q, p));
  if (isRating(q)) fillRating(q, asked);
  else if (q.type === "multiple") fillMultiple(q, asked);
  else (FILL[q.id] ?? fail(`no filler for question "${q.id}" (${q.type})`))(q, asked);
  // Nobody past their drop-out point keeps an answer (step 2 pre-filled the demographics for all).
  for (const p of people) if (index >= p.drop || !applies(q, p)) delete p.a[q.id];
}

// ---------------------------------------------------------------------------------------------------------
// Step 5: submission times, 1 June – 15 July 2022, local time of the sheet (Europe/Paris), ascending.
// The link was posted on the morning of 1 June; reminders on 14 June and 30 June bring smaller waves.
const DAYS = 45; // 1 June .. 15 July inclusive
const dayWeights = Array.from({length: DAYS}, (_, d) => 0.02 + Math.exp(-d / 2.5) + 0.35 * Math.exp(-Math.max(0, d - 13) / 2) * +(d >= 13) + 0.2 * Math.exp(-Math.max(0, d - 29) / 2) * +(d >= 29));
const hourWeights = [0.2, 0.1, 0.05, 0.05, 0.05, 0.1, 0.4, 1.2, 1.8, 1.6, 1.4, 1.5, 2.2, 2.4, 1.6, 1.3, 1.3, 1.4, 1.6, 1.9, 2.4, 2.8, 2.5, 1.0];
const times: number[] = [];
for (let k = 0; k < N; ++k) {
  const day = draw([...Array(DAYS).keys()], dayWeights);
  let hour = draw([...Array(24).keys()], hourWeights);
  while (day === 0 && hour < 8) hour = draw([...Array(24).keys()], hourWeights); // posted at 8 a.m.
  times.push(Date.UTC(2022, 5, 1 + day, hour, Math.floor(random() * 60), Math.floor(random() * 60)));
}
times.sort((a, b) => a - b);
// Two submissions in the same second would look like a duplicated row: keep them at least a second apart.
for (let k = 1; k < N; ++k) if (times[k] <= times[k - 1]) times[k] = times[k - 1] + 1000;
const pad = (v: number) => String(v).padStart(2, "0");
// Wall-clock time held in a UTC Date, so the host's time zone never matters.
const formatTimestamp = (t: number) => {
  const d = new Date(t);
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
};
const order = shuffle([...people]); // times are independent of the answers

// ---------------------------------------------------------------------------------------------------------
// Step 6: the CSV, as Sheets exports a Forms response sheet.
const cellOf = (q: Question, v: Value | undefined): string => (v === undefined ? "" : Array.isArray(v) ? v.join(SEP) : String(v));
const header = [TIMESTAMP, ...QUESTIONS.map((q) => q.column)];
const body = order.map((p, k) => [formatTimestamp(times[k]), ...QUESTIONS.map((q) => cellOf(q, p.a[q.id]))]);
const csv = csvFormatRows([header, ...body]);
writeFileSync(CSV_PATH, csv + "\n", "utf8");

// ---------------------------------------------------------------------------------------------------------
// Step 7: RECONSTRUCTION.md, every number computed from the CSV text just written.
const parsed = csvParseRows(csv);
const head = parsed[0];
const rows = parsed.slice(1);
const col = new Map(QUESTIONS.map((q) => [q.id, head.indexOf(q.column)]));
for (const q of QUESTIONS) if (col.get(q.id)! < 0) fail(`column of "${q.id}" missing from the CSV`);
const cell = (r: string[], id: string) => r[col.get(id)!];
/** Options ticked in a multiple-choice cell, split as the build splits them (loaders/choices.ts). */
function ticked(id: string, text: string): {chosen: Set<string>; other: string} {
  const {chosen, other} = splitChoices(text, rawOptions(id), SEP);
  return {chosen: new Set(chosen), other: other ?? ""};
}
// The build's own parser reads the file back: it validates every cell against the codebook (a
// generator bug stops here) and says which responses are complete.
const parsedResponses = await readResponses({codebook: cb, path: CSV_PATH});
const completeRows = new Set(parsedResponses.filter((r) => r.complete).map((r) => rows[r.respondent - 1]));
const isComplete = (r: string[]) => completeRows.has(r);
function askedIn(r: string[], q: Question): boolean {
  if (!q.asked_if) return true;
  return askedIfHolds(q.asked_if, (id) => (cell(r, id) === "" ? null : cell(r, id)));
}
const answered = (id: string) => rows.filter((r) => cell(r, id) !== "");
function share(id: string, test: (v: string) => boolean, among: string[][] = answered(id)) {
  return {count: among.filter((r) => test(cell(r, id))).length, n: among.length};
}
const is = (id: string, display: string) => (v: string) => v === raw(id, display);
const inRaw = (labels: string[]) => (v: string) => labels.includes(v);
const high = (v: string) => v !== "" && Number(v) >= 8;
const tick = (id: string, display: string) => (v: string) => ticked(id, v).chosen.has(raw(id, display));

interface Row {section: string; what: string; printed: string; count: number; n: number; note?: string}
const results: Row[] = [];
const target = (section: string, what: string, printed: string, s: {count: number; n: number}, note?: string) => results.push({section, what, printed, ...s, note});

const nComplete = rows.filter(isComplete).length;
target("Participation", "Respondents (rows)", String(N), {count: rows.length, n: rows.length});
target("Participation", "Completed in full", String(COMPLETE), {count: nComplete, n: rows.length});
target("Participation", "Completion rate", P.completeRate, {count: nComplete, n: rows.length});
target("Participants (Fig 1)", "Female", P.female, share("sex", is("sex", "Female")));
target("Participants (Fig 1)", "Aged 30–40", P.age30to40, share("age", inRaw(derivedGroup("age_band", AGE_30_40))));
target("Participants (Fig 1)", "General practitioners", P.gp, share("specialty", inRaw(GP)));
target("Participants (Fig 1)", "Independent practice", P.independent, share("practice", is("practice", "Independent practice")));
target("Participants (Fig 1)", "Hospital-based", P.hospital, share("practice", is("practice", "Hospital-based")));
target("Participants (Fig 1)", "Academic hospital-based", P.academic, share("practice", is("practice", "Academic hospital-based")));
target("Participants (Fig 1)", "Medical residents", P.resident, share("practice", is("practice", "Medical resident")));
target("Participants (Fig 1)", "Urban", P.urban, share("setting", is("setting", "Urban")));
target("Participants (Fig 1)", "Semi-rural", P.semiRural, share("setting", is("setting", "Semi-rural")));
target("Participants (Fig 1)", "Rural", P.rural, share("setting", is("setting", "Rural")));
target("Participants (Fig 1)", "Practise in an underserved area", P.underserved, share("underserved", (v) => v === YES));
target("Participants (Fig 1)", "Log on once a day or more", P.loginDaily, share("login_frequency", inRaw(derivedGroup("login_daily", "Yes"))));
for (const [level, printed] of Object.entries(P.seek)) target("Medical opinions", `Seek opinions: ${level}`, printed, share("seek_frequency", is("seek_frequency", level)));
target("Medical opinions", "Have sought an opinion at least once", P.everSought, share("seek_frequency", inRaw(SOUGHT_YES)));
for (const [level, printed] of Object.entries(P.answer)) target("Medical opinions", `Answer requests: ${level}`, printed, share("answer_frequency", is("answer_frequency", level)));
const platform = share("other_platform", is("other_platform", "Yes"));
target("Medical opinions", "Use another platform (count)", String(P.otherPlatformCount), {count: platform.count, n: platform.count});
target("Medical opinions", "Use another platform", P.otherPlatform, platform);
for (const id of ["useful", "reassured", "less_isolated", "enriched_knowledge", "access_documents"] as const)
  target(id === "enriched_knowledge" || id === "access_documents" ? "CME (Fig 5)" : "Ratings (Fig 2)", `${question(cb, id).label}: rating ≥ 8`, P[id], share(id, high));
target("Strengths (Fig 3)", "Speed of responses", P.speed, share("strengths", tick("strengths", "Speed of responses")));
target("Strengths (Fig 3)", "Accessibility at all times", P.accessibility, share("strengths", tick("strengths", "Accessibility at all times")));
target("Weaknesses (Fig 4)", "Contradictions between different responses", P.contradictions, share("weaknesses", tick("weaknesses", "Contradictions between different responses")));

// Table 1: sought an opinion, by specialty and by underserved area, over those who answered the seek question.
const seekRows = answered("seek_frequency");
const soughtBy = (test: (r: string[]) => boolean) => share("seek_frequency", inRaw(SOUGHT_YES), seekRows.filter(test));
const sGP = soughtBy((r) => GP.includes(cell(r, "specialty"))), sOther = soughtBy((r) => !GP.includes(cell(r, "specialty")));
const sUnd = soughtBy((r) => cell(r, "underserved") === YES), sNot = soughtBy((r) => cell(r, "underserved") === NO);
target("Table 1", "Sought an opinion: general practitioners", P.soughtGP, sGP);
target("Table 1", "Sought an opinion: other specialties", P.soughtOther, sOther);
target("Table 1", "Sought an opinion: underserved area", P.soughtUnderserved, sUnd);
target("Table 1", "Sought an opinion: not underserved", P.soughtNotUnderserved, sNot);
const table2x2 = (a: {count: number; n: number}, b: {count: number; n: number}) => [[a.count, a.n - a.count], [b.count, b.n - b.count]];
const tSpec = table2x2(sGP, sOther), tUnd = table2x2(sUnd, sNot);
const pSpec = {pearson: chisq(tSpec), yates: chisq(tSpec, true)};
const pUnd = {pearson: chisq(tUnd), yates: chisq(tUnd, true)};

const isCountRow = (r: Row) => r.what.endsWith("(count)") || r.what === "Respondents (rows)" || r.what === "Completed in full";
const isMet = (r: Row) => (isCountRow(r) ? String(r.count) === r.printed : meets(r.count, r.n, r.printed));

// Discussion claims (no numbers printed): checked on the data.
function ratingBy(id: string, groups: [string, (r: string[]) => boolean][]) {
  const among = answered(id);
  const parts = groups.map(([name, test]) => ({name, ...share(id, high, among.filter(test))}));
  return {parts, p: chisq(parts.map((g) => [g.count, g.n - g.count])).p};
}
const byGP: [string, (r: string[]) => boolean][] = [["GP", (r) => GP.includes(cell(r, "specialty"))], ["other", (r) => !GP.includes(cell(r, "specialty"))]];
const byUnd: [string, (r: string[]) => boolean][] = [["underserved", (r) => cell(r, "underserved") === YES], ["not underserved", (r) => cell(r, "underserved") === NO]];
const byAge: [string, (r: string[]) => boolean][] = AGE_BANDS.map((b) => [b, (r: string[]) => derivedGroup("age_band", b).includes(cell(r, "age"))]);
const byOver30: [string, (r: string[]) => boolean][] = [[UNDER_30, byAge[0][1]], ["≥ 30 years", (r) => !byAge[0][1](r)]];
const pc = (g: {count: number; n: number}) => `${formatPct(g.count, g.n, 1)}% (${g.count}/${g.n})`;
const describe = (x: ReturnType<typeof ratingBy>) => `${x.parts.map((g) => `${g.name} ${pc(g)}`).join(" vs ")}; χ² p ${formatP(x.p).replace(/^(\d)/, "= $1")}`;
const higher = (x: ReturnType<typeof ratingBy>, first: number[] = [0]) => {
  const rate = (g: {count: number; n: number}) => g.count / g.n;
  const rest = x.parts.filter((_, k) => !first.includes(k));
  return first.every((k) => rest.every((o) => rate(x.parts[k]) > rate(o)));
};
const strengthCounts = rawOptions("strengths").map((o) => ({o, ...share("strengths", (v) => ticked("strengths", v).chosen.has(o))})).sort((a, b) => b.count - a.count);
const weaknessCounts = rawOptions("weaknesses").map((o) => ({o, ...share("weaknesses", (v) => ticked("weaknesses", v).chosen.has(o))})).sort((a, b) => b.count - a.count);
const disp = (id: string, o: string) => question(cb, id).options![o];
const several = share("login_frequency", is("login_frequency", "Several times a day"));
const claims: {claim: string; data: string; holds: boolean}[] = [];
{
  const r = ratingBy("reassured", byGP), a = ratingBy("reassured", byAge);
  claims.push({claim: "Reassured (≥ 8) more often among GPs", data: describe(r), holds: higher(r)});
  claims.push({claim: "Reassured (≥ 8) more often among those aged 30–40 and under 30", data: describe(a), holds: higher(a, [0, 1])});
  for (const id of ["enriched_knowledge", "access_documents", "updated_guidelines"]) {
    const g = ratingBy(id, byGP), u = ratingBy(id, byUnd);
    claims.push({claim: `${question(cb, id).label} (≥ 8): higher among GPs`, data: describe(g), holds: higher(g)});
    claims.push({claim: `${question(cb, id).label} (≥ 8): higher in underserved areas`, data: describe(u), holds: higher(u)});
  }
  const o = ratingBy("updated_guidelines", byOver30);
  claims.push({claim: "More easily updated on guidelines (≥ 8): significantly higher over 30 than under 30", data: describe(o), holds: !higher(o) && o.p < 0.05});
  const l = ratingBy("less_isolated", byGP);
  claims.push({claim: "Feeling less isolated matters especially for GPs", data: describe(l), holds: higher(l)});
  claims.push({
    claim: "Main strengths: speed of responses and accessibility at all times",
    data: `top two: ${strengthCounts.slice(0, 2).map((s) => `${disp("strengths", s.o)} ${pc(s)}`).join(", ")}; next: ${disp("strengths", strengthCounts[2].o)} ${pc(strengthCounts[2])}`,
    holds: [strengthCounts[0].o, strengthCounts[1].o].sort().join() === [raw("strengths", "Speed of responses"), raw("strengths", "Accessibility at all times")].sort().join()
  });
  claims.push({
    claim: "Predominant weaknesses: contradictions and lack of a legal framework",
    data: `top two: ${weaknessCounts.slice(0, 2).map((s) => `${disp("weaknesses", s.o)} ${pc(s)}`).join(", ")}; next: ${disp("weaknesses", weaknessCounts[2].o)} ${pc(weaknessCounts[2])}`,
    holds: [weaknessCounts[0].o, weaknessCounts[1].o].sort().join() === [raw("weaknesses", "Contradictions between different responses"), raw("weaknesses", "Lack of a legal framework for such opinions")].sort().join()
  });
  claims.push({
    claim: "Discussion: \"over 90% of them log into the group more than once a day\"",
    data: `several times a day ${pc(several)}; once a day or more ${pc(share("login_frequency", inRaw(derivedGroup("login_daily", "Yes"))))}`,
    holds: several.count / several.n > 0.9
  });
}

// Distribution of what the paper does not publish.
function distribution(id: string): string {
  const q = question(cb, id);
  const among = answered(id);
  if (q.type === "rating") {
    const {high: h, mid: m, low: l} = scaleBins(q);
    return [h, m, l].map((b) => `${b.label}: ${pc(share(id, (v) => Number(v) >= b.min && Number(v) <= b.max, among))}`).join(", ");
  }
  if (q.type === "multiple") {
    const parts = rawOptions(id).map((o) => `${q.options![o]} ${pc(share(id, (v) => ticked(id, v).chosen.has(o), among))}`);
    const other = share(id, (v) => ticked(id, v).other !== "", among);
    return [...parts, ...(other.count ? [`written-in Other ${pc(other)}`] : [])].join("; ");
  }
  if (q.type === "number") {
    const values = [...new Set(among.map((r) => Number(cell(r, id))))].sort((a, b) => a - b);
    return values.map((v) => `${v}: ${pc(share(id, (x) => Number(x) === v, among))}`).join(", ");
  }
  return rawOptions(id).map((o) => `${q.options![o]} ${pc(share(id, (v) => v === o, among))}`).join(", ");
}

const rel = (p: string) => relative(ROOT, p);
const lines: string[] = [];
const L = (s = "") => lines.push(s);
const dropAt = new Map<string, number>();
for (const r of rows) {
  if (isComplete(r)) continue;
  const first = QUESTIONS.find((q) => counted(q) && askedIn(r, q) && cell(r, q.id) === "")!;
  dropAt.set(first.id, (dropAt.get(first.id) ?? 0) + 1);
}
const unmet = results.filter((r) => !isMet(r));
const everSought = share("seek_frequency", inRaw(SOUGHT_YES));
const rarely = share("seek_frequency", is("seek_frequency", "Rarely")), never = share("seek_frequency", is("seek_frequency", "Never"));
const seekN = answered("seek_frequency").length;
const q19n = answered("other_platform").length;

L(`# Reconstructed responses: ${cb.study.id}`);
L();
L(`> Generated by \`${rel(join(ROOT, "scripts/reconstruct/bendayan-2024.ts"))}\` (\`npm run reconstruct\`, MT19937 seed ${SEED}). Do not edit: rerun the script. Every number below is computed from \`data/${STUDY}/${basename(CSV_PATH)}\` as written, not copied from the targets.`);
L();
L(`${cb.study.citation} The authors published no respondent-level data ("No datasets were generated or analysed during the current study"). \`${cb.responses?.file ?? "responses.csv"}\` is therefore a **reconstruction**: ${rows.length} synthetic responses, built so that the aggregates the paper prints come out of them wherever those aggregates agree with each other. It is not the study's data, and nothing in it was observed.`);
L();
L("## The file");
L();
L(`- Google Forms response sheet exported as CSV: UTF-8 without BOM, comma-separated, fields quoted only when needed (d3-dsv \`csvFormatRows\`), LF line endings, one header row. A download from Sheets itself may end lines with CRLF; CSV readers accept both.`);
L(`- First column \`${TIMESTAMP}\`: submission time as a French-locale sheet shows and exports it, \`DD/MM/YYYY HH:MM:SS\` (24-hour, zero-padded, e.g. \`${formatTimestamp(times[0])}\`), wall-clock time of the sheet's time zone (Europe/Paris) with no zone suffix. Times run from ${formatTimestamp(times[0])} to ${formatTimestamp(times.at(-1)!)}, ascending: a wave after the link was posted on the morning of 1 June, smaller waves after reminders on 14 and 30 June.`);
L(`- Then one column per codebook question, in codebook order, headed by the question's \`column\` text; raw French option labels; checkbox answers joined with "${SEP}" in the form's option order, a written-in "Other" answer last; ratings and the number of years as whole numbers; an empty cell where a question was not answered or not asked (skip logic).`);
L();
L("## How it was built");
L();
L(`1. Exact counts first. For each printed percentage, the count nearest to it whose share of its denominator rounds (half up) back to the printed digits at the printed precision (\`87.5\` → one decimal, \`82\` → none).`);
L(`2. Table 1 first of all. A search over whole counts finds the joint table specialty (GP/other) × underserved (yes/no) × sought an opinion (yes/no) that meets 65.1% GPs, 28.9% underserved, 70.0% vs 52.3%, 68.4% vs 61.9%, and a 2×2 chi-squared p that prints as 0.02 with and without Yates' correction. ${at1451.underserved ? "" : `With all ${N} respondents answering the seek question, no whole counts give 28.9% underserved together with 68.4% and 61.9% (the underserved counts that print as ${P.underserved}%, ${validCounts(P.underserved, N).join(" and ")}, admit neither). `}The largest denominator that works is ${D.m}: ${N - D.m} respondent${N - D.m === 1 ? "" : "s"} stopped before the seek question (after the demographics), which is why the seek-frequency shares and Table 1 are over ${D.m}. In the cells, ${Math.round(GP_UNDERSERVED_SHARE * 100)}% of GPs practise in an underserved area and the underserved effect is about the same within GPs and other specialties.`);
L(`3. Demographics assigned to those cells with the seeded generator, with plausible dependencies: residents mostly under 30, GPs mostly in independent practice, underserved areas mostly rural or semi-rural, the most active members logging on most often.`);
L(`4. Drop-out: ${rows.length - nComplete} respondents are incomplete, each leaving every question blank from one question on (where they stopped: ${[...dropAt.entries()].sort((a, b) => qi(a[0]) - qi(b[0])).map(([id, n]) => `Q${question(cb, id).number} ${id} ${n}`).join(", ")}). Demographic questions 1–7 are answered by everyone. Few stop before Q19, so that 594 stays 41% of those who answered it.`);
L(`5. Ratings: for each item, the count rating 8–10 among those who answered it is fixed, and spread over strata (GP × underserved × age band) by a logistic model whose subgroup effects follow the Discussion; within a stratum the more satisfied respondents (a latent score shared by all items) rate higher. Values inside a bin are drawn (8–10 leaning to 10).`);
L(`6. Multiple choice: each option's count fixed and given out by weighted sampling without replacement; anyone left with no tick receives one moved from someone with two or more (counts unchanged).`);
L(`7. Free text (Q20 other platform, Q27 comments): short generic French texts for a minority (${answered("other_platform_name").length} and ${answered("comments").length} respondents), no names of people.`);
L();
L("## Targets the paper prints");
L();
L(`Percentages are over those who answered the question (n); "met" means the reconstructed share prints exactly as the paper prints it, at its precision.`);
L();
L("| Section | Target | Paper | Reconstructed | n / N | Met |");
L("|---|---|---:|---:|---:|:---:|");
for (const r of results) {
  const value = isCountRow(r) ? String(r.count) : `${formatPct(r.count, r.n, decimalsOf(r.printed))}%`;
  L(`| ${r.section} | ${r.what} | ${isCountRow(r) ? r.printed : `${r.printed}%`} | ${value} | ${isCountRow(r) ? "" : `${r.count} / ${r.n}`} | ${isMet(r) ? "yes" : "**no**"} |`);
}
L();
L("### Table 1: sought an opinion at least once");
L();
L("Pearson's chi-squared on the 2×2 table, df = 1, over those who answered the seek question. The paper says \"Chi-squared test\" in R 4.1.2 without saying whether Yates' correction (the default of `chisq.test()` for 2×2 tables) was applied, so both are given.");
L();
L("| Comparison | Reconstructed | Paper p | χ² (no correction) | p | χ² (Yates) | p (Yates) | Met |");
L("|---|---|---:|---:|---:|---:|---:|:---:|");
L(`| GP vs other specialties | ${pc(sGP)} vs ${pc(sOther)} | < 0.001 | ${pSpec.pearson.statistic.toFixed(2)} | ${formatP(pSpec.pearson.p)} | ${pSpec.yates.statistic.toFixed(2)} | ${formatP(pSpec.yates.p)} | ${pSpec.pearson.p < 0.001 && pSpec.yates.p < 0.001 ? "yes" : "**no**"} |`);
L(`| Underserved area: yes vs no | ${pc(sUnd)} vs ${pc(sNot)} | 0.02 | ${pUnd.pearson.statistic.toFixed(2)} | ${pUnd.pearson.p.toFixed(4)} (prints ${formatP(pUnd.pearson.p)}) | ${pUnd.yates.statistic.toFixed(2)} | ${pUnd.yates.p.toFixed(4)} (prints ${formatP(pUnd.yates.p)}) | ${formatP(pUnd.pearson.p) === P.pUnderserved && formatP(pUnd.yates.p) === P.pUnderserved ? "yes" : "**no**"} |`);
L();
L("### Statements of the Discussion (no numbers printed)");
L();
L("| Statement | Reconstructed | Holds |");
L("|---|---|:---:|");
for (const c of claims) L(`| ${c.claim} | ${c.data} | ${c.holds ? "yes" : "**no**"} |`);
L();
L("## What could not be met: the paper disagrees with itself");
L();
L(`- **Ever sought an opinion: ${P.everSought}% (Results) vs about ${formatPct(everSought.count, everSought.n, 1)}% (Table 1).** The Results print Frequently ${P.seek.Frequently}% + Occasionally ${P.seek.Occasionally}% + Rarely ${P.seek.Rarely}% = ${P.everSought}% ever sought. But Table 1's splits, ${P.soughtGP}% of GPs vs ${P.soughtOther}% of other specialties with ${P.gp}% GPs, imply ${((Number(P.gp) * Number(P.soughtGP) + (100 - Number(P.gp)) * Number(P.soughtOther)) / 100).toFixed(1)}% overall, and ${P.soughtUnderserved}% vs ${P.soughtNotUnderserved}% with ${P.underserved}% underserved imply ${((Number(P.underserved) * Number(P.soughtUnderserved) + (100 - Number(P.underserved)) * Number(P.soughtNotUnderserved)) / 100).toFixed(1)}%. One set of respondents cannot give both. **Kept: Table 1** (its four percentages and both p-values are met exactly), because it is the paper's analysis and its conclusions rest on it; Frequently (${formatPct(share("seek_frequency", is("seek_frequency", "Frequently")).count, seekN, 1)}%) and Occasionally (${formatPct(share("seek_frequency", is("seek_frequency", "Occasionally")).count, seekN, 1)}%) are kept too. **Not met:** ever sought ${pc(everSought)} instead of ${P.everSought}%, Rarely ${pc(rarely)} instead of ${P.seek.Rarely}%, Never ${pc(never)} instead of ${P.seek.Never}%: Rarely and Never absorb the difference.`);
L(`- **"Over 90% log in more than once a day" (Discussion) vs "${P.loginDaily}% once a day or more" (Results).** Kept the Results: ${P.loginDaily}% log on once a day or more; several times a day is ${pc(several)}, not over 90%.`);
L(`- **Table 1's denominators.** With all ${N} respondents answering the seek question, ${P.underserved}% underserved and ${P.soughtUnderserved}% vs ${P.soughtNotUnderserved}% cannot all hold (no whole counts exist)${at1451.specialty ? "" : `, nor can ${P.soughtGP}% vs ${P.soughtOther}%`}. The reconstruction has ${N - D.m} respondent${N - D.m === 1 ? "" : "s"} stop before that question, so Table 1 and the seek shares are over ${seekN}; the paper gives no denominators for Table 1.`);
L(`- **594 participants, "41% of the participants".** 594 / ${N} = ${formatPct(594, N, 1)}%; in the reconstruction the share is over the ${q19n} who answered Q19, ${formatPct(platform.count, q19n, 1)}%. Both print as 41%.`);
if (unmet.length) L(`- Targets not met in the table above: ${unmet.map((r) => `${r.what} (paper ${r.printed}${isCountRow(r) ? "" : "%"}, reconstructed ${isCountRow(r) ? r.count : `${formatPct(r.count, r.n, decimalsOf(r.printed))}%`})`).join("; ")}. All follow from the disagreements above.`);
L();
L("## What the paper does not publish, and how it was filled");
L();
L("Items of the questionnaire the paper does not report (`published: false` in the codebook): plausible distributions, mostly favourable with spread, shaped by the Discussion where it says something.");
L();
for (const q of QUESTIONS.filter((q) => q.published === false)) {
  const plan = q.type === "rating" ? RATINGS[q.id] : undefined;
  const how = plan ? `share rating 8–10 set to ${Math.round(Number(plan.high) * 100)}%${plan.gp ? `, higher for GPs` : ""}${plan.und ? ", higher in underserved areas" : ""}${plan.age?.[UNDER_30] ? (plan.age[UNDER_30]! < 0 ? ", lower under 30" : ", higher under 30") : ""}` : q.type === "multiple" ? `option shares set by hand; "${MULTIPLE[q.id]?.exclusive}" excludes the others` : "";
  L(`- Q${q.number} \`${q.id}\` (${q.label}): ${how}. Result: ${distribution(q.id)}.`);
}
L();
L("Options of the multiple-choice questions the paper does not quantify (Fig 3 and Fig 4 show them; their numbers are not in the text). Set below the named ones; written-in \"Other\" answers are short generic texts.");
L();
const named = new Set([raw("strengths", "Speed of responses"), raw("strengths", "Accessibility at all times"), raw("weaknesses", "Contradictions between different responses")]);
for (const id of ["strengths", "weaknesses"]) {
  const q = question(cb, id);
  for (const o of rawOptions(id).filter((o) => !named.has(o))) {
    const extra = o === raw("weaknesses", "Lack of a legal framework for such opinions") ? " (named \"predominant\" in the Discussion, no number: set just below contradictions)" : "";
    L(`- Q${q.number} ${q.options![o]}${extra}: ${pc(share(id, (v) => ticked(id, v).chosen.has(o)))}`);
  }
  L(`- Q${q.number} written-in Other: ${pc(share(id, (v) => ticked(id, v).other !== ""))}`);
}
L();
L("Splits the paper does not print:");
L();
L(`- Age bands other than 30–40: ${distribution("age")}.`);
L(`- Specialties other than general practice: ${distribution("specialty")}.`);
L(`- Practice, salaried vs mixed: ${distribution("practice")}.`);
L(`- Log-on frequency: ${distribution("login_frequency")}.`);
L(`- Q8 years of membership (group founded 2017, survey 2022, so 0–5): ${distribution("membership_years")}.`);
L(`- The 0–4 / 5–7 split of the published ratings (the paper prints only the share ≥ 8): ${["useful", "reassured", "less_isolated", "enriched_knowledge", "access_documents"].map((id) => `${id} ${distribution(id)}`).join("; ")}.`);
L(`- Free text: Q20 names generic platforms or channels (e.g. "Omnidoc", "Docteur Avis", a WhatsApp group of colleagues); Q27 short comments of thanks or criticism. Both are private in the codebook.`);
writeFileSync(MD_PATH, lines.join("\n") + "\n", "utf8");

console.log(`${displayPath(CSV_PATH)}: ${rows.length} responses, ${nComplete} complete`);
console.log(`${displayPath(MD_PATH)}: ${results.length - unmet.length}/${results.length} printed targets met; not met: ${unmet.map((r) => r.what).join("; ") || "none"}`);
