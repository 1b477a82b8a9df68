// Reconstructs the raw data of Ali, "From Awareness to Advocacy: The Impact of Social Media on Healthcare
// Professionals", Preprints.org (2025), doi 10.20944/preprints202503.0426.v1: a mixed-methods study with a
// survey of healthcare professionals and a content analysis of their social media posts.
//
// The author published no data and no sample sizes, so this script builds, once and deterministically, two
// plausible raw files that reproduce what the paper prints: the survey as a Google Forms export
// (data/ali-2025/responses.csv) and the coding sheet of the posts (data/ali-2025-posts/posts.csv). Method,
// as for bendayan-2024: decide exact counts first (from each printed percentage and the assumed sample
// size), then hand them out with a seeded Mersenne Twister. Questions, columns and option labels all come
// from the two codebooks; this file only knows the paper's targets, keyed by question id and display label.
//
// Writes both files and data/ali-2025/RECONSTRUCTION.md; the latter is computed from the files as written,
// parsed back by the build's own parser (loaders/responses.ts), never from the targets. Run:
// npm run reconstruct -- ali-2025
import {writeFileSync} from "node:fs";
import {join} from "node:path";
import {largestRemainder, seededRandom, sum} from "./random.ts";
import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";
import {csvFormatRows} from "d3-dsv";
import {type Codebook, type Question, DATA_DIR, displayPath, loadCodebook, question} from "../../loaders/codebook.ts";
import {readResponses} from "../../loaders/database.ts";
import type {Response} from "../../loaders/responses.ts";
import {correlationTest} from "../../src/components/stats.ts";

const STUDY = "ali-2025";
const POSTS_STUDY = "ali-2025-posts";
/** The one seed (the preprint's posting date). Changing it changes every row; the targets are met for any seed. */
const SEED = 20250306;
const {random, normal, shuffle, pick} = seededRandom(SEED);
/** Assumed sample sizes (the paper reports neither): see "Sample sizes" in RECONSTRUCTION.md. */
const N = 100;
const M = 200;

const cb = loadCodebook(STUDY);
const pcb = loadCodebook(POSTS_STUDY);
if (pcb.study.part_of !== STUDY) fail(`${POSTS_STUDY}'s codebook must say part_of: ${STUDY}`);
const CSV_PATH = join(DATA_DIR, STUDY, cb.responses?.file ?? "responses.csv");
const POSTS_PATH = join(DATA_DIR, POSTS_STUDY, pcb.responses?.file ?? fail(`${POSTS_STUDY}: no responses file`));
const MD_PATH = join(DATA_DIR, STUDY, "RECONSTRUCTION.md");
const SEP = cb.responses?.separator ?? ", ";
const TIMESTAMP = cb.responses?.timestamp ?? "Timestamp";

function fail(message: string): never {
  throw new Error(`${STUDY} reconstruction: ${message}`);
}

// ---------------------------------------------------------------------------------------------------------
/** Gives out levels with exact counts in order of `score`, highest score first (the first level). */
function rankAllocate<T>(pool: readonly T[], score: (x: T) => number, counts: [string | number, number][], set: (x: T, level: string | number) => void): void {
  const total = sum(counts.map(([, c]) => c));
  if (total !== pool.length) fail(`rankAllocate: ${total} counts for ${pool.length} units`);
  const ranked = pool.map((x, i) => ({x, i, s: score(x)})).sort((a, b) => b.s - a.s || a.i - b.i);
  let at = 0;
  for (const [level, count] of counts) for (let j = 0; j < count; ++j) set(ranked[at++].x, level);
}

/** random.ts's largestRemainder, once the expected values are scaled to sum to `total`. */
function scaledLargestRemainder(expected: number[], total: number, caps: number[]): number[] {
  const scale = total / sum(expected);
  return largestRemainder(expected.map((e) => e * scale), total, caps);
}

// ---------------------------------------------------------------------------------------------------------
// Printed values: a count meets a printed percentage when count/n, rounded half-up at the printed
// precision, gives back the printed digits.
function decimalsOf(printed: string): number {
  return printed.includes(".") ? printed.split(".")[1].length : 0;
}
function round(value: number, decimals: number): string {
  const f = 10 ** decimals;
  return (Math.round(value * f + 1e-9) / f).toFixed(decimals);
}
function formatPct(count: number, n: number, decimals: number): string {
  return round((count * 100) / n, decimals);
}
function meets(count: number, n: number, printed: string): boolean {
  return n > 0 && formatPct(count, n, decimalsOf(printed)) === printed;
}
/** The count out of n nearest to the printed share that prints as it; throws if no count does. */
function countFor(printed: string, n: number): number {
  const ideal = (Number(printed) / 100) * n;
  let best = -1;
  for (let c = 0; c <= n; ++c) if (meets(c, n, printed) && (best < 0 || Math.abs(c - ideal) < Math.abs(best - ideal))) best = c;
  return best >= 0 ? best : fail(`no count out of ${n} prints as ${printed}%`);
}
const pc = (count: number, n: number) => `${formatPct(count, n, 1)}% (${count}/${n})`;

/** Mean and sample SD of the values v with counts c (v[k] taken c[k] times). */
function meanSd(values: number[], counts: number[]): {n: number; mean: number; sd: number} {
  const n = sum(counts);
  const mean = sum(values.map((v, k) => v * counts[k])) / n;
  const ss = sum(values.map((v, k) => counts[k] * (v - mean) ** 2));
  return {n, mean, sd: Math.sqrt(ss / (n - 1))};
}
/** Pearson's r, the textbook formula: Σ(x − x̄)(y − ȳ) / √(Σ(x − x̄)² Σ(y − ȳ)²). */
function pearson(x: number[], y: number[]): number {
  const mx = sum(x) / x.length, my = sum(y) / y.length;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < x.length; ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}
/** Quantile with linear interpolation between order statistics (R's type 7, DuckDB's quantile_cont). */
function quantile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * p, lo = Math.floor(h);
  return s[lo] + (h - lo) * ((s[Math.min(lo + 1, s.length - 1)] ?? s[lo]) - s[lo]);
}
/** p as a paper prints it: "< 0.001", else three decimals. */
function formatP(p: number): string {
  return p < 0.001 ? "< 0.001" : p.toFixed(3);
}

