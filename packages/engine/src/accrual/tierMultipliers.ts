import { Decimal } from '../money/decimal.js';
import type { Program } from '../program/index.js';

/**
 * The points multiplier of each tier of the ladder, read defensively from
 * `program.tiers.ladder[i] = { id, benefits: { pointsMultiplier? } }` (the
 * tiers section is owned by the tiers module; a missing ladder, a missing
 * benefit or a value that is not a finite Decimal >= 1 gives no multiplier).
 */
export function tierMultipliers(program: Program): ReadonlyMap<string, Decimal> {
  const out = new Map<string, Decimal>();
  const ladder = (program.tiers as { ladder?: unknown } | undefined)?.ladder;
  if (!Array.isArray(ladder)) return out;
  for (const tier of ladder as unknown[]) {
    const t = tier as { id?: unknown; benefits?: { pointsMultiplier?: unknown } } | null;
    const m = t?.benefits?.pointsMultiplier;
    if (typeof t?.id !== 'string' || m === undefined || m === null) continue;
    let value: Decimal;
    try {
      value = new Decimal(m as Decimal | string | number);
    } catch {
      continue;
    }
    if (value.isFinite() && value.gte(1)) out.set(t.id, value);
  }
  return out;
}
