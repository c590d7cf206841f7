import type { Decimal } from '@tessera/engine';
import { Arg, Args, Ctx, Field, ID, InputType, Int, Mutation, Query, Resolver } from 'type-graphql';
import {
  adjustPoints,
  captureHold,
  pointsBalance,
  pointsLedger,
  redeemPoints,
  releaseHold,
  reservePoints,
  transferPoints,
} from '../../services/points.js';
import type { GqlContext } from '../context.js';
import { DecimalScalar } from '../scalars.js';
import { toConnection } from '../types/connection.js';
import {
  MemberPointsBalanceType,
  PointsEntryConnection,
  PointsPayload,
  TransferPointsPayload,
} from '../types/points.js';
import { PageArgsInput } from './ProgramResolver.js';

@InputType()
class RedeemPointsInput {
  @Field(() => ID) memberId!: string;
  @Field(() => DecimalScalar) points!: Decimal;
  @Field(() => String, {
    description:
      'What the points paid for, as an id: 1 to 128 letters, digits and `_ . : - / #` (e.g. `order-1001`, `reward:mug`); anything else is BAD_USER_INPUT on `reference`.',
  })
  reference!: string;
  @Field(() => String) idempotencyKey!: string;
}

@InputType()
class ReservePointsInput {
  @Field(() => ID) memberId!: string;
  @Field(() => String, { description: 'Your hold id (cart, checkout).' }) holdId!: string;
  @Field(() => DecimalScalar) points!: Decimal;
  @Field(() => String, {
    description:
      'What the points are held for, as an id: 1 to 128 letters, digits and `_ . : - / #` (e.g. `checkout:cart-9`); anything else is BAD_USER_INPUT on `reference`.',
  })
  reference!: string;
  @Field(() => String) idempotencyKey!: string;
}

@InputType()
class HoldActionInput {
  @Field(() => ID) memberId!: string;
  @Field(() => String) holdId!: string;
  @Field(() => String) idempotencyKey!: string;
}

@InputType()
class AdjustPointsInput {
  @Field(() => ID) memberId!: string;
  @Field(() => DecimalScalar, { description: 'Signed: credit (> 0) or debit (< 0).' })
  points!: Decimal;
  @Field(() => String) reason!: string;
  @Field(() => String, { description: 'Who asked for it (audited with the API key).' })
  operator!: string;
  @Field(() => String) idempotencyKey!: string;
}

@InputType()
class TransferPointsInput {
  @Field(() => ID) fromMemberId!: string;
  @Field(() => ID) toMemberId!: string;
  @Field(() => DecimalScalar) points!: Decimal;
  @Field(() => String) idempotencyKey!: string;
}

/** Points (P5-P7, P9): balance, ledger, redeem, holds, adjustments, transfers. */
@Resolver()
export class PointsResolver {
  @Query(() => MemberPointsBalanceType, {
    description: 'Admin, store, member (own): the points balance as of now.',
  })
  pointsBalance(
    @Arg('memberId', () => ID) memberId: string,
    @Arg('expiringWithinDays', () => Int, { nullable: true, defaultValue: 30 }) days: number,
    @Ctx() ctx: GqlContext,
  ) {
    return pointsBalance(ctx, memberId, days);
  }

  @Query(() => PointsEntryConnection, {
    description: 'Admin, store, member (own): the points ledger with causes, newest first.',
  })
  async pointsLedger(
    @Arg('memberId', () => ID) memberId: string,
    @Arg('kinds', () => [String], { nullable: true }) kinds: string[] | null,
    @Args(() => PageArgsInput) args: PageArgsInput,
    @Ctx() ctx: GqlContext,
  ) {
    return toConnection(await pointsLedger(ctx, memberId, { kinds }, args));
  }

  @Mutation(() => PointsPayload, {
    description: 'Admin, store, member (own): redeems points; REFUSED with INSUFFICIENT_POINTS.',
  })
  redeemPoints(
    @Arg('input', () => RedeemPointsInput) input: RedeemPointsInput,
    @Ctx() ctx: GqlContext,
  ) {
    return redeemPoints(ctx, input);
  }

  @Mutation(() => PointsPayload, { description: 'Admin, store, member (own): reserves points.' })
  reservePoints(
    @Arg('input', () => ReservePointsInput) input: ReservePointsInput,
    @Ctx() ctx: GqlContext,
  ) {
    return reservePoints(ctx, input);
  }

  @Mutation(() => PointsPayload, { description: 'Admin, store, member (own): captures a hold.' })
  captureHold(@Arg('input', () => HoldActionInput) input: HoldActionInput, @Ctx() ctx: GqlContext) {
    return captureHold(ctx, input);
  }

  @Mutation(() => PointsPayload, { description: 'Admin, store, member (own): releases a hold.' })
  releaseHold(@Arg('input', () => HoldActionInput) input: HoldActionInput, @Ctx() ctx: GqlContext) {
    return releaseHold(ctx, input);
  }

  @Mutation(() => PointsPayload, {
    description: 'Admin: manual adjustment with reason and operator (audited).',
  })
  adjustPoints(
    @Arg('input', () => AdjustPointsInput) input: AdjustPointsInput,
    @Ctx() ctx: GqlContext,
  ) {
    return adjustPoints(ctx, input);
  }

  @Mutation(() => TransferPointsPayload, {
    description: 'Admin, store, member (own, as sender): transfer if the program allows it.',
  })
  transferPoints(
    @Arg('input', () => TransferPointsInput) input: TransferPointsInput,
    @Ctx() ctx: GqlContext,
  ) {
    return transferPoints(ctx, input);
  }
}
