import type { PromotionCandidate } from './types.js';

/** Canonical evaluation order: priority high to low, then id (code-point order); never input order. */
export function sortCandidates(candidates: readonly PromotionCandidate[]): PromotionCandidate[] {
  return [...candidates].sort((a, b) =>
    a.priority !== b.priority ? b.priority - a.priority : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
}