// ---------------------------------------------------------------------------------------------------------
// The codebooks, read, never retyped.
function rawLabel(book: Codebook, id: string, display: string): string {
  const hit = Object.entries(question(book, id).options ?? {}).find(([, d]) => d === display);
  return hit ? hit[0] : fail(`question "${id}" has no option displayed as "${display}"`);
}
const displays = (book: Codebook, id: string) => Object.values(question(book, id).options ?? fail(`question "${id}" has no options`));
const scaleOf = (id: string) => cb.scales?.[question(cb, id).scale ?? ""] ?? fail(`question "${id}" has no scale`);
const scaleValues = (id: string) => {
  const s = scaleOf(id);
  return Array.from({length: s.max - s.min + 1}, (_, k) => s.min + k);
};
/** The question asked of a platform's users: the single-choice question whose asked_if names that platform. */
function purposeQuestion(platform: string): Question {
  const rawPlatform = rawLabel(cb, "platforms", platform);
  return cb.questions.find((q) => q.asked_if && "question" in q.asked_if && q.asked_if.question === "platforms" && q.asked_if.in?.length === 1 && q.asked_if.in[0] === rawPlatform) ?? fail(`no purpose question for ${platform}`);
}

// ---------------------------------------------------------------------------------------------------------
// The paper's numbers (display labels of the codebooks).
const P = {
  // Results, table 1: platform, share of professionals using it, primary purpose.
  platforms: [
    ["Facebook", "65", "Patient engagement"],
    ["LinkedIn", "55", "Professional networking"],
    ["Twitter", "50", "Knowledge sharing and advocacy"],
    ["Instagram", "40", "Health awareness campaigns"],
    ["TikTok", "20", "Educating younger demographics"]
  ] as const,
  // Discussion §1: "mean frequency of social media usage ... 4.3 on a 5-point Likert scale, with a standard
  // deviation of 0.7"; "over 80% of survey respondents indicating frequent engagement".
  usageMean: "4.3", usageSd: "0.7", frequentOver: 80,
  // Discussion §3.
  visibility: "78", r: "0.78", pBelow: 0.01,
  // Discussion §4.
  concerns: [["Misinformation", "67"], ["Patient confidentiality", "45"], ["Personal and professional boundaries", "38"]] as const,
  // Results, table 2: content type, share of posts, engagement level (likes, shares).
  contentTypes: [
    ["Educational posts", "40", "High"],
    ["Patient success stories", "25", "Moderate"],
    ["Public health campaigns", "20", "High"],
    ["Professional achievements", "10", "Moderate"],
    ["Advocacy/opinion pieces", "5", "Variable"]
  ] as const,
  // Discussion §2 and §4.
  awareness: "45", advocacy: "25", unverified: "12"
};

// ---------------------------------------------------------------------------------------------------------
// Sample sizes. The survey's printed percentages are all whole numbers; the smallest n at which each is a
// whole count (not only a rounded share) is the least common multiple of 100 / gcd(p, 100): for these, 100.
const gcd = (a: number, b: number): number => (b ? gcd(b, a % b) : a);
const lcm = (a: number, b: number) => (a * b) / gcd(a, b);
const surveyPercents = [...P.platforms.map(([, p]) => p), P.visibility, ...P.concerns.map(([, p]) => p)];
const postPercents = [...P.contentTypes.map(([, p]) => p), P.awareness, P.advocacy, P.unverified];
const exactN = (ps: readonly string[]) => ps.map((p) => 100 / gcd(Number(p), 100)).reduce(lcm, 1);
/** Every distribution of n answers over 1–5 (counts of 1, 2, 3, 4, 5) whose mean and SD print as the paper's. */
const usageCache = new Map<number, number[][]>();
function usageDistributions(n: number): number[][] {
  const values = scaleValues("usage_frequency");
  if (values.join() !== "1,2,3,4,5") fail("the usage scale must be 1–5");
  if (usageCache.has(n)) return usageCache.get(n)!;
  const out: number[][] = [];
  for (let c1 = 0; c1 <= n; ++c1)
    for (let c2 = 0; c1 + c2 <= n; ++c2)
      for (let c3 = 0; c1 + c2 + c3 <= n; ++c3)
        for (let c4 = 0; c1 + c2 + c3 + c4 <= n; ++c4) {
          const c5 = n - c1 - c2 - c3 - c4;
          const s = c1 + 2 * c2 + 3 * c3 + 4 * c4 + 5 * c5;
          const q = c1 + 4 * c2 + 9 * c3 + 16 * c4 + 25 * c5;
          const mean = s / n, sd = Math.sqrt(Math.max(0, (q - (s * s) / n) / (n - 1)));
          if (round(mean, 1) === P.usageMean && round(sd, 1) === P.usageSd) out.push([c1, c2, c3, c4, c5]);
        }
  usageCache.set(n, out);
  return out;
}
const frequentShare = (c: number[]) => (100 * (c[3] + c[4])) / sum(c);
/** The smallest n at which every printed survey percentage is reachable as a rounded share, and a 1–5 mean/SD too. */
function smallestRoundedN(): {percents: number; withMeanSd: number} {
  let percents = 0;
  for (let n = 1; n <= N; ++n) {
    const ok = surveyPercents.every((p) => {
      for (let c = 0; c <= n; ++c) if (meets(c, n, p)) return true;
      return false;
    });
    if (!ok) continue;
    percents ||= n;
    if (usageDistributions(n).some((c) => frequentShare(c) > P.frequentOver)) return {percents, withMeanSd: n};
  }
  return fail("no n up to N meets the survey's printed numbers");
}
if (exactN(surveyPercents) !== N) fail(`N = ${N}, but the printed survey shares are whole counts first at ${exactN(surveyPercents)}`);
if (M % exactN(postPercents) !== 0) fail(`M = ${M} does not make the printed post shares whole counts`);
const usageCandidates = usageDistributions(N).filter((c) => frequentShare(c) > P.frequentOver);

// ---------------------------------------------------------------------------------------------------------
// Step 1: the survey. Every respondent has a latent "social media activity" score; the frequency of use,
// engagement, perceived growth and the number of platforms all lean on it.
type Value = string | number | string[];
interface Respondent {z: number; a: Record<string, Value>}
const people: Respondent[] = Array.from({length: N}, () => ({z: normal(), a: {}}));

