// Reconstructs the raw Qualtrics export of Auanassova et al., Rheumatol Int (2025), "Social media landscape:
// a cross-sectional survey of health professionals" (Kazakhstan, November 2022 – January 2023).
//
// The authors published no respondent-level data, and our copy of the paper has only the abstract. This
// script builds, once and deterministically, a plausible response-level file that reproduces every number the
// abstract prints. Method: exact counts first (the abstract prints the counts beside its percentages), then
// handed out to respondents with a seeded Mersenne Twister. Questions, export tags and option labels all come
// from data/auanassova-2025/codebook.yaml; this file knows the abstract's targets (keyed by question id and the
// codebook's English display labels) and, because the codebook has no field for them, the wording Qualtrics
// writes in the export's second header row and the ImportIds of its third.
//
// Writes data/auanassova-2025/responses.csv and data/auanassova-2025/RECONSTRUCTION.md; the latter is
// computed from the CSV as written, read back with the build's own parser, never from the targets.
// Run: npm run reconstruct
import {writeFileSync} from "node:fs";
import {basename, join, relative} from "node:path";
import {countsFromShares, largestRemainder, seededRandom, sum} from "./random.ts";
import {csvFormatRows, csvParseRows} from "d3-dsv";
import {type Question, DATA_DIR, ROOT, displayPath, loadCodebook, question, rawLabel, rawOptions as codebookRawOptions, askedIfHolds} from "../../loaders/codebook.ts";
import {exportFormat} from "../../loaders/formats.ts";
import {readResponses} from "../../loaders/database.ts";
import type {Response} from "../../loaders/responses.ts";
import {printsAs, truncatesAs} from "../../loaders/printed.ts";

const STUDY = "auanassova-2025";
/** The one seed. Changing it changes every row (the targets are met for any seed). */
const SEED = 20221107;
const {random, normal, shuffle, draw, pick, rankAllocate} = seededRandom(SEED);

const cb = loadCodebook(STUDY);
const OUT_DIR = join(DATA_DIR, STUDY);
const CSV_PATH = join(OUT_DIR, cb.responses?.file ?? "responses.csv");
const MD_PATH = join(OUT_DIR, "RECONSTRUCTION.md");
const FORMAT = exportFormat(cb.responses?.format ?? fail("the codebook names no export format"));
const SEP = cb.responses?.separator ?? FORMAT.separator;

// ---------------------------------------------------------------------------------------------------------


// ---------------------------------------------------------------------------------------------------------
// The codebook, read, never retyped.
const QUESTIONS = cb.questions;
function fail(message: string): never {
  throw new Error(`${STUDY} reconstruction: ${message}`);
}
// The raw (Russian) labels, looked up in the codebook.
const raw = (id: string, display: string) => rawLabel(cb, id, display);
const rawOptions = (id: string) => codebookRawOptions(cb, id);
const displayOf = (id: string, rawLabel: string) => question(cb, id).options![rawLabel];

// ---------------------------------------------------------------------------------------------------------
// The abstract's numbers. It prints each count beside its percentage, so the counts are the targets and the
// percentages are checked as printed (see RECONSTRUCTION.md: some are truncated, not rounded).
const N = 147; // "Among 147 respondents"
const P = {
  users: {n: 144, printed: "97.96"}, // "social media adoption was nearly universal (97.96%, n = 144)"
  knowledge: {n: 118, printed: "81.94"},
  skills: {n: 114, printed: "79.16"},
  social: {n: 98, printed: "68.05"},
  overwhelmed: {n: 108, printed: "75"},
  secure: {n: 94, printed: "65.27"},
  neverTrained: {n: 99, printed: "69"},
  willing: {n: 142, printed: "98.61"},
  ratio: "1.17", // "M:F ratio = 1:1.17"
  medianAge: 32, // "median age = 32 years"
  topPlatforms: ["YouTube", "Instagram"] // "YouTube and Instagram were the most frequently accessed platforms"
} as const;

// ---------------------------------------------------------------------------------------------------------
// Step 1: sex. No split of 147 into men and women gives 1:1.17 at two decimals, so a few respondents chose
// "Prefer not to say": the fewest that allow it, and among the splits that work, the nearest to 1.17.
interface SexSplit {men: number; women: number; undisclosed: number}
function sexSplits(undisclosed: number): SexSplit[] {
  const out: SexSplit[] = [];
  for (let men = 1; men < N - undisclosed; ++men) {
    const women = N - undisclosed - men;
    if (printsAs(women / men, P.ratio)) out.push({men, women, undisclosed});
  }
  return out.sort((a, b) => Math.abs(a.women / a.men - Number(P.ratio)) - Math.abs(b.women / b.men - Number(P.ratio)));
}
let SEX: SexSplit | undefined;
for (let k = 0; k < 20 && !SEX; ++k) SEX = sexSplits(k)[0];
if (!SEX) fail("no split of the respondents gives the printed M:F ratio");
/** For the notes: the nearest ratios with every respondent a man or a woman. */
const NEAREST_BINARY = Array.from({length: N - 1}, (_, m) => ({men: m + 1, women: N - m - 1}))
  .sort((a, b) => Math.abs(a.women / a.men - Number(P.ratio)) - Math.abs(b.women / b.men - Number(P.ratio)))
  .slice(0, 2);

// ---------------------------------------------------------------------------------------------------------
// Step 2: respondents, their profession, sex and age (none of the splits but sex and the median is published).
type Value = string | number | string[];
interface Respondent {
  i: number;
  /** Activity on social media (more reasons and platforms ticked) and trust in it; shared propensities. */
  engagement: number;
  trust: number;
  a: Record<string, Value>;
}
const people: Respondent[] = Array.from({length: N}, (_, i) => ({i, engagement: normal(), trust: normal(), a: {}}));

