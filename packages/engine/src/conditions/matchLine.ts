import type { CartLine } from '../model/cart.js';
import type { LineFilter } from '../program/conditions.js';

const DEFAULT_KINDS: readonly string[] = ['product', 'service'];

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
