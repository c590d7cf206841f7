import type { Channel } from '../program/primitives.js';
import { type LocalParts, localParts } from '../time/index.js';
import type { MemberSnapshot } from './member.js';

/**
 * Where and when a rule is evaluated: the instant, the program's time zone,
 * the store and channel, and the member. Local wall-clock parts are computed
 * once, on first use, so rules that do not look at the clock cost nothing.
 */
export class EvalContext {
  private cachedLocal: LocalParts | undefined;
  constructor(
    readonly nowMs: number,
    readonly timeZone: string,
    readonly storeId: string | null,
    readonly channel: Channel | null,
    readonly member: MemberSnapshot | null,
  ) {}

  /** Local date and time of `nowMs` in the program's time zone. */
  get local(): LocalParts {
    if (this.cachedLocal === undefined) this.cachedLocal = localParts(this.nowMs, this.timeZone);
    return this.cachedLocal;
  }
}
