import { DEFAULT_KINDS, matchLine, onlyCategories } from '../conditions/matchLine.js';
import type { LineFilter } from '../program/conditions.js';
import type { EarningLine } from './kinds/ruleKind.js';

const NONE: readonly EarningLine[] = [];

/**
 * The earning lines a rule's line filter targets, in line order, for one
 * accrual: every rule of a program usually filters by categories alone, so
 * the lines are indexed by category once (lines of a default kind, as
 * `matchLine` targets for such a filter) and a rule reads its categories'
 * entries instead of matching every line; other filters match each line.
 * The arrays returned are shared: callers only read them.
 */
export class RuleLines {
  private byCategory: Map<string, EarningLine[]> | null = null;
  private marks: Int32Array | null = null;
  private calls = 0;

  constructor(private readonly eligible: readonly EarningLine[]) {}

  of(filter: LineFilter): readonly EarningLine[] {
    if (!onlyCategories(filter)) {
      const matched: EarningLine[] = [];
      for (const l of this.eligible) if (matchLine(filter, l.line)) matched.push(l);
      return matched;
    }
    const index = this.index();
    const categories = filter.categories;
    if (categories.length === 1) return index.get(categories[0]!) ?? NONE;
    // Several categories: the union of their entries, in line order, each line
    // once (lines marked with this call's number: no array to clear per call).
    this.marks ??= new Int32Array(this.eligible.length);
    const marks = this.marks;
    const mark = ++this.calls;
    for (const c of categories) for (const l of index.get(c) ?? NONE) marks[l.index] = mark;
    const matched: EarningLine[] = [];
    for (const l of this.eligible) if (marks[l.index] === mark) matched.push(l);
    return matched;
  }

  /**
   * The lines of `lines` (this accrual's earning lines, or a rule's subset of
   * them in line order) that `filter` targets, in line order: from the index
   * for all the earning lines, else by matching each line.
   */
  within(lines: readonly EarningLine[], filter: LineFilter): readonly EarningLine[] {
    if (lines === this.eligible) return this.of(filter);
    const matched: EarningLine[] = [];
    for (const l of lines) if (matchLine(filter, l.line)) matched.push(l);
    return matched;
  }

  /** Lines of a default kind by category, each line once per category, in line order. */
  private index(): Map<string, EarningLine[]> {
    if (this.byCategory) return this.byCategory;
    const index = new Map<string, EarningLine[]>();
    for (const l of this.eligible) {
      if (!DEFAULT_KINDS.includes(l.line.kind)) continue;
      for (const c of l.line.categories) {
        const lines = index.get(c);
        if (lines === undefined) index.set(c, [l]);
        else if (lines[lines.length - 1] !== l) lines.push(l);
      }
    }
    this.byCategory = index;
    return index;
  }
}
