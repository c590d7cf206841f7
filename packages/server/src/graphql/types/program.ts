import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from './connection.js';

/** API key roles. */
export enum ApiKeyRoleEnum {
  admin = 'admin',
  store = 'store',
  storefront = 'storefront',
}
registerEnumType(ApiKeyRoleEnum, {
  name: 'ApiKeyRole',
  description:
    'admin: back office; store: one store (POS); storefront: publishable, public data only.',
});

/** Caller kinds. */
export enum ViewerKind {
  anonymous = 'anonymous',
  admin = 'admin',
  store = 'store',
  storefront = 'storefront',
  member = 'member',
}
registerEnumType(ViewerKind, { name: 'ViewerKind' });

@ObjectType('Program', { description: "The caller's loyalty program (tenant)." })
export class ProgramType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Date)
  createdAt!: Date;
}

@ObjectType('ProgramVersion', {
  description: 'One immutable configuration version, validated by the engine.',
})
export class ProgramVersionType {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  version!: number;

  @Field(() => GraphQLJSONObject, { description: 'The program JSON as the engine accepted it.' })
  config!: Record<string, unknown>;

  @Field(() => Date)
  effectiveFrom!: Date;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => String, { description: 'Credential that published it.' })
  createdBy!: string;
}

@ObjectType('Store')
export class StoreType {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'The store id used by program rules.' })
  code!: string;

  @Field(() => String)
  name!: string;
}

@ObjectType('ApiKey', { description: 'An API key; its secret is shown only when created.' })
export class ApiKeyType {
  @Field(() => ID)
  id!: string;

  @Field(() => ApiKeyRoleEnum)
  role!: ApiKeyRoleEnum;

  @Field(() => ID, { nullable: true })
  storeId!: string | null;

  @Field(() => String)
  label!: string;

  @Field(() => String, { description: 'First characters of the secret.' })
  prefix!: string;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;
}

@ObjectType('Viewer', { description: 'Who the credential of this request is.' })
export class ViewerType {
  @Field(() => ViewerKind)
  kind!: ViewerKind;

  @Field(() => ID, { nullable: true })
  programId!: string | null;

  @Field(() => ID, { nullable: true })
  storeId!: string | null;

  @Field(() => ID, { nullable: true })
  memberId!: string | null;
}

export const ProgramVersionConnection = Connection('ProgramVersion', ProgramVersionType);
export const StoreConnection = Connection('Store', StoreType);
