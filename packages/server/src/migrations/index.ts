import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261125000000Initial } from './Migration20261125000000Initial.js';
import { Migration20261125010000MemberTierState } from './Migration20261125010000MemberTierState.js';
import { Migration20261126090000PointsPurchasesTiers } from './Migration20261126090000PointsPurchasesTiers.js';
import { Migration20261126120000Coupons } from './Migration20261126120000Coupons.js';
import { Migration20261201140000PurchasePricing } from './Migration20261201140000PurchasePricing.js';
import { Migration20261201150000CouponRedemptionAnswer } from './Migration20261201150000CouponRedemptionAnswer.js';
import { Migration20261201170000PeriodCounters } from './Migration20261201170000PeriodCounters.js';

/**
 * Every migration in order. Listed explicitly (not discovered from a folder)
 * so the same list runs from `src` in tests and from `dist` in production.
 */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261125000000Initial', class: Migration20261125000000Initial },
  { name: 'Migration20261125010000MemberTierState', class: Migration20261125010000MemberTierState },
  {
    name: 'Migration20261126090000PointsPurchasesTiers',
    class: Migration20261126090000PointsPurchasesTiers,
  },
  { name: 'Migration20261126120000Coupons', class: Migration20261126120000Coupons },
  {
    name: 'Migration20261201140000PurchasePricing',
    class: Migration20261201140000PurchasePricing,
  },
  {
    name: 'Migration20261201150000CouponRedemptionAnswer',
    class: Migration20261201150000CouponRedemptionAnswer,
  },
  { name: 'Migration20261201170000PeriodCounters', class: Migration20261201170000PeriodCounters },
];
