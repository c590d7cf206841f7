import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZONES } from '../../engine/test/zones.js';
import { runSweeps } from '../src/services/sweeps.js';
import { errorCode, gql, startTestServer, type TestServer } from './harness.js';

/**
 * RELIABILITY 14 through the API: program time zones with DST and odd
 * offsets x DST change days x 29 February. Local dates and midnights are
 * computed here independently of the engine (Intl, a search over instants).
 */

const DAY = 86_400_000;
/** Points expire 30 days after they are earned, rounded up to the end of the local day. */
const EXPIRY_DAYS = 30;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: tz,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** Local wall time of `ms` in `tz` as `YYYY-MM-DDTHH:MM:SS`. */
function wall(ms: number, tz: string): string {
  const p = Object.fromEntries(
    formatter(tz)
      .formatToParts(ms)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
}
const localDate = (ms: number, tz: string) => wall(ms, tz).slice(0, 10);

/** `date` shifted by `days` (calendar arithmetic on YYYY-MM-DD). */
function shift(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/** The first instant whose local date in `tz` is `date` or later (binary search, 1 ms). */
function startOfLocal(date: string, tz: string): number {
  let lo = Date.parse(`${date}T00:00:00Z`) - 16 * 3_600_000; // every offset is within +-14 h
  let hi = Date.parse(`${date}T00:00:00Z`) + 16 * 3_600_000;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (localDate(mid, tz) >= date) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** UTC offset in minutes at `ms`. */
function offsetAt(ms: number, tz: string): number {
  return Math.round((Date.parse(`${wall(ms, tz)}Z`) - Math.floor(ms / 1000) * 1000) / 60_000);
}

/** Local dates of `year` on which the zone's UTC offset changes (DST days). */
function dstChangeDays(tz: string, year: number): string[] {
  const days: string[] = [];
  for (let d = `${year}-01-02`; d < `${year + 1}-01-01`; d = shift(d, 1)) {
    const noon = Date.parse(`${d}T12:00:00Z`);
    if (offsetAt(noon, tz) !== offsetAt(noon - DAY, tz)) days.push(d);
  }
  return days;
}

/** The instant of local time `hh:mm` on `date` in `tz` (corrected for a change of offset that day). */
function localInstant(date: string, hhmm: string, tz: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  const start = startOfLocal(date, tz);
  const naive = start + (h * 60 + m) * 60_000;
  return naive + (offsetAt(start, tz) - offsetAt(naive, tz)) * 60_000;
}

function zoneConfig(
  timeZone: string,
  reviewDate: string,
  roundUpTo: 'day' | null = 'day',
): Record<string, unknown> {
  return {
    currency: 'USD',
    timeZone,
    earning: { rate: { points: '1', per: '1' } },
    points: {
      pending: { amount: 0, unit: 'day' },
      expiry: {
        kind: 'rolling',
        amount: EXPIRY_DAYS,
        unit: 'day',
        ...(roundUpTo ? { roundUpTo } : {}),
      },
    },
    tiers: {
      window: 'rolling',
      rollingMonths: 12,
      review: { at: 'dates', dates: [reviewDate.slice(5)], policy: 'recompute' },
      ladder: [
        { id: 'green', name: 'Green' },
        { id: 'silver', name: 'Silver', entry: { spend: '1000' } },
      ],
    },
    couponTemplates: [
      {
        id: 'birthday',
        name: 'Birthday',
        benefit: { kind: 'amount_off', amount: '10' },
        validity: { kind: 'birthday', scope: 'day' },
      },
    ],
  };
}

const BALANCE = `query($id: ID!) { pointsBalance(memberId: $id) { available balance expiringPoints schedule { date points } } }`;
const RECORD = `mutation($input: RecordPurchaseInput!) { recordPurchase(input: $input) { outcome purchase { pointsEarned } } }`;
const TIER = `query($id: ID!) { memberTier(memberId: $id) { tierId nextReviewAt } }`;
const LEDGER = `query($id: ID!) { pointsLedger(memberId: $id, first: 100) { nodes { kind amount occurredAt } } }`;
const ISSUE = `mutation($input: IssueCouponsInput!) { issueCoupons(input: $input) { batchId coupons { code } } }`;
const WALLET = `query($id: ID!) { memberCoupons(memberId: $id, first: 100) { nodes { code validFrom validUntil status } } }`;
const VALIDATE = `query($input: ValidateCouponInput!) { validateCoupon(input: $input) { coupon { valid reasonCode } } }`;
const REDEEM = `mutation($input: RedeemCouponInput!) { redeemCoupon(input: $input) { outcome coupon { reasonCode } } }`;
const CART = [{ id: '1', sku: 'MUG', quantity: '1', unitPrice: '50.00' }];

describe('time through the API: zones x DST days x 29 February (RELIABILITY 14)', () => {
  let s: TestServer;
  const keys = new Map<string, string>();
  const exactKeys = new Map<string, string>();
  const logger = pino({ level: 'silent' });
  let serial = 0;
  const figures = { lots: 0, reviews: 0, birthdays: 0 };

  beforeAll(async () => {
    s = await startTestServer();
    s.clock.set('2025-06-01T00:00:00Z');
    for (const [i, zone] of ZONES.entries()) {
      const key = await s.addProgram(`zone-${i}`);
      const changes = dstChangeDays(zone, 2026);
      const r = await gql(
        s.url,
        `mutation($input: PublishProgramVersionInput!) { publishProgramVersion(input: $input) { programVersion { version } } }`,
        { input: { config: zoneConfig(zone, changes[0] ?? '2026-03-08') } },
        key,
      );
      expect(r.errors).toBeUndefined();
      keys.set(zone, key);
      // The same program without rounding: lots expire at the instant, inside their last day.
      const exactKey = await s.addProgram(`zone-${i}-exact`);
      const exact = await gql(
        s.url,
        `mutation($input: PublishProgramVersionInput!) { publishProgramVersion(input: $input) { programVersion { version } } }`,
        { input: { config: zoneConfig(zone, changes[0] ?? '2026-03-08', null) } },
        exactKey,
      );
      expect(exact.errors).toBeUndefined();
      exactKeys.set(zone, exactKey);
    }
  });
  afterAll(async () => {
    console.log(
      `time: ${ZONES.length} zones; ${figures.lots} lots checked around their advertised local date, ` +
        `${figures.reviews} tier reviews at their local date, ${figures.birthdays} birthday years`,
    );
    await s.close();
  });

  const enrol = async (key: string, birthday?: string) => {
    const r = await gql<{ enrolMember: { member: { id: string } } }>(
      s.url,
      `mutation($input: EnrolMemberInput!) { enrolMember(input: $input) { member { id } } }`,
      { input: { name: `M${serial++}`, channel: 'store', ...(birthday ? { birthday } : {}) } },
      key,
    );
    expect(r.errors).toBeUndefined();
    return r.data!.enrolMember.member.id;
  };
  const purchase = (key: string, memberId: string, amount: string, occurredAt: string) =>
    gql<{ recordPurchase: { outcome: string; purchase: { pointsEarned: string } | null } }>(
      s.url,
      RECORD,
      {
        input: {
          memberId,
          orderId: `o-${serial++}`,
          channel: 'store',
          occurredAt,
          currency: 'USD',
          lines: [{ id: '1', sku: 'TEA', quantity: '1', unitPrice: amount }],
          idempotencyKey: `k-${serial++}`,
        },
      },
      key,
    );
  const balance = async (key: string, id: string) =>
    (
      await gql<{
        pointsBalance: { available: string; schedule: { date: string; points: string }[] };
      }>(s.url, BALANCE, { id }, key)
    ).data!.pointsBalance;

  it('the independent local-time helpers see the zones as expected', () => {
    expect(dstChangeDays('America/New_York', 2026)).toEqual(['2026-03-08', '2026-11-01']);
    expect(dstChangeDays('Australia/Lord_Howe', 2026)).toEqual(['2026-04-05', '2026-10-04']);
    expect(dstChangeDays('Asia/Kolkata', 2026)).toEqual([]);
    expect(wall(startOfLocal('2026-03-01', 'Pacific/Kiritimati'), 'UTC')).toBe(
      '2026-02-28T10:00:00',
    );
    // The New York day of the spring change has 23 hours.
    expect(
      startOfLocal('2026-03-09', 'America/New_York') -
        startOfLocal('2026-03-08', 'America/New_York'),
    ).toBe(23 * 3_600_000);
  });

  it.each(ZONES)(
    '%s: no lot expires before its advertised local date, and every lot expires at the local midnight after it',
    async (zone) => {
      const key = keys.get(zone)!;
      // Lots whose last day is each DST change day, the day before it, and 28/29 February.
      const targets = [
        ...dstChangeDays(zone, 2026).flatMap((d) => [shift(d, -1), d]),
        '2026-02-28',
        '2028-02-29',
      ].sort();
      for (const target of targets) {
        // A purchase at 23:30 local, EXPIRY_DAYS before the target.
        const bought = localInstant(shift(target, -EXPIRY_DAYS), '23:30', zone);
        s.clock.set(new Date(bought));
        const memberId = await enrol(key);
        const p = await purchase(key, memberId, '40.00', new Date(bought).toISOString());
        expect(p.data?.recordPurchase.purchase?.pointsEarned).toBe('40');
        const advertised = (await balance(key, memberId)).schedule;
        expect(advertised).toEqual([{ date: target, points: '40' }]);
        const midnight = startOfLocal(shift(target, 1), zone);
        expect(localDate(midnight - 1, zone)).toBe(target);
        // Just before the local midnight: still there, a sweep does not expire it.
        s.clock.set(new Date(midnight - 1));
        expect(await balance(key, memberId)).toMatchObject({ available: '40' });
        await runSweeps(s.db.orm.em.fork(), s.clock, logger);
        expect(await balance(key, memberId)).toMatchObject({ available: '40' });
        // At the local midnight: gone, with or without a sweep; the sweep posts it once.
        s.clock.set(new Date(midnight));
        expect(await balance(key, memberId)).toMatchObject({ available: '0', schedule: [] });
        await runSweeps(s.db.orm.em.fork(), s.clock, logger);
        await runSweeps(s.db.orm.em.fork(), s.clock, logger);
        const ledger = await gql<{ pointsLedger: { nodes: { kind: string; amount: string }[] } }>(
          s.url,
          LEDGER,
          { id: memberId },
          key,
        );
        const expiries = ledger.data!.pointsLedger.nodes.filter((n) => n.kind === 'expire');
        expect(expiries).toHaveLength(1);
        expect(expiries[0]?.amount).toBe('-40');
        figures.lots += 1;
      }
    },
  );

  it.each(ZONES)(
    '%s: without rounding a lot expires at its instant, inside its advertised day, never before it',
    async (zone) => {
      const key = exactKeys.get(zone)!;
      for (const target of dstChangeDays(zone, 2026).concat('2028-02-29')) {
        // Bought at 01:30 local: 30 days later is 01:30 on the target day, around DST changes.
        const bought = localInstant(shift(target, -EXPIRY_DAYS), '01:30', zone);
        s.clock.set(new Date(bought));
        const memberId = await enrol(key);
        const p = await purchase(key, memberId, '40.00', new Date(bought).toISOString());
        expect(p.data?.recordPurchase.purchase?.pointsEarned).toBe('40');
        const [lot] = (await balance(key, memberId)).schedule;
        expect(lot?.points).toBe('40');
        const advertised = lot!.date;
        // Usable through the whole day before the advertised one and at its first instant.
        s.clock.set(new Date(startOfLocal(advertised, zone)));
        expect(await balance(key, memberId)).toMatchObject({ available: '40' });
        // Gone by the next local day at the latest, with or without a sweep.
        s.clock.set(new Date(startOfLocal(shift(advertised, 1), zone)));
        expect(await balance(key, memberId)).toMatchObject({ available: '0' });
        await runSweeps(s.db.orm.em.fork(), s.clock, logger);
        expect(await balance(key, memberId)).toMatchObject({ available: '0' });
        figures.lots += 1;
      }
    },
  );

  it.each(ZONES)('%s: the tier review happens at the local review date', async (zone) => {
    const key = keys.get(zone)!;
    const review = dstChangeDays(zone, 2026)[0] ?? '2026-03-08';
    const bought = localInstant('2026-01-15', '12:00', zone);
    s.clock.set(new Date(bought));
    const memberId = await enrol(key);
    const p = await purchase(key, memberId, '1500.00', new Date(bought).toISOString());
    expect(p.data?.recordPurchase.outcome).toBe('APPLIED');
    const tier = async () =>
      (
        await gql<{ memberTier: { tierId: string; nextReviewAt: string } }>(
          s.url,
          TIER,
          { id: memberId },
          key,
        )
      ).data!.memberTier;
    const before = await tier();
    expect(before.tierId).toBe('silver');
    const at = startOfLocal(review, zone);
    expect(before.nextReviewAt).toBe(new Date(at).toISOString());
    expect(wall(at, zone)).toBe(`${review}T00:00:00`);
    s.clock.set(new Date(at - 1));
    await runSweeps(s.db.orm.em.fork(), s.clock, logger);
    expect((await tier()).nextReviewAt).toBe(before.nextReviewAt);
    s.clock.set(new Date(at));
    const report = await runSweeps(s.db.orm.em.fork(), s.clock, logger);
    expect(report.reviews).toBeGreaterThanOrEqual(1);
    const after = await tier();
    // Reviewed: the next review is next year's review date, at its local midnight.
    const next = `2027-${review.slice(5)}`;
    expect(after.nextReviewAt).toBe(new Date(startOfLocal(next, zone)).toISOString());
    figures.reviews += 1;
  });

  it.each(ZONES)(
    '%s: a 29 February birthday gets exactly one birthday reward a year, on its local day',
    async (zone) => {
      const key = keys.get(zone)!;
      s.clock.set(new Date(localInstant('2026-12-01', '09:00', zone)));
      const memberId = await enrol(key, '2000-02-29');
      for (const [year, day] of [
        ['2027', '2027-02-28'],
        ['2028', '2028-02-29'],
      ] as const) {
        s.clock.set(new Date(localInstant(`${year}-01-10`, '09:00', zone)));
        const issue = () =>
          gql<{ issueCoupons: { batchId: string; coupons: { code: string }[] } }>(
            s.url,
            ISSUE,
            { input: { templateId: 'birthday', memberId, idempotencyKey: `birthday-${year}` } },
            key,
          );
        const first = await issue();
        expect(first.errors).toBeUndefined();
        // The yearly issue replays: one reward per year, whoever retries.
        const replay = await issue();
        expect(replay.data?.issueCoupons.batchId).toBe(first.data?.issueCoupons.batchId);
        const code = first.data!.issueCoupons.coupons[0]!.code;
        const wallet = await gql<{
          memberCoupons: { nodes: { code: string; validFrom: string; validUntil: string }[] };
        }>(s.url, WALLET, { id: memberId }, key);
        const mine = wallet.data!.memberCoupons.nodes.filter((c) => c.code === code);
        expect(mine).toHaveLength(1);
        const from = startOfLocal(day, zone);
        const until = startOfLocal(shift(day, 1), zone);
        expect(mine[0]).toMatchObject({
          validFrom: new Date(from).toISOString(),
          validUntil: new Date(until).toISOString(),
        });
        const validate = async () =>
          (
            await gql<{
              validateCoupon: { coupon: { valid: boolean; reasonCode: string | null } };
            }>(s.url, VALIDATE, { input: { code, memberId, lines: CART } }, key)
          ).data!.validateCoupon.coupon;
        s.clock.set(new Date(from - 1));
        expect(await validate()).toMatchObject({ valid: false, reasonCode: 'NOT_YET_VALID' });
        s.clock.set(new Date(from));
        expect(await validate()).toMatchObject({ valid: true });
        const redeem = (orderId: string) =>
          gql<{ redeemCoupon: { outcome: string; coupon: { reasonCode: string | null } } }>(
            s.url,
            REDEEM,
            { input: { code, memberId, lines: CART, orderId, idempotencyKey: `r-${orderId}` } },
            key,
          );
        expect((await redeem(`b-${year}-1`)).data?.redeemCoupon.outcome).toBe('APPLIED');
        const second = await redeem(`b-${year}-2`);
        expect(second.data?.redeemCoupon).toMatchObject({
          outcome: 'REFUSED',
          coupon: { reasonCode: 'ALREADY_USED' },
        });
        s.clock.set(new Date(until));
        expect(await validate()).toMatchObject({ valid: false });
        figures.birthdays += 1;
      }
    },
  );

  it.each(ZONES)(
    '%s: purchases and returns dated in the future are refused and change nothing',
    async (zone) => {
      const key = keys.get(zone)!;
      const now = localInstant('2026-06-01', '12:00', zone);
      s.clock.set(new Date(now));
      const memberId = await enrol(key);
      for (const ahead of [6 * 60_000, DAY, 400 * DAY]) {
        const r = await purchase(key, memberId, '10.00', new Date(now + ahead).toISOString());
        expect(errorCode(r)).toBe('BAD_USER_INPUT');
        expect(r.errors?.[0]?.extensions?.reason).toBe('in_future');
      }
      const far = await purchase(key, memberId, '10.00', '9999-12-31T23:59:59Z');
      expect(errorCode(far)).toBe('BAD_USER_INPUT');
      expect(await balance(key, memberId)).toMatchObject({ available: '0', schedule: [] });
      const none = await gql<{ purchases: { nodes: unknown[] } }>(
        s.url,
        `query($id: ID!) { purchases(filter: { memberId: $id }) { nodes { orderId } } }`,
        { id: memberId },
        key,
      );
      expect(none.data?.purchases.nodes).toEqual([]);
      // Within the documented clock skew (5 minutes) a purchase is accepted.
      const skew = await purchase(key, memberId, '10.00', new Date(now + 4 * 60_000).toISOString());
      expect(skew.data?.recordPurchase.outcome).toBe('APPLIED');
      // A return dated in the future is refused the same way; nothing is clawed back.
      const orderId = (
        await gql<{ purchases: { nodes: { orderId: string }[] } }>(
          s.url,
          `query($id: ID!) { purchases(filter: { memberId: $id }) { nodes { orderId } } }`,
          { id: memberId },
          key,
        )
      ).data!.purchases.nodes[0]!.orderId;
      const RETURN = `mutation($input: RecordReturnInput!) { recordReturn(input: $input) { outcome pointsClawedBack } }`;
      const ret = (ahead: number) =>
        gql<{ recordReturn: { outcome: string } }>(
          s.url,
          RETURN,
          {
            input: {
              orderId,
              returnId: `r-${serial++}`,
              idempotencyKey: `rk-${serial++}`,
              occurredAt: new Date(now + ahead).toISOString(),
            },
          },
          key,
        );
      for (const ahead of [6 * 60_000, 400 * DAY]) {
        const r = await ret(ahead);
        expect(errorCode(r)).toBe('BAD_USER_INPUT');
        expect(r.errors?.[0]?.extensions).toMatchObject({
          field: 'occurredAt',
          reason: 'in_future',
        });
      }
      expect(await balance(key, memberId)).toMatchObject({ available: '10' });
      expect((await ret(60_000)).data?.recordReturn.outcome).toBe('APPLIED');
      expect(await balance(key, memberId)).toMatchObject({ available: '0' });
    },
  );
});