// Usage frequency: of the distributions whose mean and SD print as 4.3 and 0.7 with more than 80% at 4–5,
// the one nearest to the printed mean and SD (then the fewest answers below 3: a consistent sample).
const distance = (c: number[]) => {
  const {mean, sd} = meanSd(scaleValues("usage_frequency"), c);
  return Math.abs(mean - Number(P.usageMean)) + Math.abs(sd - Number(P.usageSd));
};
const USAGE = usageCandidates.sort((a, b) => distance(a) - distance(b) || a[0] + a[1] - (b[0] + b[1]) || b[4] - a[4])[0] ?? fail("no usage distribution meets 4.3 / 0.7");
const usageLevels = scaleValues("usage_frequency").map((v, k) => [v, USAGE[k]] as [number, number]).reverse();
rankAllocate(people, (p) => p.z + 0.5 * normal(), usageLevels, (p, v) => (p.a.usage_frequency = v));

// Engagement and perceived growth (not published): their own plausible distributions (counts of 1…5),
// engagement following the activity score, growth following engagement with latent correlation RHO;
// then pairs of growth answers are swapped (counts unchanged) until r prints as 0.78.
const ENGAGEMENT_COUNTS = [4, 9, 23, 37, 27];
const GROWTH_COUNTS = [2, 7, 19, 43, 29];
const RHO = 0.85;
const eLatent = new Map(people.map((p) => [p, 0.6 * p.z + 0.8 * normal()]));
rankAllocate(people, (p) => eLatent.get(p)!, scaleValues("engagement").map((v, k) => [v, ENGAGEMENT_COUNTS[k]] as [number, number]).reverse(), (p, v) => (p.a.engagement = v));
const gLatent = new Map(people.map((p) => [p, RHO * eLatent.get(p)! + Math.sqrt(1 - RHO * RHO) * normal()]));
rankAllocate(people, (p) => gLatent.get(p)!, scaleValues("growth").map((v, k) => [v, GROWTH_COUNTS[k]] as [number, number]).reverse(), (p, v) => (p.a.growth = v));
const TARGET_R = Number(P.r);
const currentR = () => pearson(people.map((p) => p.a.engagement as number), people.map((p) => p.a.growth as number));
let swaps = 0;
// r moves in steps of about 1/√(Sxx·Syy) ≈ 0.01 (Σxy is a whole number), so "prints as 0.78" is the goal.
for (let tries = 0; round(currentR(), 2) !== P.r; ++tries) {
  if (tries > 100000) fail(`could not bring r (${currentR()}) to print as ${P.r}`);
  const i = Math.floor(random() * N), j = Math.floor(random() * N);
  const [a, b] = [people[i], people[j]];
  if (a.a.growth === b.a.growth) continue;
  const before = Math.abs(currentR() - TARGET_R);
  [a.a.growth, b.a.growth] = [b.a.growth, a.a.growth];
  if (Math.abs(currentR() - TARGET_R) < before) ++swaps;
  else [a.a.growth, b.a.growth] = [b.a.growth, a.a.growth];
}

// Visibility and credibility: those who feel they grew say yes more often.
{
  const yes = new Set(pick(people, countFor(P.visibility, N), (p) => Math.exp(0.8 * ((p.a.growth as number) - 3))));
  for (const p of people) p.a.visibility = rawLabel(cb, "visibility", yes.has(p) ? "Yes" : "No");
}

/** Ticks each option for exactly its count of respondents, then makes sure everyone ticked at least one. */
function fillMultiple(id: string, counts: Map<string, number>, weight: (p: Respondent, option: string) => number): void {
  const options = Object.keys(question(cb, id).options!);
  const ticks = new Map<Respondent, Set<string>>(people.map((p) => [p, new Set()]));
  for (const o of options) for (const p of pick(people, counts.get(question(cb, id).options![o]) ?? 0, (p) => weight(p, o))) ticks.get(p)!.add(o);
  // Everyone answered the question: move ticks from those with two or more (counts unchanged).
  for (const p of people.filter((p) => ticks.get(p)!.size === 0)) {
    for (const o of shuffle([...options])) {
      const donors = people.filter((d) => ticks.get(d)!.size >= 2 && ticks.get(d)!.has(o));
      if (!donors.length) continue;
      const donor = donors[Math.floor(random() * donors.length)];
      ticks.get(donor)!.delete(o);
      ticks.get(p)!.add(o);
      break;
    }
    if (!ticks.get(p)!.size) fail(`question "${id}": could not give a respondent a tick`);
  }
  for (const p of people) p.a[id] = options.filter((o) => ticks.get(p)!.has(o)); // form order
}
// Platforms: the more active use more of them; TikTok and Instagram lean to the most active.
fillMultiple("platforms", new Map(P.platforms.map(([d, p]) => [d, countFor(p, N)])), (p, o) => Math.exp((["TikTok", "Instagram"].includes(o) ? 0.8 : 0.4) * p.z));
// Concerns: the more engaged are more aware of misinformation; confidentiality and boundaries evenly.
fillMultiple("concerns", new Map(P.concerns.map(([d, p]) => [d, countFor(p, N)])), (p, o) => (o === rawLabel(cb, "concerns", "Misinformation") ? Math.exp(0.3 * ((p.a.engagement as number) - 3)) : 1));

