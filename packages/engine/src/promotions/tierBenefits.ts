import { type Decimal, type DecimalInput, toDecimal } from '../money/decimal.js';
import type { Program } from '../program/schema.js';

/** The tier benefits promotions read, as far as the program defines them. */
export interface TierPriceBenefits {
  /** Fraction off (0.05 = 5 %), in (0, 1]; null when the tier gives none. */
  readonly discountRate: Decimal | null;
  /** Unit price per SKU for members of the tier. */
  readonly memberPrices: ReadonlyMap<string, Decimal>;
}

const NONE: TierPriceBenefits = Object.freeze({ discountRate: null, memberPrices: new Map() });

function asDecimal(value: unknown): Decimal | null {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'object') {
    return null;
  }
  if (value === null) return null;
  try {
    return toDecimal(value as DecimalInput);
  } catch {
    return null;
  }
}

function readPrices(raw: unknown): Map<string, Decimal> {
  const prices = new Map<string, Decimal>();
  const put = (sku: unknown, price: unknown) => {
    const p = asDecimal(price);
    if (typeof sku === 'string' && p !== null && !p.isNegative()) prices.set(sku, p);
  };
  if (Array.isArray(raw)) {
    for (const entry of raw) {
      const e = entry as { sku?: unknown; price?: unknown } | null;
      if (e && typeof e === 'object') put(e.sku, e.price);
    }
  } else if (raw instanceof Map) {
    for (const [sku, price] of raw) put(sku, price);
  } else if (raw && typeof raw === 'object') {
    for (const [sku, price] of Object.entries(raw)) put(sku, price);
  }
  return prices;
}

/**
 * Reads a tier's price benefits (`program.tiers.ladder[i].benefits`:
 * `discountRate`, `memberPrices`) defensively, so promotions work whatever
 * shape of the tiers section is in place: an unknown tier, a missing field or
 * a value outside (0, 1] reads as "no benefit". `memberPrices` may be a list
 * of `{ sku, price }`, a record or a map.
 */
export function tierBenefits(program: Program, tierId: string | null): TierPriceBenefits {
  if (tierId === null) return NONE;
  const tiers = program.tiers as unknown;
  const ladder = tiers && typeof tiers === 'object' ? (tiers as { ladder?: unknown }).ladder : null;
  if (!Array.isArray(ladder)) return NONE;
  const tier = ladder.find((t) => (t as { id?: unknown } | null)?.id === tierId) as
    | { benefits?: { discountRate?: unknown; memberPrices?: unknown } }
    | undefined;
  const benefits = tier?.benefits;
  if (!benefits || typeof benefits !== 'object') return NONE;
  const rate = asDecimal(benefits.discountRate);
  return {
    discountRate: rate?.greaterThan(0) && rate.lte(1) ? rate : null,
    memberPrices: readPrices(benefits.memberPrices),
  };
}
