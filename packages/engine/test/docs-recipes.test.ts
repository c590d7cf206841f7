import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  Decimal,
  evaluateTier,
  initialTierState,
  type Program,
  parseProgram,
  qualify,
  quote,
  reviewTier,
  type TierActivityBucket,
} from '../src/index.js';

// docs/recipes.md: every ```json program block parses with parseProgram, and
// every ```json quote / qualify / tier block runs against the program block
// before it and gives the answer shown. Expected answers are partial (only
// the fields shown are compared; arrays element by element, same length);
// decimal strings compare by value ("20.00" equals the engine's "20").
const page = readFileSync(new URL('../../../docs/recipes.md', import.meta.url), 'utf8');
const blocks = [...page.matchAll(/^```json (\w+)\n([\s\S]*?)^```$/gm)].map((m, i) => ({
  n: i + 1,
  kind: m[1]!,
  json: JSON.parse(m[2]!) as unknown,
}));

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** Where `actual` differs from the partial `expected`, as paths with both values. */
function differences(expected: unknown, actual: unknown, path = '$'): string[] {
  if (typeof expected === 'string' && typeof actual === 'string') {
    if (DECIMAL.test(expected) && DECIMAL.test(actual)) {
      return new Decimal(expected).eq(actual) ? [] : [`${path}: ${expected} != ${actual}`];
    }
    return expected === actual ? [] : [`${path}: ${expected} != ${actual}`];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) {
      return [`${path}: expected ${expected.length} items, got ${JSON.stringify(actual)}`];
    }
    return expected.flatMap((e, i) => differences(e, actual[i], `${path}[${i}]`));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') return [`${path}: missing`];
    return Object.entries(expected).flatMap(([k, v]) =>
      differences(v, (actual as Record<string, unknown>)[k], `${path}.${k}`),
    );
  }
  return Object.is(expected, actual)
    ? []
    : [`${path}: ${JSON.stringify(expected)} != ${JSON.stringify(actual)}`];
}

/** The engine's answer as JSON (Decimals as strings, as a server would send it). */
const asJson = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

interface TierStep {
  call: 'evaluateTier' | 'reviewTier';
  add?: TierActivityBucket[];
  now: string;
  event?: { kind: 'purchase' | 'return' | 'visit' | 'other'; id?: string };
  expect: unknown;
}

function runTier(program: Program, scenario: { enrolledAt: string; steps: TierStep[] }): string[] {
  let state = initialTierState(program, { enrolledAt: scenario.enrolledAt });
  const buckets: TierActivityBucket[] = [];
  return scenario.steps.flatMap((step, i) => {
    buckets.push(...(step.add ?? []));
    const activity = { buckets: [...buckets] };
    const result =
      step.call === 'evaluateTier'
        ? evaluateTier(program, {
            state,
            activity,
            now: step.now,
            ...(step.event ? { event: step.event } : {}),
          })
        : reviewTier(program, { state, activity, now: step.now });
    state = result.state;
    return differences(step.expect, asJson(result), `step ${i + 1}`);
  });
}

describe('docs/recipes.md', () => {
  it('has the six recipes, each with a program', () => {
    for (const title of [
      'Double points weekend',
      'Every 100 off 10',
      'Birthday coupon',
      'Tier price',
      'Points as payment',
      'Tier downgrade with grace',
    ]) {
      const section = page.split(`\n## ${title}\n`)[1]?.split('\n## ')[0];
      expect(section, title).toBeDefined();
      expect(section, title).toContain('```json program');
    }
    expect(blocks.filter((b) => b.kind === 'quote').length).toBeGreaterThanOrEqual(6);
    expect(blocks.filter((b) => b.kind === 'tier').length).toBeGreaterThanOrEqual(1);
  });

  let program: Program | undefined;
  it.each(blocks.map((b) => [b.n, b.kind, b] as const))('block %i (%s)', (_n, kind, block) => {
    if (kind === 'program') {
      const parsed = parseProgram(block.json);
      expect(parsed.success ? [] : parsed.issues).toEqual([]);
      program = parsed.success ? parsed.program : undefined;
      return;
    }
    expect(program, 'a program block comes first').toBeDefined();
    const p = program as Program;
    if (kind === 'quote' || kind === 'qualify') {
      const { input, result } = block.json as {
        input: Parameters<typeof quote>[1];
        result: unknown;
      };
      const answer = kind === 'quote' ? quote(p, input) : qualify(p, input);
      expect(differences(result, asJson(answer))).toEqual([]);
    } else if (kind === 'tier') {
      expect(runTier(p, block.json as { enrolledAt: string; steps: TierStep[] })).toEqual([]);
    } else {
      throw new Error(`unknown block kind json ${kind}`);
    }
  });

  it('compares decimals by value and reports what differs', () => {
    expect(differences({ a: '20.00', b: ['x'] }, { a: '20', b: ['x'], c: 1 })).toEqual([]);
    expect(differences({ a: '20.01' }, { a: '20' })).toEqual(['$.a: 20.01 != 20']);
    expect(differences({ b: ['x'] }, { b: ['x', 'y'] })).toHaveLength(1);
    expect(differences({ c: null }, { c: 0 })).toHaveLength(1);
  });
});
