import type { CartLine } from '../model/cart.js';
import type { LineFilter } from '../program/conditions.js';
import { DEFAULT_KINDS, matchLine, onlyCategories } from './matchLine.js';

const NONE: readonly number[] = [];

/**
 * Which of one cart's lines each line filter targets, for the many filters
 * of one evaluation (the promotions of a run, the earning rules of an
 * accrual): a match depends only on the filter and the line, so each filter
 * is matched once. A filter that lists only categories (the usual one) reads
 * an index of the lines by category, built once, instead of matching every
 * line; a one-category filter is its index entry.
 *
 * `items` are anything holding a line (a promotion's line state, an earning
 * line), in the order the caller indexes them; answers are ascending indices
 * into `items`, shared between calls: callers only read them.
 */
export class LinesByFilter {
  private readonly byFilter = new Map<LineFilter | undefined, readonly number[]>();
  private byCategory: Map<string, number[]> | null = null;

  constructor(private readonly items: readonly { readonly line: CartLine }[]) {}

  /** Indices (ascending, each once) of the items whose line `filter` targets. */
  of(filter: LineFilter | undefined): readonly number[] {
    if (onlyCategories(filter) && filter.categories.length === 1)
      return this.index().get(filter.categories[0]!) ?? NONE;
    let matched = this.byFilter.get(filter);
    if (matched === undefined) {
      matched = onlyCategories(filter) ? this.inCategories(filter.categories) : this.match(filter);
      this.byFilter.set(filter, matched);
    }
    return matched;
  }

  /** The lines of a default kind with one of `categories` (what `matchLine` gives such a filter). */
  private inCategories(categories: readonly string[]): readonly number[] {
    const index = this.index();
    let matched = NONE;
    for (const c of categories) matched = union(matched, index.get(c) ?? NONE);
    return matched;
  }

  private match(filter: LineFilter | undefined): number[] {
    const matched: number[] = [];
    for (let i = 0; i < this.items.length; i++) {
      if (matchLine(filter, this.items[i]!.line)) matched.push(i);
    }
    return matched;
  }

  /** Indices of the lines of a default kind, by category (ascending, each once per category). */
  private index(): Map<string, number[]> {
    if (this.byCategory) return this.byCategory;
    const index = new Map<string, number[]>();
    for (let i = 0; i < this.items.length; i++) {
      const line = this.items[i]!.line;
      if (!DEFAULT_KINDS.includes(line.kind)) continue;
      for (const c of line.categories) {
        const lines = index.get(c);
        if (lines === undefined) index.set(c, [i]);
        else if (lines[lines.length - 1] !== i) lines.push(i);
      }
    }
    this.byCategory = index;
    return index;
  }
}

/** The union of two ascending lists of indices, ascending, each once. */
function union(a: readonly number[], b: readonly number[]): readonly number[] {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length ? a[i]! : Number.POSITIVE_INFINITY;
    const y = j < b.length ? b[j]! : Number.POSITIVE_INFINITY;
    out.push(Math.min(x, y));
    if (x <= y) i++;
    if (y <= x) j++;
  }
  return out;
}
