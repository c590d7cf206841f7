import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { tierGiftsDue } from './tierGiftsDue.js';
import { stateOf, tierProgram } from './tiersTestKit.js';

const template = (id: string) => ({
  id,
  benefit: { kind: 'amount_off', amount: '10' },
  validity: { kind: 'after_issue', days: 30 },
});
const program = tierProgram(
  {
    ladder: [
      { id: 'member', name: 'Member' },
      {
        id: 'gold',
        name: 'Gold',
        entry: { spend: '1000' },
        benefits: {
          couponsYearly: ['gold-yearly'],
          birthdayGift: { couponTemplateId: 'bday-gold', points: '200' },
        },
      },
    ],
  },
  'Australia/Lord_Howe',
  { couponTemplates: [template('gold-yearly'), template('bday-gold')] },
);
const gold = stateOf(program, '2023-01-01T00:00:00Z', 'gold', '2024-02-29T03:00:00Z');

describe('tierGiftsDue (L5: yearly coupons, birthday gifts)', () => {
  it('yearly coupons on each anniversary of reaching the tier, 29 February on 28 February in common years', () => {
    const gifts = tierGiftsDue(program, {
      state: gold,
      from: '2024-01-01T00:00:00Z',
      to: '2026-12-31T00:00:00Z',
    });
    expect(gifts.map((g) => `${g.kind} ${g.dueAt}`)).toEqual([
      'yearly_coupon 2025-02-27T13:00:00.000Z',
      'yearly_coupon 2026-02-27T13:00:00.000Z',
    ]);
  });

  it('birthday gifts by tier: coupon and points at local midnight of the birthday', () => {
    const gifts = tierGiftsDue(program, {
      state: gold,
      birthday: '1990-07-15',
      from: '2025-07-01T00:00:00Z',
      to: '2025-08-01T00:00:00Z',
    });
    expect(gifts).toEqual([
      {
        kind: 'birthday_coupon',
        tierId: 'gold',
        templateId: 'bday-gold',
        dueAt: '2025-07-14T13:30:00.000Z',
      },
      {
        kind: 'birthday_points',
        tierId: 'gold',
        points: expect.anything(),
        dueAt: '2025-07-14T13:30:00.000Z',
      },
    ]);
  });

  it('the base tier without benefits owes nothing', () => {
    expect(
      tierGiftsDue(program, {
        state: stateOf(program, '2023-01-01T00:00:00Z'),
        birthday: '07-15',
        from: '2023-01-01T00:00:00Z',
        to: '2026-01-01T00:00:00Z',
      }),
    ).toEqual([]);
  });

  it.each([
    ['to before from', { from: '2025-02-01T00:00:00Z', to: '2025-01-01T00:00:00Z' }, 'before_from'],
    [
      'a span above ten years',
      { from: '2000-01-01T00:00:00Z', to: '2025-01-01T00:00:00Z' },
      'too_big',
    ],
    [
      'a bad birthday',
      { from: '2025-01-01T00:00:00Z', to: '2025-02-01T00:00:00Z', birthday: '02-30' },
      'invalid_format',
    ],
  ])('refuses %s', (_name, patch, code) => {
    try {
      tierGiftsDue(program, { state: gold, ...patch });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).issues[0]?.code).toBe(code);
    }
  });

  it('each gift is due exactly once however the runs split the time (property)', () => {
    const start = Date.parse('2024-01-01T00:00:00Z');
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 3 * 365 * 86_400_000 }), { maxLength: 20 }),
        (cuts) => {
          const points = [
            start,
            ...[...cuts].sort((a, b) => a - b).map((c) => start + c),
            start + 3 * 365 * 86_400_000 + 1,
          ];
          const split = points.slice(1).flatMap((to, i) =>
            tierGiftsDue(program, {
              state: gold,
              birthday: '02-29',
              from: points[i] as number,
              to,
            }),
          );
          const whole = tierGiftsDue(program, {
            state: gold,
            birthday: '02-29',
            from: start,
            to: points[points.length - 1] as number,
          });
          expect(split).toEqual(whole);
          expect(whole.filter((g) => g.kind === 'birthday_points')).toHaveLength(3);
        },
      ),
    );
  });
});
