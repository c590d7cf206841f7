import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LinesByFilter } from './linesByFilter.js';
import { cartLinesArb, lineFilterArb } from './linesTestKit.js';
import { matchLine } from './matchLine.js';

describe('LinesByFilter', () => {
  it('gives exactly the lines matchLine matches, in line order, for every filter asked of one cart', () => {
    fc.assert(
      fc.property(
        cartLinesArb,
        fc.array(fc.option(lineFilterArb, { nil: undefined }), { minLength: 1, maxLength: 6 }),
        (lines, filters) => {
          // One instance for all the filters, as a run or an accrual uses it; each filter asked twice.
          const lookup = new LinesByFilter(lines.map((line) => ({ line })));
          for (const filter of [...filters, ...filters]) {
            const expected: number[] = [];
            lines.forEach((line, i) => {
              if (matchLine(filter, line)) expected.push(i);
            });
            expect([...lookup.of(filter)]).toEqual(expected);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
