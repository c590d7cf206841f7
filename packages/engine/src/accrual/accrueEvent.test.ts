import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { Decimal } from '../money/index.js';
import { defineProgram, type Program } from '../program/index.js';
import { accrueEvent } from './accrueEvent.js';
import type { AccrualCountersInput, AccrualEventInput, AccrualResult } from './types.js';

const AT = '2026-03-04T09:00:00+08:00'; // a Wednesday
const prog = (rules: unknown[], earning: Record<string, unknown> = {}) =>
  defineProgram({
    id: 'p',
    version: 7,
    currency: 'CNY',
    timeZone: 'Asia/Shanghai',
    earning: { rules, ...earning },
  });

function run(
  program: Program,
  event: Partial<AccrualEventInput> & Pick<AccrualEventInput, 'type'>,
  memberId = 'm1',
  counters?: AccrualCountersInput,
): AccrualResult {
  return accrueEvent(program, {
    event: { id: 'e-1', occurredAt: AT, ...event },
    member: { id: memberId, enrolledAt: '2026-01-01T00:00:00Z', birthday: '03-04' },
    counters,
    now: AT,
  });
}
const pointsOf = (r: AccrualResult, id: string) => {
  const t = r.trace.find((x) => x.ruleId === id)!;
  return t.fired ? t.points.toString() : `miss:${t.reason.code}`;
};

const ALL = [
  { id: 'enrol', kind: 'enrolment', points: 100, limit: { count: 1, period: 'lifetime' } },
  { id: 'profile', kind: 'profileCompleted', points: 50 },
  { id: 'review', kind: 'review', points: 10, limit: { count: 2, period: 'day' } },
  { id: 'checkin', kind: 'checkIn', points: 5, limit: { count: 1, period: 'day' } },
  { id: 'survey', kind: 'survey', points: 20 },
  { id: 'ref', kind: 'referral', referrerPoints: 200, refereePoints: 50 },
  { id: 'ref-buy', kind: 'referral', on: 'first_purchase', referrerPoints: 300, refereePoints: 0 },
  {
    id: 'share',
    kind: 'customEvent',
    event: 'shared_post',
    points: 3,
    attributes: { network: 'string' },
  },
];

