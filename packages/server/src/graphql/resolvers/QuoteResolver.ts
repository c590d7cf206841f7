import type { Decimal } from '@tessera/engine';
import { Arg, Ctx, Field, ID, InputType, Query, Resolver } from 'type-graphql';
import {
  checkoutQualify,
  checkoutQuote,
  listingMemberPrices,
  quoteContext,
} from '../../services/quote.js';
import type { GqlContext } from '../context.js';
import { DecimalScalar } from '../scalars.js';
import { CartLineInput, LineKindEnum } from '../types/coupon.js';
import { ChannelEnum } from '../types/member.js';
import {
  CheckoutQuoteType,
  MemberPriceType,
  QualificationType,
  QuoteContextType,
} from '../types/quote.js';

@InputType({ description: 'A cart for a member (or a guest) at a store and channel.' })
class CheckoutQuoteInput {
  @Field(() => ID, { nullable: true, description: 'Member tokens: their own (the default).' })
  memberId?: string | null;

  @Field(() => [CartLineInput])
  lines!: CartLineInput[];

  @Field(() => ID, { nullable: true, description: 'Store keys: their own store.' })
  storeId?: string | null;

  @Field(() => ChannelEnum, { nullable: true })
  channel?: ChannelEnum | null;

  @Field(() => [String], { nullable: true, description: 'Codes entered (at most 20).' })
  couponCodes?: string[] | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Points to pay with.' })
  pointsToSpend?: Decimal | null;

  @Field(() => Date, { nullable: true, description: 'Admin only: evaluate as of this instant.' })
  asOf?: Date | null;
}

@InputType({ description: 'Whose quote state, at which store and channel, with which codes.' })
class QuoteContextInput {
  @Field(() => ID, { nullable: true, description: 'Member tokens: their own (the default).' })
  memberId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Store keys: their own store.' })
  storeId?: string | null;

  @Field(() => ChannelEnum, { nullable: true })
  channel?: ChannelEnum | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Codes to include with their usage (at most 20), e.g. the wallet.',
  })
  couponCodes?: string[] | null;
}

@InputType()
class ListingItemInput {
  @Field(() => String) sku!: string;
  @Field(() => [String], { nullable: true }) categories?: string[] | null;
  @Field(() => DecimalScalar) unitPrice!: Decimal;
  @Field(() => LineKindEnum, { nullable: true }) kind?: LineKindEnum | null;
}

@InputType()
class MemberPricesInput {
  @Field(() => ID, { nullable: true }) memberId?: string | null;
  @Field(() => [ListingItemInput]) items!: ListingItemInput[];
  @Field(() => ID, { nullable: true }) storeId?: string | null;
  @Field(() => ChannelEnum, { nullable: true }) channel?: ChannelEnum | null;
}

/** The checkout quote (D9), qualification (D10) and member prices (D11): read-only. */
@Resolver()
export class QuoteResolver {
  @Query(() => CheckoutQuoteType, {
    description:
      'Admin, store, member (own), storefront (guests): what the cart costs, saves and earns, and why. No side effects.',
  })
  checkoutQuote(
    @Arg('input', () => CheckoutQuoteInput) input: CheckoutQuoteInput,
    @Ctx() ctx: GqlContext,
  ) {
    return checkoutQuote(ctx, input);
  }

  @Query(() => QualificationType, {
    description: 'Same callers: where each promotion and code stands, with nudges.',
  })
  qualify(
    @Arg('input', () => CheckoutQuoteInput) input: CheckoutQuoteInput,
    @Ctx() ctx: GqlContext,
  ) {
    return checkoutQualify(ctx, input);
  }

  @Query(() => QuoteContextType, {
    description:
      'Same callers: the configuration in force and the quote state without a cart, for an offline preview (@tessera/sdk/preview) that answers like checkoutQuote.',
  })
  quoteContext(
    @Arg('input', () => QuoteContextInput, { nullable: true }) input: QuoteContextInput | null,
    @Ctx() ctx: GqlContext,
  ) {
    return quoteContext(ctx, input ?? {});
  }

  @Query(() => [MemberPriceType], {
    description: 'Same callers: member prices for listings (strike-through prices).',
  })
  memberPrices(
    @Arg('input', () => MemberPricesInput) input: MemberPricesInput,
    @Ctx() ctx: GqlContext,
  ) {
    return listingMemberPrices(ctx, input);
  }
}
