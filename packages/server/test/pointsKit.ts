import { expect } from 'vitest';
import { gql, type TestServer } from './harness.js';

/** A program with 1 point per 1.00, no pending period, a points-paid tier ladder, transfers and payment on. */
export const POINTS_CONFIG: Record<string, unknown> = {
  currency: 'CNY',
  timeZone: 'Asia/Shanghai',
  earning: { rate: { points: '1', per: '1' } },
  points: {
    pending: { amount: 0, unit: 'day' },
    expiry: { kind: 'rolling', amount: 12, unit: 'month' },
    returns: 'allowDebt',
    payment: {
      enabled: true,
      rate: { points: '100', value: '1' },
      minPoints: 100,
      step: 100,
      maxShare: '0.5',
    },
    transfers: { allowed: true },
    holds: { timeoutMinutes: 30 },
  },
  tiers: {
    window: 'rolling',
    rollingMonths: 12,
    ladder: [
      { id: 'green', name: 'Green' },
      { id: 'silver', name: 'Silver', entry: { spend: '1000' } },
    ],
  },
};

export const PUBLISH = `mutation($input: PublishProgramVersionInput!) { publishProgramVersion(input: $input) { programVersion { version } } }`;
export const ENROL = `mutation($input: EnrolMemberInput!) { enrolMember(input: $input) { member { id } } }`;
export const RECORD = `mutation($input: RecordPurchaseInput!) { recordPurchase(input: $input) {
  outcome refusal { code details } purchase { id orderId amount pointsEarned pointsPaid }
  entries { id kind amount } balance { available pending balance debt } tier { tierId changed code } } }`;
export const RETURN = `mutation($input: RecordReturnInput!) { recordReturn(input: $input) {
  outcome refusal { code } amount pointsClawedBack balance { available balance debt } tier { tierId code } } }`;
export const BALANCE = `query($id: ID!) { pointsBalance(memberId: $id) { available pending held debt balance expiringPoints schedule { date points } } }`;
export const REDEEM = `mutation($input: RedeemPointsInput!) { redeemPoints(input: $input) {
  outcome refusal { code details } entries { id kind amount } balance { available balance } } }`;
export const TRANSFER = `mutation($input: TransferPointsInput!) { transferPoints(input: $input) {
  outcome refusal { code } fromBalance { balance } toBalance { balance } } }`;

/** A recorded-purchase input of one line of `amount`. */
export function purchaseInput(
  memberId: string,
  orderId: string,
  amount: string,
  extra: Record<string, unknown> = {},
) {
  return {
    memberId,
    orderId,
    channel: 'store',
    occurredAt: '2026-03-01T09:00:00Z',
    currency: 'CNY',
    lines: [{ id: '1', sku: 'TEA', categories: ['tea'], quantity: '1', unitPrice: amount }],
    idempotencyKey: `k-${orderId}`,
    ...extra,
  };
}

/** Publishes POINTS_CONFIG (effective now) and enrols `n` members; returns their ids. */
export async function setUpPoints(
  s: TestServer,
  n: number,
  config = POINTS_CONFIG,
): Promise<string[]> {
  const p = await gql(s.url, PUBLISH, { input: { config } }, s.adminKey);
  expect(p.errors).toBeUndefined();
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = await gql<{ enrolMember: { member: { id: string } } }>(
      s.url,
      ENROL,
      { input: { name: `Member ${i}`, channel: 'store' } },
      s.adminKey,
    );
    expect(r.errors).toBeUndefined();
    ids.push(r.data!.enrolMember.member.id);
  }
  return ids;
}

/** Ledger sum, account balance and sum of remaining lots + active holds - debt of a member. */
export async function ledgerTotals(s: TestServer, memberId: string) {
  const conn = s.db.orm.em.fork().getConnection();
  const [l] = await conn.execute<{ total: string | null }[]>(
    `select coalesce(sum(amount), 0)::text as total from ledger_entry where member_id = ? and unit = 'POINTS'`,
    [memberId],
  );
  const [a] = await conn.execute<{ balance: string; debt: string }[]>(
    `select balance::text as balance, debt::text as debt from account where member_id = ? and unit = 'POINTS'`,
    [memberId],
  );
  const [lots] = await conn.execute<{ total: string }[]>(
    `select coalesce(sum(remaining), 0)::text as total from lot where member_id = ?`,
    [memberId],
  );
  const [holds] = await conn.execute<{ total: string }[]>(
    `select coalesce(sum(amount), 0)::text as total from hold where member_id = ? and status = 'held'`,
    [memberId],
  );
  return {
    ledger: Number(l?.total ?? 0),
    balance: Number(a?.balance ?? 0),
    lots: Number(lots?.total ?? 0) + Number(holds?.total ?? 0) - Number(a?.debt ?? 0),
  };
}