// Primary purpose per platform, among its users. Shares other than the paper's primary purpose are not
// printed: set by hand so that the paper's purpose is clearly the most chosen, LinkedIn is the platform most
// chosen for networking ("the most utilized platform for professional development", Discussion §1), and
// health awareness campaigns come second on Twitter ("commonly used for public health awareness campaigns").
const PURPOSE_SHARES: Record<string, Record<string, number>> = {
  Facebook: {"Patient engagement": 0.46, "Health awareness campaigns": 0.2, "Knowledge sharing and advocacy": 0.14, "Professional networking": 0.12, "Educating younger demographics": 0.08},
  LinkedIn: {"Professional networking": 0.64, "Knowledge sharing and advocacy": 0.2, "Health awareness campaigns": 0.07, "Patient engagement": 0.05, "Educating younger demographics": 0.04},
  Twitter: {"Knowledge sharing and advocacy": 0.48, "Health awareness campaigns": 0.26, "Professional networking": 0.16, "Patient engagement": 0.06, "Educating younger demographics": 0.04},
  Instagram: {"Health awareness campaigns": 0.45, "Educating younger demographics": 0.2, "Patient engagement": 0.15, "Knowledge sharing and advocacy": 0.12, "Professional networking": 0.08},
  TikTok: {"Educating younger demographics": 0.55, "Health awareness campaigns": 0.3, "Knowledge sharing and advocacy": 0.1, "Patient engagement": 0.05, "Professional networking": 0}
};
for (const [platform] of P.platforms) {
  const q = purposeQuestion(platform);
  const rawPlatform = rawLabel(cb, "platforms", platform);
  const users = shuffle(people.filter((p) => (p.a.platforms as string[]).includes(rawPlatform)));
  const levels = displays(cb, q.id);
  const shares = PURPOSE_SHARES[platform];
  for (const d of Object.keys(shares)) if (!levels.includes(d)) fail(`no purpose displayed as "${d}"`);
  const counts = scaledLargestRemainder(levels.map((d) => shares[d] ?? 0), users.length, levels.map(() => users.length));
  let at = 0;
  levels.forEach((d, k) => {
    for (let j = 0; j < counts[k]; ++j) users[at++].a[q.id] = rawLabel(cb, q.id, d);
  });
}

// Comments: optional free text, short and generic, from a minority.
const COMMENTS = [
  "Our hospital needs clear guidelines on what staff can post.",
  "I learn a lot from colleagues abroad on Twitter.",
  "Training on social media ethics should be part of our curriculum.",
  "Patients often bring misinformation from TikTok to the clinic.",
  "LinkedIn helped me find a research collaboration.",
  "I keep separate personal and professional accounts.",
  "Health awareness videos reach far more people than leaflets.",
  "I worry about patients recognising cases in posts, even anonymised ones.",
  "Time is the main limit: I post mostly on weekends.",
  "Good survey, thank you."
];
for (const p of pick(people, Math.round(0.14 * N))) p.a.comments = COMMENTS[Math.floor(random() * COMMENTS.length)];

// Submission times. The paper gives no fieldwork dates: invented, 6 January – 2 February 2025 (before the
// preprint of 6 March 2025), wall-clock time of the sheet (Asia/Karachi), with a wave after a reminder.
const DAYS = 28;
const dayWeights = Array.from({length: DAYS}, (_, d) => 0.05 + Math.exp(-d / 3) + 0.5 * Math.exp(-Math.max(0, d - 14) / 2) * +(d >= 14));
const hourWeights = [0.1, 0.05, 0.05, 0.05, 0.05, 0.1, 0.3, 0.8, 1.2, 1.4, 1.3, 1.2, 1.5, 1.6, 1.3, 1.1, 1.2, 1.4, 1.6, 1.9, 2.2, 2.4, 1.8, 0.6];
const drawIndex = (weights: number[]) => {
  let u = random() * sum(weights);
  for (let i = 0; i < weights.length; ++i) if ((u -= weights[i]) < 0) return i;
  return weights.length - 1;
};
const times = people.map(() => Date.UTC(2025, 0, 6 + drawIndex(dayWeights), drawIndex(hourWeights), Math.floor(random() * 60), Math.floor(random() * 60))).sort((a, b) => a - b);
for (let k = 1; k < N; ++k) if (times[k] <= times[k - 1]) times[k] = times[k - 1] + 1000;
// Google Sheets in an English (US) locale: M/D/YYYY H:MM:SS, 24-hour, no zone.
const formatTimestamp = (t: number) => {
  const d = new Date(t), pad = (v: number) => String(v).padStart(2, "0");
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${d.getUTCHours()}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
};
const order = shuffle([...people]); // times are independent of the answers
const cellOf = (v: Value | undefined) => (v === undefined ? "" : Array.isArray(v) ? v.join(SEP) : String(v));
const csv = csvFormatRows([[TIMESTAMP, ...cb.questions.map((q) => q.column)], ...order.map((p, k) => [formatTimestamp(times[k]), ...cb.questions.map((q) => cellOf(p.a[q.id]))])]);
writeFileSync(CSV_PATH, csv + "\n", "utf8");

// ---------------------------------------------------------------------------------------------------------
// Step 2: the coded posts. Exact counts per content type; engagement (likes + shares) drawn per type from a
// log-normal by stratified quantiles, so that each type's median and spread follow the paper's engagement
// level: "High" types around 300, "Moderate" around 100–150, "Variable" with a much wider spread.
interface Post {type: string; engagement: number; awareness: boolean; advocacy: boolean; unverified: boolean}
const ENGAGEMENT: Record<string, {median: number; sigma: number}> = {
  "Educational posts": {median: 310, sigma: 0.6},
  "Public health campaigns": {median: 280, sigma: 0.6},
  "Patient success stories": {median: 140, sigma: 0.55},
  "Professional achievements": {median: 105, sigma: 0.5},
  "Advocacy/opinion pieces": {median: 170, sigma: 1.4}
};
// Share of each type's posts coded with each topic (not printed; scaled to the printed totals).
const TOPIC_RATES: Record<"awareness" | "advocacy" | "unverified", Record<string, number>> = {
  awareness: {"Educational posts": 0.55, "Public health campaigns": 0.9, "Patient success stories": 0.12, "Professional achievements": 0, "Advocacy/opinion pieces": 0.4},
  advocacy: {"Educational posts": 0.2, "Public health campaigns": 0.35, "Patient success stories": 0.16, "Professional achievements": 0.1, "Advocacy/opinion pieces": 1},
  unverified: {"Educational posts": 0.125, "Public health campaigns": 0.05, "Patient success stories": 0.14, "Professional achievements": 0.05, "Advocacy/opinion pieces": 0.4}
};
const typeLevels = displays(pcb, "content_type");
for (const [d] of P.contentTypes) if (!typeLevels.includes(d)) fail(`${POSTS_STUDY}: no content type displayed as "${d}"`);
const posts: Post[] = [];
const byType = new Map<string, Post[]>();
for (const [type, printed] of P.contentTypes) {
  const k = countFor(printed, M), {median, sigma} = ENGAGEMENT[type];
  const group = Array.from({length: k}, (_, i) => ({type, engagement: Math.round(median * Math.exp(sigma * normalQuantile((i + random()) / k, 0, 1))), awareness: false, advocacy: false, unverified: false}));
  byType.set(type, group);
  posts.push(...group);
}
if (posts.length !== M) fail(`${posts.length} posts, expected ${M} (the content-type shares must add up to 100%)`);
for (const topic of ["awareness", "advocacy", "unverified"] as const) {
  const types = [...byType.keys()];
  const counts = scaledLargestRemainder(types.map((t) => TOPIC_RATES[topic][t] * byType.get(t)!.length), countFor(P[topic], M), types.map((t) => byType.get(t)!.length));
  types.forEach((t, k) => {
    for (const post of pick(byType.get(t)!, counts[k])) post[topic] = true;
  });
}
shuffle(posts);
const yesNo = (topicId: string, v: boolean) => rawLabel(pcb, topicId, v ? "Yes" : "No");
const postCell: Record<string, (post: Post, k: number) => string> = {
  post_id: (_, k) => `P${String(k + 1).padStart(3, "0")}`,
  content_type: (post) => rawLabel(pcb, "content_type", post.type),
  engagement: (post) => String(post.engagement),
  awareness: (post) => yesNo("awareness", post.awareness),
  advocacy: (post) => yesNo("advocacy", post.advocacy),
  unverified: (post) => yesNo("unverified", post.unverified)
};
const postsCsv = csvFormatRows([pcb.questions.map((q) => q.column), ...posts.map((post, k) => pcb.questions.map((q) => (postCell[q.id] ?? fail(`no cell for "${q.id}"`))(post, k)))]);
writeFileSync(POSTS_PATH, postsCsv + "\n", "utf8");

