import { InputError } from '../errors.js';
import type { Program } from '../program/schema.js';
import type { Tier, TierReview, TierValidity, TierWindow } from '../program/tiers.js';
import type { MetricUse } from './activity.js';
import { type BenefitItem, benefitItems, benefitKey } from './benefits.js';
import { addUse, type CompiledThreshold, compileThreshold } from './thresholds.js';
import { ZoneCalendar } from './zoneCalendar.js';

/** A tier ready for evaluation. */
export interface CompiledTier {
  readonly id: string;
  readonly name: string;
  /** Position in the ladder: 0 is the base tier. */
  readonly rank: number;
  readonly entry: CompiledThreshold;
  /** Retention thresholds (the entry thresholds when none are configured). */
  readonly retention: CompiledThreshold;
  readonly neverDowngrade: boolean;
  readonly config: Tier;
  readonly benefits: readonly BenefitItem[];
  readonly benefitKeys: ReadonlySet<string>;
}

/** A program's tier ladder compiled once (cached per program object). */
export interface CompiledLadder {
  readonly programId: string;
  readonly programVersion: number;
  readonly tiers: readonly CompiledTier[];
  readonly byId: ReadonlyMap<string, CompiledTier>;
  readonly window: TierWindow;
  readonly rollingMonths: number;
  readonly review: TierReview;
  /** Review month-days sorted in calendar order (schedule `dates`). */
  readonly reviewDates: readonly { readonly month: number; readonly day: number }[];
  readonly validity: TierValidity | null;
  readonly reversalDays: number | null;
  readonly use: MetricUse;
  readonly calendar: ZoneCalendar;
}

const cache = new WeakMap<object, CompiledLadder>();

/**
 * Compiles the program's ladder once per program object: thresholds, benefit
 * items and a memoised calendar of the program's time zone. Throws
 * `InputError` when the program has no tiers.
 */
export function compileTiers(program: Program): CompiledLadder {
  const hit = cache.get(program);
  if (hit) return hit;
  const cfg = program.tiers;
  if (!cfg || cfg.ladder.length === 0) {
    throw new InputError([
      {
        path: ['program', 'tiers', 'ladder'],
        code: 'no_tiers',
        message: 'The program has no tier ladder',
      },
    ]);
  }
  const use = { spend: false, points: false, orders: false, visits: false };
  const tiers = cfg.ladder.map((tier, rank): CompiledTier => {
    const entry = compileThreshold(rank === 0 ? undefined : tier.entry);
    const retention = tier.retention ? compileThreshold(tier.retention) : entry;
    addUse(use, entry);
    addUse(use, retention);
    const items = benefitItems(tier.benefits);
    return Object.freeze({
      id: tier.id,
      name: tier.name,
      rank,
      entry,
      retention,
      neverDowngrade: tier.neverDowngrade,
      config: tier,
      benefits: Object.freeze(items),
      benefitKeys: new Set(items.map(benefitKey)),
    });
  });
  const reviewDates = (cfg.review.dates ?? [])
    .map((md) => ({ month: Number(md.slice(0, 2)), day: Number(md.slice(3, 5)) }))
    .sort((a, b) => a.month - b.month || a.day - b.day);
  const compiled: CompiledLadder = Object.freeze({
    programId: program.id,
    programVersion: program.version,
    tiers: Object.freeze(tiers),
    byId: new Map(tiers.map((t) => [t.id, t])),
    window: cfg.window,
    rollingMonths: cfg.rollingMonths,
    review: cfg.review,
    reviewDates,
    validity: cfg.validity ?? null,
    reversalDays: cfg.upgradeReversal?.withinDays ?? null,
    use: Object.freeze(use),
    calendar: new ZoneCalendar(program.timeZone),
  });
  cache.set(program, compiled);
  return compiled;
}
