/**
 * Seeded multi-year simulation: a random history of purchases with earn,
 * partial and full returns, redemptions, holds (reserve, capture, release,
 * timeouts), manual adjustments, transfers and vest/expire sweeps at random
 * times, run through the engine AND the auditor (`model.ts`), compared after
 * every step. A divergence throws with the seed that replays it.
 */
import {
  adjustPoints,
  balanceOf,
  captureHold,
  checkAccountInvariants,
  clawBackReturn,
  defineProgram,
  earnPoints,
  type LedgerReason,
  openAccount,
  type PointsAccount,
  type Program,
  redeemPoints,
  releaseHold,
  reservePoints,
  sum,
  sweepAccount,
  transferPoints,
} from '../../src/index.js';
import { ZONES } from '../zones.js';
import { audit, type SimCommand, type SimEvent } from './model.js';
import { Rng } from './rng.js';

const EXPIRY = [
  { kind: 'never' },
  { kind: 'rolling', amount: 90, unit: 'day', roundUpTo: 'day' },
  { kind: 'rolling', amount: 12, unit: 'month', roundUpTo: 'month' },
  { kind: 'rolling', amount: 45, unit: 'day' },
  { kind: 'fixedDate', monthDay: '12-31', yearsAfter: 1 },
  { kind: 'fixedDate', monthDay: '02-29', yearsAfter: 0 },
  { kind: 'inactivity', amount: 120, unit: 'day', roundUpTo: 'day' },
];
const PENDING = [
  { amount: 0, unit: 'day' },
  { amount: 14, unit: 'day' },
  { amount: 36, unit: 'hour' },
];

/** The program of a seed: zone, pending, expiry, return policy and transfers all drawn from it. */
export function simProgram(rng: Rng): Program {
  return defineProgram({
    id: 'sim',
    version: 1,
    currency: 'USD',
    timeZone: rng.pick(ZONES),
    points: {
      pending: rng.pick(PENDING),
      expiry: rng.pick(EXPIRY),
      returns: rng.pick(['pendingOnly', 'withinBalance', 'allowDebt']),
      transfers: rng.chance(0.8)
        ? { allowed: true, minPoints: 5, maxPoints: 400 }
        : { allowed: false },
      holds: { timeoutMinutes: rng.pick([5, 30, 240]) },
    },
  });
}

/** Options of a run; `mutate` alters the command the engine sees (canary only). */
export interface SimOptions {
  readonly steps: number;
  readonly mutate?: (command: SimCommand, step: number) => SimCommand;
}

/** Statistics of a passing run. */
export interface SimStats {
  readonly seed: number;
  readonly steps: number;
  readonly years: number;
  readonly accepted: number;
  readonly refused: Record<string, number>;
  readonly entries: number;
}

const MEMBERS = ['m0', 'm1', 'm2'];
const START = Date.parse('2024-01-15T09:00:00Z');

function dollars(cents: number): string {
  return (cents / 100).toFixed(2);
}

/** Runs the engine on one command; returns the outcome code ('ok' when accepted). */
function runEngine(
  program: Program,
  accounts: Map<string, PointsAccount>,
  c: SimCommand,
  now: Date,
): 'ok' | LedgerReason['code'] {
  if (c.type === 'transfer') {
    const r = transferPoints(
      program,
      accounts.get(c.from)!,
      accounts.get(c.to)!,
      { transferId: c.transferId, points: c.points },
      now,
    );
    if (!r.ok) return r.reason.code;
    accounts.set(c.from, r.from);
    accounts.set(c.to, r.to);
    return 'ok';
  }
  const a = accounts.get(c.member)!;
  const r = (() => {
    switch (c.type) {
      case 'earn':
        return earnPoints(
          program,
          a,
          { key: c.key, orderId: c.orderId, points: c.points, orderAmount: dollars(c.orderCents) },
          now,
        );
      case 'return':
        return clawBackReturn(
          program,
          a,
          { returnId: c.returnId, orderId: c.orderId, returnedAmount: dollars(c.cents) },
          now,
        );
      case 'redeem':
        return redeemPoints(program, a, { key: c.key, points: c.points, reference: 'reward' }, now);
      case 'reserve':
        return reservePoints(
          program,
          a,
          { holdId: c.holdId, points: c.points, reference: 'cart' },
          now,
        );
      case 'capture':
        return captureHold(program, a, { holdId: c.holdId }, now);
      case 'release':
        return releaseHold(program, a, { holdId: c.holdId }, now);
      case 'adjust':
        return adjustPoints(
          program,
          a,
          { key: c.key, points: c.points, reason: 'sim', operator: 'auditor' },
          now,
        );
    }
  })();
  if (!r.ok) return r.reason.code;
  accounts.set(c.member, r.account);
  return 'ok';
}