// ---------------------------------------------------------------------------------------------------------
// Step 3: RECONSTRUCTION.md, every number computed from the two files as written, parsed back by the build's
// own parser (which validates every cell against the codebooks: a generator bug stops here).
const survey: Response[] = await readResponses({codebook: cb, path: CSV_PATH});
const coded: Response[] = await readResponses({codebook: pcb, path: POSTS_PATH});
const answered = (rows: Response[], id: string) => rows.filter((r) => r.answers[id] !== null && r.answers[id] !== undefined);
function share(rows: Response[], id: string, test: (v: Response["answers"][string]) => boolean) {
  const among = answered(rows, id);
  return {count: among.filter((r) => test(r.answers[id])).length, n: among.length};
}
const ticked = (label: string) => (v: Response["answers"][string]) => Array.isArray(v) && v.includes(label);
const is = (label: string) => (v: Response["answers"][string]) => v === label;

interface Row {section: string; what: string; paper: string; data: string; nN: string; met: boolean}
const results: Row[] = [];
const target = (section: string, what: string, printed: string, s: {count: number; n: number}) =>
  results.push({section, what, paper: `${printed}%`, data: `${formatPct(s.count, s.n, decimalsOf(printed))}%`, nN: `${s.count} / ${s.n}`, met: meets(s.count, s.n, printed)});

// Survey.
results.push({section: "Sample", what: "Respondents (assumed; not reported)", paper: "–", data: String(survey.length), nN: "", met: survey.length === N});
results.push({section: "Sample", what: "Posts coded (assumed; not reported)", paper: "–", data: String(coded.length), nN: "", met: coded.length === M});
for (const [platform, printed] of P.platforms) target("Platforms (Results, table 1)", `Uses ${platform}`, printed, share(survey, "platforms", ticked(platform)));
const modal = (id: string) => {
  const counts = displays(cb, id).map((d) => ({d, ...share(survey, id, is(d))})).sort((a, b) => b.count - a.count);
  return {top: counts[0], second: counts[1], all: counts};
};
for (const [platform, , purpose] of P.platforms) {
  const q = purposeQuestion(platform), m = modal(q.id);
  results.push({section: "Primary purpose (Results, table 1)", what: `${platform}: most chosen purpose`, paper: purpose, data: `${m.top.d}, ${pc(m.top.count, m.top.n)}; next ${m.second.d}, ${pc(m.second.count, m.second.n)}`, nN: `${m.top.count} / ${m.top.n}`, met: m.top.d === purpose && m.top.count > m.second.count});
}
const usageValues = answered(survey, "usage_frequency").map((r) => r.answers.usage_frequency as number);
const usageCounts = scaleValues("usage_frequency").map((v) => usageValues.filter((x) => x === v).length);
const usage = meanSd(scaleValues("usage_frequency"), usageCounts);
results.push({section: "Usage (Discussion §1)", what: "Mean frequency of use (1–5)", paper: P.usageMean, data: `${usage.mean.toFixed(3)} (prints ${round(usage.mean, 1)})`, nN: `n = ${usage.n}`, met: round(usage.mean, 1) === P.usageMean});
results.push({section: "Usage (Discussion §1)", what: "SD of frequency of use", paper: P.usageSd, data: `${usage.sd.toFixed(3)} (prints ${round(usage.sd, 1)})`, nN: `n = ${usage.n}`, met: round(usage.sd, 1) === P.usageSd});
const frequent = share(survey, "usage_frequency", (v) => (v as number) >= 4);
results.push({section: "Usage (Discussion §1)", what: "Frequent use (4 or 5)", paper: `over ${P.frequentOver}%`, data: pc(frequent.count, frequent.n), nN: `${frequent.count} / ${frequent.n}`, met: (100 * frequent.count) / frequent.n > P.frequentOver});
target("Professional development (Discussion §3)", "Social media enhanced professional visibility and credibility", P.visibility, share(survey, "visibility", is("Yes")));
const pairs = survey.filter((r) => r.answers.engagement !== null && r.answers.growth !== null);
const r = pearson(pairs.map((p) => p.answers.engagement as number), pairs.map((p) => p.answers.growth as number));
const rTest = correlationTest(r, pairs.length);
results.push({section: "Professional development (Discussion §3)", what: "Pearson's r, engagement vs perceived growth", paper: P.r, data: `${r.toFixed(4)} (prints ${round(r, 2)})`, nN: `n = ${pairs.length}`, met: round(r, 2) === P.r});
results.push({section: "Professional development (Discussion §3)", what: `p of r (t = ${rTest.statistic.toFixed(2)}, df = ${rTest.df})`, paper: `< ${P.pBelow}`, data: rTest.p.toExponential(2), nN: "", met: rTest.p < P.pBelow});
for (const [concern, printed] of P.concerns) target("Concerns (Discussion §4)", concern, printed, share(survey, "concerns", ticked(concern)));

