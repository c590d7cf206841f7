import {
  type CouponInstanceInput,
  type CouponRedemption,
  type CouponResult,
  type CouponUsageChange,
  type CurrencyCode,
  couponLimitWindow,
  Decimal,
  defaultCouponMessage,
  type Program as EngineProgram,
  findCouponTemplate,
  type LimitUsageInput,
  type MemberSnapshotInput,
  minorUnits,
} from '@tessera/engine';
import type { Em } from '../db/orm.js';
import type { Member } from '../entities/index.js';

/** A coupon row as loaded for the engine. */
export interface CouponRow {
  id: string;
  code: string;
  template_id: string;
  owner_member_id: string | null;
  issued_at: Date | string;
  status: 'active' | 'used' | 'cancelled';
  times_used: number;
}

/** One limit counter key (see `CouponLimitUsage`). */
interface UsageKey {
  readonly templateId: string;
  readonly limitId: string;
  readonly scopeKey: string;
  readonly periodKey: string;
}

const usageKeyString = (k: UsageKey) =>
  `${k.templateId}\u0000${k.limitId}\u0000${k.scopeKey}\u0000${k.periodKey}`;

/** Who and where a coupon is used: the keys of member and store limits. */
export interface UsageScope {
  readonly memberId: string | null;
  /** The engine's store id (the store code). */
  readonly storeCode: string | null;
}

/** Counter keys of every limit of the coupons' templates in their current period. */
function usageKeys(
  program: EngineProgram,
  rows: readonly CouponRow[],
  scope: UsageScope,
  nowMs: number,
): UsageKey[] {
  const keys = new Map<string, UsageKey>();
  for (const row of rows) {
    const template = findCouponTemplate(program, row.template_id);
    for (const limit of template?.limits ?? []) {
      const scopeKey =
        limit.scope === 'global'
          ? ''
          : limit.scope === 'member'
            ? (scope.memberId ?? null)
            : (scope.storeCode ?? null);
      if (scopeKey === null) continue; // the engine decides (NO_MEMBER), nothing to count
      const k = {
        templateId: row.template_id,
        limitId: limit.id,
        scopeKey,
        periodKey: couponLimitWindow(limit, nowMs, program.timeZone).periodKey,
      };
      keys.set(usageKeyString(k), k);
    }
  }
  return [...keys.values()].sort((a, b) =>
    usageKeyString(a) < usageKeyString(b) ? -1 : usageKeyString(a) > usageKeyString(b) ? 1 : 0,
  );
}

function tupleSql(keys: readonly UsageKey[]): { sql: string; params: string[] } {
  return {
    sql: keys.map(() => '(?, ?, ?, ?)').join(', '),
    params: keys.flatMap((k) => [k.templateId, k.limitId, k.scopeKey, k.periodKey]),
  };
}

/**
 * Loads the coupons with these codes (one statement) and the usage counters
 * the engine needs for them (one statement). With `lock`, coupons and
 * counters are locked `FOR UPDATE` in a fixed order (codes, then counter
 * keys), so concurrent redemptions queue instead of racing and never deadlock.
 */
export async function loadCouponInstances(
  em: Em,
  programId: string,
  program: EngineProgram,
  codes: readonly string[],
  scope: UsageScope,
  nowMs: number,
  lock: boolean,
  /** The coupon rows of `codes`, sorted by code, when already read (not locked). */
  preloaded?: readonly CouponRow[],
): Promise<{ rows: CouponRow[]; instances: CouponInstanceInput[] }> {
  if (codes.length === 0) return { rows: [], instances: [] };
  const sorted = [...new Set(codes)].sort();
  const rows =
    preloaded && !lock
      ? [...preloaded]
      : await em.execute<CouponRow[]>(
          `select id, code, template_id, owner_member_id, issued_at, status, times_used from coupon
     where program_id = ? and code in (${sorted.map(() => '?').join(', ')})
     order by code${lock ? ' for update' : ''}`,
          [programId, ...sorted],
        );
  const keys = usageKeys(program, rows, scope, nowMs);
  const usage = new Map<string, LimitUsageInput>();
  if (keys.length > 0) {
    const t = tupleSql(keys);
    if (lock) {
      await em.execute(
        `insert into coupon_limit_usage (program_id, template_id, limit_id, scope_key, period_key)
         values ${keys.map(() => '(?, ?, ?, ?, ?)').join(', ')} on conflict do nothing`,
        keys.flatMap((k) => [programId, k.templateId, k.limitId, k.scopeKey, k.periodKey]),
      );
    }
    const counters = await em.execute<
      {
        template_id: string;
        limit_id: string;
        scope_key: string;
        period_key: string;
        redemptions: number;
        amount: string;
      }[]
    >(
      `select template_id, limit_id, scope_key, period_key, redemptions, amount::text as amount
       from coupon_limit_usage
       where program_id = ? and (template_id, limit_id, scope_key, period_key) in (${t.sql})
       order by template_id, limit_id, scope_key, period_key${lock ? ' for update' : ''}`,
      [programId, ...t.params],
    );
    for (const c of counters) {
      usage.set(
        usageKeyString({
          templateId: c.template_id,
          limitId: c.limit_id,
          scopeKey: c.scope_key,
          periodKey: c.period_key,
        }),
        { redemptions: c.redemptions, amount: c.amount },
      );
    }
  }
  const instances = rows.map((row) => {
    const mine = keys.filter((k) => k.templateId === row.template_id);
    const u: Record<string, LimitUsageInput> = {};
    for (const k of mine) u[k.limitId] = usage.get(usageKeyString(k)) ?? {};
    return {
      code: row.code,
      templateId: row.template_id,
      ownerMemberId: row.owner_member_id,
      issuedAt: new Date(row.issued_at).toISOString(),
      status: row.status,
      timesUsed: row.times_used,
      usage: u,
    };
  });
  return { rows, instances };
}