const PROFESSION_SHARES: Record<string, number> = {
  Physician: 0.52, "Resident physician": 0.17, Nurse: 0.15, Pharmacist: 0.05, "Academic or researcher": 0.07, Other: 0.04
};
{
  const labels = rawOptions("profession");
  const counts = countsFromShares(labels.map((l) => PROFESSION_SHARES[displayOf("profession", l)] ?? fail(`no share for profession "${l}"`)), N);
  const order = shuffle([...people]);
  let at = 0;
  labels.forEach((l, j) => order.slice(at, (at += counts[j])).forEach((p) => (p.a.profession = l)));
}
const prof = (p: Respondent) => displayOf("profession", p.a.profession as string);

// Sex: nurses are mostly women, residents and physicians about even.
{
  const undisclosed = new Set(pick(people, SEX.undisclosed));
  const rest = people.filter((p) => !undisclosed.has(p));
  const women = new Set(pick(rest, SEX.women, (p) => (prof(p) === "Nurse" ? 6 : prof(p) === "Pharmacist" ? 2 : 1)));
  for (const p of people)
    p.a.sex = undisclosed.has(p) ? raw("sex", "Prefer not to say") : women.has(p) ? raw("sex", "Female") : raw("sex", "Male");
}

// Age: whole years, a shifted log-normal with median 32 (young workforce, long right tail), then nudged so that
// the 74th of the 147 sorted ages is exactly 32. Residents are the youngest, academics the oldest.
const AGE_MIN = 21, AGE_MAX = 66;
{
  const ages = Array.from({length: AGE_MAX - AGE_MIN + 1}, (_, k) => AGE_MIN + k);
  const density = (a: number) => Math.exp(-((Math.log(a - 19) - Math.log(P.medianAge - 19)) ** 2) / (2 * 0.6 ** 2)) / (a - 19);
  const counts = largestRemainder(ages.map((a) => (N * density(a)) / sum(ages.map(density))), N, ages.map(() => N));
  const idx = (a: number) => a - AGE_MIN;
  const below = () => sum(ages.filter((a) => a < P.medianAge).map((a) => counts[idx(a)]));
  const mid = (N - 1) / 2; // 73 ages below the median one
  // Too many below 32: move the nearest ones up to 32; too few at or below: bring the nearest ones down.
  for (let a = P.medianAge - 1; below() > mid && a >= AGE_MIN; --a)
    while (below() > mid && counts[idx(a)] > 0) (counts[idx(a)]--, counts[idx(P.medianAge)]++);
  for (let a = P.medianAge + 1; below() + counts[idx(P.medianAge)] <= mid && a <= AGE_MAX; ++a)
    while (below() + counts[idx(P.medianAge)] <= mid && counts[idx(a)] > 0) (counts[idx(a)]--, counts[idx(P.medianAge)]++);
  const score = (p: Respondent) =>
    ({"Resident physician": -1.8, Physician: 0.4, Nurse: -0.1, Pharmacist: -0.2, "Academic or researcher": 1.2, Other: 0})[prof(p)] ?? 0;
  const levels = ages.map((a) => [String(a), counts[idx(a)]] as [string, number]).reverse(); // oldest to the highest score
  rankAllocate(people, score, levels, (p, l) => (p.a.age = Number(l)));
}

// Who uses social media professionally: all but three (a little older on average).
{
  const nonUsers = new Set(pick(people, N - P.users.n, (p) => Math.exp(0.06 * ((p.a.age as number) - P.medianAge) - 0.8 * p.engagement)));
  for (const p of people) p.a.uses_professionally = nonUsers.has(p) ? raw("uses_professionally", "No") : raw("uses_professionally", "Yes");
}

// ---------------------------------------------------------------------------------------------------------
// Step 3: every question in codebook order, for those it applies to (skip logic from the codebook).
function applies(q: Question, p: Respondent): boolean {
  if (!q.asked_if) return true;
  return askedIfHolds(q.asked_if, (id) => {
    const v = p.a[id];
    return v === undefined || Array.isArray(v) ? v : String(v);
  });
}

/** The raw text of Qualtrics' text-entry "Other" choice of a question (the codebook counts it as `other`). */
const OTHER_CHOICE = "Другое (укажите)";

interface MultiplePlan {
  /** Per option display label: a printed count, or a share (not published). */
  counts: Record<string, {n: number} | number>;
  weight?: Record<string, (p: Respondent) => number>;
  /** Ticks of the text-entry "Other" choice, and what those respondents wrote in its _TEXT column. */
  other: {count: number; texts: string[]; textColumn: string};
}
const MULTIPLE: Record<string, MultiplePlan> = {
  reasons: {
    counts: {
      "Knowledge acquisition": P.knowledge, "Skill development": P.skills, "Maintaining social connections": P.social,
      "Discussing clinical cases with colleagues": 0.47, "Educating patients and the public": 0.36,
      "Research, finding publications": 0.41, "Promoting my professional work": 0.19
    },
    weight: {
      "Skill development": (p) => (prof(p) === "Resident physician" ? 2 : 1),
      "Research, finding publications": (p) => (prof(p) === "Academic or researcher" ? 4 : prof(p) === "Resident physician" ? 1.5 : 1),
      "Educating patients and the public": (p) => (prof(p) === "Nurse" ? 2 : 1),
      "Promoting my professional work": (p) => Math.exp(0.6 * p.engagement)
    },
    other: {count: 3, textColumn: "reasons_other", texts: ["Участие в онлайн-конференциях и вебинарах", "Поиск вакансий", "Волонтёрские проекты"]}
  },
  platforms: {
    counts: {
      YouTube: 0.81, Instagram: 0.74, Telegram: 0.61, WhatsApp: 0.48, Facebook: 0.24, "VK (VKontakte)": 0.09,
      TikTok: 0.15, LinkedIn: 0.12, "X (Twitter)": 0.06, ResearchGate: 0.1
    },
    weight: {
      ResearchGate: (p) => (prof(p) === "Academic or researcher" ? 6 : prof(p) === "Physician" ? 1.5 : 0.5),
      LinkedIn: (p) => (prof(p) === "Academic or researcher" ? 3 : 1),
      TikTok: (p) => Math.exp(-0.08 * ((p.a.age as number) - P.medianAge)),
      Instagram: (p) => Math.exp(-0.03 * ((p.a.age as number) - P.medianAge))
    },
    other: {count: 2, textColumn: "platforms_other", texts: ["Одноклассники", "Профессиональный форум врачей"]}
  }
};

