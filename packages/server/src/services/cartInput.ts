import type { CartLineInput, Channel, Decimal } from '@tessera/engine';
import type { Em } from '../db/orm.js';
import { Store } from '../entities/index.js';
import { badInput, notFound } from './errors.js';
import { isUuid } from './ids.js';
import type { Authenticated } from './principal.js';

/** Most lines in one cart (the engine's own limit is higher). */
export const MAX_CART_LINES = 500;

/** A cart line as the API receives it. */
export interface CartLineArgs {
  readonly id: string;
  readonly sku: string;
  readonly categories?: readonly string[] | null;
  readonly quantity: Decimal;
  readonly unitPrice: Decimal;
  /** The caller's own discount on the whole line. */
  readonly discount?: Decimal | null;
  readonly kind?: string | null;
}

/** The engine's cart lines (decimals as strings; the engine validates them by path). */
export function toEngineLines(lines: readonly CartLineArgs[]): CartLineInput[] {
  if (lines.length < 1 || lines.length > MAX_CART_LINES) {
    throw badInput('lines', 'INVALID_LINES', `A cart has 1 to ${MAX_CART_LINES} lines`);
  }
  return lines.map((l) => ({
    id: l.id,
    sku: l.sku,
    categories: l.categories ? [...l.categories] : [],
    quantity: l.quantity.toString(),
    unitPrice: l.unitPrice.toString(),
    ...(l.discount != null ? { discount: l.discount.toString() } : {}),
    ...(l.kind != null ? { kind: l.kind as CartLineInput['kind'] } : {}),
  }));
}

/**
 * The engine's store id (the store's code) for a store of the caller's
 * program; a store key always acts in its own store. Null when none is given.
 */
export async function resolveStoreCode(
  em: Em,
  caller: Authenticated,
  storeId: string | null | undefined,
): Promise<string | null> {
  const id = storeIdFor(caller, storeId);
  if (!id) return null;
  const store = await em.findOne(Store, { id, programId: caller.programId });
  if (!store) throw notFound('Store');
  return store.code;
}

/**
 * The store a cart is priced in, before it is looked up: a store key's own
 * (another store id is NOT_FOUND), otherwise the one given; a malformed id
 * is NOT_FOUND.
 */
export function storeIdFor(
  caller: Authenticated,
  storeId: string | null | undefined,
): string | null {
  let id = storeId ?? null;
  if (caller.kind === 'store') {
    if (id && id !== caller.storeId) throw notFound('Store');
    id = caller.storeId;
  }
  if (!id) return null;
  if (!isUuid(id)) throw notFound('Store');
  return id;
}

/** Checks a channel name against the engine's list. */
export function toChannel(channel: string | null | undefined): Channel | null {
  return (channel ?? null) as Channel | null;
}
