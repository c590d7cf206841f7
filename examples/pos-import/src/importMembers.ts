import { type MemberFieldsFragment, type TesseraClient, TesseraError } from '@tessera/sdk';

/** One row of the POS export. */
export interface PosRow {
  /** The POS's member id: the import's key (kept as the tag `pos:<id>`). */
  readonly externalId: string;
  readonly name: string;
  readonly email: string | null;
  readonly phone: string | null;
  /** YYYY-MM-DD */
  readonly birthday: string | null;
  readonly cardNumber: string | null;
  /** Points balance to carry over (a decimal string, >= 0). */
  readonly points: string;
}

/** What happened to one row. */
export interface RowResult {
  readonly externalId: string;
  readonly memberId: string | null;
  /** enrolled now; matched by email (then tagged); already imported (found by tag). */
  readonly member: 'enrolled' | 'matched' | 'existing' | null;
  readonly card: 'issued' | 'present' | 'other-card' | 'none';
  readonly points: 'credited' | 'already' | 'none';
  readonly error: string | null;
}

/** Reads the CSV records (header: external_id,name,email,phone,birthday,card_number,points). */
export function toPosRows(records: readonly Record<string, string>[]): PosRow[] {
  const optional = (v: string | undefined) => (v ? v : null);
  return records.map((r) => ({
    externalId: r.external_id ?? '',
    name: r.name ?? '',
    email: optional(r.email),
    phone: optional(r.phone),
    birthday: optional(r.birthday),
    cardNumber: optional(r.card_number),
    points: r.points || '0',
  }));
}

/** The tag that marks a member imported from the POS row `externalId`. */
export const posTag = (externalId: string) => `pos:${externalId}`;

/** The reason of the opening-balance adjustment (also how a later run recognises it). */
export const openingReason = (externalId: string) =>
  `Opening balance imported from POS (${externalId})`;

/** Card numbers as the server keeps them: spaces and hyphens dropped, upper case. */
const cardKey = (n: string) => n.replace(/[\s-]/g, '').toUpperCase();

function check(row: PosRow): string | null {
  if (!/^[A-Za-z0-9_.-]{1,50}$/.test(row.externalId))
    return 'external_id: 1 to 50 of A-Z a-z 0-9 _ . -';
  if (!row.name) return 'name is required';
  if (!/^\d+(\.\d+)?$/.test(row.points)) return 'points: a decimal number >= 0';
  return null;
}

async function findOne(client: TesseraClient, filter: { tag?: string; email?: string }) {
  const page = await client.members.list({ filter, first: 2 });
  if (page.nodes.length > 1) {
    throw new Error(`more than one member with ${JSON.stringify(filter)}`);
  }
  return page.nodes[0] ?? null;
}

async function alreadyCredited(client: TesseraClient, memberId: string, reason: string) {
  let after: string | undefined;
  for (;;) {
    const page = await client.points.ledger(memberId, { kinds: ['adjust'], first: 100, after });
    if (page.nodes.some((e) => e.cause.reason === reason)) return true;
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return false;
    after = page.pageInfo.endCursor;
  }
}

/**
 * Imports one row, idempotently:
 * 1. the member: found by the tag `pos:<external_id>` (imported before), else
 *    by email (then tagged), else enrolled with the tag;
 * 2. the card: issued when the member has no active card;
 * 3. the points: one adjustment with the deterministic idempotency key
 *    `pos-import:<external_id>:opening-balance`, skipped when the ledger
 *    already holds it (so a run with another admin key cannot credit twice).
 */
export async function importRow(client: TesseraClient, row: PosRow): Promise<RowResult> {
  const base = {
    externalId: row.externalId,
    memberId: null,
    member: null,
    card: 'none',
    points: 'none',
  } as const;
  const invalid = check(row);
  if (invalid) return { ...base, error: invalid };
  let memberId: string | null = null;
  let status: RowResult['member'] = null;
  let card: RowResult['card'] = 'none';
  try {
    const tag = posTag(row.externalId);
    let member: MemberFieldsFragment | null = await findOne(client, { tag });
    status = 'existing';
    if (!member && row.email) {
      member = await findOne(client, { email: row.email });
      if (member) {
        member = await client.members.update({ memberId: member.id, tags: [...member.tags, tag] });
        status = 'matched';
      }
    }
    if (!member) {
      member = await client.members.enrol({
        name: row.name,
        email: row.email,
        phone: row.phone,
        birthday: row.birthday,
        channel: 'store',
        tags: [tag],
      });
      status = 'enrolled';
    }
    memberId = member.id;
    if (row.cardNumber) {
      const active = member.activeCard?.number;
      if (!active) {
        await client.cards.issue({ memberId, number: row.cardNumber });
        card = 'issued';
      } else {
        card = cardKey(active) === cardKey(row.cardNumber) ? 'present' : 'other-card';
      }
    }
    let points: RowResult['points'] = 'none';
    if (Number(row.points) > 0) {
      const reason = openingReason(row.externalId);
      if (await alreadyCredited(client, memberId, reason)) {
        points = 'already';
      } else {
        await client.points.adjust({
          memberId,
          points: row.points,
          reason,
          operator: 'pos-import',
          idempotencyKey: `pos-import:${row.externalId}:opening-balance`,
        });
        points = 'credited';
      }
    }
    return { externalId: row.externalId, memberId, member: status, card, points, error: null };
  } catch (e) {
    const message =
      e instanceof TesseraError
        ? `${e.code}: ${e.message}`
        : e instanceof Error
          ? e.message
          : String(e);
    return { ...base, memberId, member: memberId ? status : null, card, error: message };
  }
}

/** Totals of an import run. */
export interface ImportSummary {
  readonly rows: number;
  readonly enrolled: number;
  readonly matched: number;
  readonly existing: number;
  readonly cardsIssued: number;
  readonly pointsCredited: number;
  readonly pointsAlready: number;
  readonly failed: number;
}

/** Counts the results. */
export function summarise(results: readonly RowResult[]): ImportSummary {
  const count = (p: (r: RowResult) => boolean) => results.filter(p).length;
  return {
    rows: results.length,
    enrolled: count((r) => r.member === 'enrolled'),
    matched: count((r) => r.member === 'matched'),
    existing: count((r) => r.member === 'existing'),
    cardsIssued: count((r) => r.card === 'issued'),
    pointsCredited: count((r) => r.points === 'credited'),
    pointsAlready: count((r) => r.points === 'already'),
    failed: count((r) => r.error !== null),
  };
}