function fillMultiple(q: Question, asked: Respondent[]): void {
  const plan = MULTIPLE[q.id] ?? fail(`no multiple-choice plan for "${q.id}"`);
  // The text-entry "Other" choice is an option in the codebook, but is handed out by plan.other below.
  const options = rawOptions(q.id).filter((o) => o !== OTHER_CHOICE);
  for (const d of Object.keys(plan.counts)) raw(q.id, d); // every planned option exists
  const n = asked.length;
  const ticks = new Map<Respondent, Set<string>>(asked.map((p) => [p, new Set()]));
  for (const o of options) {
    const d = displayOf(q.id, o);
    const target = plan.counts[d] ?? fail(`no count or share for "${d}" in "${q.id}"`);
    const k = typeof target === "number" ? Math.round(target * n) : target.n;
    const w = plan.weight?.[d];
    for (const p of pick(asked, k, (p) => Math.exp(0.5 * p.engagement) * (w ? w(p) : 1))) ticks.get(p)!.add(o);
  }
  // Everyone who answered ticked something: move ticks from those with two or more (counts unchanged).
  for (const p of asked.filter((p) => ticks.get(p)!.size === 0)) {
    for (const o of shuffle([...options])) {
      const donors = asked.filter((d) => ticks.get(d)!.size >= 2 && ticks.get(d)!.has(o));
      if (!donors.length) continue;
      const donor = donors[Math.floor(random() * donors.length)];
      ticks.get(donor)!.delete(o);
      ticks.get(p)!.add(o);
      break;
    }
    if (!ticks.get(p)!.size) fail(`question "${q.id}": could not give a respondent a tick`);
  }
  // Qualtrics writes the selected choices in the question's choice order, "Other" (the last choice) last.
  for (const p of asked) p.a[q.id] = options.filter((o) => ticks.get(p)!.has(o));
  for (const p of pick(asked, plan.other.count)) {
    (p.a[q.id] as string[]).push(OTHER_CHOICE);
    p.a[plan.other.textColumn] = draw(plan.other.texts, plan.other.texts.map(() => 1));
  }
}

/** Exactly `count` of `asked` answer `level`, the rest `otherLevel`, chosen with probability ∝ weight. */
function binary(q: Question, asked: Respondent[], level: string, count: number, otherLevel: string, weight: (p: Respondent) => number): void {
  const chosen = new Set(pick(asked, count, weight));
  for (const p of asked) p.a[q.id] = chosen.has(p) ? raw(q.id, level) : raw(q.id, otherLevel);
}

const LIKERT: Record<string, {shares: number[]; score: (p: Respondent) => number}> = {
  // Strongly disagree … strongly agree (not published).
  useful_growth: {shares: [0.02, 0.04, 0.12, 0.46, 0.36], score: (p) => 0.8 * p.engagement + 0.3 * p.trust},
  trust_information: {shares: [0.07, 0.24, 0.37, 0.27, 0.05], score: (p) => 1.1 * p.trust + (p.a.secure === raw("secure", "Yes") ? 0.6 : 0)}
};

const PROFESSION_OTHER = ["Фельдшер", "Лаборант", "Менеджер здравоохранения", "Медицинский психолог", "Реабилитолог", "Диетолог"];
const COMMENTS = [
  "Спасибо за интересный опрос!",
  "Нужны курсы по этике общения с пациентами в социальных сетях.",
  "Хотелось бы больше достоверных медицинских каналов на казахском языке.",
  "Много недостоверной информации, пациенты приходят с советами из Instagram.",
  "Было бы полезно обучение по защите персональных данных.",
  "Социальные сети отнимают много времени, трудно отделить работу от личного.",
  "Спасибо организаторам, тема очень актуальная.",
  "Предлагаю проводить такие тренинги для медсестёр.",
  "Хорошо бы иметь официальные рекомендации Минздрава по соцсетям."
];

const FILL: Record<string, (q: Question, asked: Respondent[]) => void> = {
  // Decided in step 2; only written here.
  sex: () => {}, age: () => {}, profession: () => {}, uses_professionally: () => {},
  profession_other(q, asked) {
    // Qualtrics forces the text entry of the "Other" choice: everyone who chose it wrote something.
    const texts = shuffle([...PROFESSION_OTHER]);
    asked.forEach((p, k) => (p.a[q.id] = texts[k % texts.length]));
  },
  reasons: fillMultiple, platforms: fillMultiple,
  // Written by fillMultiple for those who ticked "Other".
  reasons_other: () => {}, platforms_other: () => {},
  overwhelmed: (q, asked) => binary(q, asked, "Yes", P.overwhelmed.n, "No", (p) => Math.exp(0.5 * p.engagement)),
  secure: (q, asked) => binary(q, asked, "Yes", P.secure.n, "No", (p) => Math.exp(0.9 * p.trust)),
  useful_growth: fillLikert, trust_information: fillLikert,
  training_attended(q, asked) {
    const [never, once, several] = rawOptions(q.id);
    const [nOnce, nSeveral] = countsFromShares([0.68, 0.32], asked.length - P.neverTrained.n);
    // Highest score first: academics and the most active have been trained more often.
    const score = (p: Respondent) => (prof(p) === "Academic or researcher" ? 1.2 : 0) + 0.5 * p.engagement;
    rankAllocate(asked, score, [[several, nSeveral], [once, nOnce], [never, P.neverTrained.n]], (p, l) => (p.a[q.id] = l));
  },
  training_willing: (q, asked) => binary(q, asked, "Yes", P.willing.n, "No", (p) => Math.exp(1.5 * p.engagement)),
  comments(q, asked) {
    for (const p of pick(asked, 11)) p.a[q.id] = draw(COMMENTS, COMMENTS.map(() => 1));
  }
};
function fillLikert(q: Question, asked: Respondent[]): void {
  const plan = LIKERT[q.id] ?? fail(`no Likert plan for "${q.id}"`);
  const levels = rawOptions(q.id);
  const counts = countsFromShares(plan.shares, asked.length);
  rankAllocate(asked, plan.score, levels.map((l, k) => [l, counts[k]] as [string, number]).reverse(), (p, l) => (p.a[q.id] = l));
}

