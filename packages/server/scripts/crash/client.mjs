// GraphQL over HTTP for the harness, with each answer sorted into what the
// harness does next: an acknowledged answer is kept; anything that does not
// prove the write was decided (no connection, reset, timeout, 5xx,
// REQUEST_IN_PROGRESS, INTERNAL) is retried; any other error is unexpected.

/** Codes after which the same request is sent again. */
const RETRY_CODES = new Set(['REQUEST_IN_PROGRESS', 'INTERNAL', 'INTERNAL_SERVER_ERROR']);

/**
 * Posts one operation. Answers `{ kind: 'ok', data }`, `{ kind: 'retry', why }`
 * or `{ kind: 'error', code, message }`.
 */
export async function post(url, query, variables, credential, timeoutMs = 15_000) {
  let res;
  let body;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    body = await res.json();
  } catch (e) {
    const cause = e?.cause?.code ?? e?.name ?? 'network';
    return { kind: 'retry', why: String(cause) };
  }
  const code = body?.errors?.[0]?.extensions?.code ?? null;
  if (res.status >= 500) return { kind: 'retry', why: `http ${res.status} ${code ?? ''}`.trim() };
  if (body?.errors?.length) {
    if (RETRY_CODES.has(code)) return { kind: 'retry', why: code };
    return { kind: 'error', code: code ?? `http ${res.status}`, message: body.errors[0].message };
  }
  if (!body?.data) return { kind: 'retry', why: `http ${res.status} without data` };
  return { kind: 'ok', data: body.data };
}

/** Posts until acknowledged (setup and checks; the server is up). */
export async function must(url, query, variables, credential) {
  for (let i = 0; i < 200; i++) {
    const r = await post(url, query, variables, credential);
    if (r.kind === 'ok') return r.data;
    if (r.kind === 'error') throw new Error(`${r.code}: ${r.message}`);
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error('no answer after 200 tries');
}

const ENTRY = 'entries { id memberId kind amount }';

/** The operations the harness sends. */
export const OPS = {
  enrol: `mutation($input: EnrolMemberInput!) { enrolMember(input: $input) { member { id } } }`,
  issue: `mutation($input: IssueCouponsInput!) { issueCoupons(input: $input) { coupons { code memberId } } }`,
  purchase: `mutation($input: RecordPurchaseInput!) { recordPurchase(input: $input) {
    outcome refusal { code } purchase { orderId memberId amount pointsEarned pointsPaid payments { method amount entryId } }
    storedValue { paid balance } coupons { couponCode valid } ${ENTRY} } }`,
  return: `mutation($input: RecordReturnInput!) { recordReturn(input: $input) {
    outcome refusal { code } returnId amount pointsClawedBack pointsRefunded storedValueRefunded
    purchase { memberId } coupons { couponCode restoresUse } ${ENTRY} } }`,
  reserve: `mutation($input: ReservePointsInput!) { reservePoints(input: $input) {
    outcome refusal { code } hold { holdId status } ${ENTRY} } }`,
  capture: `mutation($input: HoldActionInput!) { captureHold(input: $input) {
    outcome refusal { code } hold { holdId status } ${ENTRY} } }`,
  release: `mutation($input: HoldActionInput!) { releaseHold(input: $input) {
    outcome refusal { code } hold { holdId status } ${ENTRY} } }`,
  topup: `mutation($input: TopUpStoredValueInput!) { topUpStoredValue(input: $input) {
    outcome entry { id amount } } }`,
  redeem: `mutation($input: RedeemPointsInput!) { redeemPoints(input: $input) {
    outcome refusal { code } ${ENTRY} } }`,
  adjust: `mutation($input: AdjustPointsInput!) { adjustPoints(input: $input) {
    outcome refusal { code } ${ENTRY} } }`,
  transfer: `mutation($input: TransferPointsInput!) { transferPoints(input: $input) {
    outcome refusal { code } ${ENTRY} } }`,
  coupon: `mutation($input: RedeemCouponInput!) { redeemCoupon(input: $input) {
    outcome orderId redemptionId coupon { reasonCode } } }`,
  balance: `query($id: ID!) { pointsBalance(memberId: $id) { balance available pending debt } }`,
  tier: `query($id: ID!) { memberTier(memberId: $id) { tierId } }`,
  purchaseByOrder: `query($orderId: String!) { purchase(orderId: $orderId) { orderId pointsEarned } }`,
};

/** The payload field of each mutation. */
export const FIELD = {
  purchase: 'recordPurchase',
  return: 'recordReturn',
  redeem: 'redeemPoints',
  adjust: 'adjustPoints',
  transfer: 'transferPoints',
  coupon: 'redeemCoupon',
  topup: 'topUpStoredValue',
  reserve: 'reservePoints',
  capture: 'captureHold',
  release: 'releaseHold',
};
