import type { Program } from '../program/schema.js';
import type { TierActivityInput, TierStateInput } from '../tiers/index.js';
import { evaluateTier, tierProgress } from '../tiers/index.js';
import { localDateOf } from '../time/index.js';
import { type ActivityDelta, addPurchaseToActivity } from './addPurchaseToActivity.js';
import type { QuoteTier, QuoteTraceEntry } from './types.js';

/**
 * The member's tier after the quoted purchase: the purchase (money paid,
 * points earned, one order) is added to the activity of its local day, the
 * tier is evaluated on it as a purchase event (`evaluateTier`: upgrades at
 * once), and progress is computed from the resulting state (`tierProgress`).
 */
export function quoteTier(
  program: Program,
  input: { readonly state: TierStateInput; readonly activity: TierActivityInput },
  nowMs: number,
  orderId: string,
  added: ActivityDelta,
  trace: QuoteTraceEntry[],
): QuoteTier {
  const activity = addPurchaseToActivity(
    input.activity,
    localDateOf(nowMs, program.timeZone),
    added,
  );
  const evaluation = evaluateTier(program, {
    state: input.state,
    activity,
    now: nowMs,
    event: { kind: 'purchase', id: orderId },
  });
  const progress = tierProgress(program, { state: evaluation.state, activity, now: nowMs });
  for (const line of evaluation.trace)
    trace.push({ step: 'tier', subject: evaluation.tierId, message: line });
  return {
    before: evaluation.previousTierId,
    after: evaluation.tierId,
    changed: evaluation.changed,
    added,
    evaluation,
    progress,
  };
}
