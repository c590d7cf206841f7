import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { assignTier } from './assignTier.js';
import { evaluateTier } from './evaluateTier.js';
import { reviewTier } from './reviewTier.js';
import { daily, NONE, stateOf, tierProgram } from './tiersTestKit.js';

const p = tierProgram();
const enrolled = '2024-01-10T10:00:00-05:00';
const now = '2025-03-01T12:00:00-05:00';
const until = '2025-06-01T00:00:00-04:00';

describe('assignTier: manual assignment (L6)', () => {
  it('a status match pins platinum (fixed) until its end, effective now', () => {
    const r = assignTier(p, {
      state: stateOf(p, enrolled, 'silver'),
      tierId: 'platinum',
      mode: 'fixed',
      reason: 'status_match',
      until,
      now,
      note: 'matched Airline Gold',
    });
    expect(r.code).toBe('MANUAL_ASSIGNED');
    expect(r.tierId).toBe('platinum');
    expect(r.effectiveAt).toBe(Date.parse(now));
    expect(r.couponsToIssue).toEqual([]);
    expect(r.state.manual).toMatchObject({
      tierId: 'platinum',
      mode: 'fixed',
      reason: 'status_match',
      note: 'matched Airline Gold',
      previous: { tierId: 'silver' },
    });
    expect(r.benefits.gained.map((b) => b.kind)).toContain('exclusive_sku');
  });

  it('a floor never lowers the member: gold floor on a platinum member changes nothing now', () => {
    const r = assignTier(p, {
      state: stateOf(p, enrolled, 'platinum'),
      tierId: 'gold',
      mode: 'floor',
      reason: 'invitation',
      until,
      now,
    });
    expect(r.tierId).toBe('platinum');
    expect(r.changed).toBe(false);
  });

  it('a fixed assignment may lower the tier (a correction)', () => {
    const r = assignTier(p, {
      state: stateOf(p, enrolled, 'gold'),
      tierId: 'member',
      mode: 'fixed',
      reason: 'correction',
      until,
      now,
    });
    expect(r.tierId).toBe('member');
    expect(r.benefits.lost.length).toBeGreaterThan(0);
  });

  it('a floor lets the member rise above it at once', () => {
    const a = assignTier(p, {
      state: stateOf(p, enrolled),
      tierId: 'silver',
      mode: 'floor',
      reason: 'invitation',
      until,
      now,
    });
    const r = evaluateTier(p, {
      state: a.state,
      activity: daily(['2025-04-01', '1000']),
      now: '2025-04-01T12:00:00-04:00',
    });
    expect(r.tierId).toBe('gold');
  });

  it('a floor holds at reviews until its end', () => {
    const a = assignTier(p, {
      state: stateOf(p, enrolled, 'gold', '2025-01-02T00:00:00-05:00'),
      tierId: 'gold',
      mode: 'floor',
      reason: 'invitation',
      until: '2026-06-01T00:00:00-04:00',
      now,
    });
    const r = reviewTier(p, { state: a.state, activity: NONE, now: '2026-01-01T00:00:00-05:00' });
    expect(r.code).toBe('MANUAL_FLOOR_HELD');
    expect(r.tierId).toBe('gold');
  });

  it.each([
    [
      'retention of the manual tier met over the window as of the end: kept',
      daily(['2025-04-01', '2600']),
      'KEPT_BY_RETENTION',
      'platinum',
    ],
    [
      'not met and own activity below the tier held before: previous restored',
      daily(['2025-04-01', '100']),
      'RESTORED_PREVIOUS',
      'silver',
    ],
    [
      'not met but own activity reaches gold: gold',
      daily(['2025-04-01', '1200']),
      'RECOMPUTED',
      'gold',
    ],
  ])('at the end: %s', (_name, activity, outcome, tierId) => {
    const a = assignTier(p, {
      state: stateOf(p, enrolled, 'silver', '2024-03-01T00:00:00-05:00'),
      tierId: 'platinum',
      mode: 'fixed',
      reason: 'status_match',
      until,
      now,
    });
    const r = reviewTier(p, { state: a.state, activity, now: until });
    expect(r.reasons[0]).toMatchObject({
      code: 'MANUAL_ENDED',
      outcome,
      toTierId: tierId,
      window: { kind: 'manual', from: '2025-01-01', to: '2025-06-01' },
    });
    expect(r.tierId).toBe(tierId);
    expect(r.state.manual).toBeNull();
    if (outcome === 'RESTORED_PREVIOUS')
      expect(r.state.since).toBe(Date.parse('2024-03-01T00:00:00-05:00'));
  });

  it('at the end of a floor the member has risen above: nothing changes', () => {
    const a = assignTier(p, {
      state: stateOf(p, enrolled),
      tierId: 'silver',
      mode: 'floor',
      reason: 'invitation',
      until,
      now,
    });
    const up = evaluateTier(p, {
      state: a.state,
      activity: daily(['2025-04-01', '1000']),
      now: '2025-04-01T12:00:00-04:00',
    });
    const r = reviewTier(p, {
      state: up.state,
      activity: daily(['2025-04-01', '1000']),
      now: until,
    });
    expect(r.reasons[0]).toMatchObject({ code: 'MANUAL_ENDED', outcome: 'ALREADY_ABOVE' });
    expect(r.tierId).toBe('gold');
  });

  it('a new assignment keeps the tier held before the first', () => {
    const a = assignTier(p, {
      state: stateOf(p, enrolled, 'silver'),
      tierId: 'gold',
      mode: 'fixed',
      reason: 'status_match',
      until,
      now,
    });
    const b = assignTier(p, {
      state: a.state,
      tierId: 'platinum',
      mode: 'fixed',
      reason: 'invitation',
      until,
      now,
    });
    expect(b.state.manual?.previous.tierId).toBe('silver');
  });

  it.each([
    ['an unknown tier', { tierId: 'diamond' }, 'unknown_tier'],
    ['an end not after now', { until: now }, 'not_after_now'],
    ['an unknown mode', { mode: 'soft' }, 'invalid_value'],
    ['an unknown reason', { reason: 'bribe' }, 'invalid_value'],
  ])('refuses %s', (_name, patch, code) => {
    const input = {
      state: stateOf(p, enrolled),
      tierId: 'gold',
      mode: 'fixed',
      reason: 'status_match',
      until,
      now,
      ...patch,
    };
    try {
      assignTier(p, input as Parameters<typeof assignTier>[1]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).issues[0]?.code).toBe(code);
    }
  });
});
