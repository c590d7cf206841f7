/**
 * The auditor: a deliberately naive reference model of the points ledger.
 *
 * It keeps no state between steps. To answer anything it replays the whole
 * list of accepted events from scratch, in plain integer arithmetic (points
 * at scale 0, money in minor units), with its own lot bookkeeping. It shares
 * only the two calendar calculators (`computeLotExpiry`,
 * `computePendingUntil`) with the engine; those have their own properties in
 * every listed time zone. The simulation compares its answers with the
 * engine's after every step.
 */
import { computeLotExpiry, computePendingUntil, type Program } from '../../src/index.js';

/** One command of the workload (all amounts integers; money in minor units). */
export type SimCommand =
  | {
      type: 'earn';
      member: string;
      key: string;
      orderId: string;
      points: number;
      orderCents: number;
    }
  | { type: 'return'; member: string; returnId: string; orderId: string; cents: number }
  | { type: 'redeem'; member: string; key: string; points: number }
  | { type: 'reserve'; member: string; holdId: string; points: number }
  | { type: 'capture'; member: string; holdId: string }
  | { type: 'release'; member: string; holdId: string }
  | { type: 'adjust'; member: string; key: string; points: number }
  | { type: 'transfer'; from: string; to: string; transferId: string; points: number };

/** A command at an instant (epoch ms). */
export interface SimEvent {
  readonly t: number;
  readonly command: SimCommand;
}

/** What the model expects of a command: accepted (`ok`, maybe a replay) or a reason code. */
export type ModelOutcome = 'ok' | string;

/** A member's figures as of an instant. */
export interface ModelBalance {
  available: number;
  pending: number;
  held: number;
  debt: number;
}

interface MLot {
  id: string;
  orderId: string | null;
  remaining: number;
  created: number;
  pendingUntil: number;
  /** Expiry fixed at creation (rolling, fixedDate, never); inactivity lots compute theirs. */
  fixedExpiry: number | null;
}
interface MHold {
  id: string;
  points: number;
  expiresAt: number;
  taken: { lot: MLot; n: number }[];
  status: 'active' | 'captured' | 'released' | 'timedOut';
}
interface MMember {
  lots: MLot[];
  holds: MHold[];
  debt: number;
  activity: number[];
  seen: Map<string, string>;
}

/** Calendar results are pure functions of (program, instant): memoised across replays. */
const calendar = new WeakMap<Program, Map<number, number | null>>();
function expiresAtFrom(program: Program, t: number): number | null {
  let cache = calendar.get(program);
  if (!cache) {
    cache = new Map();
    calendar.set(program, cache);
  }
  let v = cache.get(t);
  if (v === undefined) {
    v = computeLotExpiry(program, t).expiresAt;
    cache.set(t, v);
  }
  return v;
}

class World {
  readonly members = new Map<string, MMember>();
  readonly orders = new Map<
    string,
    { member: string; earned: number; cents: number; returned: number; due: number }
  >();
  constructor(readonly program: Program) {}

  m(id: string): MMember {
    let m = this.members.get(id);
    if (!m) {
      m = { lots: [], holds: [], debt: 0, activity: [], seen: new Map() };
      this.members.set(id, m);
    }
    return m;
  }

  expiryOf(m: MMember, lot: MLot): number | null {
    if (this.program.points.expiry.kind !== 'inactivity') return lot.fixedExpiry;
    let deadline = expiresAtFrom(this.program, lot.created)!;
    for (const a of m.activity) {
      if (a <= lot.created) continue;
      if (a < deadline) deadline = expiresAtFrom(this.program, a)!;
      else break;
    }
    return deadline;
  }

  alive(m: MMember, lot: MLot, t: number): boolean {
    const e = this.expiryOf(m, lot);
    return e === null || t < e;
  }

  spendOrder(m: MMember, lots: MLot[]): MLot[] {
    const keyed = lots.map((l) => ({ l, k: this.expiryOf(m, l) ?? Number.POSITIVE_INFINITY }));
    keyed.sort((a, b) => a.k - b.k || a.l.created - b.l.created || (a.l.id < b.l.id ? -1 : 1));
    return keyed.map((x) => x.l);
  }

  availableLots(m: MMember, t: number): MLot[] {
    return this.spendOrder(
      m,
      m.lots.filter((l) => l.remaining > 0 && t >= l.pendingUntil && this.alive(m, l, t)),
    );
  }

  pendingLots(m: MMember, t: number): MLot[] {
    return this.spendOrder(
      m,
      m.lots.filter((l) => l.remaining > 0 && t < l.pendingUntil && this.alive(m, l, t)),
    );
  }

  take(lots: MLot[], n: number): { lot: MLot; n: number }[] {
    const out: { lot: MLot; n: number }[] = [];
    for (const lot of lots) {
      if (n === 0) break;
      const k = Math.min(n, lot.remaining);
      if (k === 0) continue;
      lot.remaining -= k;
      n -= k;
      out.push({ lot, n: k });
    }
    return out;
  }

