import { describe, expect, it } from 'vitest';
import { programJsonSchema } from '../program/jsonSchema.js';
import { parseProgram } from '../program/parseProgram.js';

const base = { id: 'p', version: 1, currency: 'USD', timeZone: 'Europe/London' };
const ladder = [
  { id: 'member', name: 'Member' },
  { id: 'gold', name: 'Gold', entry: { spend: '1000' } },
];

function issues(tiers: unknown, extra: Record<string, unknown> = {}) {
  const r = parseProgram({ ...base, tiers, ...extra });
  return r.success ? [] : r.issues.map((i) => `${i.path.join('.')}: ${i.code}`);
}

describe('tiers section of the program', () => {
  it('defaults: an empty program has no ladder, a rolling 12-month window, tier-anniversary reviews, one down', () => {
    const r = parseProgram(base);
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(r.program.tiers).toEqual({
      ladder: [],
      window: 'rolling',
      rollingMonths: 12,
      review: { at: 'tier_anniversary', policy: 'one_down', graceDays: 0 },
    });
  });

  it('parses amounts to exact decimals and member prices to a null-prototype record', () => {
    const r = parseProgram({
      ...base,
      tiers: {
        ladder: [
          { id: 'member', name: 'Member' },
          {
            id: 'gold',
            name: 'Gold',
            entry: { spend: '1000.10' },
            benefits: {
              discountRate: '0.05',
              pointsMultiplier: 1.5,
              memberPrices: { 'SKU-1': '9.99', constructor: '1' },
            },
          },
        ],
      },
    });
    expect(r.success).toBe(true);
    if (!r.success) return;
    const gold = r.program.tiers.ladder[1];
    expect(gold?.entry?.spend?.toString()).toBe('1000.1');
    expect(gold?.neverDowngrade).toBe(false);
    expect(gold?.benefits.memberPrices?.['SKU-1']?.toString()).toBe('9.99');
    expect(Object.getPrototypeOf(gold?.benefits.memberPrices)).toBeNull();
    expect(gold?.benefits.memberPrices?.toString).toBeUndefined();
  });

  it.each([
    [
      'base tier with an entry threshold',
      { ladder: [{ id: 'a', name: 'A', entry: { spend: '1' } }] },
      'tiers.ladder.0.entry: custom',
    ],
    [
      'upper tier without entry',
      {
        ladder: [
          { id: 'a', name: 'A' },
          { id: 'b', name: 'B' },
        ],
      },
      'tiers.ladder.1.entry: custom',
    ],
    [
      'upper tier with an empty entry',
      {
        ladder: [
          { id: 'a', name: 'A' },
          { id: 'b', name: 'B', entry: {} },
        ],
      },
      'tiers.ladder.1.entry: custom',
    ],
    [
      'duplicate tier ids',
      { ladder: [...ladder, { id: 'gold', name: 'Gold 2', entry: { spend: '2' } }] },
      'tiers.ladder.2.id: custom',
    ],
    [
      'negative threshold',
      { ladder: [ladder[0], { id: 'b', name: 'B', entry: { spend: '-1' } }] },
      'tiers.ladder.1.entry.spend: custom',
    ],
    [
      'atLeast above the metrics given',
      { ladder: [ladder[0], { id: 'b', name: 'B', entry: { spend: '1', match: { atLeast: 2 } } }] },
      'tiers.ladder.1.entry.match.atLeast: custom',
    ],
    [
      'discount rate above 1',
      {
        ladder: [
          ladder[0],
          { id: 'b', name: 'B', entry: { spend: '1' }, benefits: { discountRate: '1.5' } },
        ],
      },
      'tiers.ladder.1.benefits.discountRate: custom',
    ],
    [
      'window_end with a rolling window',
      { ladder, window: 'rolling', review: { at: 'window_end' } },
      'tiers.review.at: custom',
    ],
    [
      'window_end with a lifetime window',
      { ladder, window: 'lifetime', review: { at: 'window_end' } },
      'tiers.review.at: custom',
    ],
    ['review dates missing', { ladder, review: { at: 'dates' } }, 'tiers.review.dates: custom'],
    [
      'review dates not read',
      { ladder, review: { at: 'tier_anniversary', dates: ['01-01'] } },
      'tiers.review.dates: custom',
    ],
    [
      'no such review date',
      { ladder, review: { at: 'dates', dates: ['02-30'] } },
      'tiers.review.dates.0: custom',
    ],
    [
      'grace above a year',
      { ladder, review: { graceDays: 400 } },
      'tiers.review.graceDays: too_big',
    ],
    ['unknown field', { ladder, windows: 'lifetime' }, 'tiers: unrecognized_keys'],
    [
      'too many tiers',
      {
        ladder: [
          ladder[0],
          ...Array.from({ length: 20 }, (_, i) => ({
            id: `t${i}`,
            name: 'T',
            entry: { orders: i + 1 },
          })),
        ],
      },
      'tiers.ladder: too_big',
    ],
  ])('refuses %s', (_name, tiers, issue) => {
    expect(issues(tiers)).toContain(issue);
  });

  it('reports a coupon template a tier names that does not exist (unknown_reference)', () => {
    const tiers = {
      ladder: [
        { id: 'member', name: 'Member', benefits: { birthdayGift: { couponTemplateId: 'bday' } } },
        {
          id: 'gold',
          name: 'Gold',
          entry: { spend: '1' },
          benefits: { couponsOnReach: ['welcome'], couponsYearly: ['yearly'] },
        },
      ],
    };
    expect(issues(tiers)).toEqual([
      'tiers.ladder.0.benefits.birthdayGift.couponTemplateId: unknown_reference',
      'tiers.ladder.1.benefits.couponsOnReach.0: unknown_reference',
      'tiers.ladder.1.benefits.couponsYearly.0: unknown_reference',
    ]);
    const template = (id: string) => ({
      id,
      benefit: { kind: 'amount_off', amount: '5' },
      validity: { kind: 'after_issue', days: 30 },
    });
    expect(
      issues(tiers, {
        couponTemplates: [template('bday'), template('welcome'), template('yearly')],
      }),
    ).toEqual([]);
  });

  it('is representable in the program JSON Schema', () => {
    const schema = JSON.stringify(programJsonSchema());
    expect(schema).toContain('neverDowngrade');
    expect(schema).toContain('rollingMonths');
  });
});