// Posts.
for (const [type, printed] of P.contentTypes) target("Content types (Results, table 2)", type, printed, share(coded, "content_type", is(type)));
target("Topics (Discussion §2)", "Posts raising awareness of public health issues", P.awareness, share(coded, "awareness", is("Yes")));
target("Topics (Discussion §2)", "Advocacy-related posts", P.advocacy, share(coded, "advocacy", is("Yes")));
target("Topics (Discussion §4)", "Posts with unverified or misleading information", P.unverified, share(coded, "unverified", is("Yes")));
const engagementOf = (type: string) => coded.filter((row) => row.answers.content_type === type).map((row) => row.answers.engagement as number);
const typeStats = P.contentTypes.map(([type, , level]) => {
  const e = engagementOf(type);
  const [q1, median, q3] = [0.25, 0.5, 0.75].map((p) => quantile(e, p));
  return {type, level, n: e.length, q1, median, q3, relIqr: (q3 - q1) / median};
});
const ofLevel = (level: string) => typeStats.filter((s) => s.level === level);
const highMin = Math.min(...ofLevel("High").map((s) => s.median)), moderateMax = Math.max(...ofLevel("Moderate").map((s) => s.median));
const variable = ofLevel("Variable")[0], widestOther = Math.max(...typeStats.filter((s) => s.level !== "Variable").map((s) => s.relIqr));
results.push({section: "Engagement levels (Results, table 2)", what: "“High” types have higher median engagement than “Moderate” ones", paper: "High > Moderate", data: `lowest High median ${highMin} > highest Moderate median ${moderateMax}`, nN: "", met: highMin > moderateMax});
results.push({section: "Engagement levels (Results, table 2)", what: "“Variable” has the widest interquartile range relative to its median", paper: "Variable", data: `advocacy/opinion IQR/median ${variable.relIqr.toFixed(2)} vs at most ${widestOther.toFixed(2)} for the others`, nN: "", met: variable.relIqr > widestOther});
const unmet = results.filter((row) => !row.met);
if (unmet.length) fail(`targets not met: ${unmet.map((row) => row.what).join("; ")}`);

// Statements of the Discussion without a number, checked on the data.
const networking = P.platforms.map(([platform]) => ({platform, ...share(survey, purposeQuestion(platform).id, is("Professional networking"))})).sort((a, b) => b.count - a.count);
const twitter = modal(purposeQuestion("Twitter").id);
const instagram = modal(purposeQuestion("Instagram").id);
const claims = [
  {
    claim: "“LinkedIn was found to be the most utilized platform for professional development” (Discussion §1)",
    data: `respondents naming professional networking as a platform's primary purpose: ${networking.map((x) => `${x.platform} ${x.count}`).join(", ")}`,
    holds: networking[0].platform === "LinkedIn"
  },
  {
    claim: "“Twitter was commonly used for public health awareness campaigns” (Discussion §1)",
    data: `Twitter users' second purpose: ${twitter.second.d}, ${pc(twitter.second.count, twitter.second.n)} (first: ${twitter.top.d}, ${pc(twitter.top.count, twitter.top.n)})`,
    holds: twitter.second.d === "Health awareness campaigns"
  },
  {
    claim: "Over 80% frequent users “of platforms such as Twitter, LinkedIn, and Instagram” (Discussion §1)",
    data: `frequency 4–5 of all respondents ${pc(frequent.count, frequent.n)}; the frequency question is about social media in general, not per platform`,
    holds: (100 * frequent.count) / frequent.n > P.frequentOver
  }
];

