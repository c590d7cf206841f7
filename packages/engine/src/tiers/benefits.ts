import type { Decimal } from '../money/index.js';
import type { TierBenefits } from '../program/tiers.js';

/**
 * One benefit of a tier, as a flat item so that a tier change can list what
 * was gained and lost. A changed value (5% -> 10% off) is one item lost and
 * one gained.
 */
export type BenefitItem =
  | { readonly kind: 'discount_rate'; readonly rate: Decimal }
  | { readonly kind: 'points_multiplier'; readonly multiplier: Decimal }
  | { readonly kind: 'free_shipping' }
  | { readonly kind: 'exclusive_sku'; readonly sku: string }
  | { readonly kind: 'member_price'; readonly sku: string; readonly price: Decimal }
  | { readonly kind: 'coupon_on_reach'; readonly templateId: string }
  | { readonly kind: 'coupon_yearly'; readonly templateId: string }
  | {
      readonly kind: 'birthday_gift';
      readonly couponTemplateId: string | null;
      readonly points: Decimal | null;
    };

/** Benefits gained and lost by a tier change (both empty when the tier is unchanged). */
export interface BenefitChange {
  readonly gained: readonly BenefitItem[];
  readonly lost: readonly BenefitItem[];
}

/** The empty change, shared. */
export const NO_BENEFIT_CHANGE: BenefitChange = Object.freeze({
  gained: Object.freeze([]) as readonly BenefitItem[],
  lost: Object.freeze([]) as readonly BenefitItem[],
});

/** A stable key per item: equal keys mean the same benefit. */
export function benefitKey(item: BenefitItem): string {
  switch (item.kind) {
    case 'discount_rate':
      return `discount_rate:${item.rate.toString()}`;
    case 'points_multiplier':
      return `points_multiplier:${item.multiplier.toString()}`;
    case 'free_shipping':
      return 'free_shipping';
    case 'exclusive_sku':
      return `exclusive_sku:${item.sku}`;
    case 'member_price':
      return `member_price:${item.sku}:${item.price.toString()}`;
    case 'coupon_on_reach':
      return `coupon_on_reach:${item.templateId}`;
    case 'coupon_yearly':
      return `coupon_yearly:${item.templateId}`;
    case 'birthday_gift':
      return `birthday_gift:${item.couponTemplateId ?? ''}:${item.points?.toString() ?? ''}`;
  }
}

/** Flattens a tier's benefits into items, in a fixed order. */
export function benefitItems(b: TierBenefits): BenefitItem[] {
  const items: BenefitItem[] = [];
  if (b.discountRate !== undefined && !b.discountRate.isZero()) {
    items.push({ kind: 'discount_rate', rate: b.discountRate });
  }
  if (b.pointsMultiplier !== undefined) {
    items.push({ kind: 'points_multiplier', multiplier: b.pointsMultiplier });
  }
  if (b.freeShipping) items.push({ kind: 'free_shipping' });
  for (const sku of b.exclusiveSkus ?? []) items.push({ kind: 'exclusive_sku', sku });
  if (b.memberPrices) {
    for (const sku of Object.keys(b.memberPrices).sort()) {
      items.push({ kind: 'member_price', sku, price: b.memberPrices[sku] as Decimal });
    }
  }
  for (const templateId of b.couponsOnReach ?? [])
    items.push({ kind: 'coupon_on_reach', templateId });
  for (const templateId of b.couponsYearly ?? []) items.push({ kind: 'coupon_yearly', templateId });
  if (b.birthdayGift) {
    items.push({
      kind: 'birthday_gift',
      couponTemplateId: b.birthdayGift.couponTemplateId ?? null,
      points: b.birthdayGift.points ?? null,
    });
  }
  return items;
}

/** Items of `to` not in `from` (gained) and of `from` not in `to` (lost). */
export function diffBenefits(
  from: readonly BenefitItem[],
  fromKeys: ReadonlySet<string>,
  to: readonly BenefitItem[],
  toKeys: ReadonlySet<string>,
): BenefitChange {
  return {
    gained: to.filter((item) => !fromKeys.has(benefitKey(item))),
    lost: from.filter((item) => !toKeys.has(benefitKey(item))),
  };
}