/** Draws the next command from the workload mix. */
function nextCommand(rng: Rng, step: number, history: SimEvent[]): SimCommand {
  const member = rng.pick(MEMBERS);
  const mine = history.filter((e) => 'member' in e.command && e.command.member === member);
  const orders = mine.flatMap((e) => (e.command.type === 'earn' ? [e.command] : []));
  const holds = mine.flatMap((e) => (e.command.type === 'reserve' ? [e.command] : []));
  const roll = rng.int(1, 100);
  if (roll <= 4 && history.length > 0) return rng.pick(history).command; // duplicate delivery
  if (roll <= 30 || orders.length === 0) {
    const id = `o${step}`;
    return {
      type: 'earn',
      member,
      key: id,
      orderId: id,
      points: rng.int(1, 400),
      orderCents: rng.int(100, 50_000),
    };
  }
  if (roll <= 42) {
    const o = rng.pick(orders);
    const cents = rng.chance(0.4)
      ? o.orderCents
      : rng.int(1, Math.max(1, Math.floor(o.orderCents / 2)));
    return { type: 'return', member, returnId: `r${step}`, orderId: o.orderId, cents };
  }
  if (roll <= 58) return { type: 'redeem', member, key: `x${step}`, points: rng.int(1, 300) };
  if (roll <= 68) return { type: 'reserve', member, holdId: `h${step}`, points: rng.int(1, 200) };
  if (roll <= 76 && holds.length > 0)
    return { type: 'capture', member, holdId: rng.pick(holds).holdId };
  if (roll <= 82 && holds.length > 0)
    return { type: 'release', member, holdId: rng.pick(holds).holdId };
  if (roll <= 90) {
    const points = rng.chance(0.5) ? rng.int(1, 200) : -rng.int(1, 200);
    return { type: 'adjust', member, key: `a${step}`, points };
  }
  return {
    type: 'transfer',
    from: member,
    to: rng.pick(MEMBERS),
    transferId: `t${step}`,
    points: rng.int(1, 450),
  };
}

function fail(seed: number, step: number, message: string): never {
  throw new Error(
    `Simulation diverged at step ${step} (seed ${seed}): ${message}\nReplay with: SIM_SEED=${seed} pnpm test`,
  );
}

/** Runs one seeded history; throws (with the replay seed) on the first divergence. */
export function runSimulation(seed: number, options: SimOptions): SimStats {
  const rng = new Rng(seed);
  const program = simProgram(rng);
  const accounts = new Map(MEMBERS.map((m) => [m, openAccount(program, m)] as const));
  const accepted: SimEvent[] = [];
  const refused: Record<string, number> = {};
  let t = START;
  for (let step = 0; step < options.steps; step += 1) {
    const r = rng.int(1, 100);
    t +=
      r <= 45
        ? rng.int(0, 120) * 60_000
        : r <= 92
          ? rng.int(0, 10) * 86_400_000 + rng.int(0, 86_399) * 1000
          : rng.int(10, 60) * 86_400_000;
    const now = new Date(t);
    if (rng.chance(0.15)) {
      const member = rng.pick(MEMBERS);
      accounts.set(member, sweepAccount(program, accounts.get(member)!, now).account);
    }
    const command = nextCommand(rng, step, accepted);
    const event: SimEvent = { t, command };
    const expected = audit(program, accepted, event, MEMBERS, t);
    const seen = options.mutate ? options.mutate(command, step) : command;
    const got = runEngine(program, accounts, seen, now);
    if (got !== expected.outcome) {
      fail(
        seed,
        step,
        `${command.type} ${JSON.stringify(command)}: engine ${got}, auditor ${expected.outcome}`,
      );
    }
    if (got === 'ok') accepted.push(event);
    else refused[got] = (refused[got] ?? 0) + 1;
    for (const member of MEMBERS) {
      const account = accounts.get(member)!;
      const problems = checkAccountInvariants(account);
      if (problems.length > 0) fail(seed, step, `${member}: ${problems.join('; ')}`);
      const b = balanceOf(program, account, now);
      const m = expected.balances.get(member)!;
      const engine = [b.available, b.pending, b.held, b.debt].map(String).join('/');
      const model = [m.available, m.pending, m.held, m.debt].join('/');
      if (engine !== model)
        fail(
          seed,
          step,
          `${member} available/pending/held/debt engine ${engine}, auditor ${model}`,
        );
      if (step % 10 === 0) {
        const swept = sweepAccount(program, account, now).account;
        const after = balanceOf(program, swept, now);
        const ledgerSum = sum(swept.entries.map((e) => e.delta));
        if (!ledgerSum.eq(after.balance) || String(after.available) !== String(b.available)) {
          fail(
            seed,
            step,
            `${member}: reads differ after a sweep (sum of entries ${ledgerSum}, balance ${after.balance})`,
          );
        }
      }
    }
  }
  return {
    seed,
    steps: options.steps,
    years: (t - START) / (365.25 * 86_400_000),
    accepted: accepted.length,
    refused,
    entries: MEMBERS.reduce((n, m) => n + accounts.get(m)!.entries.length, 0),
  };
}
