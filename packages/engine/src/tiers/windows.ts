import type { LocalWindow } from './activity.js';
import {
  addMonthsCivil,
  anniversaryDay,
  civilFromDays,
  daysFromCivil,
  formatDay,
} from './civil.js';
import type { CompiledLadder } from './compileTiers.js';
import type { TierState } from './state.js';

/** A window as reported in reasons: local dates, `to` exclusive. */
export interface TierWindowInfo {
  readonly kind: CompiledLadder['window'] | 'grace' | 'manual';
  /** First local date counted (null = since the beginning). */
  readonly from: string | null;
  /** First local date not counted. */
  readonly to: string;
}

/** Describes a window for reasons and traces. */
export function windowInfo(kind: TierWindowInfo['kind'], w: LocalWindow): TierWindowInfo {
  return { kind, from: w.start === null ? null : formatDay(w.start), to: formatDay(w.end) };
}

/** Latest yearly anniversary of `originDay` that is <= `day` (the origin itself at the least). */
function latestAnniversary(originDay: number, day: number): number {
  const o = civilFromDays(originDay);
  let y = civilFromDays(day).year;
  let a = anniversaryDay(o.month, o.day, y);
  if (a > day) a = anniversaryDay(o.month, o.day, --y);
  return y <= o.year ? originDay : a;
}

/** The origin day of the yearly windows: enrolment or reaching the current tier. */
function originOf(ladder: CompiledLadder, state: TierState): number {
  return ladder.calendar.dayOf(ladder.window === 'tier_year' ? state.since : state.enrolledAt);
}

/**
 * The qualification window as of an instant (an upgrade check): from the
 * window's start through the local date of `at` inclusive. Lifetime: all
 * activity; calendar year: since 1 January; rolling: the last N months
 * (ending today); membership or tier year: since the latest anniversary of
 * enrolment or of reaching the current tier.
 */
export function windowAsOf(ladder: CompiledLadder, state: TierState, at: number): LocalWindow {
  const day = ladder.calendar.dayOf(at);
  const end = day + 1;
  switch (ladder.window) {
    case 'lifetime':
      return { start: null, end };
    case 'calendar_year':
      return { start: daysFromCivil(civilFromDays(day).year, 1, 1), end };
    case 'rolling': {
      const c = civilFromDays(end);
      const s = addMonthsCivil(c.year, c.month, c.day, -ladder.rollingMonths);
      return { start: daysFromCivil(s.year, s.month, s.day), end };
    }
    case 'membership_year':
    case 'tier_year': {
      const origin = originOf(ladder, state);
      return { start: day < origin ? day : latestAnniversary(origin, day), end };
    }
  }
}

/**
 * The window a review at local day `reviewDay` judges: the latest window
 * completed by that day. Calendar year: the previous calendar year; rolling:
 * the N months before the review day; lifetime: everything before it;
 * membership or tier year: the latest full year between anniversaries (not
 * `complete` when no full year has passed yet).
 */
export function reviewedWindow(
  ladder: CompiledLadder,
  state: TierState,
  reviewDay: number,
): { readonly window: LocalWindow; readonly complete: boolean } {
  switch (ladder.window) {
    case 'lifetime':
      return { window: { start: null, end: reviewDay }, complete: true };
    case 'calendar_year': {
      const y = civilFromDays(reviewDay).year;
      return {
        window: { start: daysFromCivil(y - 1, 1, 1), end: daysFromCivil(y, 1, 1) },
        complete: true,
      };
    }
    case 'rolling': {
      const c = civilFromDays(reviewDay);
      const s = addMonthsCivil(c.year, c.month, c.day, -ladder.rollingMonths);
      return {
        window: { start: daysFromCivil(s.year, s.month, s.day), end: reviewDay },
        complete: true,
      };
    }
    case 'membership_year':
    case 'tier_year': {
      const origin = originOf(ladder, state);
      const end = latestAnniversary(origin, reviewDay);
      if (end <= origin) return { window: { start: origin, end: reviewDay }, complete: false };
      const o = civilFromDays(origin);
      const y = civilFromDays(end).year - 1;
      const start = y <= o.year ? origin : anniversaryDay(o.month, o.day, y);
      return { window: { start, end }, complete: true };
    }
  }
}
