// Seeded randomness and exact-count helpers shared by the reconstruction generators. Every draw
// comes from one MT19937 stream, so a generator run twice writes the same bytes.
import mt19937 from "@stdlib/random-base-mt19937";

export const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** Integer counts summing to `total`, each ≤ its cap, closest to the expected values (largest remainder). */
export function largestRemainder(expected: number[], total: number, caps: number[]): number[] {
  const counts = expected.map((e, i) => Math.min(Math.floor(e), caps[i]));
  let rest = total - sum(counts);
  const order = expected.map((e, i) => ({i, r: e - Math.floor(e)})).sort((a, b) => b.r - a.r || a.i - b.i);
  while (rest > 0) {
    let moved = false;
    for (const {i} of order) if (rest > 0 && counts[i] < caps[i]) (counts[i]++, rest--, (moved = true));
    if (!moved) throw new Error("largestRemainder: caps too small");
  }
  return counts;
}

/** Exact counts from shares (for what a paper does not print). */
export function countsFromShares(shares: number[], total: number): number[] {
  const s = sum(shares);
  return largestRemainder(shares.map((p) => (p / s) * total), total, shares.map(() => total));
}

/** A seeded stream of random numbers and the sampling built on it. */
export function seededRandom(seed: number) {
  // MT19937 (stdlib), two 32-bit draws per 53-bit uniform double in [0, 1).
  const mt = mt19937.factory({seed});
  function random(): number {
    const a = mt() >>> 5, b = mt() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }
  function normal(): number {
    // Box–Muller; 1 - u keeps the log finite.
    return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  }
  function shuffle<T>(array: T[]): T[] {
    for (let i = array.length - 1; i > 0; --i) {
      const j = Math.floor(random() * (i + 1));
      [array[i], array[j]] = [array[j], array[i]];
    }
    return array;
  }
  /** Draws from a discrete distribution given by weights (need not sum to 1). */
  function draw<T>(items: readonly T[], weights: readonly number[]): T {
    const total = weights.reduce((a, b) => a + b, 0);
    let u = random() * total;
    for (let i = 0; i < items.length; ++i) if ((u -= weights[i]) < 0) return items[i];
    return items[items.length - 1];
  }
  /** Exactly k of `pool`, sampled without replacement with probability ∝ weight (Efraimidis–Spirakis keys). */
  function pick<T>(pool: readonly T[], k: number, weight: (x: T) => number = () => 1): T[] {
    if (k > pool.length) throw new Error(`cannot pick ${k} of ${pool.length}`);
    const keyed = pool.map((x, i) => ({x, i, key: Math.log(1 - random()) / weight(x)}));
    keyed.sort((a, b) => b.key - a.key || a.i - b.i);
    return keyed.slice(0, k).map((d) => d.x);
  }
  /** Sorts `pool` by a noisy score, highest first, and gives out the levels in order with exact counts. */
  function rankAllocate<T>(pool: readonly T[], score: (x: T) => number, counts: [string, number][], set: (x: T, level: string) => void): void {
    const total = counts.reduce((a, [, c]) => a + c, 0);
    if (total !== pool.length) throw new Error(`rankAllocate: ${total} counts for ${pool.length} respondents`);
    const ranked = pool.map((x, i) => ({x, i, s: score(x) + normal()})).sort((a, b) => b.s - a.s || a.i - b.i);
    let at = 0;
    for (const [level, count] of counts) for (let j = 0; j < count; ++j) set(ranked[at++].x, level);
  }
  return {random, normal, shuffle, draw, pick, rankAllocate};
}
