import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DecimalScalar } from '../scalars.js';
import { Connection } from './connection.js';

/** Ledger entry kinds. */
export enum LedgerKindEnum {
  earn = 'earn',
  vest = 'vest',
  redeem = 'redeem',
  expire = 'expire',
  clawback = 'clawback',
  adjust = 'adjust',
  transfer = 'transfer',
  merge = 'merge',
  topup = 'topup',
  payment = 'payment',
  refund = 'refund',
}
registerEnumType(LedgerKindEnum, { name: 'LedgerKind' });

/** Whether a value movement happened. */
export enum OutcomeEnum {
  APPLIED = 'APPLIED',
  REFUSED = 'REFUSED',
}
registerEnumType(OutcomeEnum, { name: 'Outcome' });

/** Why a stored-value movement was refused. */
export enum StoredValueRefusalCode {
  INSUFFICIENT_FUNDS = 'INSUFFICIENT_FUNDS',
  REFUND_EXCEEDS_PAYMENT = 'REFUND_EXCEEDS_PAYMENT',
}
registerEnumType(StoredValueRefusalCode, { name: 'StoredValueRefusalCode' });

@ObjectType('LedgerEntry', { description: 'An append-only ledger entry.' })
export class LedgerEntryType {
  @Field(() => ID, { description: 'Deterministic from program, source and idempotency key.' })
  id!: string;

  @Field(() => ID)
  memberId!: string;

  @Field(() => String, { description: 'POINTS or a currency code.' })
  unit!: string;

  @Field(() => LedgerKindEnum)
  kind!: LedgerKindEnum;

  @Field(() => DecimalScalar, { description: 'Signed change.' })
  amount!: string;

  @Field(() => DecimalScalar)
  balanceAfter!: string;

  @Field(() => Date)
  occurredAt!: Date;

  @Field(() => ID, { nullable: true, description: "A refund's payment." })
  relatedEntryId!: string | null;

  @Field(() => Int, { nullable: true })
  programVersion!: number | null;

  @Field(() => String, { nullable: true, description: "The caller's reference." })
  reference!: string | null;
}

@ObjectType('StoredValueRefusal')
export class StoredValueRefusalType {
  @Field(() => StoredValueRefusalCode)
  code!: StoredValueRefusalCode;

  @Field(() => DecimalScalar, { nullable: true })
  available?: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  refundable?: string | null;

  @Field(() => DecimalScalar)
  requested!: string;
}

@ObjectType('StoredValuePayload', {
  description:
    'Result of a stored-value movement: applied with its entry, or refused with a reason.',
})
export class StoredValuePayload {
  @Field(() => OutcomeEnum)
  outcome!: OutcomeEnum;

  @Field(() => StoredValueRefusalType, { nullable: true })
  refusal!: StoredValueRefusalType | null;

  @Field(() => LedgerEntryType, { nullable: true })
  entry!: LedgerEntryType | null;

  @Field(() => ID)
  memberId!: string;

  @Field(() => String)
  currency!: string;

  @Field(() => DecimalScalar, { description: 'Balance after the operation.' })
  balance!: string;
}

export const LedgerEntryConnection = Connection('LedgerEntry', LedgerEntryType);
