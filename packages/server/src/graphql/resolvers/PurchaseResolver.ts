import type { Decimal } from '@tessera/engine';
import { Arg, Args, Ctx, Field, ID, InputType, Mutation, Query, Resolver } from 'type-graphql';
import {
  getPurchase,
  listPurchases,
  recordPurchase,
  recordReturn,
} from '../../services/purchases.js';
import type { GqlContext } from '../context.js';
import { DecimalScalar } from '../scalars.js';
import { toConnection } from '../types/connection.js';
import { ChannelEnum } from '../types/member.js';
import {
  PurchaseConnection,
  PurchaseType,
  RecordPurchasePayload,
  RecordReturnPayload,
} from '../types/points.js';
import { PageArgsInput } from './ProgramResolver.js';

@InputType()
class PurchaseLineInput {
  @Field(() => String, { description: 'Unique within the purchase.' }) id!: string;
  @Field(() => String) sku!: string;
  @Field(() => [String], { nullable: true }) categories?: string[] | null;
  @Field(() => DecimalScalar) quantity!: Decimal;
  @Field(() => DecimalScalar, { description: 'Price of one unit before discounts.' })
  unitPrice!: Decimal;
  @Field(() => DecimalScalar, {
    nullable: true,
    description:
      'Discount on the whole line applied outside Tessera (e.g. a manual POS discount). Never the program’s promotions or coupons: Tessera applies those itself, as checkoutQuote does.',
  })
  discount?: Decimal | null;
  @Field(() => String, {
    nullable: true,
    description: 'product (default), service, gift_card, shipping, tax, deposit.',
  })
  kind?: string | null;
}

@InputType()
class PurchasePaymentInput {
  @Field(() => String, {
    description: 'card, cash... `stored_value` is debited from the member’s stored value.',
  })
  method!: string;
  @Field(() => DecimalScalar) amount!: Decimal;
}

@InputType({ description: 'Points used as payment of the purchase.' })
class PointsPaymentInput {
  @Field(() => DecimalScalar) points!: Decimal;
}

@InputType({
  description:
    'A purchase, priced by Tessera exactly as checkoutQuote priced the same input at its occurredAt (promotions, coupons, points as payment, earning: the program version, windows and coupon validity of that instant; balances and coupon usage as of now); points, stored value and coupons used on it are applied in one transaction.',
})
class RecordPurchaseInput {
  @Field(() => ID) memberId!: string;
  @Field(() => String, { description: 'Your order id: recorded once per program.' })
  orderId!: string;
  @Field(() => ID, { nullable: true, description: 'A store key always records in its store.' })
  storeId?: string | null;
  @Field(() => ChannelEnum) channel!: ChannelEnum;
  @Field(() => Date, {
    description:
      'When the purchase happened (at most 5 minutes after now): it is priced as of this instant, also when synced later.',
  })
  occurredAt!: Date;
  @Field(() => String) currency!: string;
  @Field(() => [PurchaseLineInput]) lines!: PurchaseLineInput[];
  @Field(() => [PurchasePaymentInput], { nullable: true }) payments?: PurchasePaymentInput[] | null;
  @Field(() => PointsPaymentInput, { nullable: true }) pointsPayment?: PointsPaymentInput | null;
  @Field(() => [String], {
    nullable: true,
    description:
      'Coupons redeemed on the order (all or none: a refused code refuses the purchase).',
  })
  couponCodes?: string[] | null;
  @Field(() => String) idempotencyKey!: string;
}

@InputType()
class ReturnLineInput {
  @Field(() => String) lineId!: string;
  @Field(() => DecimalScalar) quantity!: Decimal;
}

@InputType({ description: 'A full (amount omitted) or partial return of a purchase.' })
class RecordReturnInput {
  @Field(() => String) orderId!: string;
  @Field(() => String, { description: 'Your return id: recorded once per program.' })
  returnId!: string;
  @Field(() => DecimalScalar, { nullable: true, description: 'Money returned; default all.' })
  amount?: Decimal | null;
  @Field(() => [ReturnLineInput], { nullable: true }) lines?: ReturnLineInput[] | null;
  @Field(() => Date, { nullable: true }) occurredAt?: Date | null;
  @Field(() => String) idempotencyKey!: string;
}

@InputType({ description: 'Purchase history filters, combined with AND.' })
class PurchaseFilterInput {
  @Field(() => ID, { nullable: true, description: 'Implied for member tokens.' })
  memberId?: string | null;
  @Field(() => Date, { nullable: true, description: 'occurredAt >= from.' }) from?: Date | null;
  @Field(() => Date, { nullable: true, description: 'occurredAt < to.' }) to?: Date | null;
  @Field(() => ID, { nullable: true }) storeId?: string | null;
  @Field(() => ChannelEnum, { nullable: true }) channel?: ChannelEnum | null;
  @Field(() => String, { nullable: true }) category?: string | null;
}

/** Purchases and returns (T1-T3). */
@Resolver()
export class PurchaseResolver {
  @Query(() => PurchaseConnection, {
    description: 'Admin, store, member (own): purchases, newest first.',
  })
  async purchases(
    @Arg('filter', () => PurchaseFilterInput, { nullable: true })
    filter: PurchaseFilterInput | null,
    @Args(() => PageArgsInput) args: PageArgsInput,
    @Ctx() ctx: GqlContext,
  ) {
    return toConnection(await listPurchases(ctx, filter ?? {}, args));
  }

  @Query(() => PurchaseType, { description: 'Admin, store, member (own): a purchase by order id.' })
  purchase(@Arg('orderId', () => String) orderId: string, @Ctx() ctx: GqlContext) {
    return getPurchase(ctx, orderId);
  }

  @Mutation(() => RecordPurchasePayload, {
    description:
      'Admin, store: records a purchase (points, tier, coupons, stored value) once per order id; REFUSED when a coupon, the points payment or the stored value is refused.',
  })
  recordPurchase(
    @Arg('input', () => RecordPurchaseInput) input: RecordPurchaseInput,
    @Ctx() ctx: GqlContext,
  ) {
    return recordPurchase(ctx, input);
  }

  @Mutation(() => RecordReturnPayload, {
    description:
      'Admin, store: a full or partial return; points clawed back, points and stored value paid given back in proportion, coupon redemptions rolled back.',
  })
  recordReturn(
    @Arg('input', () => RecordReturnInput) input: RecordReturnInput,
    @Ctx() ctx: GqlContext,
  ) {
    return recordReturn(ctx, input);
  }
}