// ---------------------------------------------------------------------------------------------------------
const lines: string[] = [];
const L = (s = "") => lines.push(s);
const postsTotal = coded.length;
const platformSum = sum(P.platforms.map(([platform]) => share(survey, "platforms", ticked(platform)).count));
const roundedN = smallestRoundedN();
const dist = (rows: Response[], id: string, book: Codebook) => {
  const q = question(book, id);
  const levels = q.type === "rating" ? scaleValues(id) : displays(book, id);
  return levels.map((l) => `${l}: ${pc(share(rows, id, (v) => v === l).count, answered(rows, id).length)}`).join(", ");
};
L(`# ${cb.study.id}: how the reconstructed data were made`);
L();
L(`Generated by \`scripts/reconstruct/${STUDY}.ts\` (seed ${SEED}). Do not edit: rerun the script. Every number below is computed from \`data/${STUDY}/${cb.responses?.file}\` and \`data/${POSTS_STUDY}/${pcb.responses?.file}\` as written, parsed back with the build's own parser (\`readResponses\`), not copied from the targets.`);
L();
L(`${cb.study.citation}. A mixed-methods preprint (not peer reviewed): a survey of healthcare professionals and a content analysis of their social media posts. The author published no data, no questionnaire and no sample sizes. \`${cb.responses?.file}\` and \`${pcb.responses?.file}\` are therefore **reconstructions**: ${survey.length} synthetic survey responses and ${postsTotal} synthetic coded posts, built so that the aggregates the paper prints come out of them. They are not the study's data, and nothing in them was observed.`);
L();
L("## The files");
L();
L(`- \`data/${STUDY}/${cb.responses?.file}\`: the survey as a **Google Forms** response sheet exported as CSV: UTF-8 without BOM, comma-separated, fields quoted only when needed (d3-dsv \`csvFormatRows\`), LF line endings, one header row. First column \`${TIMESTAMP}\`, as a Sheet in an English (US) locale shows it, \`M/D/YYYY H:MM:SS\` (24-hour, e.g. \`${formatTimestamp(times[0])}\`), wall-clock time with no zone suffix; then one column per codebook question, headed by its \`column\` text; checkbox answers joined with "${SEP}" in the form's option order; an empty cell where a question was not asked (skip logic: each platform's purpose is asked only of its users).`);
L(`  Why Google Forms: the paper does not name its survey tool. A single-author survey from a Pakistani university department with no funding statement is commonly run on Google Forms, which is free; its export is also the simplest of the three formats the build reads (\`loaders/formats.ts\`), with the question text as each column's header, so nothing is assumed about export tags a Qualtrics licence would add. The choice changes the file's layout only, not any number.`);
L(`- \`data/${POSTS_STUDY}/${pcb.responses?.file}\`: the content analysis as a coder's spreadsheet exported to plain CSV (format \`csv\`): one row per coded post, short codes as cell values (\`${rawLabel(pcb, "content_type", "Educational posts")}\`, \`${rawLabel(pcb, "awareness", "Yes")}\`/\`${rawLabel(pcb, "awareness", "No")}\`), engagement as a whole number of likes + shares. The post identifier (\`post_id\`, P001…) stands for what a real sheet would hold, often the post's URL: free text, private in the codebook.`);
L();
L("## Sample sizes (assumed: the paper reports neither)");
L();
L(`- **Survey: ${survey.length} respondents.** The survey part prints nine percentages (${surveyPercents.join(", ")}%), all whole numbers. Each is a whole count of respondents only when n is a multiple of 100 / gcd(p, 100) (for 67%, of 100); the least common multiple over the nine is ${exactN(surveyPercents)}, so ${N} is the smallest n at which every printed share is an exact count and no share needs rounding. Smaller samples would fit the printed numbers only through rounding: the smallest n at which every percentage can be reached as a rounded share is ${roundedN.percents}, and the smallest at which, in addition, whole answers on the 1–5 scale can give a mean printing 4.3, an SD printing 0.7 and more than 80% at 4–5 is ${roundedN.withMeanSd}. An exact ${N} is the simpler reading of a table of round percentages.`);
L(`- **GRIM / GRIMMER check of 4.3 and 0.7 at n = ${N}.** A mean of ${N} whole answers is a multiple of 1/${N}, so 4.3 is reachable (a sum of ${Math.round(Number(P.usageMean) * N)}). Of the distributions of ${N} answers over 1–5, ${usageDistributions(N).length} give a mean printing ${P.usageMean} and a sample SD printing ${P.usageSd}, and ${usageCandidates.length} of them also have more than ${P.frequentOver}% answering 4 or 5: the paper's three usage numbers are consistent with each other at this n.`);
L(`- **Posts: ${postsTotal}.** The post shares (${postPercents.join(", ")}%) are whole counts from ${exactN(postPercents)} posts on; ${M} gives the smallest content type (advocacy/opinion pieces, ${P.contentTypes[4][1]}%) ${countFor(P.contentTypes[4][1], M)} posts instead of ${countFor(P.contentTypes[4][1], exactN(postPercents))}, enough for its median and interquartile range of engagement, which the paper's "Variable" engagement level is about, to mean something.`);
L();
L("## How it was built");
L();
L(`1. Exact counts first: for each printed percentage, the count out of the assumed n that prints as it (at n = ${N} and ${M}, exactly p% of n).`);
L(`2. Survey: each respondent has a latent activity score. **Frequency of use** (1–5): of the ${usageCandidates.length} distributions meeting 4.3 / 0.7 / over 80%, the one nearest to 4.3 and 0.7, with the fewest answers below 3: ${dist(survey, "usage_frequency", cb)}; given out by the activity score. **Engagement** and **perceived growth** (not printed): distributions set by hand (engagement ${dist(survey, "engagement", cb)}; growth ${dist(survey, "growth", cb)}), engagement following the activity score, growth following engagement (latent correlation ${RHO}); then ${swaps} swaps of two respondents' growth answers (counts unchanged) brought Pearson's r to print as ${P.r}.`);
L(`3. **Platforms** and **concerns** (checkboxes): each option's count fixed and given out by weighted sampling without replacement (the more active use more platforms; TikTok and Instagram lean most to them); anyone left with no tick receives one moved from someone with two or more (counts unchanged), since everyone answered both questions.`);
L(`4. **Primary purpose** per platform, asked of that platform's users: shares set by hand (below) with the paper's purpose clearly first.`);
L(`5. **Visibility and credibility**: ${P.visibility}% "Yes", more often among those reporting more professional growth.`);
L(`6. **Comments** (private free text): short generic English comments from ${answered(survey, "comments").length} respondents. **Submission times**: the paper gives no fieldwork dates; invented from ${formatTimestamp(times[0])} to ${formatTimestamp(times.at(-1)!)}, before the preprint was posted (6 March 2025), independent of the answers.`);
L(`7. Posts: exact counts per content type; **engagement** drawn per type from a log-normal at stratified quantiles, medians set by the paper's engagement levels (High: educational ${ENGAGEMENT["Educational posts"].median}, campaigns ${ENGAGEMENT["Public health campaigns"].median}; Moderate: patient stories ${ENGAGEMENT["Patient success stories"].median}, achievements ${ENGAGEMENT["Professional achievements"].median}; Variable: advocacy/opinion ${ENGAGEMENT["Advocacy/opinion pieces"].median} with a spread (σ of the log) of ${ENGAGEMENT["Advocacy/opinion pieces"].sigma} against ${ENGAGEMENT["Educational posts"].sigma} or less). **Topics** (awareness, advocacy, unverified): the printed totals spread over content types at hand-set rates (below), posts within a type chosen at random.`);
L();
L("## Targets the paper prints");
L();
L(`Percentages are of those who answered the question (every respondent answered the platform and concern questions; purposes are of each platform's users), or of all coded posts. "Met" means the reconstructed value prints exactly as the paper prints it, at its precision (or the statement holds).`);
L();
L("| Section | Target | Paper | Reconstructed | n / N | Met |");
L("|---|---|---:|---:|---:|:---:|");
for (const row of results) L(`| ${row.section} | ${row.what} | ${row.paper} | ${row.data} | ${row.nN} | ${row.met ? "yes" : "**no**"} |`);
L();
L(`Pearson's r is computed here with the textbook formula on the parsed answers, its p-value from Student's t with n − 2 = ${rTest.df} degrees of freedom (two-sided, \`correlationTest\` in \`src/components/stats.ts\`, which takes the t tails from @stdlib's regularized incomplete beta function); the build computes the same r with DuckDB's \`corr()\` (\`correlations.engagement_growth\` in the codebook).`);
L();
L("### Engagement by content type (posts)");
L();
L("The paper gives an engagement level per content type (“High”, “Moderate”, “Variable”), not numbers. Quartiles as DuckDB's `quantile_cont` and R's default (type 7) compute them.");
L();
L("| Content type | Paper's level | Posts | Q1 | Median | Q3 | IQR / median |");
L("|---|---|---:|---:|---:|---:|---:|");
for (const s of typeStats) L(`| ${s.type} | ${s.level} | ${s.n} | ${round(s.q1, 1)} | ${round(s.median, 1)} | ${round(s.q3, 1)} | ${s.relIqr.toFixed(2)} |`);
L();
L("### Statements of the Discussion (no numbers printed)");
L();
L("| Statement | Reconstructed | Holds |");
L("|---|---|:---:|");
for (const c of claims) L(`| ${c.claim} | ${c.data} | ${c.holds ? "yes" : "**no**"} |`);
L();
L("## Where the paper disagrees with itself, and what was kept");
L();
L(`- **Advocacy: 25% of posts (Discussion §2) vs 5% (Results, table 2).** Not a contradiction but two measures: “advocacy-related posts accounted for 25% of the content, with topics including healthcare equity, policy reform…” is a *topic* a post may carry whatever its form, while “advocacy/opinion pieces 5%” is a *content type*, one of five that add up to 100%. Both are kept, as separate variables of the coding sheet (\`advocacy_topic\` and \`content_type\`): all ${share(coded, "content_type", is("Advocacy/opinion pieces")).count} advocacy/opinion pieces carry the advocacy topic, and so do ${share(coded, "advocacy", is("Yes")).count - coded.filter((p) => p.answers.content_type === "Advocacy/opinion pieces" && p.answers.advocacy === "Yes").length} posts of other types (mostly campaigns and educational posts), making ${pc(share(coded, "advocacy", is("Yes")).count, postsTotal)}.`);
L(`- **Awareness campaigns: Twitter (Discussion §1) or Instagram (Results, table 1)?** The table gives Instagram's primary purpose as health awareness campaigns and Twitter's as knowledge sharing and advocacy; the Discussion says Twitter “was commonly used for public health awareness campaigns”. Kept: the table (each platform's most chosen purpose); on Twitter, awareness campaigns are the second purpose (${pc(twitter.second.count, twitter.second.n)}), which “commonly used” allows. Instagram: ${instagram.top.d} ${pc(instagram.top.count, instagram.top.n)}.`);
L(`- **“LinkedIn … the most utilized platform for professional development” (Discussion §1) vs Facebook the most used platform (table 1: 65% vs 55%).** Read as: LinkedIn is the platform most often used *for* professional development (networking); it is (${networking[0].count} respondents name networking as LinkedIn's primary purpose, ${networking[1].count} as ${networking[1].platform}'s), while Facebook has more users overall.`);
L(`- **“Regression analysis showed a strong positive relationship (r = 0.78, p < 0.01)”**: r is a correlation coefficient, not a regression result; reproduced as Pearson's r between the engagement and perceived-growth items. The paper does not say how either was measured: both are assumed to be single 1–5 items.`);
L();
L("## What the paper does not report, and how it was filled");
L();
L(`- **Sample sizes** of the survey and of the posts: assumed ${N} and ${M} (above). **Fieldwork dates, country of the sample, disciplines, demographics**: not reported; the survey has no demographic questions, the sample's country is not stated (the codebook's country, Pakistan, is the author's affiliation), and the timestamps are invented.`);
L(`- **The questionnaire**: not printed. The codebook holds one item per result the paper reports, worded as a Google Form would word it, plus an optional comment box. “Networking opportunities and access to peer-reviewed research were identified as the most valued aspects” (Discussion §3) has no number and no item here.`);
L(`- **The pie chart** (“Social Media Platforms Preferred by Healthcare Professionals”, Results §1) is described but not shown, and could not be drawn: the five platform shares add up to ${formatPct(platformSum, survey.length, 0)}% (${platformSum} ticks from ${survey.length} respondents), because respondents use several platforms; a pie needs parts of one whole. The page draws bars with 95% Wilson intervals instead. The **bar graph** of content types (Results §2) is described but not shown either; the page draws it from the coded posts.`);
L(`- **Results §3 (“Benefits …”) and §4 (“Challenges …”)** are headings with no content in the preprint (probably figures that were lost); their numbers are taken from the Discussion.`);
L(`- **Purposes other than each platform's primary one** (set by hand, shares of the platform's users): ${P.platforms.map(([platform]) => `${platform}: ${modal(purposeQuestion(platform).id).all.map((x) => `${x.d} ${pc(x.count, x.n)}`).join(", ")}`).join("; ")}.`);
L(`- **Engagement numbers** (likes + shares): the paper gives levels only; the medians above are invented to follow them. All engagement: median ${round(quantile(coded.map((p) => p.answers.engagement as number), 0.5), 1)}, range ${Math.min(...coded.map((p) => p.answers.engagement as number))}–${Math.max(...coded.map((p) => p.answers.engagement as number))}.`);
L(`- **Topics by content type** (not printed; rates set by hand, then scaled to the printed totals): ${(["awareness", "advocacy", "unverified"] as const).map((topic) => `${topic}: ${P.contentTypes.map(([type]) => `${type} ${coded.filter((p) => p.answers.content_type === type && p.answers[topic] === "Yes").length}/${engagementOf(type).length}`).join(", ")}`).join("; ")}.`);
L(`- **Engagement and perceived growth**: only their correlation is printed; their distributions are set by hand (above) and marked \`published: false\`. The correlation of usage frequency with engagement, not printed, is ${pearson(survey.map((p) => p.answers.usage_frequency as number), survey.map((p) => p.answers.engagement as number)).toFixed(2)}.`);
L(`- **Concerns** are asked as “select all that apply”; the paper does not say whether respondents could choose several, but the shares (${P.concerns.map(([, p]) => p).join(" + ")} = ${sum(P.concerns.map(([, p]) => Number(p)))}%) say they could.`);
writeFileSync(MD_PATH, lines.join("\n") + "\n", "utf8");

console.log(`${displayPath(CSV_PATH)}: ${survey.length} responses`);
console.log(`${displayPath(POSTS_PATH)}: ${coded.length} posts`);
console.log(`${displayPath(MD_PATH)}: ${results.length - unmet.length}/${results.length} printed targets met; r = ${r.toFixed(4)}, p = ${formatP(rTest.p)}`);
