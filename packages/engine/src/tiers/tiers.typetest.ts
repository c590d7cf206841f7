import { expectTypeOf, test } from 'vitest';
import type { TierReason } from './reasons.js';
import type { TierResult } from './result.js';
import type { ManualMode, TierState } from './state.js';

test('reasons are a discriminated union with data', () => {
  const reason = {} as TierReason;
  if (reason.code === 'DOWNGRADED') {
    expectTypeOf(reason.policy).toEqualTypeOf<'one_down' | 'recompute'>();
    expectTypeOf(reason.via).toEqualTypeOf<'review' | 'grace_end'>();
  }
  if (reason.code === 'UPGRADE_STANDS') {
    expectTypeOf(reason.why).toEqualTypeOf<
      'REVERSAL_DISABLED' | 'REVERSAL_PERIOD_OVER' | 'ENTRY_STILL_MET'
    >();
  }
  // @ts-expect-error a reason code that does not exist
  const unknown: TierReason['code'] = 'TIER_UNCHANGED';
  // @ts-expect-error UPGRADED carries its data
  const bare: TierReason = { code: 'UPGRADED' };
  expectTypeOf([unknown, bare]).not.toBeAny();
});

test('a persisted state holds epoch milliseconds and known modes only', () => {
  expectTypeOf<TierState['since']>().toEqualTypeOf<number>();
  expectTypeOf<TierResult['effectiveAt']>().toEqualTypeOf<number | null>();
  // @ts-expect-error only fixed or floor
  const soft: ManualMode = 'soft';
  expectTypeOf(soft).toBeString();
});
