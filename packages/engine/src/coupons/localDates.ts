const DAY_MS = 86_400_000;

/** Calendar arithmetic on local dates `YYYY-MM-DD` (no time zone involved). */
export function shiftDate(date: string, days: number): string {
  const ms = Date.UTC(
    Number(date.slice(0, 4)),
    Number(date.slice(5, 7)) - 1,
    Number(date.slice(8, 10)),
  );
  return new Date(ms + days * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday of a local date, 1 = Monday ... 7 = Sunday. */
export function weekdayOf(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}
