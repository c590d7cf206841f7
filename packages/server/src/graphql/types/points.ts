import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DecimalScalar } from '../scalars.js';
import { Connection } from './connection.js';
import { CouponResultType, CouponRollbackType } from './coupon.js';
import { OutcomeEnum } from './storedValue.js';

@ObjectType('Refusal', {
  description: "An expected outcome that changed nothing, with the engine's reason code.",
})
export class RefusalType {
  @Field(() => String, {
    description: 'Stable reason code (INSUFFICIENT_POINTS, HOLD_EXPIRED...).',
  })
  code!: string;

  @Field(() => String)
  message!: string;

  @Field(() => GraphQLJSONObject, { description: "The reason's data (requested, available...)." })
  details!: Record<string, unknown>;
}

@ObjectType('PointsEntry', { description: 'An append-only points ledger entry with its cause.' })
export class PointsEntryType {
  @Field(() => ID) id!: string;
  @Field(() => ID) memberId!: string;

  @Field(() => String, {
    description:
      'earn, vest, redeem, hold, capture, hold_release, expire, clawback, adjust, transfer_out, transfer_in.',
  })
  kind!: string;

  @Field(() => DecimalScalar, { description: 'Signed effect on the balance.' })
  amount!: string;

  @Field(() => DecimalScalar, { description: 'Points concerned (>= 0).' })
  quantity!: string;

  @Field(() => DecimalScalar) balanceAfter!: string;
  @Field(() => Date) occurredAt!: Date;
  @Field(() => Int, { nullable: true }) programVersion!: number | null;

  @Field(() => GraphQLJSONObject, {
    description: "The engine's cause (purchase, return, redemption...), the lots it touched.",
  })
  cause!: Record<string, unknown>;

  @Field(() => String, { description: 'Credential that caused it.' })
  actor!: string;
}

export const PointsEntryConnection = Connection('PointsEntry', PointsEntryType);

@ObjectType('ExpiryScheduleItem')
export class ExpiryScheduleItemType {
  @Field(() => String, { description: 'Last local date the points can be used.' }) date!: string;
  @Field(() => DecimalScalar) points!: string;
}

@ObjectType('PointsBalance', {
  description: 'Points as of now, computed from lots whether or not a sweep ran.',
})
export class PointsBalanceType {
  @Field(() => DecimalScalar, { description: 'Spendable now.' }) available!: string;
  @Field(() => DecimalScalar, { description: 'Earned, still pending.' }) pending!: string;
  @Field(() => DecimalScalar, { description: 'Reserved by active holds.' }) held!: string;
  @Field(() => DecimalScalar, { description: 'Owed after clawbacks.' }) debt!: string;
  @Field(() => DecimalScalar, { description: 'available + pending + held - debt.' })
  balance!: string;
  @Field(() => Int) expiringWithinDays!: number;
  @Field(() => String, { description: 'Last local date of the expiring window.' })
  expiringThrough!: string;
  @Field(() => DecimalScalar) expiringPoints!: string;
  @Field(() => [ExpiryScheduleItemType]) schedule!: ExpiryScheduleItemType[];
}

@ObjectType('MemberPointsBalance')
export class MemberPointsBalanceType extends PointsBalanceType {
  @Field(() => ID) memberId!: string;
}

@ObjectType('PointsHold')
export class PointsHoldType {
  @Field(() => ID) holdId!: string;
  @Field(() => DecimalScalar) points!: string;
  @Field(() => String, { description: 'held, captured or released.' }) status!: string;
  @Field(() => String) reference!: string;
  @Field(() => Date) expiresAt!: Date;
}

@ObjectType('PointsPayload', { description: 'Result of a points movement: applied, or refused.' })
export class PointsPayload {
  @Field(() => OutcomeEnum) outcome!: OutcomeEnum;
  @Field(() => RefusalType, { nullable: true }) refusal!: RefusalType | null;
  @Field(() => ID) memberId!: string;
  @Field(() => [PointsEntryType]) entries!: PointsEntryType[];
  @Field(() => PointsBalanceType, { description: 'Balance after the operation.' })
  balance!: PointsBalanceType;
  @Field(() => PointsHoldType, { nullable: true }) hold!: PointsHoldType | null;
}

