import type { EvalContext } from '../model/context.js';
import type { TimeWindow } from '../program/conditions.js';

/** Why a time window did not match. */
export type WindowMiss = 'NOT_STARTED' | 'ENDED' | 'WRONG_DATE' | 'WRONG_WEEKDAY' | 'WRONG_HOUR';

function minutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** Returns null when `ctx` is inside the window, else why not. */
export function matchTimeWindow(
  window: TimeWindow | undefined,
  ctx: EvalContext,
): WindowMiss | null {
  if (!window) return null;
  if (window.from !== undefined && ctx.nowMs < window.from) return 'NOT_STARTED';
  if (window.until !== undefined && ctx.nowMs >= window.until) return 'ENDED';
  if (window.dates && !window.dates.includes(ctx.local.date)) return 'WRONG_DATE';
  if (window.weekdays && !window.weekdays.includes(ctx.local.weekday)) return 'WRONG_WEEKDAY';
  if (window.hours) {
    const m = ctx.local.hour * 60 + ctx.local.minute;
    const inside = window.hours.some(({ from, to }) => {
      const f = minutes(from);
      const t = minutes(to);
      return f <= t ? m >= f && m < t : m >= f || m < t;
    });
    if (!inside) return 'WRONG_HOUR';
  }
  return null;
}
