import type { Issue } from '../errors.js';
import type { ProgramShape } from './schema.js';

/**
 * A cross-section check of a parsed program (a rule naming a tier that does
 * not exist, two rules with the same id...). Shape checks live in the zod
 * schemas; these run only when every section parsed, and report every problem.
 */
export type ReferenceCheck = (program: ProgramShape, report: (issue: Issue) => void) => void;

/** Reports every id that appears more than once in `items`, at `path`. */
export function checkUniqueIds(
  items: readonly { id: string }[],
  path: readonly (string | number)[],
  report: (issue: Issue) => void,
): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const first = seen.get(item.id);
    if (first !== undefined) {
      report({
        path: [...path, i, 'id'],
        code: 'duplicate_id',
        message: `Duplicate id "${item.id}" (first at index ${first})`,
      });
    } else seen.set(item.id, i);
  });
}
