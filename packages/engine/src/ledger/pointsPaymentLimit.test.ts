import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, min, round } from '../money/index.js';
import { defineProgram, type Program } from '../program/index.js';
import { pointsPaymentLimit, pointsValue } from './index.js';

const program = (payment: Record<string, unknown>, currency = 'CNY') =>
  defineProgram({ id: 'p', version: 1, currency, timeZone: 'Asia/Shanghai', points: { payment } });

describe('pointsPaymentLimit', () => {
  it.each([
    // payment policy, available, order amount -> max points, value, bound
    [{ enabled: true }, '12345', '100.00', '10000', '100', 'share'],
    [{ enabled: true, maxShare: '0.5' }, '12345', '100.00', '5000', '50', 'share'],
    [{ enabled: true, maxShare: '0.5', step: 100 }, '4321', '100.00', '4300', '43', 'available'],
    [{ enabled: true, minPoints: 500, step: 100 }, '450', '100.00', '0', '0', 'minimum'],
    [{ enabled: true, maxShare: '0.3' }, '99999', '33.33', '999', '9.99', 'share'],
    [{ enabled: true, rate: { points: '3', value: '0.10' } }, '1000', '5.00', '150', '5', 'share'],
    [{ enabled: false }, '1000', '5.00', '0', '0', 'disabled'],
  ])(
    '%j with %s available on %s -> %s points (%s)',
    (payment, available, orderAmount, maxPoints, maxValue, bound) => {
      const limit = pointsPaymentLimit(program(payment), { available, orderAmount });
      expect([limit.maxPoints.toString(), limit.maxValue.toString(), limit.boundBy]).toEqual([
        maxPoints,
        maxValue,
        bound,
      ]);
    },
  );

  it('values points in a zero-decimal currency to whole units', () => {
    expect(pointsValue(program({ enabled: true }, 'JPY'), 150).toString()).toBe('2');
  });
});

describe('properties', () => {
  it('the limit is a multiple of the step, within the available points, the share cap and above the minimum', () => {
    fc.assert(
      fc.property(
        fc.record({
          points: fc.integer({ min: 1, max: 1000 }),
          valueCents: fc.integer({ min: 1, max: 10_000 }),
          step: fc.integer({ min: 1, max: 500 }),
          minSteps: fc.integer({ min: 0, max: 10 }),
          sharePct: fc.integer({ min: 1, max: 100 }),
        }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.constantFrom('HALF_EVEN', 'HALF_UP', 'UP', 'CEILING', 'FLOOR'),
        (cfg, available, orderCents, moneyMode) => {
          const p = defineProgram({
            id: 'p',
            version: 1,
            currency: 'USD',
            timeZone: 'UTC',
            rounding: { money: { mode: moneyMode } },
            points: {
              payment: {
                enabled: true,
                rate: { points: String(cfg.points), value: (cfg.valueCents / 100).toFixed(2) },
                step: cfg.step,
                minPoints: cfg.step * cfg.minSteps,
                maxShare: (cfg.sharePct / 100).toFixed(2),
              },
            },
          });
          const l = pointsPaymentLimit(p, {
            available,
            orderAmount: (orderCents / 100).toFixed(2),
          });
          expect(l.maxPoints.mod(cfg.step).isZero()).toBe(true);
          expect(l.maxPoints.lte(available)).toBe(true);
          expect(l.maxValue.lte(l.shareCap)).toBe(true);
          if (!l.maxPoints.isZero()) expect(l.maxPoints.gte(l.minPoints)).toBe(true);
          // Maximal: one more step would break the share cap or the available points.
          const next = l.maxPoints.plus(cfg.step);
          if (l.maxPoints.gt(0)) {
            const exact = next.times(cfg.valueCents).div(100).div(cfg.points);
            expect(next.gt(available) || exact.gt(l.shareCap)).toBe(true);
          }
        },
      ),
    );
  });
});

/** The limit and value in decimal.js arithmetic alone, as written before the scaled fast paths. */
function decimalLimit(p: Program, available: Decimal, orderAmount: Decimal) {
  const policy = p.points.payment;
  const step = new Decimal(policy.step);
  const minPoints = new Decimal(policy.minPoints);
  const shareCap = round(orderAmount.times(policy.maxShare), 2, 'FLOOR');
  const value = (points: Decimal) =>
    round(points.times(policy.rate.value).div(policy.rate.points), 2, p.rounding.money.mode);
  const byShare = shareCap.times(policy.rate.points).div(policy.rate.value);
  const maxPoints = min(available, byShare).divToInt(step).times(step);
  const boundBy = available.lte(byShare) ? 'available' : 'share';
  if (maxPoints.lt(minPoints) || maxPoints.isZero()) {
    const bound = maxPoints.isZero() && minPoints.isZero() ? boundBy : 'minimum';
    return {
      maxPoints: new Decimal(0),
      maxValue: new Decimal(0),
      shareCap,
      step,
      minPoints,
      bound,
    };
  }
  return { maxPoints, maxValue: value(maxPoints), shareCap, step, minPoints, bound: boundBy };
}

describe('fast path == decimal path', () => {
  it('computes the limit and value exactly as decimal.js arithmetic does (default and other rates)', () => {
    const shape = (x: Decimal) => ({ s: x.s, e: x.e, d: [...x.d] });
    fc.assert(
      fc.property(
        fc.oneof(fc.constant('100'), fc.integer({ min: 1, max: 100_000 }).map(String)),
        fc.oneof(
          fc.constant('1'),
          fc.integer({ min: 1, max: 100_000 }).map((c) => (c / 100).toFixed(2)),
        ),
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 1, max: 100 }),
        fc.oneof(
          fc.bigInt({ min: 0n, max: 10n ** 12n }).map((n) => new Decimal(n.toString())),
          fc.bigInt({ min: 0n, max: 10n ** 30n }).map((n) => new Decimal(`${n}e-6`)),
        ),
        fc.bigInt({ min: 0n, max: 10n ** 14n }).map((n) => new Decimal(`${n}e-2`)),
        fc.constantFrom('HALF_EVEN', 'HALF_UP', 'UP', 'CEILING', 'FLOOR'),
        (points, value, step, minSteps, sharePct, available, orderAmount, moneyMode) => {
          const p = defineProgram({
            id: 'p',
            version: 1,
            currency: 'USD',
            timeZone: 'UTC',
            rounding: { money: { mode: moneyMode } },
            points: {
              payment: {
                enabled: true,
                rate: { points, value },
                step,
                minPoints: step * minSteps,
                maxShare: (sharePct / 100).toFixed(2),
              },
            },
          });
          const got = pointsPaymentLimit(p, { available, orderAmount });
          const want = decimalLimit(p, available, orderAmount);
          expect(got.boundBy).toBe(want.bound);
          for (const k of ['maxPoints', 'maxValue', 'shareCap', 'step', 'minPoints'] as const) {
            expect(shape(got[k])).toEqual(shape(want[k]));
          }
          expect(shape(pointsValue(p, available))).toEqual(
            shape(round(available.times(value).div(points), 2, moneyMode)),
          );
        },
      ),
    );
  });
});
