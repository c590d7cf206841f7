import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { CouponResolver } from './resolvers/CouponResolver.js';
import { MemberResolver } from './resolvers/MemberResolver.js';
import { PointsResolver } from './resolvers/PointsResolver.js';
import { ProfileResolver } from './resolvers/ProfileResolver.js';
import { ProgramResolver } from './resolvers/ProgramResolver.js';
import { PurchaseResolver } from './resolvers/PurchaseResolver.js';
import { QuoteResolver } from './resolvers/QuoteResolver.js';
import { StoredValueResolver } from './resolvers/StoredValueResolver.js';
import { TierResolver } from './resolvers/TierResolver.js';

/** Every resolver class of the API. */
export const RESOLVERS = [
  ProgramResolver,
  MemberResolver,
  StoredValueResolver,
  PurchaseResolver,
  PointsResolver,
  TierResolver,
  CouponResolver,
  QuoteResolver,
  ProfileResolver,
] as const;

/** Builds the executable schema (type-graphql, no class-validator: services validate). */
export function createSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: RESOLVERS, validate: false, emitSchemaFile: false });
}

/** The schema as committed in `schema.graphql` (sorted, so diffs are stable). */
export function printSchemaSdl(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
