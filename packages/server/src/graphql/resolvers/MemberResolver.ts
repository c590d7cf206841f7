import { Decimal } from '@tessera/engine';
import {
  Arg,
  Args,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { Member } from '../../entities/index.js';
import {
  cardHistory,
  getCard,
  issueCard,
  replaceCard,
  reportCardLost,
} from '../../services/cards.js';
import {
  deleteMember,
  enrolMember,
  getMember,
  getViewerMember,
  searchMembers,
  updateMember,
} from '../../services/members.js';
import type { GqlContext } from '../context.js';
import { toConnection } from '../types/connection.js';
import {
  AddressInput,
  CardEventConnection,
  CardType,
  ChannelEnum,
  GenderEnum,
  MemberConnection,
  MemberType,
  StoredValueBalanceType,
} from '../types/member.js';
import { StoreType } from '../types/program.js';
import { PageArgsInput } from './ProgramResolver.js';

@InputType({ description: 'Search filters, combined with AND.' })
class MemberFilterInput {
  @Field(() => String, { nullable: true, description: 'Case-insensitive part of the name.' })
  name?: string | null;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Number of an active card.' })
  cardNumber?: string | null;

  @Field(() => String, { nullable: true })
  tag?: string | null;

  @Field(() => String, { nullable: true })
  tierId?: string | null;
}

@InputType()
class EnrolMemberInput {
  @Field(() => String)
  name!: string;

  @Field(() => GenderEnum, { nullable: true })
  gender?: GenderEnum | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  birthday?: string | null;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => AddressInput, { nullable: true })
  address?: AddressInput | null;

  @Field(() => ID, { nullable: true, description: 'Store of enrolment (store keys: their own).' })
  storeId?: string | null;

  @Field(() => ChannelEnum)
  channel!: ChannelEnum;

  @Field(() => [String], { nullable: true })
  tags?: string[] | null;

  @Field(() => Boolean, { nullable: true })
  marketingConsent?: boolean | null;
}

@ObjectType()
class EnrolMemberPayload {
  @Field(() => MemberType)
  member!: MemberType;
}

@InputType({ description: 'Absent fields are unchanged; null clears a nullable field.' })
class UpdateMemberInput {
  @Field(() => ID)
  memberId!: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => GenderEnum, { nullable: true })
  gender?: GenderEnum | null;

  @Field(() => String, { nullable: true })
  birthday?: string | null;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => AddressInput, { nullable: true })
  address?: AddressInput | null;

  @Field(() => [String], { nullable: true, description: 'Not for member tokens.' })
  tags?: string[] | null;

  @Field(() => Boolean, { nullable: true })
  marketingConsent?: boolean | null;
}

@ObjectType()
class UpdateMemberPayload {
  @Field(() => MemberType)
  member!: MemberType;
}

@InputType()
class DeleteMemberInput {
  @Field(() => ID)
  memberId!: string;
}

@ObjectType()
class DeleteMemberPayload {
  @Field(() => ID)
  deletedMemberId!: string;
}

@InputType()
class IssueCardInput {
  @Field(() => ID)
  memberId!: string;

  @Field(() => String, { nullable: true, description: 'Default: a random 16-digit number.' })
  number?: string | null;
}

@ObjectType()
class IssueCardPayload {
  @Field(() => CardType)
  card!: CardType;
}

@InputType()
class ReportCardLostInput {
  @Field(() => ID)
  cardId!: string;
}

@ObjectType()
class ReportCardLostPayload {
  @Field(() => CardType)
  card!: CardType;
}

@InputType()
class ReplaceCardInput {
  @Field(() => ID)
  cardId!: string;

  @Field(() => String, { nullable: true })
  number?: string | null;
}

@ObjectType()
class ReplaceCardPayload {
  @Field(() => CardType)
  oldCard!: CardType;

  @Field(() => CardType)
  newCard!: CardType;
}

/** Members and cards (M1, M3). */
@Resolver(() => MemberType)
export class MemberResolver {
  @Query(() => MemberType, {
    description: 'Admin, store, member (own). Missing and foreign ids: NOT_FOUND.',
  })
  member(@Arg('id', () => ID) id: string, @Ctx() ctx: GqlContext): Promise<Member> {
    return getMember(ctx, id);
  }

  @Query(() => MemberType, { description: 'Member token: the signed-in member.' })
  me(@Ctx() ctx: GqlContext): Promise<Member> {
    return getViewerMember(ctx);
  }