  credit(m: MMember, lot: Omit<MLot, 'remaining'>, n: number): MLot {
    const settle = Math.min(m.debt, n);
    m.debt -= settle;
    const full: MLot = { ...lot, remaining: n - settle };
    m.lots.push(full);
    return full;
  }

  restore(m: MMember, hold: MHold, at: number): void {
    for (const { lot, n } of hold.taken) {
      const settle = this.alive(m, lot, at) ? Math.min(m.debt, n) : 0;
      m.debt -= settle;
      lot.remaining += n - settle;
    }
  }

  /** Releases every hold that timed out by `t`, oldest timeout first, across all members. */
  timeouts(t: number): void {
    for (const m of this.members.values()) {
      const due = m.holds
        .filter((h) => h.status === 'active' && h.expiresAt <= t)
        .sort((a, b) => a.expiresAt - b.expiresAt || (a.id < b.id ? -1 : 1));
      for (const h of due) {
        this.restore(m, h, h.expiresAt);
        h.status = 'timedOut';
      }
    }
  }

  expiry(t: number): { fixedExpiry: number | null } {
    return { fixedExpiry: expiresAtFrom(this.program, t) };
  }

  once(m: MMember, id: string, content: string): 'new' | 'replay' | 'conflict' {
    const before = m.seen.get(id);
    if (before === undefined) return 'new';
    return before === content ? 'replay' : 'conflict';
  }

