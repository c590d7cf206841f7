import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DecimalScalar } from '../scalars.js';
import { CouponResultType } from './coupon.js';

@ObjectType('QuoteLineDiscount', { description: 'One discount on a line, by source.' })
export class QuoteLineDiscountType {
  @Field(() => String, { description: '`promotion` or `coupon`.' })
  kind!: string;

  @Field(() => String, { description: 'The promotion id or the coupon code.' })
  sourceId!: string;

  @Field(() => DecimalScalar)
  amount!: string;
}

@ObjectType('QuoteLine')
export class QuoteLineType {
  @Field(() => String) lineId!: string;
  @Field(() => String) sku!: string;
  @Field(() => DecimalScalar) quantity!: string;
  @Field(() => DecimalScalar) unitPrice!: string;
  @Field(() => DecimalScalar, { description: 'Net of your own line discount.' })
  subtotal!: string;
  @Field(() => [QuoteLineDiscountType], { description: 'Promotions first, then coupons.' })
  discounts!: QuoteLineDiscountType[];
  @Field(() => DecimalScalar) discount!: string;
  @Field(() => DecimalScalar) total!: string;
  @Field(() => DecimalScalar) paidWithPoints!: string;
  @Field(() => DecimalScalar, { description: 'Paid in money; the basis of points earned.' })
  payable!: string;
}

@ObjectType('QuoteTotals', { description: 'payable = subtotal - discount - pointsPayment.' })
export class QuoteTotalsType {
  @Field(() => DecimalScalar) subtotal!: string;
  @Field(() => DecimalScalar) promotionDiscount!: string;
  @Field(() => DecimalScalar) couponDiscount!: string;
  @Field(() => DecimalScalar) discount!: string;
  @Field(() => DecimalScalar) afterDiscounts!: string;
  @Field(() => DecimalScalar) pointsPayment!: string;
  @Field(() => DecimalScalar) payable!: string;
  @Field(() => DecimalScalar) giftValue!: string;
}

@ObjectType('QuoteTraceEntry')
export class QuoteTraceEntryType {
  @Field(() => String, { description: 'promotions, coupons, points_payment, earning, tier.' })
  step!: string;

  @Field(() => String, { nullable: true })
  subject!: string | null;

  @Field(() => String)
  message!: string;
}

@ObjectType('CheckoutQuote', {
  description: 'The engine’s checkout answer (docs/engine/quote.md); nothing was written.',
})
export class CheckoutQuoteType {
  @Field(() => Int) programVersion!: number;
  @Field(() => String) currency!: string;
  @Field(() => Date, { description: 'The instant evaluated.' }) asOf!: Date;
  @Field(() => ID, { nullable: true }) memberId!: string | null;
  @Field(() => [QuoteLineType]) lines!: QuoteLineType[];
  @Field(() => QuoteTotalsType) totals!: QuoteTotalsType;
  @Field(() => [GraphQLJSONObject], { description: 'Applied promotions (engine JSON).' })
  promotionsApplied!: Record<string, unknown>[];
  @Field(() => [GraphQLJSONObject], { description: 'Skipped promotions with reason codes.' })
  promotionsSkipped!: Record<string, unknown>[];
  @Field(() => [CouponResultType], { description: 'One result per code, sorted by code.' })
  coupons!: CouponResultType[];
  @Field(() => GraphQLJSONObject, {
    description: 'maxPoints, maxValue, boundBy, requested, points, value, refusal.',
  })
  pointsPayment!: Record<string, unknown>;
  @Field(() => DecimalScalar, { nullable: true, description: 'Null for a guest.' })
  pointsToEarn!: string | null;
  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: 'Tier before/after the purchase and progress (members with a tier).',
  })
  tier!: Record<string, unknown> | null;
  @Field(() => Boolean) freeShipping!: boolean;
  @Field(() => [QuoteTraceEntryType]) trace!: QuoteTraceEntryType[];
  @Field(() => GraphQLJSONObject, { description: 'The engine’s whole answer, as JSON.' })
  engine!: Record<string, unknown>;
}

@ObjectType('Qualification', { description: 'What the member is close to (D10).' })
export class QualificationType {
  @Field(() => Date) asOf!: Date;
  @Field(() => [GraphQLJSONObject], { description: 'Every promotion: status, missing, nudge.' })
  promotions!: Record<string, unknown>[];
  @Field(() => [GraphQLJSONObject], { description: 'Every code: status, discount, nudge.' })
  coupons!: Record<string, unknown>[];
}

@ObjectType('MemberPrice', { description: 'A listing price for the member (D11).' })
export class MemberPriceType {
  @Field(() => String) sku!: string;
  @Field(() => DecimalScalar) unitPrice!: string;
  @Field(() => DecimalScalar) memberPrice!: string;
  @Field(() => DecimalScalar) saving!: string;
  @Field(() => [String]) promotionIds!: string[];
}

@ObjectType('QuoteContext', {
  description:
    'The program configuration in force and the quote state of a member (or a guest), for an offline cart preview that answers like checkoutQuote.',
})
export class QuoteContextType {
  @Field(() => Int) programVersion!: number;
  @Field(() => Date, { description: 'The instant the state was read.' })
  asOf!: string;
  @Field(() => ID, { nullable: true }) memberId!: string | null;
  @Field(() => GraphQLJSONObject, {
    description: 'The program JSON of that version, as the engine accepted it.',
  })
  config!: Record<string, unknown>;
  @Field(() => GraphQLJSONObject, {
    description:
      "The engine's quote input without lines, now and pointsToSpend: member, storeId, channel, couponCodes, coupons (with usage), availablePoints, tier, accrualCounters.",
  })
  state!: Record<string, unknown>;
}
