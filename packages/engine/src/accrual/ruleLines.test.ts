import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cartLinesArb, lineFilterArb } from '../conditions/linesTestKit.js';
import { matchLine } from '../conditions/matchLine.js';
import type { EarningLine } from './kinds/ruleKind.js';
import { RuleLines } from './ruleLines.js';

describe('RuleLines', () => {
  it('gives exactly the lines matchLine matches, in line order, for every rule filter of an accrual, over all its lines or a subset', () => {
    fc.assert(
      fc.property(
        cartLinesArb,
        fc.array(lineFilterArb, { minLength: 1, maxLength: 6 }),
        (lines, filters) => {
          const eligible: EarningLine[] = lines.map((line, index) => ({
            index,
            line,
            basis: line.net,
            base: line.net,
          }));
          // One instance per accrual, as accrueNormalizedPurchase uses it; each filter asked twice.
          const ruleLines = new RuleLines(eligible);
          // A subset of the lines (every other one), as a rule with its own filter has.
          const subset = eligible.filter((l) => l.index % 2 === 0);
          for (const filter of [...filters, ...filters]) {
            const expected = eligible.filter((l) => matchLine(filter, l.line));
            expect(ruleLines.of(filter).map((l) => l.index)).toEqual(expected.map((l) => l.index));
            expect(ruleLines.within(eligible, filter).map((l) => l.index)).toEqual(
              expected.map((l) => l.index),
            );
            expect(ruleLines.within(subset, filter).map((l) => l.index)).toEqual(
              subset.filter((l) => matchLine(filter, l.line)).map((l) => l.index),
            );
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
