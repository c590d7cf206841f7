// Seeded pseudo-random numbers (mulberry32): the same seed draws the same
// kill moments and operations, so a failure can be looked at again with it.

/** A generator of floats in [0, 1) from a 32-bit seed. */
export function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** An integer in [min, max]. */
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    /** One element of a non-empty array. */
    pick: (items) => items[Math.floor(next() * items.length)],
    /** True with probability p. */
    chance: (p) => next() < p,
    /** A shuffled copy (Fisher-Yates). */
    shuffle: (items) => {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
  };
}

/** Exact decimal string -> integer count of 1/10,000 (the ledger's scale). */
export function units(value) {
  const s = String(value ?? '0').trim();
  const neg = s.startsWith('-');
  const [int, frac = ''] = (neg ? s.slice(1) : s).split('.');
  const v = BigInt(int || '0') * 10000n + BigInt(`${frac}0000`.slice(0, 4));
  return neg ? -v : v;
}

/** Integer units -> decimal string with 4 places. */
export function fromUnits(v) {
  const neg = v < 0n;
  const a = neg ? -v : v;
  return `${neg ? '-' : ''}${a / 10000n}.${String(a % 10000n).padStart(4, '0')}`;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
