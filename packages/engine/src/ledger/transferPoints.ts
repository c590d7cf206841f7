import { InputError } from '../errors.js';
import { Decimal, type DecimalInput, ZERO } from '../money/index.js';
import type { Program } from '../program/index.js';
import type { InstantInput } from '../time/index.js';
import { computeLotExpiry } from './computeLotExpiry.js';
import { fingerprintOf, openDraft, parseContext, replayOf } from './internal/begin.js';
import { parseKey, parsePoints } from './internal/input.js';
import type { LedgerRefusal } from './reasons.js';
import type { LedgerEntry, LotAllocation, PointsAccount } from './types.js';

/** Move points from one member to another of the same program. */
export interface TransferCommand {
  /** Caller's transfer id (idempotency key) for both sides. */
  readonly transferId: string;
  readonly points: DecimalInput;
}

/** Both sides of an accepted transfer. */
export interface TransferSuccess {
  readonly ok: true;
  readonly from: PointsAccount;
  readonly to: PointsAccount;
  /** `transfer_out` (on `from`) then `transfer_in` (on `to`), after any sweep entries. */
  readonly entries: readonly LedgerEntry[];
  readonly replayed: boolean;
}

/** Outcome of a transfer. */
export type TransferResult = TransferSuccess | LedgerRefusal;

/**
 * Transfer between two members: both sides in one result, conserved
 * (`transfer_out.amount = transfer_in.amount`). The sender's available lots
 * are consumed soonest-expiring first; the recipient gets one lot per source
 * lot with the same expiry (inactivity: the recipient's new deadline), so a
 * transfer never extends a point's life. Checks, in order:
 * `TRANSFER_NOT_ALLOWED`, `SELF_TRANSFER`, replay / `IDEMPOTENCY_CONFLICT`,
 * `BELOW_MINIMUM`, `ABOVE_MAXIMUM`, `INSUFFICIENT_POINTS`.
 */
export function transferPoints(
  program: Program,
  from: PointsAccount,
  to: PointsAccount,
  command: TransferCommand,
  now: InstantInput,
): TransferResult {
  const nowMs = parseContext(program, from, now);
  parseContext(program, to, now);
  const transferId = parseKey(command.transferId, 'transferId');
  const points = parsePoints(program, command.points, 'points');
  const policy = program.points.transfers;
  if (!policy.allowed) return { ok: false, reason: { code: 'TRANSFER_NOT_ALLOWED' } };
  if (from.accountId === to.accountId) {
    return { ok: false, reason: { code: 'SELF_TRANSFER', accountId: from.accountId } };
  }
  const outPrint = fingerprintOf('transfer_out', [points, to.accountId]);
  const inPrint = fingerprintOf('transfer_in', [points, from.accountId]);
  const outReplay = replayOf(from, 'transfer_out', transferId, outPrint);
  const inReplay = replayOf(to, 'transfer_in', transferId, inPrint);
  if (outReplay || inReplay) {
    if (outReplay && !outReplay.ok) return outReplay;
    if (inReplay && !inReplay.ok) return inReplay;
    if (!outReplay?.ok || !inReplay?.ok) {
      throw new InputError([
        {
          path: ['transferId'],
          code: 'partial_transfer',
          message: 'Only one side of this transfer is on the accounts',
        },
      ]);
    }
    return {
      ok: true,
      from,
      to,
      entries: [...outReplay.entries, ...inReplay.entries],
      replayed: true,
    };
  }
  const minimum = new Decimal(policy.minPoints);
  if (points.lt(minimum))
    return { ok: false, reason: { code: 'BELOW_MINIMUM', minimum, requested: points } };
  if (policy.maxPoints !== undefined && points.gt(policy.maxPoints)) {
    const maximum = new Decimal(policy.maxPoints);
    return { ok: false, reason: { code: 'ABOVE_MAXIMUM', maximum, requested: points } };
  }

  const sender = openDraft(program, from, nowMs);
  const available = sender.available();
  if (available.lt(points)) {
    return { ok: false, reason: { code: 'INSUFFICIENT_POINTS', requested: points, available } };
  }
  const receiver = openDraft(program, to, nowMs);
  const taken = sender.take(points, sender.availableLots());
  sender.touchActivity();
  sender.post('transfer_out', transferId, {
    amount: points,
    delta: points.negated(),
    cause: { type: 'transfer', transferId, counterpartyAccountId: to.accountId },
    fingerprint: outPrint,
    allocations: taken.allocations,
  });
  receiver.touchActivity();
  const inactivity =
    program.points.expiry.kind === 'inactivity' ? computeLotExpiry(program, nowMs) : null;
  const credited: LotAllocation[] = [];
  let settled = ZERO;
  taken.allocations.forEach((a, i) => {
    const source = sender.lot(a.lotId);
    const lotId = `transfer_in:${transferId}#${i}`;
    const { lot, settled: s } = receiver.addLot(
      {
        id: lotId,
        source: 'transfer_in',
        orderId: null,
        createdAt: nowMs,
        pendingUntil: nowMs,
        expiresAt: inactivity ? inactivity.expiresAt : source.expiresAt,
        expiresOn: inactivity ? inactivity.expiresOn : source.expiresOn,
      },
      a.amount,
    );
    settled = settled.plus(s);
    credited.push({ lotId, amount: lot.amount });
  });
  receiver.post('transfer_in', transferId, {
    amount: points,
    delta: points,
    cause: { type: 'transfer', transferId, counterpartyAccountId: from.accountId },
    fingerprint: inPrint,
    allocations: credited,
    debtChange: settled.negated(),
  });
  return {
    ok: true,
    from: sender.finish(),
    to: receiver.finish(),
    entries: Object.freeze([...sender.posted, ...receiver.posted]),
    replayed: false,
  };
}
