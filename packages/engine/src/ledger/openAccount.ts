import { ZERO } from '../money/index.js';
import type { Program } from '../program/index.js';
import { parseKey } from './internal/input.js';
import type { PointsAccount } from './types.js';

/** An empty points account for a member (`accountId`, usually the member id) of a program. */
export function openAccount(program: Program, accountId: string): PointsAccount {
  return Object.freeze({
    programId: program.id,
    accountId: parseKey(accountId, 'accountId'),
    entries: Object.freeze([]),
    lots: Object.freeze([]),
    holds: Object.freeze([]),
    debt: ZERO,
    lastActivityAt: null,
    asOf: null,
  });
}