for (const q of QUESTIONS) {
  const asked = people.filter((p) => applies(q, p));
  (FILL[q.id] ?? fail(`no filler for question "${q.id}" (${q.type})`))(q, asked);
  for (const p of people) if (!applies(q, p)) delete p.a[q.id];
}

// ---------------------------------------------------------------------------------------------------------
// Step 4: Qualtrics' metadata. Anonymous link, every response finished (a forced-response questionnaire; the
// abstract's 147 are all analysed). Times in the account's time zone, Asia/Almaty (UTC+6 in 2022–23): the
// link went out on Monday 7 November 2022, with reminders on 28 November and 9 January; closed 31 January.
const TIME_ZONE = "Asia/Almaty";
const START = Date.UTC(2022, 10, 7); // wall-clock, held in a UTC Date so the host's time zone never matters
const DAYS = 86; // 7 November 2022 .. 31 January 2023
const wave = (d: number, from: number, decay: number) => (d >= from ? Math.exp(-(d - from) / decay) : 0);
const dayWeights = Array.from({length: DAYS}, (_, d) => 0.04 + wave(d, 0, 4) + 0.5 * wave(d, 21, 3) + 0.35 * wave(d, 63, 3) * +(d !== 54 && d !== 55));
const hourWeights = [0.1, 0.05, 0.02, 0.02, 0.02, 0.05, 0.2, 0.6, 1.2, 1.6, 1.5, 1.4, 1.8, 2.0, 1.5, 1.3, 1.3, 1.5, 1.7, 2.0, 2.4, 2.6, 1.8, 0.6];
const CITIES: [string, number, number, number][] = [
  // name, weight, latitude, longitude: Qualtrics' IP geolocation gives a city's coordinates.
  ["Shymkent", 0.3, 42.3417, 69.5901], ["Turkistan", 0.14, 43.2973, 68.2518], ["Almaty", 0.2, 43.2567, 76.9286],
  ["Astana", 0.2, 51.1801, 71.446], ["Karaganda", 0.06, 49.8047, 73.1094], ["Aktobe", 0.05, 50.2839, 57.167], ["Taraz", 0.05, 42.9, 71.3667]
];
const IP_BLOCKS = ["192.0.2", "198.51.100", "203.0.113"]; // RFC 5737 documentation ranges only
const ID_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
interface Meta {start: number; end: number; recorded: number; duration: number; ip: string; id: string; lat: string; lon: string; language: string}
const meta = new Map<Respondent, Meta>();
const usedIds = new Set<string>();
for (const p of people) {
  const day = draw([...Array(DAYS).keys()], dayWeights);
  let hour = draw([...Array(24).keys()], hourWeights);
  while (day === 0 && hour < 10) hour = draw([...Array(24).keys()], hourWeights); // sent at 10 a.m.
  const start = START + ((day * 24 + hour) * 3600 + Math.floor(random() * 3600)) * 1000;
  const user = p.a.uses_professionally === raw("uses_professionally", "Yes");
  // Seconds from first to last page: a log-normal around 9 min (2 min for those who skip to the end), and a
  // few left the tab open for a while before finishing.
  let duration = Math.round(Math.exp(Math.log(user ? 540 : 130) + 0.45 * normal()));
  if (random() < 0.03) duration *= 8 + Math.floor(random() * 25);
  duration = Math.max(user ? 150 : 45, duration);
  const end = start + duration * 1000;
  const city = draw(CITIES, CITIES.map((c) => c[1]));
  let id: string;
  do id = "R_" + Array.from({length: 15}, () => ID_CHARS[Math.floor(random() * ID_CHARS.length)]).join("");
  while (usedIds.has(id));
  usedIds.add(id);
  meta.set(p, {
    start, end, duration,
    recorded: end + (random() < 0.4 ? 1000 : 0),
    ip: `${draw(IP_BLOCKS, [1, 1, 1])}.${1 + Math.floor(random() * 254)}`,
    id, lat: city[2].toFixed(4), lon: city[3].toFixed(4),
    language: random() < 0.9 ? "RU" : "EN"
  });
}
const pad = (v: number) => String(v).padStart(2, "0");
const formatTime = (t: number) => {
  const d = new Date(t);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
};
// Qualtrics lists responses by the time they were recorded.
const order = [...people].sort((a, b) => meta.get(a)!.recorded - meta.get(b)!.recorded || a.i - b.i);

