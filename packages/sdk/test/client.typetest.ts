// Compile-time tests: each `@ts-expect-error` line must NOT type check (tsc
// fails on an unused `@ts-expect-error`). Run by `pnpm --filter @tessera/sdk typecheck`.
import {
  createTesseraClient,
  MemberTierDocument,
  PointsBalanceDocument,
  type ResultOf,
  type TesseraClient,
  type VariablesOf,
  ViewerDocument,
} from '../src/index.js';

declare const client: TesseraClient;

export async function typeTests(): Promise<void> {
  // Credentials: one of apiKey / memberToken, or neither.
  createTesseraClient({ url: 'http://x/graphql', apiKey: 'k' });
  createTesseraClient({ url: 'http://x/graphql', memberToken: async () => 't' });
  createTesseraClient({ url: 'http://x/graphql' });
  // @ts-expect-error both credentials at once
  createTesseraClient({ url: 'http://x/graphql', apiKey: 'k', memberToken: 't' });
  // @ts-expect-error the url is required
  createTesseraClient({ apiKey: 'k' });

  // Amounts and points are decimal strings, never numbers.
  await client.points.redeem({ points: '10', reference: 'r' });
  // @ts-expect-error points as a number
  await client.points.redeem({ points: 10, reference: 'r' });
  // @ts-expect-error a cart line without unitPrice
  await client.quote.checkout({ lines: [{ id: 'l1', sku: 'S', quantity: '1' }] });
  // @ts-expect-error a channel that does not exist
  await client.members.enrol({ name: 'N', channel: 'web' });
  // @ts-expect-error orderId is missing
  await client.purchases.record({
    memberId: 'm',
    channel: 'store',
    currency: 'CNY',
    occurredAt: '2026-03-01T00:00:00Z',
    lines: [],
  });
  // @ts-expect-error adjustPoints needs a reason and an operator
  await client.points.adjust({ memberId: 'm', points: '5' });

  // Results are typed.
  const balance = await client.points.balance('m');
  const available: string = balance.available;
  // @ts-expect-error available is a decimal string
  const wrong: number = balance.available;
  // @ts-expect-error no such field
  balance.availablePoints;
  const quote = await client.quote.checkout({ lines: [] });
  const outcome: 'APPLIED' | 'REFUSED' = (
    await client.points.redeem({ points: '1', reference: 'r' })
  ).outcome;

  // request(): variables required exactly when the document requires them.
  await client.request(ViewerDocument);
  await client.request(MemberTierDocument, { memberId: 'm' });
  // @ts-expect-error memberId is required by the document
  await client.request(PointsBalanceDocument);
  // @ts-expect-error unknown variable
  await client.request(PointsBalanceDocument, { memberId: 'm', member: 'x' });
  type Tier = ResultOf<typeof MemberTierDocument>['memberTier']['tierId'];
  const tierId: Tier = 'gold';
  const vars: VariablesOf<typeof PointsBalanceDocument> = { memberId: 'm' };
  void [available, wrong, quote, outcome, tierId, vars];
}
