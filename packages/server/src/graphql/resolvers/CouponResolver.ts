import type { Decimal } from '@tessera/engine';
import { Arg, Args, Ctx, Field, ID, InputType, Int, Mutation, Query, Resolver } from 'type-graphql';
import {
  batchCoupons,
  issueCoupons,
  listCouponTemplates,
  memberCoupons,
  redeemCoupon,
  rollbackCouponRedemptions,
  validateCouponCode,
} from '../../services/coupons.js';
import type { GqlContext } from '../context.js';
import { DecimalScalar } from '../scalars.js';
import { toConnection } from '../types/connection.js';
import {
  CartLineInput,
  CouponConnection,
  CouponStatusEnum,
  CouponTemplateType,
  CouponValidationType,
  IssueCouponsPayload,
  RedeemCouponPayload,
  RollbackCouponRedemptionsPayload,
} from '../types/coupon.js';
import { ChannelEnum } from '../types/member.js';
import { PageArgsInput } from './ProgramResolver.js';

@InputType({ description: 'To one member, to every live member with a tag, or public codes.' })
class IssueCouponsInput {
  @Field(() => String, { description: 'A template id of the configuration in force.' })
  templateId!: string;

  @Field(() => ID, { nullable: true })
  memberId?: string | null;

  @Field(() => String, { nullable: true, description: 'Admin: every live member with this tag.' })
  tag?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Coupons per member (1..100, default 1); public codes without member or tag.',
  })
  count?: number | null;

  @Field(() => String)
  idempotencyKey!: string;
}

@InputType({ description: 'A code on a cart, for a member (or a guest) at a store and channel.' })
class ValidateCouponInput {
  @Field(() => String)
  code!: string;

  @Field(() => ID, { nullable: true, description: 'Member tokens: their own (the default).' })
  memberId?: string | null;

  @Field(() => [CartLineInput])
  lines!: CartLineInput[];

  @Field(() => ID, { nullable: true, description: 'Store keys: their own store.' })
  storeId?: string | null;

  @Field(() => ChannelEnum, { nullable: true })
  channel?: ChannelEnum | null;
}

@InputType()
class RedeemCouponInput extends ValidateCouponInput {
  @Field(() => String, { description: 'Your order id; the redemption is kept with it.' })
  orderId!: string;

  @Field(() => String)
  idempotencyKey!: string;
}

@InputType()
class ReturnedLineInput {
  @Field(() => String)
  lineId!: string;

  @Field(() => DecimalScalar, { description: 'Quantity returned by this return.' })
  quantity!: Decimal;
}

@InputType()
class RollbackCouponRedemptionsInput {
  @Field(() => String)
  orderId!: string;

  @Field(() => [ReturnedLineInput], {
    nullable: true,
    description: 'Lines returned now; omit for a cancellation (everything not yet returned).',
  })
  returnedLines?: ReturnedLineInput[] | null;

  @Field(() => String)
  idempotencyKey!: string;
}

/** Coupons (D5-D8): templates, issuing, wallet, validation, redemption, rollback. */
@Resolver()
export class CouponResolver {
  @Query(() => [CouponTemplateType], {
    description: 'Admin, store: coupon templates of the configuration in force.',
  })
  couponTemplates(@Ctx() ctx: GqlContext) {
    return listCouponTemplates(ctx);
  }

  @Query(() => CouponConnection, {
    description: "Admin, store, member (own): a member's coupons (wallet), newest first.",
  })
  async memberCoupons(
    @Arg('memberId', () => ID) memberId: string,
    @Arg('status', () => CouponStatusEnum, { nullable: true }) status: CouponStatusEnum | null,
    @Args(() => PageArgsInput) args: PageArgsInput,
    @Ctx() ctx: GqlContext,
  ) {
    return toConnection(await memberCoupons(ctx, memberId, { status }, args));
  }

  @Query(() => CouponConnection, { description: 'Admin: the coupons of an issuing batch.' })
  async couponBatch(
    @Arg('batchId', () => ID) batchId: string,
    @Args(() => PageArgsInput) args: PageArgsInput,
    @Ctx() ctx: GqlContext,
  ) {
    return toConnection(await batchCoupons(ctx, batchId, args));
  }

  @Query(() => CouponValidationType, {
    description:
      'Admin, store, member (own), storefront (guests): checks a code on a cart as checkout would. Rate-limited.',
  })
  validateCoupon(
    @Arg('input', () => ValidateCouponInput) input: ValidateCouponInput,
    @Ctx() ctx: GqlContext,
  ) {
    return validateCouponCode(ctx, input);
  }

  @Mutation(() => IssueCouponsPayload, {
    description: 'Admin (member, tag or public codes), store (one member): issues coupons.',
  })
  issueCoupons(
    @Arg('input', () => IssueCouponsInput) input: IssueCouponsInput,
    @Ctx() ctx: GqlContext,
  ) {
    return issueCoupons(ctx, input);
  }

  @Mutation(() => RedeemCouponPayload, {
    description: 'Admin, store, member (own): redeems a coupon on an order; REFUSED with a reason.',
  })
  redeemCoupon(
    @Arg('input', () => RedeemCouponInput) input: RedeemCouponInput,
    @Ctx() ctx: GqlContext,
  ) {
    return redeemCoupon(ctx, input);
  }

  @Mutation(() => RollbackCouponRedemptionsPayload, {
    description: "Admin, store: gives back an order's coupon use on return or cancellation.",
  })
  rollbackCouponRedemptions(
    @Arg('input', () => RollbackCouponRedemptionsInput) input: RollbackCouponRedemptionsInput,
    @Ctx() ctx: GqlContext,
  ) {
    return rollbackCouponRedemptions(ctx, input);
  }
}
