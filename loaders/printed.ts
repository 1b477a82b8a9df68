// How a paper prints a number, and whether a computed value agrees with it.
// Printed values are kept as strings, so "65.30" keeps its precision. The verdicts follow what
// survey authors' checkers do: statcheck for p-values (a printed value stands for an interval of
// ±0.5 in its last digit; "< 0.001" is a bound; a flip of significance at α = 0.05 is a decision
// error) and GRIM for whether a percentage or mean is possible at all for its n. No JS library
// does either, so they are written here, small and tested.

export type Verdict = "exact" | "rounded" | "truncated" | "inconsistent";

export interface Judgement {
  verdict: Verdict;
  /** For "rounded": which rule gives the printed digits. */
  rounding?: "half away from zero" | "half to even" | "either rule";
  /** p-values: whether significance at α = 0.05 differs between printed and computed. */
  decisionError?: boolean;
  note?: string;
}

interface Parsed {
  comparator: "=" | "<" | ">";
  value: number;
  decimals: number;
}

/** "83", "65.30", "1,451", "68,2" (decimal comma), "< 0.001", "p = 0.02", "74.7%" → its number and precision. */
export function parsePrinted(printed: string): Parsed {
  const m = printed.trim().match(/^(?:p\s*)?([<>=≤≥])?\s*(-?[\d.,]+)\s*%?$/i);
  if (!m) throw new Error(`cannot read the printed value "${printed}"`);
  const comparator = m[1] === "<" || m[1] === "≤" ? "<" : m[1] === ">" || m[1] === "≥" ? ">" : "=";
  let digits = m[2];
  // A comma before exactly three digits groups thousands; otherwise it is a decimal comma.
  digits = /,\d{3}(?!\d)/.test(digits) && !/,\d{1,2}$/.test(digits) ? digits.replace(/,/g, "") : digits.replace(",", ".");
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(digits)) throw new Error(`cannot read the printed value "${printed}"`);
  return {comparator, value: Number(digits), decimals: digits.split(".")[1]?.length ?? 0};
}

const EPS = 1e-9;

function roundHalfAway(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return (Math.sign(x) * Math.round(Math.abs(x) * f + EPS)) / f;
}

function roundHalfEven(x: number, decimals: number): number {
  const f = 10 ** decimals;
  const scaled = Math.abs(x) * f;
  const floor = Math.floor(scaled + EPS);
  const frac = scaled - floor;
  const tie = Math.abs(frac - 0.5) < EPS;
  const rounded = tie ? (floor % 2 === 0 ? floor : floor + 1) : Math.round(scaled);
  return (Math.sign(x) * rounded) / f;
}

function truncate(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.trunc(x * f + Math.sign(x) * EPS) / f;
}

const same = (a: number, b: number) => Math.abs(a - b) <= EPS * Math.max(1, Math.abs(b));

/** Whether `value` prints as `printed` at the printed precision (rounding half away from zero). */
export function printsAs(value: number, printed: string): boolean {
  const {value: v, decimals} = parsePrinted(printed);
  return same(roundHalfAway(value, decimals), v);
}

/** Whether `value` prints as `printed` when its extra digits are cut off (79.1666… → "79.16"). */
export function truncatesAs(value: number, printed: string): boolean {
  const {value: v, decimals} = parsePrinted(printed);
  return same(truncate(value, decimals), v);
}

/** `value` written with the printed value's precision (for messages). */
export function atPrecisionOf(value: number, printed: string): string {
  return roundHalfAway(value, parsePrinted(printed).decimals).toFixed(parsePrinted(printed).decimals);
}

/** A printed number (percentage, count, mean, r…) against the computed value. */
export function judgeNumber(printed: string, computed: number): Judgement {
  const {value, decimals, comparator} = parsePrinted(printed);
  if (comparator !== "=") return judgeBound(comparator, value, computed);
  if (same(computed, value)) return {verdict: "exact"};
  const away = same(roundHalfAway(computed, decimals), value);
  const even = same(roundHalfEven(computed, decimals), value);
  if (away || even) return {verdict: "rounded", rounding: away && even ? "either rule" : away ? "half away from zero" : "half to even"};
  if (same(truncate(computed, decimals), value)) return {verdict: "truncated", note: `rounding would print ${roundHalfAway(computed, decimals).toFixed(decimals)}`};
  return {verdict: "inconsistent", note: `the data give ${roundHalfAway(computed, decimals).toFixed(decimals)} at the printed precision`};
}

function judgeBound(comparator: "<" | ">", value: number, computed: number): Judgement {
  const holds = comparator === "<" ? computed < value : computed > value;
  return holds ? {verdict: "exact", note: `bound ${comparator} ${value} holds`} : {verdict: "inconsistent", note: `the bound ${comparator} ${value} does not hold`};
}

/**
 * A printed p-value against the computed one, by statcheck's rules: "= 0.02" stands for
 * [0.015, 0.025); "< 0.001" is a bound. A decision error is a different conclusion at α = 0.05.
 */
export function judgeP(printed: string, computed: number, {alpha = 0.05} = {}): Judgement {
  const {comparator, value, decimals} = parsePrinted(printed);
  const reportedSignificant = comparator === "<" ? value <= alpha : comparator === ">" ? false : value < alpha;
  const decisionError = reportedSignificant !== computed < alpha;
  if (comparator !== "=") return {...judgeBound(comparator, value, computed), decisionError};
  const half = 0.5 * 10 ** -decimals;
  if (same(computed, value)) return {verdict: "exact", decisionError};
  if (computed >= value - half - EPS && computed < value + half) return {verdict: "rounded", rounding: "either rule", decisionError, note: `within ${(value - half).toFixed(decimals + 1)}–${(value + half).toFixed(decimals + 1)}`};
  // statcheck has no truncation rule for p-values: outside the interval is inconsistent.
  return {verdict: "inconsistent", decisionError, note: `p = ${computed.toPrecision(3)}`};
}

/**
 * GRIM: is a printed percentage (of n) or mean (of n integer answers) possible at all, rounded or
 * truncated at its printed precision? null when n is unknown.
 */
export function grim(printed: string, n: number | null, {kind}: {kind: "percent" | "mean"}): boolean | null {
  if (n === null || !Number.isInteger(n) || n <= 0) return null;
  const {value, comparator} = parsePrinted(printed);
  if (comparator !== "=") return null; // a bound is possible by definition
  // The whole counts (or sums) nearest the printed value are the only candidates.
  const target = kind === "percent" ? (value / 100) * n : value * n;
  for (let k = Math.floor(target) - 1; k <= Math.ceil(target) + 1; ++k) {
    const x = kind === "percent" ? (100 * k) / n : k / n;
    if (printsAs(x, printed) || truncatesAs(x, printed) || same(roundHalfEven(x, parsePrinted(printed).decimals), value)) return true;
  }
  return false;
}
