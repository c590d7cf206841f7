import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pointsPaymentLimit, pointsValue } from '../ledger/index.js';
import { Decimal } from '../money/decimal.js';
import { defineProgram } from '../program/parseProgram.js';
import type { Program } from '../program/schema.js';
import { quotePointsPayment } from './quotePointsPayment.js';

/**
 * The checks of `applyPointsPayment`, each with its own limit, as the quote
 * made them before it took a payment within the member's own limit at once.
 */
function reference(program: Program, orderAmount: Decimal, have: Decimal, want: Decimal) {
  const limit = pointsPaymentLimit(program, { available: have, orderAmount });
  const policy = program.points.payment;
  const refused = (refusal: string | null) => ({ points: '0', value: '0', refusal });
  if (want.isZero()) return refused(null);
  if (!policy.enabled) return refused('PAYMENT_DISABLED');
  if (!want.mod(limit.step).isZero()) return refused('NOT_A_MULTIPLE_OF_STEP');
  if (want.lt(limit.minPoints)) return refused('BELOW_MINIMUM');
  if (pointsPaymentLimit(program, { available: want, orderAmount }).maxPoints.lt(want))
    return refused('EXCEEDS_MAXIMUM_SHARE');
  if (have.lt(want)) return refused('INSUFFICIENT_POINTS');
  return { points: want.toString(), value: pointsValue(program, want).toString(), refusal: null };
}

describe('quotePointsPayment', () => {
  it('accepts or refuses a payment as each of the ledger checks does', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 1, max: 100 }),
        fc.constantFrom(['100', '1'], ['1', '0.01'], ['3', '0.07'], ['250', '2.5']),
        fc.integer({ min: 0, max: 200_000 }),
        fc.integer({ min: 0, max: 50_000 }),
        fc.oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 60_000 })),
        (enabled, step, minSteps, sharePercent, [points, value], cents, have, wantUnits) => {
          const program = defineProgram({
            id: 'p',
            version: 1,
            currency: 'CNY',
            timeZone: 'Asia/Shanghai',
            points: {
              payment: {
                enabled,
                step,
                minPoints: minSteps * step,
                maxShare: String(sharePercent / 100),
                rate: { points, value },
              },
            },
          });
          const orderAmount = new Decimal(cents).div(100);
          // Mostly multiples of the step, so that the later checks are reached.
          const want = wantUnits % 7 === 0 ? wantUnits : wantUnits * step;
          const q = quotePointsPayment(program, orderAmount, have, want);
          const r = reference(program, orderAmount, new Decimal(have), new Decimal(want));
          expect({
            points: q.points.toString(),
            value: q.value.toString(),
            refusal: q.refusal?.code ?? null,
          }).toEqual(r);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