describe('accrueEvent', () => {
  it.each<[AccrualEventInput['type'], string, string]>([
    ['enrolment', 'enrol', '100'],
    ['profile_completed', 'profile', '50'],
    ['review', 'review', '10'],
    ['check_in', 'checkin', '5'],
    ['survey', 'survey', '20'],
  ])('%s earns through the %s rule only', (type, ruleId, points) => {
    const r = run(prog(ALL), { type });
    expect(r.total.toString()).toBe(points);
    expect(r.awards).toEqual([
      {
        ruleId,
        lineId: null,
        kind: ALL.find((x) => x.id === ruleId)!.kind,
        points: new Decimal(points),
      },
    ]);
    expect(r.trace.filter((t) => t.fired).map((t) => t.ruleId)).toEqual([ruleId]);
    expect(
      r.trace.filter((t) => !t.fired).every((t) => !t.fired && t.reason.code === 'WRONG_EVENT'),
    ).toBe(true);
    expect(r.source).toEqual({ type: 'event', eventId: 'e-1', eventType: type });
    expect(r.increments.purchases).toBe(0);
  });
  it('credits each side of a referral at its stage', () => {
    const referral = { referrerId: 'alice', refereeId: 'bob', stage: 'signup' as const };
    expect(run(prog(ALL), { type: 'referral', referral }, 'alice').total.toString()).toBe('200');
    expect(run(prog(ALL), { type: 'referral', referral }, 'bob').total.toString()).toBe('50');
    const buy = run(
      prog(ALL),
      { type: 'referral', referral: { ...referral, stage: 'first_purchase' } },
      'alice',
    );
    expect([pointsOf(buy, 'ref'), pointsOf(buy, 'ref-buy')]).toEqual(['miss:WRONG_EVENT', '300']);
    const buyReferee = run(
      prog(ALL),
      { type: 'referral', referral: { ...referral, stage: 'first_purchase' } },
      'bob',
    );
    expect(pointsOf(buyReferee, 'ref-buy')).toBe('miss:NO_POINTS');
  });
  it('refuses a self-referral', () => {
    const r = run(prog(ALL), {
      type: 'referral',
      referral: { referrerId: 'm1', refereeId: 'm1', stage: 'signup' },
    });
    expect(pointsOf(r, 'ref')).toBe('miss:SELF_REFERRAL');
    expect(r.total.toString()).toBe('0');
  });
  it('matches custom events by name and checks their declared attributes', () => {
    const ok = run(prog(ALL), {
      type: 'custom',
      name: 'shared_post',
      attributes: { network: 'x' },
    });
    expect(pointsOf(ok, 'share')).toBe('3');
    expect(pointsOf(run(prog(ALL), { type: 'custom', name: 'other' }), 'share')).toBe(
      'miss:WRONG_EVENT',
    );
    expect(() =>
      run(prog(ALL), { type: 'custom', name: 'shared_post', attributes: { network: 1 } }),
    ).toThrowError(InputError);
  });
  it('limits awards per local period using keyed counters, and returns the key to increment', () => {
    const program = prog(ALL);
    const first = run(program, { type: 'review' });
    expect(first.increments.events).toEqual([
      { ruleId: 'review', period: 'day', periodKey: '2026-03-04', count: 1 },
    ]);
    const third = run(program, { type: 'review' }, 'm1', {
      events: { review: { periodKey: '2026-03-04', count: 2 } },
    });
    expect(third.trace[0]).toBeDefined();
    expect(pointsOf(third, 'review')).toBe('miss:EVENT_LIMIT_REACHED');
    const nextDay = run(program, { type: 'review' }, 'm1', {
      events: { review: { periodKey: '2026-03-03', count: 2 } },
    });
    expect(pointsOf(nextDay, 'review')).toBe('10');
    const enrolledTwice = run(program, { type: 'enrolment' }, 'm1', {
      events: { enrol: { periodKey: 'lifetime', count: 1 } },
    });
    expect(pointsOf(enrolledTwice, 'enrol')).toBe('miss:EVENT_LIMIT_REACHED');
  });
  it.each([
    ['week', '2026-03-02'],
    ['month', '2026-03'],
    ['quarter', '2026-Q1'],
    ['year', '2026'],
  ])('period key of a %s limit is %s', (period, key) => {
    const r = run(prog([{ id: 'c', kind: 'checkIn', points: 1, limit: { count: 9, period } }]), {
      type: 'check_in',
    });
    expect(r.increments.events[0]!.periodKey).toBe(key);
  });
  it('applies windows, audiences, program caps and campaign budgets to events', () => {
    const rules = [
      { id: 'bday', kind: 'checkIn', points: 30, audience: { birthday: 'day' }, campaign: 'c' },
      {
        id: 'morning',
        kind: 'checkIn',
        points: 30,
        when: { hours: [{ from: '06:00', to: '08:00' }] },
      },
    ];
    const program = prog(rules, {
      campaigns: [{ id: 'c', budget: 100 }],
      caps: { perMemberPerDay: 50 },
    });
    const r = run(program, { type: 'check_in' }, 'm1', {
      campaigns: { c: 80 },
      memberDay: { date: '2026-03-04', points: 10 },
    });
    expect(pointsOf(r, 'bday')).toBe('20');
    expect(r.trace.find((t) => t.ruleId === 'bday')).toMatchObject({
      capped: [{ code: 'BUDGET_EXHAUSTED', campaignId: 'c' }],
    });
    expect(pointsOf(r, 'morning')).toBe('miss:OUTSIDE_WINDOW');
    const capped = run(program, { type: 'check_in' }, 'm1', {
      campaigns: { c: 0 },
      memberDay: { date: '2026-03-04', points: 40 },
    });
    expect(pointsOf(capped, 'bday')).toBe('10');
    const full = run(program, { type: 'check_in' }, 'm1', {
      campaigns: { c: 0 },
      memberDay: { date: '2026-03-04', points: 50 },
    });
    expect(pointsOf(full, 'bday')).toBe('miss:CAP_REACHED');
  });
  it.each<
    [
      string,
      unknown[],
      Record<string, unknown>,
      Partial<AccrualEventInput> & Pick<AccrualEventInput, 'type'>,
      AccrualCountersInput | undefined,
      string,
    ]
  >([
    [
      'WRONG_EVENT',
      [{ id: 'r', kind: 'review', points: 1 }],
      {},
      { type: 'survey' },
      undefined,
      'WRONG_EVENT',
    ],
    [
      'OUTSIDE_WINDOW',
      [{ id: 'r', kind: 'review', points: 1, when: { weekdays: [1] } }],
      {},
      { type: 'review' },
      undefined,
      'OUTSIDE_WINDOW',
    ],
    [
      'NOT_IN_AUDIENCE',
      [{ id: 'r', kind: 'review', points: 1, audience: { channels: ['app'] } }],
      {},
      { type: 'review', channel: 'online' },
      undefined,
      'NOT_IN_AUDIENCE',
    ],
    [
      'SELF_REFERRAL',
      [{ id: 'r', kind: 'referral', referrerPoints: 1, refereePoints: 1 }],
      {},
      { type: 'referral', referral: { referrerId: 'm1', refereeId: 'm1', stage: 'signup' } },
      undefined,
      'SELF_REFERRAL',
    ],
    [
      'EVENT_LIMIT_REACHED',
      [{ id: 'r', kind: 'survey', points: 1, limit: { count: 1, period: 'month' } }],
      {},
      { type: 'survey' },
      { events: { r: { periodKey: '2026-03', count: 1 } } },
      'EVENT_LIMIT_REACHED',
    ],
    [
      'NO_POINTS',
      [{ id: 'r', kind: 'survey', points: 0 }],
      {},
      { type: 'survey' },
      undefined,
      'NO_POINTS',
    ],
    [
      'CAP_REACHED',
      [{ id: 'r', kind: 'survey', points: 5 }],
      { caps: { perMemberPerMonth: 100 } },
      { type: 'survey' },
      { memberMonth: { month: '2026-03', points: 100 } },
      'CAP_REACHED',
    ],
    [
      'BUDGET_EXHAUSTED',
      [{ id: 'r', kind: 'survey', points: 5, campaign: 'c' }],
      { campaigns: [{ id: 'c', budget: 10, whenExhausted: 'nothing' }] },
      { type: 'survey' },
      { campaigns: { c: 6 } },
      'BUDGET_EXHAUSTED',
    ],
  ])('reason %s', (_name, rules, earning, event, counters, code) => {
    const t = run(prog(rules, earning), event, 'm1', counters).trace[0]!;
    expect(t.fired ? 'FIRED' : t.reason.code).toBe(code);
  });
  it('requires only the counters event rules read (not those of purchase rules)', () => {
    const program = prog(
      [
        { id: 'x2', kind: 'multiplier', multiplier: 2, campaign: 'c', caps: { perMember: 10 } },
        { id: 'f', kind: 'firstPurchase', points: 5 },
        { id: 'r', kind: 'review', points: 5, caps: { total: 100 } },
      ],
      { campaigns: [{ id: 'c', budget: 100 }] },
    );
    expect(() => run(program, { type: 'review' })).toThrowError(/counters\.rules\.r\.total/);
    expect(
      run(program, { type: 'review' }, 'm1', { rules: { r: { total: 0 } } }).total.toString(),
    ).toBe('5');
  });
  it.each<[string, Partial<AccrualEventInput> & Pick<AccrualEventInput, 'type'>, string, string]>([
    ['unknown type', { type: 'like' as 'review' }, 'm1', 'event.type'],
    ['no event id', { type: 'review', id: '' }, 'm1', 'event.id'],
    ['custom without name', { type: 'custom' }, 'm1', 'event.name'],
    ['referral without parties', { type: 'referral' }, 'm1', 'event.referral'],
    [
      'referral of others',
      { type: 'referral', referral: { referrerId: 'a', refereeId: 'b', stage: 'signup' } },
      'm1',
      'event.referral',
    ],
    [
      'future event',
      { type: 'review', occurredAt: '2026-03-05T09:00:00+08:00' },
      'm1',
      'event.occurredAt',
    ],
  ])('%s throws InputError', (_name, event, member, path) => {
    try {
      run(prog(ALL), event, member);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).issues[0]!.path.join('.')).toBe(path);
    }
  });
});
