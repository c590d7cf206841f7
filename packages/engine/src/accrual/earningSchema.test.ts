import { describe, expect, it } from 'vitest';
import { MAX_EARNING_RULES } from '../program/earning.js';
import { parseProgram, programJsonSchema } from '../program/index.js';
import { RULE_KINDS } from './ruleKinds.js';

const base = { id: 'p', version: 1, currency: 'CNY', timeZone: 'Asia/Shanghai' };
const issues = (earning: unknown, more: Record<string, unknown> = {}) => {
  const r = parseProgram({ ...base, earning, ...more });
  return r.success ? [] : r.issues.map((i) => `${i.path.join('.')}:${i.code}`);
};

describe('earning section schema', () => {
  it('defaults to 1 point per 1.00 of net spend, add-combine, no caps and no rules', () => {
    const r = parseProgram(base);
    expect(r.success).toBe(true);
    if (!r.success) return;
    const e = r.program.earning;
    expect([
      e.rate.points.toString(),
      e.rate.per.toString(),
      e.basis,
      e.combine,
      e.minimumSpend.toString(),
    ]).toEqual(['1', '1', 'net', 'add', '0']);
    expect([e.rules, e.campaigns, e.caps]).toEqual([[], [], {}]);
  });
  it.each<[string, unknown, Record<string, unknown>, string[]]>([
    ['inexact rate', { rate: { points: 1, per: 3 } }, {}, ['earning.rate:custom']],
    [
      'multiplier below 1',
      { rules: [{ id: 'a', kind: 'multiplier', multiplier: '0.5' }] },
      {},
      ['earning.rules.0.multiplier:custom'],
    ],
    ['maxMultiplier below 1', { maxMultiplier: '0.9' }, {}, ['earning.maxMultiplier:custom']],
    [
      'duplicate rule ids',
      {
        rules: [
          { id: 'a', kind: 'orderBonus', points: 1 },
          { id: 'a', kind: 'orderBonus', points: 2 },
        ],
      },
      {},
      ['earning.rules.1.id:duplicate_id'],
    ],
    [
      'reserved ids',
      {
        rules: [
          { id: 'base', kind: 'orderBonus', points: 1 },
          { id: 'tier:x', kind: 'orderBonus', points: 1 },
        ],
      },
      {},
      ['earning.rules.0.id:reserved_id', 'earning.rules.1.id:reserved_id'],
    ],
    [
      'unknown campaign',
      { rules: [{ id: 'a', kind: 'orderBonus', points: 1, campaign: 'nope' }] },
      {},
      ['earning.rules.0.campaign:unknown_reference'],
    ],
    [
      'caps off the points grid',
      { caps: { perTransaction: '1.5' }, campaigns: [{ id: 'c', budget: '0.25' }] },
      {},
      ['earning.caps.perTransaction:off_grid', 'earning.campaigns.0.budget:off_grid'],
    ],
    [
      'caps on a finer grid are fine',
      { caps: { perTransaction: '1.5' } },
      { rounding: { points: { scale: 1 } } },
      [],
    ],
    [
      'steps not increasing',
      {
        rules: [
          {
            id: 'a',
            kind: 'spendThreshold',
            steps: [
              { spend: 10, points: 1 },
              { spend: 10, points: 2 },
            ],
          },
        ],
      },
      {},
      ['earning.rules.0.steps:custom'],
    ],
    [
      'unknown kind',
      { rules: [{ id: 'a', kind: 'lottery', points: 1 }] },
      {},
      ['earning.rules.0.kind:invalid_union'],
    ],
    [
      'combined needs two groups',
      { rules: [{ id: 'a', kind: 'combined', points: 1, groups: [{ lines: {} }] }] },
      {},
      ['earning.rules.0.groups:too_small'],
    ],
  ])('%s', (_name, earning, more, expected) => {
    expect(issues(earning, more)).toEqual(expected);
  });
  it('checks tier ids against a non-empty ladder', () => {
    const rules = [
      { id: 'a', kind: 'orderBonus', points: 1, audience: { tiers: ['gold', 'nope'] } },
    ];
    const ladder = {
      ladder: [
        { id: 'base', name: 'Base' },
        { id: 'gold', name: 'Gold', entry: { spend: '100' } },
      ],
    };
    const found = issues({ rules }, { tiers: ladder });
    expect(found).toContain('earning.rules.0.audience.tiers.1:unknown_reference');
    expect(found).not.toContain('earning.rules.0.audience.tiers.0:unknown_reference');
    expect(issues({ rules })).toEqual([]);
  });
  it(`accepts ${MAX_EARNING_RULES} rules and refuses one more`, () => {
    const rules = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ id: `r${i}`, kind: 'orderBonus', points: 1 }));
    expect(issues({ rules: rules(MAX_EARNING_RULES) })).toEqual([]);
    expect(issues({ rules: rules(MAX_EARNING_RULES + 1) })).toEqual(['earning.rules:too_big']);
  });
  it('every kind of the schema has exactly one module in RULE_KINDS, and appears in the JSON Schema', () => {
    const json = JSON.stringify(programJsonSchema());
    const kinds = RULE_KINDS.map((k) => k.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    for (const kind of kinds) expect(json).toContain(`"${kind}"`);
    expect(kinds).toHaveLength(15);
  });
});
