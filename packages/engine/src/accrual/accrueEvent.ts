import { matchAudience } from '../conditions/matchAudience.js';
import { matchTimeWindow } from '../conditions/matchTimeWindow.js';
import { InputError, type Issue } from '../errors.js';
import { EvalContext } from '../model/context.js';
import { normalizeMember } from '../model/member.js';
import { CHANNELS, type Program } from '../program/index.js';
import type { PendingAward } from './applyCaps.js';
import { compileEarning } from './compileEarning.js';
import { normalizeCounters } from './normalizeCounters.js';
import { periodKey } from './periodKey.js';
import { readInstants } from './readInstants.js';
import { settle, type TraceDraft } from './settle.js';
import type {
  AccrualEventInput,
  AccrualEventType,
  AccrualResult,
  AccrueEventInput,
} from './types.js';

/** The event types `accrueEvent` accepts. */
export const ACCRUAL_EVENT_TYPES: readonly AccrualEventType[] = Object.freeze([
  'enrolment',
  'profile_completed',
  'referral',
  'review',
  'check_in',
  'survey',
  'custom',
]);

function checkEvent(event: AccrualEventInput, memberId: string, program: Program): void {
  const issues: Issue[] = [];
  const at = (...p: string[]) => ['event', ...p];
  if (typeof event.id !== 'string' || event.id.length === 0) {
    issues.push({
      path: at('id'),
      code: 'invalid_type',
      message: 'Event id must be a non-empty string',
    });
  }
  if (!ACCRUAL_EVENT_TYPES.includes(event.type)) {
    issues.push({
      path: at('type'),
      code: 'invalid_value',
      message: `Type must be one of ${ACCRUAL_EVENT_TYPES.join(', ')}`,
    });
  }
  if (event.channel != null && !(CHANNELS as readonly string[]).includes(event.channel)) {
    issues.push({
      path: at('channel'),
      code: 'invalid_value',
      message: `Channel must be one of ${CHANNELS.join(', ')}`,
    });
  }
  if (event.type === 'custom' && (typeof event.name !== 'string' || event.name.length === 0)) {
    issues.push({ path: at('name'), code: 'invalid_type', message: 'Custom events need a name' });
  }
  if (event.type === 'referral') {
    const r = event.referral;
    if (
      !r ||
      typeof r.referrerId !== 'string' ||
      typeof r.refereeId !== 'string' ||
      (r.stage !== 'signup' && r.stage !== 'first_purchase')
    ) {
      issues.push({
        path: at('referral'),
        code: 'invalid_type',
        message: 'Referral events need { referrerId, refereeId, stage }',
      });
    } else if (memberId !== r.referrerId && memberId !== r.refereeId) {
      issues.push({
        path: at('referral'),
        code: 'not_a_party',
        message: 'The member is neither the referrer nor the referee',
      });
    }
  }
  if (event.type === 'custom') {
    for (const rule of program.earning.rules) {
      if (rule.kind !== 'customEvent' || rule.event !== event.name || !rule.attributes) continue;
      for (const [name, type] of Object.entries(rule.attributes)) {
        const value = event.attributes?.[name];
        if (typeof value !== type) {
          issues.push({
            path: at('attributes', name),
            code: 'invalid_type',
            message: `Expected a ${type} (rule ${rule.id})`,
          });
        }
      }
    }
  }
  if (issues.length) throw new InputError(issues);
}

/**
 * Points earned by an event (enrolment, profile completed, referral,
 * review, check-in, survey, custom events): every event rule answering the
 * event, with its time window, audience, per-period limit, caps and
 * budgets. Referral rules credit the side the member of the call is on;
 * a self-referral earns nothing (`SELF_REFERRAL`). Throws `InputError` on
 * malformed input.
 */
export function accrueEvent(program: Program, input: AccrueEventInput): AccrualResult {
  const event = input?.event;
  if (!event || typeof event !== 'object') {
    throw new InputError([{ path: ['event'], code: 'invalid_type', message: 'Required' }]);
  }
  const { occurredAtMs } = readInstants(event.occurredAt, input.now, ['event', 'occurredAt']);
  const member = normalizeMember(input.member);
  checkEvent(event, member.id, program);
  const compiled = compileEarning(program);
  const counters = normalizeCounters(input.counters, compiled, 'event');
  const ctx = new EvalContext(
    occurredAtMs,
    program.timeZone,
    event.storeId ?? null,
    event.channel ?? null,
    member,
  );
  const drafts: TraceDraft[] = [];
  const awards: PendingAward[] = [];
  for (const { rule, module } of compiled.events) {
    const fail = (miss: TraceDraft['miss'] & object) =>
      drafts.push({ ruleId: rule.id, kind: rule.kind, miss });
    if (!module.accepts(rule as never, event)) {
      fail({ code: 'WRONG_EVENT' });
      continue;
    }
    const windowMiss = matchTimeWindow(rule.when, ctx);
    if (windowMiss) {
      fail({ code: 'OUTSIDE_WINDOW', miss: windowMiss });
      continue;
    }
    const audienceMiss = matchAudience(rule.audience, ctx);
    if (audienceMiss) {
      fail({ code: 'NOT_IN_AUDIENCE', miss: audienceMiss });
      continue;
    }
    const outcome = module.evaluate(rule as never, { event, member, ctx });
    if (outcome.type === 'miss') {
      fail(outcome.reason);
      continue;
    }
    const limit = 'limit' in rule ? rule.limit : undefined;
    if (limit) {
      const stored = counters.events.get(rule.id);
      const used =
        stored && stored.periodKey === periodKey(limit.period, ctx.local) ? stored.count : 0;
      if (used >= limit.count) {
        fail({ code: 'EVENT_LIMIT_REACHED', limit, used });
        continue;
      }
    }
    const points = outcome.type === 'order' ? outcome.points : null;
    if (!points || points.isZero()) {
      fail({ code: 'NO_POINTS' });
      continue;
    }
    awards.push({
      trace: drafts.length,
      ruleId: rule.id,
      kind: rule.kind,
      rule,
      lineId: null,
      exact: points,
      granted: points,
    });
    drafts.push({
      ruleId: rule.id,
      kind: rule.kind,
      miss: null,
      lineIds: [],
      computed: points,
      ...(limit ? { limit } : {}),
    });
  }
  return settle({
    program,
    compiled,
    counters,
    ctx,
    memberId: member.id,
    source: { type: 'event', eventId: event.id, eventType: event.type },
    awards,
    drafts,
  });
}
