import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  quoteBenchInput,
  quoteBenchProgram,
  quoteBenchProgramInput,
} from '../../bench/quote.bench.js';
import { Decimal } from '../money/index.js';
import { defineProgram } from '../program/parseProgram.js';
import type { Program } from '../program/schema.js';
import { quote } from './quote.js';
import type { QuoteInput } from './types.js';

/**
 * Pins the complete output of `quote` on the benchmark's fixture and on
 * variants of it (an exclusive promotion, a weekend, a guest, coupons refused,
 * a DST night in New York), field by field and in key order, so that a
 * performance change that alters any result or trace line fails here.
 *
 * The expected file was written once, before the quote was optimised, by
 * `PIN_WRITE=1 npx vitest run src/quote/quote.pinned.test.ts`; never rewrite
 * it to make a change pass.
 */
const EXPECTED = new URL('./quote.pinned.expected.json', import.meta.url);

/** Every value as plain JSON: decimals tagged with their exact value, Maps and Sets as entries, undefined kept. */
function plain(value: unknown): unknown {
  if (value === undefined) return '<undefined>';
  if (value === null || typeof value !== 'object') return value;
  if (Decimal.isDecimal(value)) return `D:${(value as Decimal).toString()}`;
  if (value instanceof Map) return { '<map>': [...value.entries()].map(([k, v]) => [k, plain(v)]) };
  if (value instanceof Set) return { '<set>': [...value].map(plain) };
  if (Array.isArray(value)) return value.map(plain);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = plain((value as Record<string, unknown>)[key]);
  return out;
}

function variants(): [string, Program, QuoteInput][] {
  const program = quoteBenchProgram();
  const input = quoteBenchInput();
  const member = input.member!;
  const ny = defineProgram({ ...quoteBenchProgramInput(), timeZone: 'America/New_York' });
  return [
    ['fixture', program, input],
    ['exclusive vip', program, { ...input, member: { ...member, tags: ['vip-2', 'regular'] } }],
    ['saturday', program, { ...input, now: '2026-05-23T10:00:00+08:00' }],
    ['guest', program, { ...input, member: undefined, coupons: [], couponCodes: ['SOCK-1'] }],
    ['coupons expired', program, { ...input, now: '2027-02-01T09:00:00+08:00' }],
    [
      'budget nearly spent',
      program,
      {
        ...input,
        coupons: input.coupons!.map((c) =>
          c.code === 'TWENTY-1' ? { ...c, usage: { budget: { amount: '99990.5' } } } : c,
        ),
      },
    ],
    [
      'member limit reached',
      program,
      {
        ...input,
        coupons: input.coupons!.map((c) =>
          c.code === 'TWENTY-1' ? { ...c, usage: { 'per-member': { redemptions: 3 } } } : c,
        ),
      },
    ],
    ['reversed lines', program, { ...input, lines: [...input.lines].reverse() }],
    ['no points', program, { ...input, pointsToSpend: 0, availablePoints: 0 }],
    ['new york DST night', ny, { ...input, now: '2026-03-08T01:30:00-05:00' }],
    ['new york after DST', ny, { ...input, now: '2026-03-08T03:30:00-04:00' }],
    ['new york fall back', ny, { ...input, now: '2026-11-01T01:30:00-04:00' }],
    ['new york birthday month, last minute', ny, { ...input, now: '2026-05-31T23:59:00-04:00' }],
    ['new york birthday month over', ny, { ...input, now: '2026-06-01T00:00:00-04:00' }],
  ];
}

describe('quote on the benchmark fixture (pinned)', () => {
  const actual = Object.fromEntries(
    variants().map(([name, program, input]) => [name, plain(quote(program, input))]),
  );
  if (process.env.PIN_WRITE === '1')
    writeFileSync(EXPECTED, `${JSON.stringify(actual, null, 1)}\n`);
  const expected = JSON.parse(readFileSync(EXPECTED, 'utf8')) as Record<string, unknown>;
  it.each(Object.keys(expected))('%s: the complete quote is unchanged', (name) => {
    expect(JSON.stringify(actual[name], null, 1)).toBe(JSON.stringify(expected[name], null, 1));
  });
  it('pins every variant', () => {
    expect(Object.keys(actual)).toEqual(Object.keys(expected));
  });
});
