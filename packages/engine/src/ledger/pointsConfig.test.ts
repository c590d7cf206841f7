import { describe, expect, it } from 'vitest';
import { parseProgram, programJsonSchema } from '../program/index.js';

const base = { id: 'p', version: 1, currency: 'CNY', timeZone: 'Asia/Shanghai' };

describe('points section of the program', () => {
  it('defaults every field, so a bare program is valid', () => {
    const r = parseProgram(base);
    expect(r.success).toBe(true);
    if (!r.success) return;
    const { points } = r.program;
    expect(points.pending).toEqual({ amount: 0, unit: 'day' });
    expect(points.expiry).toEqual({ kind: 'never' });
    expect(points.returns).toBe('allowDebt');
    expect(points.payment.enabled).toBe(false);
    expect(points.payment.rate.points.toString()).toBe('100');
    expect(points.payment.maxShare.toString()).toBe('1');
    expect(points.transfers).toEqual({ allowed: false, minPoints: 1 });
    expect(points.holds).toEqual({ timeoutMinutes: 30 });
  });

  it.each([
    ['an unknown expiry kind', { expiry: { kind: 'sometimes' } }, ['points', 'expiry', 'kind']],
    [
      'a rolling expiry of 0',
      { expiry: { kind: 'rolling', amount: 0, unit: 'day' } },
      ['points', 'expiry', 'amount'],
    ],
    [
      '30 February',
      { expiry: { kind: 'fixedDate', monthDay: '02-30', yearsAfter: 1 } },
      ['points', 'expiry', 'monthDay'],
    ],
    [
      'a share above 1',
      { payment: { enabled: true, maxShare: '1.5' } },
      ['points', 'payment', 'maxShare'],
    ],
    [
      'a minimum off the step',
      { payment: { enabled: true, minPoints: 150, step: 100 } },
      ['points', 'payment', 'minPoints'],
    ],
    [
      'transfer max below min',
      { transfers: { allowed: true, minPoints: 10, maxPoints: 5 } },
      ['points', 'transfers', 'maxPoints'],
    ],
    ['an unknown return policy', { returns: 'never' }, ['points', 'returns']],
    ['an unknown field', { bonus: true }, ['points']],
  ])('rejects %s with its path', (_name, points, path) => {
    const r = parseProgram({ ...base, points });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.issues.map((i) => i.path.join('.'))).toContain(path.join('.'));
  });

  it('is representable in the JSON Schema', () => {
    const schema = programJsonSchema() as {
      properties: Record<string, { properties?: Record<string, unknown> }>;
    };
    expect(Object.keys(schema.properties.points?.properties ?? {})).toEqual([
      'pending',
      'expiry',
      'returns',
      'payment',
      'transfers',
      'holds',
    ]);
  });
});
