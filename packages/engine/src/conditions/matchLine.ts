import type { CartLine } from '../model/cart.js';
import type { LineFilter } from '../program/conditions.js';

/** The kinds of line a filter without `kinds` targets. */
export const DEFAULT_KINDS: readonly string[] = ['product', 'service'];

/**
 * True when `filter` lists only categories (no kinds, SKUs or exclusions): it
 * then targets exactly the lines of a default kind with one of those
 * categories, which a caller may look up by category instead of matching
 * every line.
 */
export function onlyCategories(
  filter: LineFilter | undefined,
): filter is LineFilter & { readonly categories: readonly string[] } {
  return (
    filter !== undefined &&
    filter.categories !== undefined &&
    filter.kinds === undefined &&
    filter.skus === undefined &&
    filter.excludeSkus === undefined &&
    filter.excludeCategories === undefined
  );
}

/** True when the line is targeted by the filter (see `zLineFilter`). */
export function matchLine(filter: LineFilter | undefined, line: CartLine): boolean {
  const kinds = filter?.kinds ?? DEFAULT_KINDS;
  if (!kinds.includes(line.kind)) return false;
  if (!filter) return true;
  if (filter.excludeSkus?.includes(line.sku)) return false;
  if (
    filter.excludeCategories &&
    line.categories.some((c) => filter.excludeCategories!.includes(c))
  )
    return false;
  const hasInclusions = filter.skus !== undefined || filter.categories !== undefined;
  if (!hasInclusions) return true;
  if (filter.skus?.includes(line.sku)) return true;
  return (
    filter.categories !== undefined && line.categories.some((c) => filter.categories!.includes(c))
  );
}
