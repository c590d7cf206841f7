import { describe, expect, it } from 'vitest';
import { programJsonSchema } from '../program/jsonSchema.js';
import { parseProgram } from '../program/parseProgram.js';

const base = { id: 'p', version: 1, currency: 'CNY', timeZone: 'Asia/Shanghai' };
const template = {
  id: 't',
  benefit: { kind: 'amount_off', amount: '5' },
  validity: { kind: 'after_issue', days: 7 },
};

describe('couponTemplates schema', () => {
  it('defaults to no templates, and fills every template default', () => {
    const r = parseProgram({ ...base, couponTemplates: [template] });
    expect(r.success).toBe(true);
    if (!r.success) return;
    const t = r.program.couponTemplates[0]!;
    expect([t.usesPerCoupon, t.limits, t.onBudgetShortfall, t.allocation, t.priority]).toEqual([
      1,
      [],
      'remainder',
      'proportional',
      0,
    ]);
    expect(t.stacking).toEqual({
      withOtherCoupons: false,
      withSameTemplate: false,
      withPromotions: true,
      excludePromotions: [],
    });
    const empty = parseProgram(base);
    expect(empty.success && empty.program.couponTemplates).toEqual([]);
  });

  it.each([
    [
      'an unknown benefit kind',
      { ...template, benefit: { kind: 'nope' } },
      ['couponTemplates', 0, 'benefit', 'kind'],
    ],
    [
      'a window ending before it starts',
      {
        ...template,
        validity: { kind: 'absolute', from: '2026-02-01T00:00:00Z', until: '2026-01-01T00:00:00Z' },
      },
      ['couponTemplates', 0, 'validity', 'until'],
    ],
    [
      'a fractional redemption limit',
      { ...template, limits: [{ id: 'l', scope: 'global', max: '1.5' }] },
      ['couponTemplates', 0, 'limits', 0, 'max'],
    ],
    [
      'a message for an unknown code',
      { ...template, messages: { NOPE: 'x' } },
      ['couponTemplates', 0, 'messages'],
    ],
  ])('rejects %s, by path', (_name, bad, path) => {
    const r = parseProgram({ ...base, couponTemplates: [bad] });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.issues.map((i) => i.path.slice(0, path.length))).toContainEqual(path);
  });

  it('reports duplicate template and limit ids, unknown promotions and tiers', () => {
    const r = parseProgram({
      ...base,
      tiers: { ladder: [{ id: 'member', name: 'Member' }] },
      couponTemplates: [
        {
          ...template,
          audience: { tiers: ['gold'] },
          stacking: { excludePromotions: ['ghost'] },
          limits: [
            { id: 'l', scope: 'global', max: 1 },
            { id: 'l', scope: 'member', max: 1 },
          ],
        },
        template,
      ],
    });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['duplicate_id', 'couponTemplates.1.id'],
      ['duplicate_id', 'couponTemplates.0.limits.1.id'],
      ['unknown_reference', 'couponTemplates.0.stacking.excludePromotions.0'],
      ['unknown_reference', 'couponTemplates.0.audience.tiers.0'],
    ]);
  });

  it('is representable in the JSON Schema', () => {
    const schema = JSON.stringify(programJsonSchema());
    expect(schema).toContain('free_item');
    expect(schema).toContain('onBudgetShortfall');
  });
});
