import type { Decimal } from '@tessera/engine';
import { Arg, Args, Ctx, Field, ID, InputType, Mutation, Query, Resolver } from 'type-graphql';
import {
  payWithStoredValue,
  refundStoredValue,
  storedValueHistory,
  topUpStoredValue,
} from '../../services/storedValue.js';
import type { GqlContext } from '../context.js';
import { DecimalScalar } from '../scalars.js';
import { toConnection } from '../types/connection.js';
import { LedgerEntryConnection, StoredValuePayload } from '../types/storedValue.js';
import { PageArgsInput } from './ProgramResolver.js';

@InputType({ description: 'A stored-value movement; the idempotency key makes retries safe.' })
class StoredValueMovementInput {
  @Field(() => ID)
  memberId!: string;

  @Field(() => DecimalScalar, { description: 'Positive, at most the currency minor unit.' })
  amount!: Decimal;

  @Field(() => String, {
    description: 'Same key + same input replays the answer; same key + other input is an error.',
  })
  idempotencyKey!: string;

  @Field(() => String, { nullable: true, description: 'Your order or receipt reference.' })
  reference?: string | null;
}

@InputType()
class TopUpStoredValueInput extends StoredValueMovementInput {}

@InputType()
class PayWithStoredValueInput extends StoredValueMovementInput {}

@InputType()
class RefundStoredValueInput {
  @Field(() => ID, { description: 'The payment ledger entry to refund.' })
  paymentEntryId!: string;

  @Field(() => DecimalScalar)
  amount!: Decimal;

  @Field(() => String)
  idempotencyKey!: string;

  @Field(() => String, { nullable: true })
  reference?: string | null;
}

/** Stored value (M4): top up, pay, refund, history. Never negative. */
@Resolver()
export class StoredValueResolver {
  @Query(() => LedgerEntryConnection, {
    description: "Admin, store, member (own): a member's stored-value entries, newest first.",
  })
  async storedValueHistory(
    @Arg('memberId', () => ID) memberId: string,
    @Args(() => PageArgsInput) args: PageArgsInput,
    @Ctx() ctx: GqlContext,
  ) {
    return toConnection(await storedValueHistory(ctx, memberId, args));
  }

  @Mutation(() => StoredValuePayload, { description: 'Admin, store: adds stored value.' })
  topUpStoredValue(
    @Arg('input', () => TopUpStoredValueInput) input: TopUpStoredValueInput,
    @Ctx() ctx: GqlContext,
  ) {
    return topUpStoredValue(ctx, input);
  }

  @Mutation(() => StoredValuePayload, {
    description: 'Admin, store, member (own): pays; REFUSED with INSUFFICIENT_FUNDS when short.',
  })
  payWithStoredValue(
    @Arg('input', () => PayWithStoredValueInput) input: PayWithStoredValueInput,
    @Ctx() ctx: GqlContext,
  ) {
    return payWithStoredValue(ctx, input);
  }

  @Mutation(() => StoredValuePayload, {
    description: 'Admin, store: refunds (part of) a payment to stored value.',
  })
  refundStoredValue(
    @Arg('input', () => RefundStoredValueInput) input: RefundStoredValueInput,
    @Ctx() ctx: GqlContext,
  ) {
    return refundStoredValue(ctx, input);
  }
}
