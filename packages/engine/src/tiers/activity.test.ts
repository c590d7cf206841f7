import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { Decimal, isDecimalString } from '../money/index.js';
import {
  isPlainDecimal,
  sumWindow,
  type TierActivityBucket,
  validateActivity,
} from './activity.js';
import { daysFromCivil } from './civil.js';

const ALL = { spend: true, points: true, orders: true, visits: true };
const day = (s: string) =>
  daysFromCivil(Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10)));

describe('activity summary', () => {
  it('sums exactly whatever the form of the amounts (strings, Decimals, whole numbers, beyond 2^53 millionths)', () => {
    const buckets: TierActivityBucket[] = [
      { from: '2025-01-01', spend: '0.1', points: '10' },
      { from: '2025-01-02', spend: '0.2', points: new Decimal('0.000001') },
      { from: '2025-01-03', spend: 5, orders: 2, visits: 1 },
      { from: '2025-01-04', spend: '99999999999.999999' },
      { from: '2025-01-05', spend: '-3.3333333', orders: -1 },
    ];
    validateActivity({ buckets }, ['activity']);
    const t = sumWindow({ buckets }, { start: null, end: day('2025-02-01') }, false, ALL, []);
    expect(t.spend.toString()).toBe(
      new Decimal('0.1')
        .plus('0.2')
        .plus(5)
        .plus('99999999999.999999')
        .minus('3.3333333')
        .toString(),
    );
    expect(t.points.toString()).toBe('10.000001');
    expect(t.orders).toBe(1);
    expect(t.visits).toBe(1);
  });

  it('counts a bucket when it lies inside the window; an open end counts a bucket that started', () => {
    const buckets: TierActivityBucket[] = [
      { from: '2024-12-31', spend: '1' },
      { from: '2025-01-01', to: '2025-02-01', spend: '10' },
      { from: '2025-02-01', to: '2025-03-01', spend: '100' },
    ];
    const window = { start: day('2025-01-01'), end: day('2025-02-15') };
    expect(sumWindow({ buckets }, window, true, ALL, []).spend.toString()).toBe('110');
    expect(() => sumWindow({ buckets }, window, false, ALL, ['a'])).toThrow(InputError);
    expect(() =>
      sumWindow({ buckets }, { start: day('2025-01-15'), end: day('2025-03-01') }, true, ALL, []),
    ).toThrow(/straddles/);
  });

  it.each([
    ['not an object', null, 'invalid_type'],
    [
      'too many buckets',
      {
        buckets: Array.from({ length: 5001 }, (_, i) => ({
          from: `${2000 + Math.floor(i / 365)}-01-01`,
        })),
      },
      'too_big',
    ],
    ['a date that does not exist', { buckets: [{ from: '2025-02-29' }] }, 'invalid_format'],
    [
      'an end before the start',
      { buckets: [{ from: '2025-02-01', to: '2025-02-01' }] },
      'invalid_format',
    ],
    [
      'the same day twice',
      { buckets: [{ from: '2025-02-01' }, { from: '2025-02-01' }] },
      'unsorted',
    ],
    ['an exponent', { buckets: [{ from: '2025-02-01', points: '1e2' }] }, 'invalid_format'],
    ['a float count', { buckets: [{ from: '2025-02-01', visits: 0.5 }] }, 'invalid_type'],
    [
      'an infinite amount',
      { buckets: [{ from: '2025-02-01', spend: Number.POSITIVE_INFINITY }] },
      'invalid_format',
    ],
  ])('refuses %s', (_name, input, code) => {
    try {
      validateActivity(input as never, ['activity']);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).issues[0]?.code).toBe(code);
    }
  });

  it('the decimal grammar is exactly the money module’s (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[-+]?[0-9.e]{0,8}$/), (s) => {
        expect(isPlainDecimal(s)).toBe(isDecimalString(s));
      }),
    );
  });

  it('window sums equal Decimal sums, Decimals and strings summed in integer millionths (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
            fc.integer({ min: 0, max: 8 }),
          ),
          { maxLength: 30 },
        ),
        (amounts) => {
          const buckets = amounts.map(([units, scale], i): TierActivityBucket => {
            const d = new Decimal(units.toString()).div(new Decimal(10).pow(scale));
            return {
              from: `2025-01-${String(i + 1).padStart(2, '0')}`,
              spend: i % 3 === 0 ? d : d.toFixed(),
            };
          });
          const expected = buckets.reduce(
            (acc, b) => acc.plus(b.spend as Decimal | string),
            new Decimal(0),
          );
          const got = sumWindow(
            { buckets },
            { start: null, end: day('2025-03-01') },
            false,
            ALL,
            [],
          );
          expect(got.spend.equals(expected)).toBe(true);
          expect({ s: got.spend.s, e: got.spend.e, d: [...got.spend.d] }).toEqual({
            s: expected.s,
            e: expected.e,
            d: [...expected.d],
          });
        },
      ),
    );
  });
});
