import { InputError } from '../errors.js';
import type { Decimal } from '../money/index.js';
import type { Program } from '../program/schema.js';
import { anniversaryDay, civilFromDays } from './civil.js';
import { type CompiledTier, compileTiers } from './compileTiers.js';
import { iso } from './result.js';
import { instantAt, normalizeTierState, type TierInstant, type TierStateInput } from './state.js';

/** Most days one `tierGiftsDue` call may cover (a missed job catches up in slices). */
export const MAX_GIFT_SPAN_DAYS = 3_660;

/** A tier gift that fell due: a yearly coupon, or a birthday coupon or points. */
export type TierGift =
  | {
      readonly kind: 'yearly_coupon';
      readonly tierId: string;
      readonly templateId: string;
      readonly dueAt: string;
    }
  | {
      readonly kind: 'birthday_coupon';
      readonly tierId: string;
      readonly templateId: string;
      readonly dueAt: string;
    }
  | {
      readonly kind: 'birthday_points';
      readonly tierId: string;
      readonly points: Decimal;
      readonly dueAt: string;
    };

/** Input of `tierGiftsDue`. */
export interface TierGiftsDueInput {
  readonly state: TierStateInput;
  /** The member's birthday, `MM-DD` or `YYYY-MM-DD`; null when unknown. */
  readonly birthday?: string | null;
  /** Exclusive start: gifts due after this instant (the previous run). */
  readonly from: TierInstant;
  /** Inclusive end: gifts due at or before this instant (now). */
  readonly to: TierInstant;
}

function monthDayOf(value: string): { month: number; day: number } {
  const md = /^\d{4}-\d{2}-\d{2}$/.test(value) ? value.slice(5) : value;
  const ok = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(md);
  const month = Number(md.slice(0, 2));
  const day = Number(md.slice(3, 5));
  if (!ok || day > anniversaryDayLimit(month)) {
    throw new InputError([
      { path: ['birthday'], code: 'invalid_format', message: 'Expected MM-DD or YYYY-MM-DD' },
    ]);
  }
  return { month, day };
}

function anniversaryDayLimit(month: number): number {
  return month === 2 ? 29 : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * The yearly tier gifts that fell due in `(from, to]` for the member's
 * current tier: its `couponsYearly` on every anniversary of reaching the tier
 * (local midnight; the first one a year after `since`, as the reach itself
 * issues `couponsOnReach`), and its `birthdayGift` on the member's birthday
 * (29 February on 28 February in common years). A scheduler calls it with
 * the previous run's instant and now, so each gift is due exactly once; the
 * tier is the one in `state` (review first).
 */
export function tierGiftsDue(program: Program, input: TierGiftsDueInput): TierGift[] {
  const ladder = compileTiers(program);
  const state = normalizeTierState(ladder, input.state);
  const from = instantAt(input.from, ['from']);
  const to = instantAt(input.to, ['to']);
  if (to < from)
    throw new InputError([
      { path: ['to'], code: 'before_from', message: '`to` must not be before `from`' },
    ]);
  const cal = ladder.calendar;
  const fromDay = cal.dayOf(from);
  const toDay = cal.dayOf(to);
  if (toDay - fromDay > MAX_GIFT_SPAN_DAYS) {
    throw new InputError([
      { path: ['to'], code: 'too_big', message: `At most ${MAX_GIFT_SPAN_DAYS} days per call` },
    ]);
  }
  const tier = ladder.byId.get(state.tierId) as CompiledTier;
  const benefits = tier.config.benefits;
  const gifts: TierGift[] = [];
  const eachYear = (month: number, day: number, after: number, emit: (dueAt: number) => void) => {
    for (let y = civilFromDays(fromDay).year; y <= civilFromDays(toDay).year; y++) {
      const at = cal.startOf(anniversaryDay(month, day, y));
      if (at > from && at <= to && at > after) emit(at);
    }
  };
  if (benefits.couponsYearly?.length) {
    const since = civilFromDays(cal.dayOf(state.since));
    eachYear(since.month, since.day, cal.startOf(cal.dayOf(state.since)), (at) => {
      for (const templateId of benefits.couponsYearly ?? []) {
        gifts.push({ kind: 'yearly_coupon', tierId: tier.id, templateId, dueAt: iso(at) });
      }
    });
  }
  const gift = benefits.birthdayGift;
  if (gift && input.birthday) {
    const { month, day } = monthDayOf(input.birthday);
    eachYear(month, day, Number.NEGATIVE_INFINITY, (at) => {
      if (gift.couponTemplateId !== undefined) {
        gifts.push({
          kind: 'birthday_coupon',
          tierId: tier.id,
          templateId: gift.couponTemplateId,
          dueAt: iso(at),
        });
      }
      if (gift.points !== undefined)
        gifts.push({
          kind: 'birthday_points',
          tierId: tier.id,
          points: gift.points,
          dueAt: iso(at),
        });
    });
  }
  return gifts.sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0));
}
