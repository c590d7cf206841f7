import type { Program } from '../program/schema.js';
import { compileTiers } from '../tiers/compileTiers.js';
import { evaluateParsedTier } from '../tiers/evaluateTier.js';
import type { TierActivityInput, TierStateInput } from '../tiers/index.js';
import { parseTierInput } from '../tiers/inputs.js';
import { progressOfParsed } from '../tiers/tierProgress.js';
import { localDateOf } from '../time/index.js';
import { type ActivityDelta, addPurchaseToActivity } from './addPurchaseToActivity.js';
import type { QuoteTier, QuoteTraceEntry } from './types.js';

/**
 * The member's tier after the quoted purchase: the purchase (money paid,
 * points earned, one order) is added to the activity of its local day, the
 * tier is evaluated on it as a purchase event (`evaluateTier`: upgrades at
 * once), and progress is computed from the resulting state (`tierProgress`),
 * the input parsed once for both.
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
  // Parsed once for both: the evaluation's state is the engine's own (already normal).
  const ladder = compileTiers(program);
  const { state, now } = parseTierInput(ladder, { state: input.state, activity, now: nowMs }, true);
  const evaluation = evaluateParsedTier(ladder, state, activity, now, {
    kind: 'purchase',
    id: orderId,
  });
  const progress = progressOfParsed(ladder, evaluation.state, activity, now);
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
