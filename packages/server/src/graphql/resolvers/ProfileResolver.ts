import { Arg, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { memberProfile } from '../../services/profile.js';
import type { GqlContext } from '../context.js';
import { DecimalScalar } from '../scalars.js';
import { MemberType, StoredValueBalanceType } from '../types/member.js';
import { PointsBalanceType } from '../types/points.js';

@ObjectType('ProfileTier')
class ProfileTierType {
  @Field(() => String) id!: string;
  @Field(() => String) name!: string;
}

@ObjectType('LastPurchase')
class LastPurchaseType {
  @Field(() => String) orderId!: string;
  @Field(() => Date) occurredAt!: Date;
  @Field(() => DecimalScalar) amount!: string;
  @Field(() => String, { nullable: true }) storeCode!: string | null;
}

@ObjectType('MemberProfile', { description: 'The member summary (M2) in one answer.' })
class MemberProfileType {
  @Field(() => MemberType) member!: MemberType;
  @Field(() => ProfileTierType, { nullable: true }) tier!: ProfileTierType | null;
  @Field(() => PointsBalanceType, {
    description: 'Available, pending, expiring within 30 days (engine balanceOf).',
  })
  points!: PointsBalanceType;
  @Field(() => StoredValueBalanceType) storedValue!: StoredValueBalanceType;
  @Field(() => Int, { description: 'Active coupons held.' }) couponsHeld!: number;
  @Field(() => Int, { description: 'Purchases recorded.' }) orders!: number;
  @Field(() => DecimalScalar, { description: 'Spend over every purchase, returns deducted.' })
  lifetimeSpend!: string;
  @Field(() => LastPurchaseType, { nullable: true }) lastPurchase!: LastPurchaseType | null;
}

/** The member profile summary (M2). */
@Resolver()
export class ProfileResolver {
  @Query(() => MemberProfileType, {
    description: 'Admin, store, member (own; the default for a member token): the profile summary.',
  })
  memberProfile(
    @Arg('memberId', () => ID, { nullable: true }) memberId: string | null,
    @Ctx() ctx: GqlContext,
  ) {
    return memberProfile(ctx, memberId);
  }
}
