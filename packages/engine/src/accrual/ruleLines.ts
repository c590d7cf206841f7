import { LinesByFilter } from '../conditions/linesByFilter.js';
import { matchLine } from '../conditions/matchLine.js';
import type { LineFilter } from '../program/conditions.js';
import type { EarningLine } from './kinds/ruleKind.js';

/**
 * The earning lines a rule's line filter targets, in line order, for one
 * accrual: the rules of a program are matched against the accrual's earning
 * lines through one `LinesByFilter` (each filter once; filters of categories
 * only through an index of the lines by category).
 */
export class RuleLines {
  private readonly lines: LinesByFilter;
  private readonly byFilter = new Map<LineFilter, readonly EarningLine[]>();

  constructor(private readonly eligible: readonly EarningLine[]) {
    this.lines = new LinesByFilter(eligible);
  }

  /** The earning lines `filter` targets, in line order (shared: callers only read it). */
  of(filter: LineFilter): readonly EarningLine[] {
    let matched = this.byFilter.get(filter);
    if (matched === undefined) {
      const indices = this.lines.of(filter);
      const lines: EarningLine[] = new Array(indices.length);
      for (let k = 0; k < indices.length; k++) lines[k] = this.eligible[indices[k]!]!;
      matched = lines;
      this.byFilter.set(filter, matched);
    }
    return matched;
  }

  /**
   * The lines of `lines` (this accrual's earning lines, or a rule's subset of
   * them in line order) that `filter` targets, in line order: through the
   * lookup for all the earning lines, else by matching each line.
   */
  within(lines: readonly EarningLine[], filter: LineFilter): readonly EarningLine[] {
    if (lines === this.eligible) return this.of(filter);
    const matched: EarningLine[] = [];
    for (const l of lines) if (matchLine(filter, l.line)) matched.push(l);
    return matched;
  }
}
