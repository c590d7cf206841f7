import { Store } from '../entities/index.js';
import type { ServiceContext } from './context.js';
import { badInput } from './errors.js';
import { uuidv7 } from './ids.js';
import { decodeCursor, type Page, type PageArgs, pageSize, toPage } from './pagination.js';
import { requireRole } from './principal.js';

/** Input of `createStore`. */
export interface CreateStoreInput {
  readonly code: string;
  readonly name: string;
}

/** Admin: adds a store to the caller's program; `code` is unique per program. */
export async function createStore(ctx: ServiceContext, input: CreateStoreInput): Promise<Store> {
  const caller = requireRole(ctx.principal, ['admin']);
  const code = input.code.trim();
  const name = input.name.trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/.test(code)) {
    throw badInput('code', 'INVALID_CODE', 'Store code: letters, digits, _ . : - (max 64)');
  }
  if (name.length < 1 || name.length > 200) {
    throw badInput('name', 'INVALID_NAME', 'Name must be 1 to 200 characters');
  }
  if (await ctx.em.findOne(Store, { programId: caller.programId, code })) {
    throw badInput('code', 'STORE_CODE_TAKEN', 'A store with this code exists');
  }
  const now = ctx.clock.now();
  const store = ctx.em.create(Store, {
    id: uuidv7(now),
    programId: caller.programId,
    code,
    name,
    createdAt: now,
  });
  await ctx.em.flush();
  return store;
}

/** Any authenticated caller: the program's stores (public data), in creation order. */
export async function listStores(ctx: ServiceContext, args: PageArgs): Promise<Page<Store>> {
  const caller = requireRole(ctx.principal, ['admin', 'store', 'storefront', 'member']);
  const limit = pageSize(args);
  const after = args.after ? decodeCursor(args.after, 1)[0] : null;
  const rows = await ctx.em.find(
    Store,
    { programId: caller.programId, ...(after ? { id: { $gt: after } } : {}) },
    { orderBy: { id: 'asc' }, limit: limit + 1 },
  );
  return toPage(rows, limit, (s) => [s.id]);
}
