import { type CurrencyCode, isCurrencyCode, minorUnits } from '@tessera/engine';
import DataLoader from 'dataloader';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Em } from '../db/orm.js';
import { Account, Card, Member, Store } from '../entities/index.js';
import type { ServiceContext } from '../services/context.js';
import type { Principal } from '../services/principal.js';
import { cachedProgramAt } from '../services/programCache.js';

/** Per-request batch loaders; every key is looked up inside the caller's program. */
export interface Loaders {
  readonly storeById: DataLoader<string, Store | null>;
  readonly memberById: DataLoader<string, Member | null>;
  readonly activeCardByMemberId: DataLoader<string, Card | null>;
  readonly accountsByMemberId: DataLoader<string, Account[]>;
  /** The configuration in force now, by program id (one load per request). */
  readonly currentProgram: DataLoader<string, CurrentProgram>;
}

/** What field resolvers need from the configuration in force. */
export interface CurrentProgram {
  readonly version: number;
  readonly currency: CurrencyCode;
  /** Decimal places of the currency. */
  readonly scale: number;
}

/** The GraphQL context: one request's EntityManager fork, caller, loaders and logger. */
export interface GqlContext extends ServiceContext {
  readonly loaders: Loaders;
  readonly requestId: string;
}

function byKey<T, K>(keys: readonly K[], rows: readonly T[], keyOf: (row: T) => K): (T | null)[] {
  const map = new Map<K, T>();
  for (const r of rows) map.set(keyOf(r), r);
  return keys.map((k) => map.get(k) ?? null);
}

/** Builds the loaders for one request (one query per relation per batch, no N+1). */
export function createLoaders(em: Em, principal: Principal, clock: Clock): Loaders {
  const programId = principal.kind === 'anonymous' ? null : principal.programId;
  const none = <T>(keys: readonly string[]): T[] => keys.map(() => null as T);
  return {
    storeById: new DataLoader(async (ids) =>
      programId
        ? byKey(ids, await em.find(Store, { id: { $in: [...ids] }, programId }), (s) => s.id)
        : none(ids),
    ),
    memberById: new DataLoader(async (ids) =>
      programId
        ? byKey(
            ids,
            await em.find(Member, { id: { $in: [...ids] }, programId, deletedAt: null }),
            (m) => m.id,
          )
        : none(ids),
    ),
    activeCardByMemberId: new DataLoader(async (ids) =>
      programId
        ? byKey(
            ids,
            await em.find(Card, { memberId: { $in: [...ids] }, programId, status: 'active' }),
            (c) => c.memberId,
          )
        : none(ids),
    ),
    accountsByMemberId: new DataLoader(async (ids) => {
      if (!programId) return ids.map(() => []);
      const rows = await em.find(Account, { memberId: { $in: [...ids] }, programId });
      return ids.map((id) => rows.filter((a) => a.memberId === id));
    }),
    currentProgram: new DataLoader(async (ids) =>
      Promise.all(
        ids.map(async (id) => {
          const { program, version } = await cachedProgramAt(em, id, clock.now());
          if (!isCurrencyCode(program.currency)) throw new Error('Unknown program currency');
          return {
            version,
            currency: program.currency,
            scale: minorUnits(program.currency),
          };
        }),
      ),
    ),
  };
}

/** Builds the context of one request. */
export function createContext(args: {
  em: Em;
  principal: Principal;
  clock: Clock;
  logger: Logger;
  requestId: string;
}): GqlContext {
  return { ...args, loaders: createLoaders(args.em, args.principal, args.clock) };
}
