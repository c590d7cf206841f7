import { GraphQLJSONObject } from 'graphql-scalars';
import {
  Arg,
  Args,
  ArgsType,
  Ctx,
  Field,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
} from 'type-graphql';
import { createApiKey, revokeApiKey } from '../../services/apiKeys.js';
import { mintMemberToken } from '../../services/mintMemberToken.js';
import type { Page } from '../../services/pagination.js';
import { listApiKeys, listProgramVersions } from '../../services/programQueries.js';
import { getProgram, publishProgramVersion } from '../../services/programs.js';
import { createStore, listStores } from '../../services/stores.js';
import type { GqlContext } from '../context.js';
import { Connection, toConnection } from '../types/connection.js';
import {
  ApiKeyRoleEnum,
  ApiKeyType,
  ProgramType,
  ProgramVersionConnection,
  ProgramVersionType,
  StoreConnection,
  StoreType,
  ViewerKind,
  ViewerType,
} from '../types/program.js';

/** `first`/`after` arguments of every list. */
@ArgsType()
export class PageArgsInput {
  @Field(() => Int, { nullable: true, description: 'Page size, 1..100 (default 20).' })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

const ApiKeyConnection = Connection('ApiKey', ApiKeyType);

@InputType()
class PublishProgramVersionInput {
  @Field(() => GraphQLJSONObject, {
    description:
      'The program JSON; `id`, `version` and `effectiveFrom` are filled in by the server.',
  })
  config!: Record<string, unknown>;

  @Field(() => Date, { nullable: true, description: 'When it takes effect (default now).' })
  effectiveFrom?: Date | null;
}

@ObjectType()
class PublishProgramVersionPayload {
  @Field(() => ProgramVersionType)
  programVersion!: ProgramVersionType;
}

@InputType()
class CreateStoreInput {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  name!: string;
}

@ObjectType()
class CreateStorePayload {
  @Field(() => StoreType)
  store!: StoreType;
}

@InputType()
class CreateApiKeyInput {
  @Field(() => ApiKeyRoleEnum)
  role!: ApiKeyRoleEnum;

  @Field(() => ID, { nullable: true, description: 'Required for store keys.' })
  storeId?: string | null;

  @Field(() => String)
  label!: string;
}

@ObjectType()
class CreateApiKeyPayload {
  @Field(() => ApiKeyType)
  apiKey!: ApiKeyType;

  @Field(() => String, { description: 'The secret; store it now, it is never shown again.' })
  secret!: string;
}

@InputType()
class RevokeApiKeyInput {
  @Field(() => ID)
  apiKeyId!: string;
}

@ObjectType()
class RevokeApiKeyPayload {
  @Field(() => ApiKeyType)
  apiKey!: ApiKeyType;
}

@InputType()
class CreateMemberTokenInput {
  @Field(() => ID)
  memberId!: string;

  @Field(() => Int, { nullable: true, description: 'Lifetime in seconds, 60..3600 (default 900).' })
  ttlSeconds?: number | null;
}

@ObjectType()
class CreateMemberTokenPayload {
  @Field(() => String, { description: 'Send as `Authorization: Bearer <token>`.' })
  token!: string;

  @Field(() => Date)
  expiresAt!: Date;
}

function pageOf<T>(page: Page<T>) {
  return toConnection(page);
}

/** Programs, configuration versions, stores, API keys and member tokens (O1-O3, O5). */
@Resolver()
export class ProgramResolver {
  @Query(() => ViewerType, { description: 'Who the caller is (works without a credential).' })
  viewer(@Ctx() ctx: GqlContext): ViewerType {
    const p = ctx.principal;
    if (p.kind === 'anonymous') {
      return { kind: ViewerKind.anonymous, programId: null, storeId: null, memberId: null };
    }
    return {
      kind: p.kind as ViewerKind,
      programId: p.programId,
      storeId: p.kind === 'member' ? null : p.storeId,
      memberId: p.kind === 'member' ? p.memberId : null,
    };
  }

  @Query(() => ProgramType, { description: "The caller's program." })
  program(@Ctx() ctx: GqlContext): Promise<ProgramType> {
    return getProgram(ctx);
  }

  @Query(() => ProgramVersionConnection, {
    description: 'Admin: configuration versions, newest first.',
  })
  async programVersions(@Args(() => PageArgsInput) args: PageArgsInput, @Ctx() ctx: GqlContext) {
    return pageOf(await listProgramVersions(ctx, args));
  }

  @Query(() => StoreConnection)
  async stores(@Args(() => PageArgsInput) args: PageArgsInput, @Ctx() ctx: GqlContext) {
    return pageOf(await listStores(ctx, args));
  }

  @Query(() => ApiKeyConnection, { description: 'Admin: API keys of the program.' })
  async apiKeys(@Args(() => PageArgsInput) args: PageArgsInput, @Ctx() ctx: GqlContext) {
    return pageOf(await listApiKeys(ctx, args));
  }

  @Mutation(() => PublishProgramVersionPayload, {
    description:
      'Admin: validates a configuration with the engine and stores it as the next version.',
  })
  async publishProgramVersion(
    @Arg('input', () => PublishProgramVersionInput) input: PublishProgramVersionInput,
    @Ctx() ctx: GqlContext,
  ): Promise<PublishProgramVersionPayload> {
    return { programVersion: await publishProgramVersion(ctx, input) };
  }

  @Mutation(() => CreateStorePayload, { description: 'Admin: adds a store.' })
  async createStore(
    @Arg('input', () => CreateStoreInput) input: CreateStoreInput,
    @Ctx() ctx: GqlContext,
  ): Promise<CreateStorePayload> {
    return { store: await createStore(ctx, input) };
  }

  @Mutation(() => CreateApiKeyPayload, { description: 'Admin: creates an API key.' })
  async createApiKey(
    @Arg('input', () => CreateApiKeyInput) input: CreateApiKeyInput,
    @Ctx() ctx: GqlContext,
  ): Promise<CreateApiKeyPayload> {
    const { apiKey, secret } = await createApiKey(ctx, input);
    return { apiKey: apiKey as ApiKeyType, secret };
  }

  @Mutation(() => RevokeApiKeyPayload, { description: 'Admin: revokes an API key at once.' })
  async revokeApiKey(
    @Arg('input', () => RevokeApiKeyInput) input: RevokeApiKeyInput,
    @Ctx() ctx: GqlContext,
  ): Promise<RevokeApiKeyPayload> {
    return { apiKey: (await revokeApiKey(ctx, input.apiKeyId)) as ApiKeyType };
  }

  @Mutation(() => CreateMemberTokenPayload, {
    description: 'Admin, store: a short-lived token acting only on one member.',
  })
  createMemberToken(
    @Arg('input', () => CreateMemberTokenInput) input: CreateMemberTokenInput,
    @Ctx() ctx: GqlContext,
  ): Promise<CreateMemberTokenPayload> {
    return mintMemberToken(ctx, input);
  }
}
