import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../money/index.js';
import { returnedSpend } from './returnedSpend.js';
import { tierProgram } from './tiersTestKit.js';

const program = tierProgram();
const d = (v: string | number) => new Decimal(v);

describe('returnedSpend', () => {
  it('takes back the money paid in proportion, rounded to the currency', () => {
    // 100.00 order, 70.00 paid in money: a third returned takes back 23.33.
    const r = returnedSpend(program, {
      orderAmount: d('100'),
      moneyPaid: d('70'),
      returnedBefore: d('0'),
      returned: d('33.33'),
    });
    expect(r.toString()).toBe('23.33');
  });

  it('takes back nothing of an order of no amount', () => {
    const r = returnedSpend(program, {
      orderAmount: d('0'),
      moneyPaid: d('0'),
      returnedBefore: d('0'),
      returned: d('0'),
    });
    expect(r.toString()).toBe('0');
  });

  it('the returns of a whole order take back exactly the money it paid', () => {
    const cents = fc.integer({ min: 1, max: 1_000_000 });
    fc.assert(
      fc.property(
        cents,
        fc.integer({ min: 0, max: 100 }),
        fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 6 }),
        (orderCents, paidPercent, weights) => {
          const orderAmount = d(orderCents).div(100);
          const moneyPaid = d(Math.floor((orderCents * paidPercent) / 100)).div(100);
          // Split the order into returns by the weights (the last takes the rest).
          const total = weights.reduce((a, b) => a + b, 0);
          let left = orderCents;
          let before = d(0);
          let taken = d(0);
          weights.forEach((w, i) => {
            const part =
              i === weights.length - 1
                ? left
                : Math.min(left, Math.floor((orderCents * w) / total));
            left -= part;
            const returned = d(part).div(100);
            const r = returnedSpend(program, {
              orderAmount,
              moneyPaid,
              returnedBefore: before,
              returned,
            });
            expect(r.gte(0)).toBe(true);
            taken = taken.plus(r);
            before = before.plus(returned);
          });
          expect(taken.eq(moneyPaid)).toBe(true);
        },
      ),
    );
  });
});