@ObjectType('TransferPointsPayload')
export class TransferPointsPayload {
  @Field(() => OutcomeEnum) outcome!: OutcomeEnum;
  @Field(() => RefusalType, { nullable: true }) refusal!: RefusalType | null;
  @Field(() => [PointsEntryType], {
    description: "Both sides; a member token sees only its own (the sender's) entry.",
  })
  entries!: PointsEntryType[];
  @Field(() => PointsBalanceType) fromBalance!: PointsBalanceType;
  @Field(() => PointsBalanceType, {
    nullable: true,
    description: "The recipient's balance; null for a member token (not the sender's to see).",
  })
  toBalance!: PointsBalanceType | null;
}

@ObjectType('PurchaseLineDiscount', {
  description: 'One of Tessera’s discounts on a recorded line, by source.',
})
export class PurchaseLineDiscountType {
  @Field(() => String, { description: '`promotion` or `coupon`.' }) kind!: string;
  @Field(() => String, { description: 'The promotion id or the coupon code.' })
  sourceId!: string;
  @Field(() => DecimalScalar) amount!: string;
}

@ObjectType('PurchaseLine')
export class PurchaseLineType {
  @Field(() => String) id!: string;
  @Field(() => String) sku!: string;
  @Field(() => [String]) categories!: string[];
  @Field(() => DecimalScalar) quantity!: string;
  @Field(() => DecimalScalar) unitPrice!: string;
  @Field(() => DecimalScalar, {
    description: 'Discounts applied outside Tessera (as given), not the program’s.',
  })
  discount!: string;
  @Field(() => String) kind!: string;
  @Field(() => [PurchaseLineDiscountType], {
    description: 'Tessera’s discounts on the line: promotions, then coupons.',
  })
  discounts!: PurchaseLineDiscountType[];
  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Net minus Tessera’s discounts (null on purchases recorded before pricing).',
  })
  total!: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Share of the points payment.' })
  paidWithPoints!: string | null;
  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'Paid in money: the basis of the points earned.',
  })
  payable!: string | null;
}

@ObjectType('PurchasePayment')
export class PurchasePaymentType {
  @Field(() => String) method!: string;
  @Field(() => DecimalScalar) amount!: string;
  @Field(() => DecimalScalar, { nullable: true, description: 'Points, for method `points`.' })
  points?: string | null;
  @Field(() => ID, {
    nullable: true,
    description: 'The stored-value ledger entry, for method `stored_value`.',
  })
  entryId?: string | null;
}

@ObjectType('PurchaseStoredValue', { description: 'Stored value paid on a purchase.' })
export class PurchaseStoredValueType {
  @Field(() => DecimalScalar) paid!: string;
  @Field(() => DecimalScalar, { description: 'Stored-value balance after the payment.' })
  balance!: string;
}

@ObjectType('Purchase')
export class PurchaseType {
  @Field(() => ID) id!: string;
  @Field(() => ID) memberId!: string;
  @Field(() => String) orderId!: string;
  @Field(() => ID, { nullable: true }) storeId!: string | null;
  @Field(() => String, { nullable: true }) storeCode!: string | null;
  @Field(() => String) channel!: string;
  @Field(() => Date) occurredAt!: Date;
  @Field(() => String) currency!: string;
  @Field(() => DecimalScalar, {
    description:
      'What the order costs after Tessera’s promotions and coupons (the quote’s afterDiscounts, paid in money and points); returns are proportional to it.',
  })
  amount!: string;
  @Field(() => DecimalScalar, { description: 'Promotions’ discount on the order.' })
  promotionDiscount!: string;
  @Field(() => DecimalScalar, { description: 'Coupons’ discount on the order.' })
  couponDiscount!: string;
  @Field(() => [GraphQLJSONObject], { description: 'The promotions the engine applied.' })
  promotions!: Record<string, unknown>[];
  @Field(() => DecimalScalar) returnedAmount!: string;
  @Field(() => DecimalScalar) pointsEarned!: string;
  @Field(() => DecimalScalar) pointsPaid!: string;
  @Field(() => [PurchaseLineType]) lines!: PurchaseLineType[];
  @Field(() => [PurchasePaymentType]) payments!: PurchasePaymentType[];
  @Field(() => GraphQLJSONObject, { description: "The engine's awards and trace." })
  accrual!: Record<string, unknown>;
  @Field(() => Int) programVersion!: number;
}

