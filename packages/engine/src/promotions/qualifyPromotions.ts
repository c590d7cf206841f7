import type { Decimal } from '../money/decimal.js';
import type { Program } from '../program/schema.js';
import { applyPromotions } from './applyPromotions.js';
import { sortCandidates } from './sortCandidates.js';
import type {
  AppliedPromotion,
  ApplyPromotionsInput,
  ApplyPromotionsResult,
  PromotionCandidate,
  PromotionSkipReason,
} from './types.js';

/** What the cart lacks for a promotion (or for its next step). */
export type MissingRequirement =
  /** Spend `amount` more on the targeted items; `reward` is the next step's amount off, when known. */
  | { readonly code: 'SPEND_MORE'; readonly amount: Decimal; readonly reward: Decimal | null }
  /** Add `quantity` more targeted units. */
  | { readonly code: 'ADD_ITEMS'; readonly quantity: Decimal }
  /** Add any item the promotion targets. */
  | { readonly code: 'ADD_ELIGIBLE_ITEMS' };

/**
 * Where a promotion stands for this member and cart:
 * - `applied`: it applies (`missing` may hold a nudge to its next step);
 * - `missing`: the cart lacks what `missing` lists;
 * - `ineligible`: the member, time, store or channel do not qualify, or it cannot give anything;
 * - `blocked`: it qualifies but stacking rules keep it out.
 */
export interface PromotionQualification {
  readonly promotionId: string;
  readonly name: string;
  readonly origin: PromotionCandidate['origin'];
  readonly status: 'applied' | 'missing' | 'ineligible' | 'blocked';
  readonly missing: readonly MissingRequirement[];
  readonly reason: PromotionSkipReason | null;
}

const BLOCKING: ReadonlySet<PromotionSkipReason['code']> = new Set([
  'EXCLUSIVE_APPLIED',
  'NOT_COMBINABLE',
  'ORDER_LIMIT_REACHED',
  'GROUP_LIMIT_REACHED',
  'GROUP_FIRST_MATCH_TAKEN',
  'GROUP_BEST_DEAL_NOT_CHOSEN',
  'BEST_DEAL_SEARCH_LIMIT',
]);

function nextStep(c: PromotionCandidate, a: AppliedPromotion): MissingRequirement[] {
  const action = c.action;
  if (action.kind !== 'spend_off') return [];
  const spend = a.spend;
  if (action.repeat) {
    const step = action.steps[0]!;
    const times = spend.divToInt(step.spend);
    if (action.maxRepeats !== undefined && times.gte(action.maxRepeats)) return [];
    return [
      {
        code: 'SPEND_MORE',
        amount: times.plus(1).times(step.spend).minus(spend),
        reward: step.off,
      },
    ];
  }
  const next = action.steps.find((s) => s.spend.greaterThan(spend));
  return next ? [{ code: 'SPEND_MORE', amount: next.spend.minus(spend), reward: next.off }] : [];
}

function missingFor(c: PromotionCandidate, reason: PromotionSkipReason): MissingRequirement[] {
  switch (reason.code) {
    case 'MIN_SPEND_NOT_MET': {
      const first = c.action.kind === 'spend_off' ? c.action.steps[0] : undefined;
      const reward = first && reason.required.eq(first.spend) ? first.off : null;
      return [{ code: 'SPEND_MORE', amount: reason.required.minus(reason.actual), reward }];
    }
    case 'MIN_QUANTITY_NOT_MET': {
      const short = reason.required.minus(reason.actual);
      return [{ code: 'ADD_ITEMS', quantity: short.isInteger() ? short : short.ceil() }];
    }
    case 'NO_APPLICABLE_ITEMS':
      return [{ code: 'ADD_ELIGIBLE_ITEMS' }];
    default:
      return [];
  }
}

/**
 * Qualification (D10) from a result of `applyPromotions`: for every candidate,
 * whether it applied, and if not, what the cart lacks (`SPEND_MORE`,
 * `ADD_ITEMS`, `ADD_ELIGIBLE_ITEMS`) or why it cannot apply. Applied
 * spend-X-get-Y-off promotions carry a nudge to their next step. Amounts are
 * measured as the engine measured them (on the promotion's base after the
 * promotions before it). Candidates in evaluation order.
 */
export function promotionQualification(
  program: Program,
  result: ApplyPromotionsResult,
  extra: readonly PromotionCandidate[] = [],
): PromotionQualification[] {
  const applied = new Map(result.applied.map((a) => [a.promotionId, a]));
  const skipped = new Map(result.skipped.map((s) => [s.promotionId, s.reason]));
  return sortCandidates([...program.promotions, ...extra]).map((c) => {
    const a = applied.get(c.id);
    const base = { promotionId: c.id, name: c.name, origin: c.origin };
    if (a) return { ...base, status: 'applied', missing: nextStep(c, a), reason: null };
    const reason = skipped.get(c.id) ?? { code: 'NO_DISCOUNT' };
    if (BLOCKING.has(reason.code)) return { ...base, status: 'blocked', missing: [], reason };
    const missing = missingFor(c, reason);
    return { ...base, status: missing.length ? 'missing' : 'ineligible', missing, reason };
  });
}

/** Runs `applyPromotions` and returns its qualification (see `promotionQualification`). */
export function qualifyPromotions(
  program: Program,
  input: ApplyPromotionsInput,
): PromotionQualification[] {
  return promotionQualification(program, applyPromotions(program, input), input.extra);
}