  @Query(() => MemberConnection, { description: 'Admin, store: live members, oldest first.' })
  async members(
    @Arg('filter', () => MemberFilterInput, { nullable: true }) filter: MemberFilterInput | null,
    @Args(() => PageArgsInput) args: PageArgsInput,
    @Ctx() ctx: GqlContext,
  ) {
    return toConnection(await searchMembers(ctx, filter ?? {}, args));
  }

  @Query(() => CardType, { description: 'Admin, store, member (own).' })
  card(@Arg('id', () => ID) id: string, @Ctx() ctx: GqlContext) {
    return getCard(ctx, id);
  }

  @Query(() => CardEventConnection, { description: "A card's status history, oldest first." })
  async cardHistory(
    @Arg('cardId', () => ID) cardId: string,
    @Args(() => PageArgsInput) args: PageArgsInput,
    @Ctx() ctx: GqlContext,
  ) {
    return toConnection(await cardHistory(ctx, cardId, args));
  }

  @FieldResolver(() => StoreType, { nullable: true })
  enrolStore(@Root() member: Member, @Ctx() ctx: GqlContext) {
    return member.enrolStoreId ? ctx.loaders.storeById.load(member.enrolStoreId) : null;
  }

  @FieldResolver(() => CardType, { nullable: true, description: 'The one active card.' })
  activeCard(@Root() member: Member, @Ctx() ctx: GqlContext) {
    return ctx.loaders.activeCardByMemberId.load(member.id);
  }

  @FieldResolver(() => StoredValueBalanceType)
  async storedValue(
    @Root() member: Member,
    @Ctx() ctx: GqlContext,
  ): Promise<StoredValueBalanceType> {
    const { currency, scale } = await ctx.loaders.currentProgram.load(member.programId);
    const accounts = await ctx.loaders.accountsByMemberId.load(member.id);
    const account = accounts.find((a) => a.unit === currency);
    return { currency, balance: new Decimal(account?.balance ?? '0').toFixed(scale) };
  }

  @Mutation(() => EnrolMemberPayload, { description: 'Admin, store: enrols a member.' })
  async enrolMember(
    @Arg('input', () => EnrolMemberInput) input: EnrolMemberInput,
    @Ctx() ctx: GqlContext,
  ): Promise<EnrolMemberPayload> {
    return { member: (await enrolMember(ctx, input)) as unknown as MemberType };
  }

  @Mutation(() => UpdateMemberPayload, { description: 'Admin, store, member (own, not tags).' })
  async updateMember(
    @Arg('input', () => UpdateMemberInput) input: UpdateMemberInput,
    @Ctx() ctx: GqlContext,
  ): Promise<UpdateMemberPayload> {
    return { member: (await updateMember(ctx, input)) as unknown as MemberType };
  }

  @Mutation(() => DeleteMemberPayload, { description: 'Admin: soft-deletes a member.' })
  async deleteMember(
    @Arg('input', () => DeleteMemberInput) input: DeleteMemberInput,
    @Ctx() ctx: GqlContext,
  ): Promise<DeleteMemberPayload> {
    return { deletedMemberId: (await deleteMember(ctx, input.memberId)).id };
  }

  @Mutation(() => IssueCardPayload, {
    description: "Admin, store: issues the member's active card.",
  })
  async issueCard(
    @Arg('input', () => IssueCardInput) input: IssueCardInput,
    @Ctx() ctx: GqlContext,
  ): Promise<IssueCardPayload> {
    return { card: (await issueCard(ctx, input)) as unknown as CardType };
  }

  @Mutation(() => ReportCardLostPayload, {
    description: 'Admin, store, member (own): blocks a card.',
  })
  async reportCardLost(
    @Arg('input', () => ReportCardLostInput) input: ReportCardLostInput,
    @Ctx() ctx: GqlContext,
  ): Promise<ReportCardLostPayload> {
    return { card: (await reportCardLost(ctx, input.cardId)) as unknown as CardType };
  }

  @Mutation(() => ReplaceCardPayload, {
    description: 'Admin, store: new number, old number dead, balances carried over.',
  })
  async replaceCard(
    @Arg('input', () => ReplaceCardInput) input: ReplaceCardInput,
    @Ctx() ctx: GqlContext,
  ): Promise<ReplaceCardPayload> {
    const { oldCard, newCard } = await replaceCard(ctx, input);
    return { oldCard: oldCard as unknown as CardType, newCard: newCard as unknown as CardType };
  }
}
