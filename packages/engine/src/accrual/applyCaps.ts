import { type Decimal, max, ZERO } from '../money/decimal.js';
import { round } from '../money/rounding.js';
import type { Campaign, EarningConfig, EarningRule } from '../program/earning.js';
import type { AccrualCounters, AwardKind, CapHit, CapScope } from './types.js';

/** An award on its way through caps and rounding. */
export interface PendingAward {
  /** Index of the rule's entry in the trace. */
  readonly trace: number;
  readonly ruleId: string;
  readonly kind: AwardKind;
  /** The configured rule, or null for the base rate and tier multipliers. */
  readonly rule: EarningRule | null;
  readonly lineId: string | null;
  /** Exact points before caps and rounding. */
  readonly exact: Decimal;
  /** Points after caps (and, with `step: 'line'`, rounding); set by the passes. */
  granted: Decimal;
}

interface Capacity {
  readonly hit: CapHit;
  remaining: Decimal;
}

/** What the cap pass reads besides the awards. */
export interface CapContext {
  readonly earning: EarningConfig;
  readonly campaigns: ReadonlyMap<string, Campaign>;
  readonly counters: AccrualCounters;
  /** Points the member earned in the local day / month of the accrual (counters of other periods count 0). */
  readonly dayUsed: Decimal;
  readonly monthUsed: Decimal;
  readonly scale: number;
}

function capacity(limit: Decimal, used: Decimal, scale: number, scope: CapScope): Capacity {
  return {
    hit: { code: 'CAP_REACHED', scope, limit },
    remaining: max(ZERO, round(limit.minus(used), scale, 'FLOOR')),
  };
}

/**
 * Clips awards to every cap and budget, greedily in evaluation order (base,
 * then rules by priority desc and id, lines by id): each award gets the
 * least of its amount and the remaining room of each cap it falls under
 * (rule per transaction / per member / total, its campaign's budget, then
 * the program's per-transaction, per-day and per-month caps). Remaining room
 * is rounded down to the points grid. A campaign with `whenExhausted:
 * 'nothing'` gives a rule nothing when the rule's whole award (after its own
 * caps) exceeds the remaining budget. Returns the caps that bound, by trace
 * index.
 */
export function applyCaps(awards: PendingAward[], cx: CapContext): Map<number, CapHit[]> {
  const hits = new Map<number, CapHit[]>();
  const { earning, scale, counters } = cx;
  const global: Capacity[] = [];
  const caps = earning.caps;
  if (caps.perTransaction) global.push(capacity(caps.perTransaction, ZERO, scale, 'transaction'));
  if (caps.perMemberPerDay)
    global.push(capacity(caps.perMemberPerDay, cx.dayUsed, scale, 'memberDay'));
  if (caps.perMemberPerMonth) {
    global.push(capacity(caps.perMemberPerMonth, cx.monthUsed, scale, 'memberMonth'));
  }
  const campaignRoom = new Map<string, Capacity & { readonly nothing: boolean }>();
  let current: string | null = null;
  let local: Capacity[] = [];
  let zeroed: CapHit | null = null;
  for (let i = 0; i < awards.length; i++) {
    const award = awards[i]!;
    const rule = award.rule;
    if (award.ruleId !== current) {
      current = award.ruleId;
      local = [];
      zeroed = null;
      if (rule?.caps) {
        const rc = rule.caps;
        if (rc.perTransaction)
          local.push(capacity(rc.perTransaction, ZERO, scale, 'rulePerTransaction'));
        if (rc.perMember) {
          local.push(
            capacity(
              rc.perMember,
              counters.ruleMember.get(rule.id) ?? ZERO,
              scale,
              'rulePerMember',
            ),
          );
        }
        if (rc.total) {
          local.push(
            capacity(rc.total, counters.ruleTotal.get(rule.id) ?? ZERO, scale, 'ruleTotal'),
          );
        }
      }
      if (rule?.campaign !== undefined) {
        let room = campaignRoom.get(rule.campaign);
        if (!room) {
          const c = cx.campaigns.get(rule.campaign)!;
          const used = counters.campaigns.get(c.id) ?? ZERO;
          const remaining = max(ZERO, round(c.budget.minus(used), scale, 'FLOOR'));
          room = {
            hit: { code: 'BUDGET_EXHAUSTED', campaignId: c.id, budget: c.budget, remaining },
            remaining,
            nothing: c.whenExhausted === 'nothing',
          };
          campaignRoom.set(rule.campaign, room);
        }
        if (room.nothing) {
          let whole = ZERO;
          for (let j = i; j < awards.length && awards[j]!.ruleId === current; j++) {
            whole = whole.plus(awards[j]!.granted);
          }
          for (const c of local) if (c.remaining.lt(whole)) whole = c.remaining;
          if (whole.gt(room.remaining)) {
            zeroed = { ...room.hit, remaining: room.remaining } as CapHit;
          }
        }
        local.push(room);
      }
    }
    let grant = award.granted;
    let bound: CapHit | null = null;
    if (zeroed) {
      grant = ZERO;
      bound = zeroed;
    } else {
      for (const c of local) {
        if (c.remaining.lt(grant)) {
          grant = c.remaining;
          bound = c.hit.code === 'BUDGET_EXHAUSTED' ? { ...c.hit, remaining: c.remaining } : c.hit;
        }
      }
      for (const c of global) {
        if (c.remaining.lt(grant)) {
          grant = c.remaining;
          bound = c.hit;
        }
      }
      if (!grant.isZero()) {
        for (const c of local) c.remaining = c.remaining.minus(grant);
        for (const c of global) c.remaining = c.remaining.minus(grant);
      }
    }
    award.granted = grant;
    if (bound) {
      const list = hits.get(award.trace);
      if (!list) hits.set(award.trace, [bound]);
      else if (!list.some((h) => sameHit(h, bound!))) list.push(bound);
    }
  }
  return hits;
}

/** True when two cap hits name the same cap (same code, and scope for CAP_REACHED). */
export function sameHit(a: CapHit, b: CapHit): boolean {
  if (a.code === 'CAP_REACHED' && b.code === 'CAP_REACHED') return a.scope === b.scope;
  return a.code === b.code;
}
