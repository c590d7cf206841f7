import type { Decimal } from '@tessera/engine';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DecimalScalar } from '../scalars.js';
import { Connection } from './connection.js';
import { OutcomeEnum } from './storedValue.js';

/** Coupon states (the engine's). */
export enum CouponStatusEnum {
  active = 'active',
  used = 'used',
  cancelled = 'cancelled',
}
registerEnumType(CouponStatusEnum, { name: 'CouponStatus' });

/** Sales line kinds (the engine's). */
export enum LineKindEnum {
  product = 'product',
  service = 'service',
  gift_card = 'gift_card',
  shipping = 'shipping',
  tax = 'tax',
  deposit = 'deposit',
}
registerEnumType(LineKindEnum, { name: 'LineKind' });

@InputType('CartLineInput', { description: 'One cart line; amounts as Decimal strings.' })
export class CartLineInput {
  @Field(() => String, { description: 'Unique within the cart.' })
  id!: string;

  @Field(() => String)
  sku!: string;

  @Field(() => [String], { nullable: true, description: 'Category ids, most specific first.' })
  categories?: string[] | null;

  @Field(() => DecimalScalar)
  quantity!: Decimal;

  @Field(() => DecimalScalar, { description: 'Price of one unit before any discount.' })
  unitPrice!: Decimal;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Your own discount on the whole line (not Tessera’s).',
  })
  discount?: Decimal | null;

  @Field(() => LineKindEnum, { nullable: true, description: 'Default product.' })
  kind?: LineKindEnum | null;
}

@ObjectType('CouponTemplate', { description: 'A coupon template of the configuration in force.' })
export class CouponTemplateType {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => Int)
  usesPerCoupon!: number;

  @Field(() => DecimalScalar, { nullable: true })
  minSpend!: string | null;

  @Field(() => GraphQLJSONObject, { description: 'What the coupon gives (engine JSON).' })
  benefit!: Record<string, unknown>;

  @Field(() => GraphQLJSONObject, { description: 'When it may be used (engine JSON).' })
  validity!: Record<string, unknown>;

  @Field(() => [GraphQLJSONObject], { description: 'Limits and budgets (engine JSON).' })
  limits!: Record<string, unknown>[];

  @Field(() => GraphQLJSONObject, { description: 'The whole template, defaults filled in.' })
  template!: Record<string, unknown>;
}

@ObjectType('Coupon', { description: 'An issued coupon.' })
export class CouponType {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Random Crockford base32 code.' })
  code!: string;

  @Field(() => String)
  templateId!: string;

  @Field(() => String, { nullable: true })
  templateName!: string | null;

  @Field(() => ID, { nullable: true, description: 'Null for a public code.' })
  ownerMemberId!: string | null;

  @Field(() => ID)
  batchId!: string;

  @Field(() => CouponStatusEnum)
  status!: CouponStatusEnum;

  @Field(() => Int)
  timesUsed!: number;

  @Field(() => Int)
  usesPerCoupon!: number;

  @Field(() => Date)
  issuedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'Start of the validity window.' })
  validFrom!: Date | null;

  @Field(() => Date, { nullable: true, description: 'End of the validity window (exclusive).' })
  validUntil!: Date | null;
}

export const CouponConnection = Connection('Coupon', CouponType);

@ObjectType('CouponLineDiscount')
export class CouponLineDiscountType {
  @Field(() => String)
  lineId!: string;

  @Field(() => DecimalScalar)
  amount!: string;
}

@ObjectType('CouponBudgetCap')
export class CouponBudgetCapType {
  @Field(() => String)
  limitId!: string;

  @Field(() => DecimalScalar, { description: 'The discount before the budget capped it.' })
  uncapped!: string;
}

@ObjectType('CouponEntitlement')
export class CouponEntitlementType {
  @Field(() => String)
  service!: string;

  @Field(() => Int)
  units!: number;
}

@ObjectType('CouponResult', {
  description:
    'The engine’s answer for one code: valid with its discount by line, or refused with a reason code (docs/engine/coupons.md).',
})
export class CouponResultType {
  @Field(() => Boolean)
  valid!: boolean;

  @Field(() => String)
  couponCode!: string;

  @Field(() => String, { nullable: true })
  templateId!: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  discount!: string | null;

  @Field(() => [CouponLineDiscountType])
  lines!: CouponLineDiscountType[];

  @Field(() => String, {
    nullable: true,
    description:
      'UNKNOWN_COUPON, CANCELLED, NOT_OWNED_BY_MEMBER, ALREADY_USED, ... (engine codes).',
  })
  reasonCode!: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The reason with its data.' })
  reason!: Record<string, unknown> | null;

  @Field(() => String, { nullable: true, description: 'Text to show the shopper.' })
  message!: string | null;

  @Field(() => CouponBudgetCapType, { nullable: true })
  budgetCapped!: CouponBudgetCapType | null;

  @Field(() => CouponEntitlementType, { nullable: true })
  entitlement!: CouponEntitlementType | null;

  @Field(() => Boolean)
  freeShipping!: boolean;
}

@ObjectType('IssuedCoupon')
export class IssuedCouponType {
  @Field(() => String)
  code!: string;

  @Field(() => ID, { nullable: true })
  memberId!: string | null;
}

@ObjectType('IssueCouponsPayload')
export class IssueCouponsPayload {
  @Field(() => ID, { description: 'List every coupon of it with `couponBatch(batchId)`.' })
  batchId!: string;

  @Field(() => String)
  templateId!: string;

  @Field(() => Int)
  count!: number;

  @Field(() => [IssuedCouponType], { description: 'The first 100 coupons issued.' })
  coupons!: IssuedCouponType[];
}

@ObjectType('CouponValidation')
export class CouponValidationType {
  @Field(() => CouponResultType)
  coupon!: CouponResultType;

  @Field(() => String)
  currency!: string;

  @Field(() => Date)
  asOf!: Date;
}

@ObjectType('RedeemCouponPayload', {
  description:
    'APPLIED with the redemption, or REFUSED with the engine’s reason (nothing changed).',
})
export class RedeemCouponPayload {
  @Field(() => OutcomeEnum)
  outcome!: OutcomeEnum;

  @Field(() => String)
  orderId!: string;

  @Field(() => CouponResultType)
  coupon!: CouponResultType;

  @Field(() => ID, { nullable: true })
  redemptionId!: string | null;
}

@ObjectType('CouponRollback')
export class CouponRollbackType {
  @Field(() => ID)
  redemptionId!: string;

  @Field(() => String)
  couponCode!: string;

  @Field(() => Boolean, { description: 'The use was given back (the whole order is returned).' })
  restoresUse!: boolean;

  @Field(() => DecimalScalar, { description: 'Discount given back to money budgets.' })
  discountReturned!: string;

  @Field(() => CouponStatusEnum)
  couponStatus!: CouponStatusEnum;

  @Field(() => Int)
  timesUsed!: number;
}

@ObjectType('RollbackCouponRedemptionsPayload')
export class RollbackCouponRedemptionsPayload {
  @Field(() => String)
  orderId!: string;

  @Field(() => [CouponRollbackType])
  rollbacks!: CouponRollbackType[];
}