/**
 * Moves the counters of a usage change (a redemption: positive; a rollback:
 * negative) in the periods the redemption counted in. The rows are locked by
 * `loadCouponInstances(..., lock)` or `lockUsageOfChange`.
 */
export async function applyUsageCounters(
  tx: Em,
  programId: string,
  change: CouponUsageChange,
  scope: UsageScope,
): Promise<void> {
  for (const l of change.limits) {
    const scopeKey =
      l.scope === 'global' ? '' : l.scope === 'member' ? scope.memberId : scope.storeCode;
    if (scopeKey === null) continue;
    // Insert-then-update: a check constraint would refuse a negative proposed row.
    await tx.execute(
      `insert into coupon_limit_usage (program_id, template_id, limit_id, scope_key, period_key)
       values (?, ?, ?, ?, ?) on conflict do nothing`,
      [programId, change.templateId, l.limitId, scopeKey, l.periodKey],
    );
    await tx.execute(
      `update coupon_limit_usage set redemptions = redemptions + ?, amount = amount + ?
       where program_id = ? and template_id = ? and limit_id = ? and scope_key = ? and period_key = ?`,
      [
        l.redemptions,
        new Decimal(l.amount).toFixed(4),
        programId,
        change.templateId,
        l.limitId,
        scopeKey,
        l.periodKey,
      ],
    );
  }
}

/** The engine's member snapshot of a member row. */
export function memberSnapshot(member: Member): MemberSnapshotInput {
  return {
    id: member.id,
    tierId: member.tierId,
    birthday: member.birthday,
    enrolledAt: member.enrolledAt.toISOString(),
    tags: member.tags,
  };
}

/** A coupon result as plain JSON (amounts as strings at the currency's scale). */
export interface CouponResultDto {
  readonly valid: boolean;
  readonly couponCode: string;
  readonly templateId: string | null;
  readonly discount: string | null;
  readonly lines: readonly { lineId: string; amount: string }[];
  /** The engine's reason code when refused. */
  readonly reasonCode: string | null;
  /** The engine's reason with its data (`{ code, couponCode, ... }`). */
  readonly reason: Record<string, unknown> | null;
  readonly message: string | null;
  readonly budgetCapped: { limitId: string; uncapped: string } | null;
  readonly entitlement: { service: string; units: number } | null;
  readonly freeShipping: boolean;
}

/** Maps the engine's `CouponResult` to its DTO. */
export function couponResultDto(r: CouponResult, scale: number): CouponResultDto {
  if (!r.valid) {
    return {
      valid: false,
      couponCode: r.couponCode,
      templateId: r.templateId,
      discount: null,
      lines: [],
      reasonCode: r.reason.code,
      reason: { ...r.reason },
      message: r.message,
      budgetCapped: null,
      entitlement: null,
      freeShipping: false,
    };
  }
  return {
    valid: true,
    couponCode: r.couponCode,
    templateId: r.templateId,
    discount: r.discount.toFixed(scale),
    lines: r.lines.map((l) => ({ lineId: l.lineId, amount: l.amount.toFixed(scale) })),
    reasonCode: null,
    reason: null,
    message: null,
    budgetCapped: r.budgetCapped
      ? { limitId: r.budgetCapped.limitId, uncapped: r.budgetCapped.uncapped.toFixed(scale) }
      : null,
    entitlement: r.entitlement ? { ...r.entitlement } : null,
    freeShipping: r.freeShipping,
  };
}

/**
 * Adapter: the engine's `UNKNOWN_COUPON` refusal for a code that names no
 * coupon of the caller's program, built from the engine's reason shape and
 * message (used where the server answers without calling `quote`).
 */
export function unknownCouponResult(code: string, currency: string): CouponResult {
  const reason = { code: 'UNKNOWN_COUPON' as const, couponCode: code, templateId: null };
  return {
    valid: false,
    couponCode: code,
    templateId: null,
    reason,
    message: defaultCouponMessage(reason, currency),
  };
}

/** The engine's redemption as stored JSON (decimals as strings). */
export function redemptionToJson(r: CouponRedemption): Record<string, unknown> {
  return JSON.parse(JSON.stringify(r)) as Record<string, unknown>;
}

/** The stored JSON back to the engine's redemption (decimals revived). */
export function redemptionFromJson(json: Record<string, unknown>): CouponRedemption {
  const r = json as unknown as {
    discount: string;
    lines: { lineId: string; amount: string; quantity: string }[];
    orderLines: { lineId: string; quantity: string }[];
    change: CouponUsageChange & { limits: { amount: string }[] };
  } & Omit<CouponRedemption, 'discount' | 'lines' | 'orderLines' | 'change'>;
  return {
    ...r,
    discount: new Decimal(r.discount),
    lines: r.lines.map((l) => ({
      lineId: l.lineId,
      amount: new Decimal(l.amount),
      quantity: new Decimal(l.quantity),
    })),
    orderLines: r.orderLines.map((l) => ({ lineId: l.lineId, quantity: new Decimal(l.quantity) })),
    change: {
      ...r.change,
      limits: r.change.limits.map((l) => ({ ...l, amount: new Decimal(l.amount) })),
    },
  };
}

/** Decimal places of the program currency. */
export function currencyScale(program: EngineProgram): number {
  return minorUnits(program.currency as CurrencyCode);
}
