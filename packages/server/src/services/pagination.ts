import { badInput } from './errors.js';

/** Largest page a list returns. */
export const MAX_PAGE_SIZE = 100;
/** Page size when `first` is not given. */
export const DEFAULT_PAGE_SIZE = 20;

/** Keyset page request: `first` items after the opaque `after` cursor. */
export interface PageArgs {
  readonly first?: number | null;
  readonly after?: string | null;
}

/** One page of items with their cursors. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly cursors: readonly string[];
  readonly hasNextPage: boolean;
}

/** Validates `first` (1..MAX_PAGE_SIZE). */
export function pageSize(args: PageArgs): number {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput('first', 'INVALID_PAGE_SIZE', `first must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  return first;
}

/** Opaque cursor for a sort key (a list of strings). */
export function encodeCursor(key: readonly string[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** Decodes a cursor made by `encodeCursor` with `arity` parts; BAD_USER_INPUT otherwise. */
export function decodeCursor(cursor: string, arity: number): string[] {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(key) &&
      key.length === arity &&
      key.every((k) => typeof k === 'string' && k.length <= 200)
    ) {
      return key as string[];
    }
  } catch {
    // fall through
  }
  throw badInput('after', 'INVALID_CURSOR', 'Unknown cursor');
}

/** Builds a page from `limit + 1` fetched rows. */
export function toPage<T>(rows: readonly T[], limit: number, keyOf: (row: T) => string[]): Page<T> {
  const items = rows.slice(0, limit);
  return {
    items,
    cursors: items.map((r) => encodeCursor(keyOf(r))),
    hasNextPage: rows.length > limit,
  };
}
