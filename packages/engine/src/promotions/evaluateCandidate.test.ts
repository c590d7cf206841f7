import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cartLinesArb, lineFilterArb } from '../conditions/linesTestKit.js';
import { matchLine } from '../conditions/matchLine.js';
import { initialCartState } from './cartState.js';
import { TargetedLines } from './evaluateCandidate.js';

describe('TargetedLines', () => {
  it('gives exactly the lines matchLine matches, in line order, for every filter of a run', () => {
    fc.assert(
      fc.property(
        cartLinesArb,
        fc.array(fc.option(lineFilterArb, { nil: undefined }), { minLength: 1, maxLength: 6 }),
        (lines, filters) => {
          // Lines given out of id order: the run's states hold them in canonical order.
          const state = initialCartState([...lines].reverse());
          // One instance for the whole run, as applyPromotions uses it; each filter asked twice.
          const targeted = new TargetedLines();
          for (const filter of [...filters, ...filters]) {
            const expected: number[] = [];
            state.lines.forEach((s, i) => {
              if (matchLine(filter, s.line)) expected.push(i);
            });
            expect([...targeted.of(filter, state)]).toEqual(expected);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