export const PurchaseConnection = Connection('Purchase', PurchaseType);

@ObjectType('TierOutcome')
export class TierOutcomeType {
  @Field(() => String) tierId!: string;
  @Field(() => String) previousTierId!: string;
  @Field(() => Boolean) changed!: boolean;
  @Field(() => String, { description: "The engine's decisive reason code." }) code!: string;
}

@ObjectType('RecordPurchasePayload')
export class RecordPurchasePayload {
  @Field(() => OutcomeEnum) outcome!: OutcomeEnum;
  @Field(() => RefusalType, { nullable: true }) refusal!: RefusalType | null;
  @Field(() => PurchaseType, { nullable: true }) purchase!: PurchaseType | null;
  @Field(() => [PointsEntryType]) entries!: PointsEntryType[];
  @Field(() => PointsBalanceType, { nullable: true }) balance!: PointsBalanceType | null;
  @Field(() => TierOutcomeType, { nullable: true }) tier!: TierOutcomeType | null;
  @Field(() => [CouponResultType], {
    description: 'The engine’s answer for each coupon code; one refused refuses the purchase.',
  })
  coupons!: CouponResultType[];
  @Field(() => PurchaseStoredValueType, { nullable: true })
  storedValue!: PurchaseStoredValueType | null;
}

@ObjectType('RecordReturnPayload')
export class RecordReturnPayload {
  @Field(() => OutcomeEnum) outcome!: OutcomeEnum;
  @Field(() => RefusalType, { nullable: true }) refusal!: RefusalType | null;
  @Field(() => String) returnId!: string;
  @Field(() => PurchaseType, { nullable: true }) purchase!: PurchaseType | null;
  @Field(() => DecimalScalar) amount!: string;
  @Field(() => DecimalScalar) pointsClawedBack!: string;
  @Field(() => DecimalScalar, { description: 'Points paid on the order given back.' })
  pointsRefunded!: string;
  @Field(() => DecimalScalar, { description: 'Stored value paid on the order refunded.' })
  storedValueRefunded!: string;
  @Field(() => [CouponRollbackType], { description: 'Coupon redemptions rolled back.' })
  coupons!: CouponRollbackType[];
  @Field(() => [PointsEntryType]) entries!: PointsEntryType[];
  @Field(() => PointsBalanceType, { nullable: true }) balance!: PointsBalanceType | null;
  @Field(() => TierOutcomeType, { nullable: true }) tier!: TierOutcomeType | null;
}

@ObjectType('MemberTier')
export class MemberTierType {
  @Field(() => ID) memberId!: string;
  @Field(() => String) tierId!: string;
  @Field(() => String, { nullable: true }) tierName!: string | null;
  @Field(() => Date) since!: Date;
  @Field(() => Date, { nullable: true }) validUntil!: Date | null;
  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: 'The manual assignment in force.',
  })
  manual!: Record<string, unknown> | null;
  @Field(() => Date) nextReviewAt!: Date;
  @Field(() => GraphQLJSONObject, {
    description: "The engine's tierProgress: toNext, toKeep, projectedTierId, projectedCode.",
  })
  progress!: Record<string, unknown>;
}

@ObjectType('TierChange', { description: 'One change of a member tier.' })
export class TierChangeType {
  @Field(() => ID) id!: string;
  @Field(() => ID) memberId!: string;
  @Field(() => String, { nullable: true }) fromTierId!: string | null;
  @Field(() => String) toTierId!: string;
  @Field(() => String) code!: string;
  @Field(() => String, { description: 'purchase, return, review or manual.' }) cause!: string;
  @Field(() => [GraphQLJSONObject]) reasons!: Record<string, unknown>[];
  @Field(() => Date) effectiveAt!: Date;
  @Field(() => Date) occurredAt!: Date;
  @Field(() => String) actor!: string;
}

export const TierChangeConnection = Connection('TierChange', TierChangeType);

@ObjectType('AssignTierPayload')
export class AssignTierPayload {
  @Field(() => TierOutcomeType) tier!: TierOutcomeType;
}
