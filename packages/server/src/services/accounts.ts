import { LockMode } from '@mikro-orm/core';
import type { Em } from '../db/orm.js';
import { Account } from '../entities/index.js';
import { uuidv7 } from './ids.js';

/**
 * Returns the member's account for `unit`, created if missing, locked with
 * `SELECT ... FOR UPDATE` until the transaction ends. Every balance change
 * goes through this lock, so concurrent changes queue instead of racing.
 * Must be called with a transaction's EntityManager.
 */
export async function lockAccount(
  tx: Em,
  programId: string,
  memberId: string,
  unit: string,
  now: Date,
): Promise<Account> {
  const lock = { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true } as const;
  // Usually the account exists: one statement. Otherwise create it (a concurrent creator wins
  // the race harmlessly) and lock what is there.
  const existing = await tx.findOne(Account, { programId, memberId, unit }, lock);
  if (existing) return existing;
  await tx.execute(
    `insert into account (id, program_id, member_id, unit, balance, updated_at)
     values (?, ?, ?, ?, 0, ?)
     on conflict (program_id, member_id, unit) do nothing`,
    [uuidv7(now), programId, memberId, unit, now],
  );
  return tx.findOneOrFail(Account, { programId, memberId, unit }, lock);
}
