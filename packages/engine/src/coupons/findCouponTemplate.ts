import type { CouponTemplate } from '../program/coupons.js';
import type { Program } from '../program/schema.js';

const cache = new WeakMap<object, ReadonlyMap<string, CouponTemplate>>();

/** The program's coupon template with this id, or undefined (indexed once per program object). */
export function findCouponTemplate(
  program: Program,
  templateId: string,
): CouponTemplate | undefined {
  let index = cache.get(program.couponTemplates);
  if (index === undefined) {
    index = new Map(program.couponTemplates.map((t) => [t.id, t]));
    cache.set(program.couponTemplates, index);
  }
  return index.get(templateId);
}