// ---------------------------------------------------------------------------------------------------------
// Step 5: the CSV, as Qualtrics' "Download data table" → CSV with "Use choice text" writes it: UTF-8 with a
// byte-order mark, three header rows (export tags; question texts; ImportIds), then one row per response.
const METADATA: [string, string, string][] = [
  // export tag (formats.ts), header row 2, ImportId
  ["StartDate", "Start Date", `{"ImportId":"startDate","timeZone":"${TIME_ZONE}"}`],
  ["EndDate", "End Date", `{"ImportId":"endDate","timeZone":"${TIME_ZONE}"}`],
  ["Status", "Response Type", `{"ImportId":"status"}`],
  ["IPAddress", "IP Address", `{"ImportId":"ipAddress"}`],
  ["Progress", "Progress", `{"ImportId":"progress"}`],
  ["Duration (in seconds)", "Duration (in seconds)", `{"ImportId":"duration"}`],
  ["Finished", "Finished", `{"ImportId":"finished"}`],
  ["RecordedDate", "Recorded Date", `{"ImportId":"recordedDate","timeZone":"${TIME_ZONE}"}`],
  ["ResponseId", "Response ID", `{"ImportId":"_recordId"}`],
  ["RecipientLastName", "Recipient Last Name", `{"ImportId":"recipientLastName"}`],
  ["RecipientFirstName", "Recipient First Name", `{"ImportId":"recipientFirstName"}`],
  ["RecipientEmail", "Recipient Email", `{"ImportId":"recipientEmail"}`],
  ["ExternalReference", "External Data Reference", `{"ImportId":"externalDataReference"}`],
  ["LocationLatitude", "Location Latitude", `{"ImportId":"locationLatitude"}`],
  ["LocationLongitude", "Location Longitude", `{"ImportId":"locationLongitude"}`],
  ["DistributionChannel", "Distribution Channel", `{"ImportId":"distributionChannel"}`],
  ["UserLanguage", "User Language", `{"ImportId":"userLanguage"}`]
];
if (METADATA.map(([tag]) => tag).join() !== FORMAT.metadata.join()) fail("the metadata columns differ from loaders/formats.ts");
const metaValue = (tag: string, m: Meta): string =>
  ({
    StartDate: formatTime(m.start), EndDate: formatTime(m.end), Status: "IP Address", IPAddress: m.ip, Progress: "100",
    "Duration (in seconds)": String(m.duration), Finished: "True", RecordedDate: formatTime(m.recorded), ResponseId: m.id,
    RecipientLastName: "", RecipientFirstName: "", RecipientEmail: "", ExternalReference: "",
    LocationLatitude: m.lat, LocationLongitude: m.lon, DistributionChannel: "anonymous", UserLanguage: m.language
  })[tag] ?? fail(`no value for metadata column "${tag}"`);

// The instrument's wording (header row 2) and Qualtrics' internal question ids (header row 3), which the
// codebook has no field for. QID7 was a question deleted after the pilot, so the QIDs skip it.
const WORDING: Record<string, {qid: string; text: string}> = {
  sex: {qid: "QID1", text: "Ваш пол"},
  age: {qid: "QID2", text: "Ваш возраст (полных лет)"},
  profession: {qid: "QID3", text: "Ваша профессия"},
  uses_professionally: {qid: "QID4", text: "Используете ли вы социальные сети в профессиональных целях?"},
  reasons: {qid: "QID5", text: "С какой целью вы используете социальные сети в профессиональной деятельности? (Выберите все подходящие варианты)"},
  platforms: {qid: "QID6", text: "Какие социальные сети вы используете в профессиональных целях? (Выберите все подходящие варианты)"},
  overwhelmed: {qid: "QID8", text: "Чувствуете ли вы себя перегруженным(-ой) из-за социальных сетей?"},
  secure: {qid: "QID9", text: "Считаете ли вы социальные сети безопасным средством профессиональной коммуникации?"},
  useful_growth: {qid: "QID10", text: "Насколько вы согласны со следующими утверждениями? - Социальные сети полезны для моего профессионального роста"},
  trust_information: {qid: "QID10", text: "Насколько вы согласны со следующими утверждениями? - Я доверяю медицинской информации, которую нахожу в социальных сетях"},
  training_attended: {qid: "QID11", text: "Проходили ли вы когда-либо обучение оптимальному использованию социальных сетей для профессионального роста?"},
  training_willing: {qid: "QID12", text: "Хотели бы вы пройти такое обучение в будущем?"},
  comments: {qid: "QID13", text: "Ваши комментарии и предложения"}
};
/** Text-entry columns of a choice: their question, as `<tag>_<choice>_TEXT`. */
const TEXT_ENTRY = /^(Q\d+)_(\d+)_TEXT$/;
function headerCells(q: Question): [string, string] {
  const entry = TEXT_ENTRY.exec(q.column);
  if (entry) {
    // The text typed into a choice: "<question> - <choice> - Text", ImportId "QID<n>_<choice>_TEXT".
    const parent = QUESTIONS.find((p) => p.column === entry[1]) ?? fail(`no question tagged ${entry[1]} for ${q.column}`);
    const w = WORDING[parent.id] ?? fail(`no wording for "${parent.id}"`);
    return [`${w.text} - ${OTHER_CHOICE} - Text`, `{"ImportId":"${w.qid}_${entry[2]}_TEXT"}`];
  }
  const w = WORDING[q.id] ?? fail(`no wording for "${q.id}"`);
  const matrixRow = /^Q\d+_(\d+)$/.exec(q.column);
  if (matrixRow) return [w.text, `{"ImportId":"${w.qid}_${matrixRow[1]}"}`];
  // A choice question with a text-entry choice gets " - Selected Choice"; a text-entry question's id ends in _TEXT.
  const hasTextEntry = QUESTIONS.some((t) => t.column.startsWith(`${q.column}_`) && TEXT_ENTRY.test(t.column));
  if (q.type === "number" || q.type === "text") return [w.text, `{"ImportId":"${w.qid}_TEXT"}`];
  return [hasTextEntry ? `${w.text} - Selected Choice` : w.text, `{"ImportId":"${w.qid}"}`];
}
const cellOf = (v: Value | undefined): string => (v === undefined ? "" : Array.isArray(v) ? v.join(SEP) : String(v));
const headers = QUESTIONS.map(headerCells);
const csvRows = [
  [...METADATA.map(([tag]) => tag), ...QUESTIONS.map((q) => q.column)],
  [...METADATA.map(([, text]) => text), ...headers.map(([text]) => text)],
  [...METADATA.map(([, , id]) => id), ...headers.map(([, id]) => id)],
  ...order.map((p) => [...METADATA.map(([tag]) => metaValue(tag, meta.get(p)!)), ...QUESTIONS.map((q) => cellOf(p.a[q.id]))])
];
const csv = "\uFEFF" + csvFormatRows(csvRows) + "\n";
writeFileSync(CSV_PATH, csv, "utf8");

