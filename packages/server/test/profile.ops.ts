/** Operations of the profile test. */
export const operations = {
  PROFILE: `query($id: ID) { memberProfile(memberId: $id) {
    member { id } tier { id name } points { available pending expiringPoints balance }
    storedValue { currency balance } couponsHeld orders lifetimeSpend
    lastPurchase { orderId occurredAt amount } } }`,
  TOP_UP: `mutation($input: TopUpStoredValueInput!) { topUpStoredValue(input: $input) { outcome } }`,
  ISSUE: `mutation($input: IssueCouponsInput!) { issueCoupons(input: $input) { count } }`,
};
