import type { ManualMode, ManualReason } from '@tessera/engine';
import { Arg, Args, Ctx, Field, ID, InputType, Mutation, Query, Resolver } from 'type-graphql';
import { assignMemberTier, getMemberTier, tierHistory } from '../../services/tiers.js';
import type { GqlContext } from '../context.js';
import { toConnection } from '../types/connection.js';
import { AssignTierPayload, MemberTierType, TierChangeConnection } from '../types/points.js';
import { PageArgsInput } from './ProgramResolver.js';

@InputType()
class AssignTierInput {
  @Field(() => ID) memberId!: string;
  @Field(() => String) tierId!: string;
  @Field(() => String, { description: 'fixed (pinned) or floor (may rise above).' })
  mode!: ManualMode;
  @Field(() => Date, { description: 'When the assignment ends (a review point).' }) until!: Date;
  @Field(() => String, { description: 'status_match, invitation, correction or other.' })
  reason!: ManualReason;
  @Field(() => String, { nullable: true }) note?: string | null;
}

/** Tiers (L1-L7): current tier and progress, manual assignment, history. */
@Resolver()
export class TierResolver {
  @Query(() => MemberTierType, {
    description: 'Admin, store, member (own): current tier, dates and progress.',
  })
  memberTier(@Arg('memberId', () => ID) memberId: string, @Ctx() ctx: GqlContext) {
    return getMemberTier(ctx, memberId);
  }

  @Query(() => TierChangeConnection, {
    description: 'Admin, store, member (own): tier changes, newest first.',
  })
  async tierHistory(
    @Arg('memberId', () => ID) memberId: string,
    @Args(() => PageArgsInput) args: PageArgsInput,
    @Ctx() ctx: GqlContext,
  ) {
    return toConnection(await tierHistory(ctx, memberId, args));
  }

  @Mutation(() => AssignTierPayload, { description: 'Admin: manual tier assignment (audited).' })
  async assignTier(
    @Arg('input', () => AssignTierInput) input: AssignTierInput,
    @Ctx() ctx: GqlContext,
  ) {
    const { tier } = await assignMemberTier(ctx, input);
    return { tier };
  }
}