// ---------------------------------------------------------------------------------------------------------
// Step 6: RECONSTRUCTION.md, every number computed from the CSV text just written. The build's own parser
// reads it back: it validates every cell against the codebook (a generator bug stops here).
const responses: Response[] = await readResponses({codebook: cb, path: CSV_PATH});
const table = csvParseRows(csv.replace(/^\uFEFF/, ""));
const metaRows = table.slice(FORMAT.headerRows);
const metaCol = (tag: string) => metaRows.map((r) => r[table[0].indexOf(tag)]);

const answered = (id: string) => responses.filter((r) => r.answers[id] !== null);
const has = (id: string, level: string) => (r: Response) => {
  const v = r.answers[id];
  return Array.isArray(v) ? v.includes(level) : v === level;
};
function share(id: string, level: string, among: Response[] = answered(id)) {
  return {count: among.filter(has(id, level)).length, n: among.length};
}
const fixed = (x: number, digits: number) => x.toFixed(digits);
const pc = (s: {count: number; n: number}, digits = 1) => `${fixed((100 * s.count) / s.n, digits)}% (${s.count}/${s.n})`;
const decimalsOf = (printed: string) => printed.split(".")[1]?.length ?? 0;
const truncated = (x: number, d: number) => fixed(Math.trunc(x * 10 ** d + 1e-9) / 10 ** d, d);

interface Target {what: string; printedCount: number; printed: string; count: number; n: number}
const targets: Target[] = [];
const users = answered("reasons");
const target = (what: string, printed: {n: number; printed: string}, s: {count: number; n: number}) =>
  targets.push({what, printedCount: printed.n, printed: printed.printed, ...s});
target("Use social media for professional purposes (of all respondents)", P.users, {count: share("uses_professionally", "Yes").count, n: responses.length});
target("Reason: knowledge acquisition", P.knowledge, share("reasons", "Knowledge acquisition"));
target("Reason: skill development", P.skills, share("reasons", "Skill development"));
target("Reason: maintaining social connections", P.social, share("reasons", "Maintaining social connections"));
target("Feel overwhelmed by social media", P.overwhelmed, share("overwhelmed", "Yes"));
target("Consider it a secure means of communication", P.secure, share("secure", "Yes"));
target("Never attended training on optimal professional use", P.neverTrained, share("training_attended", "Never"));
target("Willing to attend future training", P.willing, share("training_willing", "Yes"));
/** How the abstract's digits relate to the value: rounded, truncated, both alike, or neither. */
function printing(t: Target): {how: string; met: boolean} {
  const value = (100 * t.count) / t.n, d = decimalsOf(t.printed);
  const rounds = printsAs(value, t.printed), truncates = truncatesAs(value, t.printed);
  const how = rounds && truncates ? "rounded or truncated alike" : rounds ? `rounded (truncating would print ${truncated(value, d)})` : truncates ? `**truncated** (rounding would print ${fixed(value, d)})` : "neither";
  return {how, met: t.count === t.printedCount && (rounds || truncates)};
}

const sexCount = (display: string) => share("sex", display).count;
const men = sexCount("Male"), women = sexCount("Female"), undisclosedN = sexCount("Prefer not to say");
const ages = answered("age").map((r) => r.answers.age as number).sort((a, b) => a - b);
const quantile = (q: number) => {
  const h = (ages.length - 1) * q, lo = Math.floor(h);
  return ages[lo] + (h - lo) * ((ages[lo + 1] ?? ages[lo]) - ages[lo]);
};
const medianAge = quantile(0.5);
const platformRanking = levelsOf("platforms").map((level) => ({level, ...share("platforms", level)})).sort((a, b) => b.count - a.count);
const topTwo = platformRanking.slice(0, 2).map((p) => p.level);
const topMet = [...topTwo].sort().join() === [...P.topPlatforms].sort().join();
function levelsOf(id: string): string[] {
  const q = question(cb, id);
  return [...Object.values(q.options ?? {}), ...(q.other ? [q.other] : [])];
}
function distribution(id: string, among: Response[] = answered(id)): string {
  return levelsOf(id).map((l) => `${l} ${pc(share(id, l, among))}`).join("; ");
}
const texts = (id: string) => answered(id).length;

const rel = (p: string) => relative(ROOT, p);
const lines: string[] = [];
const L = (s = "") => lines.push(s);
const rowsMet = targets.map(printing);
const unmet = targets.filter((_, k) => !rowsMet[k].met).map((t) => t.what);
const ratio = women / men;
const ratioMet = printsAs(ratio, P.ratio);
const medianMet = medianAge === P.medianAge;
const durations = metaCol("Duration (in seconds)").map(Number).sort((a, b) => a - b);
const recorded = metaCol("RecordedDate");
const languages = [...new Set(metaCol("UserLanguage"))].sort().map((l) => `${l} ${metaCol("UserLanguage").filter((x) => x === l).length}`);
const ips = metaCol("IPAddress");
const nonUsers = responses.length - users.length;

