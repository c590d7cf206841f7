/** GraphQL operations shared by several test files. */

export const TOP_UP = `mutation($input: TopUpStoredValueInput!) { topUpStoredValue(input: $input) {
  outcome balance currency refusal { code available requested } entry { id kind amount balanceAfter } } }`;
export const PAY = `mutation($input: PayWithStoredValueInput!) { payWithStoredValue(input: $input) {
  outcome balance refusal { code available requested } entry { id kind amount balanceAfter } } }`;
/** Shape of a stored-value payload in tests. */
export type SvPayload = {
  outcome: 'APPLIED' | 'REFUSED';
  balance: string;
  refusal: { code: string } | null;
  entry: { id: string; amount: string; balanceAfter: string } | null;
};