  apply(ev: SimEvent): ModelOutcome {
    const { t, command: c } = ev;
    this.timeouts(t);
    const pts = this.program.points;
    switch (c.type) {
      case 'earn': {
        const m = this.m(c.member);
        const content = `${c.orderId}|${c.points}|${c.orderCents}`;
        const seen = this.once(m, `earn:${c.key}`, content);
        if (seen !== 'new') return seen === 'replay' ? 'ok' : 'IDEMPOTENCY_CONFLICT';
        m.seen.set(`earn:${c.key}`, content);
        m.activity.push(t);
        this.credit(
          m,
          {
            id: `earn:${c.key}`,
            orderId: c.orderId,
            created: t,
            pendingUntil: computePendingUntil(this.program, t),
            ...this.expiry(t),
          },
          c.points,
        );
        const o = this.orders.get(c.orderId) ?? {
          member: c.member,
          earned: 0,
          cents: c.orderCents,
          returned: 0,
          due: 0,
        };
        o.earned += c.points;
        this.orders.set(c.orderId, o);
        return 'ok';
      }
      case 'redeem':
      case 'reserve': {
        const m = this.m(c.member);
        const id = c.type === 'redeem' ? `redeem:${c.key}` : `hold:${c.holdId}`;
        const content = `${c.points}`;
        const seen = this.once(m, id, content);
        if (seen !== 'new') return seen === 'replay' ? 'ok' : 'IDEMPOTENCY_CONFLICT';
        const lots = this.availableLots(m, t);
        if (lots.reduce((s, l) => s + l.remaining, 0) < c.points) return 'INSUFFICIENT_POINTS';
        m.seen.set(id, content);
        const taken = this.take(lots, c.points);
        if (c.type === 'redeem') m.activity.push(t);
        else
          m.holds.push({
            id: c.holdId,
            points: c.points,
            expiresAt: t + pts.holds.timeoutMinutes * 60_000,
            taken,
            status: 'active',
          });
        return 'ok';
      }
      case 'capture': {
        const m = this.m(c.member);
        const h = m.holds.find((x) => x.id === c.holdId);
        if (!h) return 'HOLD_NOT_FOUND';
        if (h.status === 'captured') return 'ok';
        if (h.status === 'timedOut') return 'HOLD_EXPIRED';
        if (h.status === 'released') return 'HOLD_ALREADY_RESOLVED';
        h.status = 'captured';
        m.activity.push(t);
        return 'ok';
      }
      case 'release': {
        const m = this.m(c.member);
        const h = m.holds.find((x) => x.id === c.holdId);
        if (!h) return 'HOLD_NOT_FOUND';
        if (h.status === 'captured') return 'HOLD_ALREADY_RESOLVED';
        if (h.status === 'active') {
          this.restore(m, h, t);
          h.status = 'released';
        }
        return 'ok';
      }
      case 'return': {
        const m = this.m(c.member);
        const content = `${c.orderId}|${c.cents}`;
        const seen = this.once(m, `clawback:${c.returnId}`, content);
        if (seen !== 'new') return seen === 'replay' ? 'ok' : 'IDEMPOTENCY_CONFLICT';
        const o = this.orders.get(c.orderId);
        if (!o || o.member !== c.member) return 'NOTHING_TO_CLAW_BACK';
        if (o.returned + c.cents > o.cents) return 'RETURN_EXCEEDS_ORDER';
        m.seen.set(`clawback:${c.returnId}`, content);
        o.returned += c.cents;
        const target =
          o.returned === o.cents ? o.earned : Math.floor((o.earned * o.returned) / o.cents);
        let left = target - o.due;
        o.due = target;
        const mine = (l: MLot) => l.orderId === c.orderId;
        const sources = [this.pendingLots(m, t).filter(mine)];
        if (pts.returns !== 'pendingOnly') {
          const av = this.availableLots(m, t);
          sources.push(
            av.filter(mine),
            av.filter((l) => !mine(l)),
          );
        }
        if (pts.returns === 'allowDebt')
          sources.push(this.pendingLots(m, t).filter((l) => !mine(l)));
        for (const lots of sources) left -= this.take(lots, left).reduce((s, x) => s + x.n, 0);
        if (pts.returns === 'allowDebt') m.debt += left;
        return 'ok';
      }
      case 'adjust': {
        const m = this.m(c.member);
        const content = `${c.points}`;
        const seen = this.once(m, `adjust:${c.key}`, content);
        if (seen !== 'new') return seen === 'replay' ? 'ok' : 'IDEMPOTENCY_CONFLICT';
        if (c.points > 0) {
          m.seen.set(`adjust:${c.key}`, content);
          m.activity.push(t);
          this.credit(
            m,
            {
              id: `adjust:${c.key}`,
              orderId: null,
              created: t,
              pendingUntil: t,
              ...this.expiry(t),
            },
            c.points,
          );
          return 'ok';
        }
        const want = -c.points;
        const av = this.availableLots(m, t);
        const allowDebt = pts.returns === 'allowDebt';
        if (av.reduce((s, l) => s + l.remaining, 0) < want && !allowDebt)
          return 'INSUFFICIENT_POINTS';
        m.seen.set(`adjust:${c.key}`, content);
        let left = want - this.take(av, want).reduce((s, x) => s + x.n, 0);
        left -= this.take(this.pendingLots(m, t), left).reduce((s, x) => s + x.n, 0);
        m.debt += left;
        return 'ok';
      }
      case 'transfer': {
        if (!pts.transfers.allowed) return 'TRANSFER_NOT_ALLOWED';
        if (c.from === c.to) return 'SELF_TRANSFER';
        const from = this.m(c.from);
        const to = this.m(c.to);
        const content = `${c.points}|${c.from}|${c.to}`;
        const seen = this.once(from, `transfer:${c.transferId}`, content);
        if (seen !== 'new') return seen === 'replay' ? 'ok' : 'IDEMPOTENCY_CONFLICT';
        if (c.points < pts.transfers.minPoints) return 'BELOW_MINIMUM';
        if (pts.transfers.maxPoints !== undefined && c.points > pts.transfers.maxPoints)
          return 'ABOVE_MAXIMUM';
        const lots = this.availableLots(from, t);
        if (lots.reduce((s, l) => s + l.remaining, 0) < c.points) return 'INSUFFICIENT_POINTS';
        from.seen.set(`transfer:${c.transferId}`, content);
        to.seen.set(`transfer:${c.transferId}`, content);
        const taken = this.take(lots, c.points);
        from.activity.push(t);
        to.activity.push(t);
        taken.forEach(({ lot, n }, i) => {
          this.credit(
            to,
            {
              id: `transfer_in:${c.transferId}#${i}`,
              orderId: null,
              created: t,
              pendingUntil: t,
              fixedExpiry: lot.fixedExpiry,
            },
            n,
          );
        });
        return 'ok';
      }
    }
  }

  balance(member: string, t: number): ModelBalance {
    this.timeouts(t);
    const m = this.m(member);
    const live = m.lots.filter((l) => l.remaining > 0 && this.alive(m, l, t));
    return {
      available: live.filter((l) => t >= l.pendingUntil).reduce((s, l) => s + l.remaining, 0),
      pending: live.filter((l) => t < l.pendingUntil).reduce((s, l) => s + l.remaining, 0),
      held: m.holds.filter((h) => h.status === 'active').reduce((s, h) => s + h.points, 0),
      debt: m.debt,
    };
  }
}

/**
 * Replays `accepted` from scratch, then evaluates `candidate` (if any) and
 * reads every member's balance at `now`. Throws if an accepted event is
 * refused on replay (the model and its own history disagree).
 */
export function audit(
  program: Program,
  accepted: readonly SimEvent[],
  candidate: SimEvent | null,
  members: readonly string[],
  now: number,
): { outcome: ModelOutcome | null; balances: Map<string, ModelBalance> } {
  const world = new World(program);
  for (const ev of accepted) {
    const o = world.apply(ev);
    if (o !== 'ok') throw new Error(`auditor: accepted event refused on replay (${o})`);
  }
  const outcome = candidate ? world.apply(candidate) : null;
  const balances = new Map(members.map((m) => [m, world.balance(m, now)] as const));
  return { outcome, balances };
}
