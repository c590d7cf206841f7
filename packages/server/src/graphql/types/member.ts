import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { DecimalScalar } from '../scalars.js';
import { Connection } from './connection.js';

/** Card states. */
export enum CardStatusEnum {
  active = 'active',
  lost = 'lost',
  replaced = 'replaced',
}
registerEnumType(CardStatusEnum, {
  name: 'CardStatus',
  description: 'Only active cards identify a member; lost and replaced numbers are dead.',
});

/** Card history entry kinds. */
export enum CardEventTypeEnum {
  issued = 'issued',
  lost = 'lost',
  replaced = 'replaced',
}
registerEnumType(CardEventTypeEnum, { name: 'CardEventType' });

/** Member genders. */
export enum GenderEnum {
  female = 'female',
  male = 'male',
  other = 'other',
  unspecified = 'unspecified',
}
registerEnumType(GenderEnum, { name: 'Gender' });

/** Sales channels (the engine's). */
export enum ChannelEnum {
  store = 'store',
  online = 'online',
  app = 'app',
}
registerEnumType(ChannelEnum, { name: 'Channel' });

@ObjectType('Address')
export class AddressType {
  @Field(() => String, { nullable: true }) line1?: string | null;
  @Field(() => String, { nullable: true }) line2?: string | null;
  @Field(() => String, { nullable: true }) city?: string | null;
  @Field(() => String, { nullable: true }) region?: string | null;
  @Field(() => String, { nullable: true }) postalCode?: string | null;
  @Field(() => String, { nullable: true }) country?: string | null;
}

@InputType('AddressInput')
export class AddressInput {
  @Field(() => String, { nullable: true }) line1?: string | null;
  @Field(() => String, { nullable: true }) line2?: string | null;
  @Field(() => String, { nullable: true }) city?: string | null;
  @Field(() => String, { nullable: true }) region?: string | null;
  @Field(() => String, { nullable: true }) postalCode?: string | null;
  @Field(() => String, { nullable: true }) country?: string | null;
}

@ObjectType('StoredValueBalance', { description: 'Prepaid balance in the program currency.' })
export class StoredValueBalanceType {
  @Field(() => String)
  currency!: string;

  @Field(() => DecimalScalar)
  balance!: string;
}

@ObjectType('Member')
export class MemberType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => GenderEnum)
  gender!: GenderEnum;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  birthday!: string | null;

  @Field(() => String, { nullable: true })
  phone!: string | null;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => AddressType, { nullable: true })
  address!: AddressType | null;

  @Field(() => ChannelEnum)
  channel!: ChannelEnum;

  @Field(() => [String])
  tags!: string[];

  @Field(() => Boolean)
  marketingConsent!: boolean;

  @Field(() => String, { nullable: true, description: 'Current tier id.' })
  tierId!: string | null;

  @Field(() => Date)
  enrolledAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;
}

@ObjectType('Card')
export class CardType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  memberId!: string;

  @Field(() => String)
  number!: string;

  @Field(() => CardStatusEnum)
  status!: CardStatusEnum;

  @Field(() => Date)
  issuedAt!: Date;

  @Field(() => Date)
  statusChangedAt!: Date;

  @Field(() => ID, { nullable: true })
  replacedById!: string | null;
}

@ObjectType('CardEvent')
export class CardEventType {
  @Field(() => ID)
  id!: string;

  @Field(() => CardEventTypeEnum)
  type!: CardEventTypeEnum;

  @Field(() => Date)
  occurredAt!: Date;

  @Field(() => String, { description: 'Credential that made the change.' })
  actor!: string;
}

export const MemberConnection = Connection('Member', MemberType);
export const CardEventConnection = Connection('CardEvent', CardEventType);
