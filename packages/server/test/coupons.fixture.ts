import { gql, minimalConfig, type TestServer } from './harness.js';

/** A configuration with one coupon template per reason code the API tests reach. */
export function couponConfig(): Record<string, unknown> {
  const open = {
    kind: 'absolute',
    from: '2026-01-01T00:00:00+08:00',
    until: '2027-01-01T00:00:00+08:00',
  };
  const t = (id: string, extra: Record<string, unknown> = {}) => ({
    id,
    name: id,
    benefit: { kind: 'amount_off', amount: '10' },
    validity: open,
    ...extra,
  });
  return {
    ...minimalConfig(),
    tiers: {
      ladder: [
        { id: 'base', name: 'Base' },
        { id: 'gold', name: 'Gold', entry: { spend: '100000' } },
      ],
    },
    promotions: [
      {
        id: 'tea-5',
        name: '5% off tea',
        action: { kind: 'percent_off', percent: '5' },
        target: { categories: ['tea'] },
      },
    ],
    couponTemplates: [
      t('ten'),
      t('multi', { usesPerCoupon: 100 }),
      t('birthday', { validity: { kind: 'birthday', scope: 'month' } }),
      t('future', {
        validity: {
          kind: 'absolute',
          from: '2026-06-01T00:00:00+08:00',
          until: '2026-07-01T00:00:00+08:00',
        },
      }),
      t('past', {
        validity: {
          kind: 'absolute',
          from: '2025-01-01T00:00:00+08:00',
          until: '2025-02-01T00:00:00+08:00',
        },
      }),
      t('store-only', { audience: { stores: ['S-ONLY'] } }),
      t('app-only', { audience: { channels: ['app'] } }),
      t('gold-only', { audience: { tiers: ['gold'] } }),
      t('vip-only', { audience: { segments: ['vip'] } }),
      t('global-once', { usesPerCoupon: 5, limits: [{ id: 'g', scope: 'global', max: 1 }] }),
      t('member-once', { usesPerCoupon: 5, limits: [{ id: 'm', scope: 'member', max: 1 }] }),
      t('hats', { items: { categories: ['hats'] } }),
      t('min-100', { minSpend: '100' }),
      t('no-promos', { stacking: { withPromotions: false } }),
      t('budget', {
        usesPerCoupon: 5,
        limits: [{ id: 'b', scope: 'global', unit: 'money', max: '15' }],
        onBudgetShortfall: 'nothing',
      }),
    ],
  };
}

/** Publishes `couponConfig()` as the program's next version (effective now). */
export async function publishCouponConfig(s: TestServer): Promise<void> {
  const r = await gql(
    s.url,
    `mutation($input: PublishProgramVersionInput!) { publishProgramVersion(input: $input) { programVersion { version } } }`,
    { input: { config: couponConfig() } },
    s.adminKey,
  );
  if (r.errors) throw new Error(JSON.stringify(r.errors));
}

export const ENROL = `mutation($input: EnrolMemberInput!) { enrolMember(input: $input) { member { id } } }`;

/** Enrols a member; returns its id. */
export async function enrol(s: TestServer, input: Record<string, unknown>): Promise<string> {
  const r = await gql<{ enrolMember: { member: { id: string } } }>(
    s.url,
    ENROL,
    { input: { channel: 'store', ...input } },
    s.adminKey,
  );
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!.enrolMember.member.id;
}

export const ISSUE = `mutation($input: IssueCouponsInput!) { issueCoupons(input: $input) {
  batchId templateId count coupons { code memberId } } }`;
export const VALIDATE = `query($input: ValidateCouponInput!) { validateCoupon(input: $input) {
  currency asOf coupon { valid couponCode templateId discount reasonCode reason message lines { lineId amount } } } }`;
export const REDEEM = `mutation($input: RedeemCouponInput!) { redeemCoupon(input: $input) {
  outcome orderId redemptionId coupon { valid couponCode discount reasonCode reason message } } }`;
export const ROLLBACK = `mutation($input: RollbackCouponRedemptionsInput!) { rollbackCouponRedemptions(input: $input) {
  orderId rollbacks { couponCode restoresUse discountReturned couponStatus timesUsed } } }`;
export const WALLET = `query($memberId: ID!, $after: String) { memberCoupons(memberId: $memberId, first: 2, after: $after) {
  nodes { code templateId status timesUsed usesPerCoupon validFrom validUntil ownerMemberId }
  pageInfo { endCursor hasNextPage } } }`;

/** Issues coupons of `templateId`; returns their codes. */
export async function issue(
  s: TestServer,
  input: Record<string, unknown>,
  key = s.adminKey,
): Promise<string[]> {
  const r = await gql<{ issueCoupons: { coupons: { code: string }[] } }>(
    s.url,
    ISSUE,
    { input: { idempotencyKey: `issue-${Math.random()}`, ...input } },
    key,
  );
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!.issueCoupons.coupons.map((c) => c.code);
}

/** A cart of one 50.00 mug (not tea, not hats). */
export const MUG = [
  { id: '1', sku: 'MUG', categories: ['mugs'], quantity: '1', unitPrice: '50.00' },
];
/** A cart with tea (the tea-5 promotion applies). */
export const TEA = [
  { id: '1', sku: 'TEA', categories: ['tea'], quantity: '2', unitPrice: '30.00' },
];
