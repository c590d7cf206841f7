import { describe, expect, it } from 'vitest';
import { parseProgram } from './parseProgram.js';
import { checkPromotionGroups, promotionsReferenceChecks, zPromotion } from './promotions.js';
import type { ProgramShape } from './schema.js';

const base = { id: 'p', version: 1, currency: 'CNY', timeZone: 'Asia/Shanghai' };
const pct = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: id,
  action: { kind: 'percent_off', percent: 10 },
  ...extra,
});

describe('promotions schema', () => {
  it('fills defaults', () => {
    const p = zPromotion.parse(pct('a'));
    expect(p.enabled).toBe(true);
    expect(p.priority).toBe(0);
    expect(p.stacking).toEqual({ exclusive: false, base: 'discounted', onePerUnit: false });
    expect(p.allocation).toBe('proportional');
  });

  it.each([
    ['percent above 100', { kind: 'percent_off', percent: 101 }, 'action.percent'],
    [
      'repeat with two steps',
      {
        kind: 'spend_off',
        repeat: true,
        steps: [
          { spend: 1, off: 1 },
          { spend: 2, off: 1 },
        ],
      },
      'action.steps',
    ],
    [
      'steps not increasing',
      {
        kind: 'spend_off',
        steps: [
          { spend: 2, off: 1 },
          { spend: 2, off: 3 },
        ],
      },
      'action.steps.1.spend',
    ],
    ['member price with no price', { kind: 'member_price' }, 'action.prices'],
    ['buy 0', { kind: 'buy_x_get_y', buy: 0, get: 1 }, 'action.buy'],
    ['unknown kind', { kind: 'cashback' }, 'action.kind'],
  ])('rejects %s', (_name, action, path) => {
    const r = parseProgram({ ...base, promotions: [{ id: 'a', name: 'a', action }] });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.issues.map((i) => i.path.join('.'))).toContain(`promotions.0.${path}`);
  });

  it('reports duplicate ids and groups defined two ways', () => {
    const r = parseProgram({
      ...base,
      promotions: [
        pct('a', { stacking: { group: { id: 'g', mode: 'best_deal' } } }),
        pct('a', { stacking: { group: { id: 'g', mode: 'stackable' } } }),
      ],
    });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.issues.map((i) => i.code).sort()).toEqual(['duplicate_id', 'group_conflict']);
  });

  it('bounds best-deal groups', () => {
    const g = { group: { id: 'g', mode: 'best_deal' } };
    const promotions = Array.from({ length: 11 }, (_v, i) =>
      zPromotion.parse(pct(`p${i}`, { stacking: g })),
    );
    const codes: string[] = [];
    checkPromotionGroups(promotions, ['promotions'], (i) => codes.push(i.code));
    expect(codes).toEqual(['too_big']);
  });

  it('reports audience tiers missing from the ladder (when the tiers section has one)', () => {
    const program = {
      promotions: [zPromotion.parse(pct('a', { audience: { tiers: ['gold', 'jade'] } }))],
      tiers: { ladder: [{ id: 'gold' }] },
    } as unknown as ProgramShape;
    const issues: string[] = [];
    for (const check of promotionsReferenceChecks) {
      check(program, (i) => issues.push(`${i.path.join('.')} ${i.code}`));
    }
    expect(issues).toEqual(['promotions.0.audience.tiers.1 unknown_reference']);
  });
});