L(`# Reconstructed responses: ${cb.study.id}`);
L();
L(`> Generated by \`${rel(join(ROOT, "scripts/reconstruct/auanassova-2025.ts"))}\` (\`npm run reconstruct\`, MT19937 seed ${SEED}). Do not edit: rerun the script. Every number below is computed from \`data/${STUDY}/${basename(CSV_PATH)}\` as written, read back with the build's parser (\`readResponses\`), not copied from the targets.`);
L();
L(`${cb.study.citation} doi:${cb.study.doi}. The authors published no respondent-level data, and our copy of the paper (\`${cb.study.source_document}\`) has only the abstract. \`${basename(CSV_PATH)}\` is therefore a **reconstruction**: ${responses.length} synthetic responses built so that every number the abstract prints comes out of them. It is not the study's data, and nothing in it was observed.`);
L();
L("## The file");
L();
L(`The abstract says only "a cross-sectional online survey"; the platform is our choice. A large multinational author team running a questionnaire "pilot-tested by a multi-professional team" would typically use an institutional survey licence such as Qualtrics, so the file is a Qualtrics export; its base language is Russian, widely used in Kazakhstan's health care alongside Kazakh. The codebook's \`column\`s are Qualtrics' export tags, its raw labels the Russian choice texts, and its display labels the English the report prints.`);
L();
L(`- Qualtrics "Download data table" → CSV, "Use choice text": UTF-8 with a byte-order mark, comma-separated, fields quoted only when needed (d3-dsv \`csvFormatRows\`), LF line endings. ${FORMAT.headerRows} header rows: export tags (\`Q1\`, \`Q5\`, \`Q5_8_TEXT\`, \`Q9_1\`), then the question texts (Russian; " - Selected Choice" after a choice question that has a text-entry choice, " - ${OTHER_CHOICE} - Text" on that choice's text column, "stem - statement" on the matrix rows Q9_1 and Q9_2), then \`{"ImportId":"QID…"}\` cells (QID7, a question dropped after the pilot, is absent). ${metaRows.length} response rows follow.`);
L(`- First the ${FORMAT.metadata.length} metadata columns Qualtrics adds (all private in the build, loaders/formats.ts): StartDate, EndDate and RecordedDate as \`YYYY-MM-DD HH:MM:SS\` in the account's time zone (${TIME_ZONE}, UTC+6 at the time), recorded from ${recorded[0]} to ${recorded.at(-1)}, rows in recording order (a wave after the link was sent on 7 November 2022, smaller ones after reminders on 28 November and 9 January); Status "IP Address" (a real response, not a preview) for all; IPAddress from the documentation ranges 192.0.2.0/24, 198.51.100.0/24 and 203.0.113.0/24 only (${new Set(ips).size} distinct addresses for ${ips.length} rows: some respondents share a hospital's address); Progress ${[...new Set(metaCol("Progress"))].join(", ")} and Finished ${[...new Set(metaCol("Finished"))].join(", ")} for every row (forced responses; the abstract analyses all ${N}); Duration (in seconds) from ${durations[0]} to ${durations.at(-1)}, median ${durations[Math.floor(durations.length / 2)]} (end − start); ResponseId \`R_\` + 15 characters; the four recipient fields and ExternalReference empty (anonymous link); LocationLatitude/LocationLongitude the coordinates of the Kazakh city Qualtrics' IP geolocation would give (${CITIES.map((c) => c[0]).join(", ")}); DistributionChannel ${[...new Set(metaCol("DistributionChannel"))].join(", ")}; UserLanguage ${languages.join(", ")} (an English translation was offered; Qualtrics exports the base language's choice texts whatever the respondent saw).`);
L(`- Then one column per codebook question, in survey order: choice texts; checkbox answers (Q5, Q6) joined with "${SEP}" in choice order, the text-entry choice "${OTHER_CHOICE}" last, its written text in the \`_TEXT\` column beside; age as a whole number; an empty cell where a question was not shown (skip logic: the ${nonUsers} who do not use social media professionally skip Q5–Q11 and go to Q12).`);
L();
L("## How it was built");
L();
L(`1. Exact counts first: the abstract prints a count beside every percentage, all over the ${users.length} users except adoption (over all ${N}).`);
L(`2. Sex: with all ${N} respondents a man or a woman no split gives 1:${P.ratio} (the nearest, ${NEAREST_BINARY.map((s) => `${s.men}:${s.women} = 1:${fixed(s.women / s.men, 4)}`).join(" and ")}, print as 1:${NEAREST_BINARY.map((s) => fixed(s.women / s.men, 2)).join(" and 1:")}). The fewest respondents who must have chosen "Prefer not to say" is ${SEX.undisclosed}: ${SEX.men} men and ${SEX.women} women give ${SEX.women}/${SEX.men} = ${fixed(SEX.women / SEX.men, 4)}, which rounds to ${P.ratio}. Nurses are mostly women.`);
L(`3. Age: whole years from a shifted log-normal (young workforce, long right tail) between ${AGE_MIN} and ${AGE_MAX}, then the fewest ages moved to ${P.medianAge} so that the 74th of the ${N} sorted ages is ${P.medianAge}; residents the youngest, academics the oldest.`);
L(`4. Profession (not published): shares set by hand, physicians the majority. ${N - P.users.n} respondents, drawn with weights that favour the older and the less active online, do not use social media professionally.`);
L(`5. Multiple choice: each option's count fixed (printed, or set by hand) and given out by weighted sampling without replacement (the more active online tick more; residents choose skill development, academics research, nurses patient education more often); anyone left with no tick receives one moved from someone with two or more. A few tick the text-entry "Other" choice and write a short Russian text.`);
L(`6. Yes/no items: the printed count of "Yes" given out with probability rising with online activity (overwhelmed, willing to train) or with trust in social media (secure). Training attended: the printed ${P.neverTrained.n} "Never", the rest once or more than once (academics and the most active more often). Likert statements: counts set by hand, ranked by the same propensities.`);
L(`7. Free text (private in the codebook): the other profession for the ${texts("profession_other")} who chose it, the other reason (${texts("reasons_other")}), the other platform (${texts("platforms_other")}), comments (${texts("comments")}). Short generic texts, no names.`);
L();
L("## Targets the abstract prints");
L();
L(`Counts must equal the printed counts; a percentage is met when the reconstructed share prints as the abstract prints it, rounded or truncated at its precision. The abstract does both: it rounds some shares and **truncates** others (cuts off the extra digits), so each row says which.`);
L();
L("| Target | Abstract | Reconstructed count | n / N | Share | The abstract's digits are | Met |");
L("|---|---:|---:|---:|---:|---|:---:|");
targets.forEach((t, k) =>
  L(`| ${t.what} | ${t.printed}% (n = ${t.printedCount}) | ${t.count} | ${t.count} / ${t.n} | ${fixed((100 * t.count) / t.n, 4)}% | ${rowsMet[k].how} | ${rowsMet[k].met ? "yes" : "**no**"} |`)
);
L(`| Respondents | ${N} | ${responses.length} | | | | ${responses.length === N ? "yes" : "**no**"} |`);
L(`| M:F ratio | 1:${P.ratio} | ${men} men, ${women} women (${undisclosedN} prefer not to say) | | 1:${fixed(ratio, 4)} | rounded | ${ratioMet ? "yes" : "**no**"} |`);
L(`| Median age | ${P.medianAge} years | ${medianAge} years (n = ${ages.length}) | | | | ${medianMet ? "yes" : "**no**"} |`);
L(`| Most used platforms | ${P.topPlatforms.join(" and ")} | ${platformRanking.slice(0, 3).map((p) => `${p.level} ${p.count}`).join(", ")} | | | | ${topMet ? "yes" : "**no**"} |`);
L();
L("### How the abstract prints its percentages");
L();
const truncs = targets.filter((t, k) => rowsMet[k].how.startsWith("**truncated**"));
const roundedOnly = targets.filter((t, k) => rowsMet[k].how.startsWith("rounded ("));
L(`- **Truncated, not rounded:** ${truncs.map((t) => `${t.what.toLowerCase()} ${t.printed}% for ${t.count}/${t.n} = ${fixed((100 * t.count) / t.n, 4)}…%`).join("; ")}. ${truncs.every((t) => !Array.from({length: t.n + 1}, (_, c) => c).some((c) => printsAs((100 * c) / t.n, t.printed))) ? `No count out of ${users.length} rounds to these digits, so the abstract can only have cut them off.` : "Some other count would round to these digits; the printed counts decide."}`);
L(`- **Rounded:** ${roundedOnly.map((t) => `${t.what.toLowerCase()} ${t.printed}% for ${t.count}/${t.n} = ${fixed((100 * t.count) / t.n, 4)}%`).join("; ")}. The same abstract rounds these (truncating would print the digits given in the table), and prints the training share with no decimals where the others have two.`);
L(`- "75% (n = 108) of respondents felt overwhelmed": 108 is 75% of the ${users.length} users, not of the ${N} respondents (${fixed((100 * 108) / N, 2)}%). All the shares after adoption are over the users, and the reconstruction asks Q5–Q11 of users only.`);
L();
L("## What the abstract does not publish, and how it was filled");
L();
L("Everything below comes from the reconstruction only (`published: false` in the codebook where a whole item is unpublished).");
L();
L(`- Sex: ${distribution("sex")}.`);
L(`- Age (years): range ${ages[0]}–${ages.at(-1)}, quartiles ${quantile(0.25)}, ${medianAge}, ${quantile(0.75)}, mean ${fixed(sum(ages) / ages.length, 1)}.`);
L(`- Q3 profession: ${distribution("profession")}.`);
{
  const nonUserRows = responses.filter(has("uses_professionally", "No"));
  const professions = levelsOf("profession").map((l) => ({l, n: nonUserRows.filter(has("profession", l)).length})).filter((x) => x.n > 0);
  L(`- Q4 the ${nonUsers} who do not use social media professionally: ${professions.map((x) => `${x.l} ${x.n}`).join(", ")}; aged ${nonUserRows.map((r) => r.answers.age).join(", ")}.`);
}
L(`- Q5 reasons the abstract does not quantify: ${levelsOf("reasons").filter((l) => !["Knowledge acquisition", "Skill development", "Maintaining social connections"].includes(l)).map((l) => `${l} ${pc(share("reasons", l))}`).join("; ")}.`);
L(`- Q6 platforms: the abstract names YouTube and Instagram as the most frequently accessed and prints no shares. Set by hand, YouTube and Instagram first, Telegram and WhatsApp (widely used in Kazakhstan) next: ${platformRanking.map((p) => `${p.level} ${pc(p)}`).join("; ")}.`);
L(`- Q7, Q8 the "No" answers: overwhelmed ${pc(share("overwhelmed", "No"))}; secure ${pc(share("secure", "No"))}.`);
L(`- Q9 Likert statements: ${question(cb, "useful_growth").label}: ${distribution("useful_growth")}. ${question(cb, "trust_information").label}: ${distribution("trust_information")}.`);
L(`- Q10 training attended (the abstract prints only "Never"): ${distribution("training_attended")}.`);
L(`- Q11 not willing to train: ${pc(share("training_willing", "No"))}.`);
const physicians = (r: Response) => ["Physician", "Resident physician"].includes(r.answers.profession as string);
L(`- Subgroups (the codebook's table; every row marked not published): among users, ${pc({count: users.filter(physicians).length, n: users.length})} are physicians or residents; feeling overwhelmed ${pc(share("overwhelmed", "Yes", users.filter(physicians)))} of them vs ${pc(share("overwhelmed", "Yes", users.filter((r) => !physicians(r))))} of the other professionals; never trained ${pc(share("training_attended", "Never", users.filter(physicians)))} vs ${pc(share("training_attended", "Never", users.filter((r) => !physicians(r))))}.`);
L(`- Free text (private, in no published file): ${texts("profession_other")} other professions, ${texts("reasons_other")} other reasons, ${texts("platforms_other")} other platforms, ${texts("comments")} comments.`);
writeFileSync(MD_PATH, lines.join("\n") + "\n", "utf8");

const allMet = !unmet.length && ratioMet && medianMet && topMet && responses.length === N;
console.log(`${displayPath(CSV_PATH)}: ${responses.length} responses, ${responses.filter((r) => r.complete).length} complete`);
console.log(`${displayPath(MD_PATH)}: ${allMet ? "every printed target met" : `NOT MET: ${[...unmet, ...(ratioMet ? [] : ["M:F ratio"]), ...(medianMet ? [] : ["median age"]), ...(topMet ? [] : ["top platforms"])].join("; ")}`}`);
if (!allMet) process.exitCode = 1;
