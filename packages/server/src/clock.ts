/** The only place the server reads the time; tests pass a fixed or stepping clock. */
export interface Clock {
  now(): Date;
}

/** The system clock. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock that returns `start` advanced by `stepMs` on each call (tests). */
export function steppingClock(start: Date, stepMs = 1): Clock {
  let t = start.getTime();
  return {
    now() {
      const d = new Date(t);
      t += stepMs;
      return d;
    },
  };
}
