// Public API of the quote module; every export listed explicitly.
export { applyCoupons, type CouponsOutcome, MAX_COUPONS_PER_ORDER } from './applyCoupons.js';
export {
  type CouponStanding,
  type PromotionStanding,
  type Qualification,
  qualify,
} from './qualify.js';
export { quote } from './quote.js';
export {
  type PointsPaymentQuote,
  type PointsPaymentRefusal,
  quotePointsPayment,
} from './quotePointsPayment.js';
export type {
  DiscountSource,
  Quote,
  QuoteInput,
  QuoteLine,
  QuoteTotals,
  QuoteTraceEntry,
} from './types.js';
