import { describe, expect, it } from 'vitest';
import { ProgramConfigError } from '../errors.js';
import { programJsonSchema } from './jsonSchema.js';
import { defineProgram, parseProgram } from './parseProgram.js';

const minimal = { id: 'demo', version: 1, currency: 'CNY', timeZone: 'Asia/Shanghai' };

describe('parseProgram', () => {
  it('accepts a minimal program and fills every default', () => {
    const result = parseProgram(minimal);
    expect(result.success).toBe(true);
    if (!result.success) return;
    expect(result.program.rounding).toEqual({
      points: { mode: 'FLOOR', scale: 0, step: 'order' },
      money: { mode: 'HALF_EVEN' },
    });
    expect(result.program.promotions).toEqual([]);
    expect(Object.isFrozen(result.program)).toBe(true);
  });

  it('lists every problem by path, not only the first', () => {
    const result = parseProgram({
      id: '',
      version: 0,
      currency: 'XXX',
      timeZone: 'Mars/Olympus',
      effectiveFrom: '2026-01-01',
      rounding: { points: { mode: 'SIDEWAYS', scale: 9 } },
      surprise: true,
    });
    expect(result.success).toBe(false);
    if (result.success) return;
    const paths = result.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining([
        'id',
        'version',
        'currency',
        'timeZone',
        'effectiveFrom',
        'rounding.points.mode',
        'rounding.points.scale',
        '',
      ]),
    );
    for (const issue of result.issues) {
      expect(issue.code).toMatch(/^[a-z_]+$/);
      expect(issue.message.length).toBeGreaterThan(0);
    }
  });

  it.each(['NaN', 'Infinity', '1e5', '', 'x'])(
    'refuses the amount %j in a non-negative or positive field with an issue, never a throw (server fuzz regression)',
    (bad) => {
      const r = parseProgram({
        id: 'p',
        version: 1,
        currency: 'USD',
        timeZone: 'UTC',
        earning: { rate: { points: bad, per: bad } },
      });
      expect(r.success).toBe(false);
      if (!r.success) {
        expect(r.issues.map((i) => i.path.join('.'))).toEqual(
          expect.arrayContaining(['earning.rate.points', 'earning.rate.per']),
        );
      }
    },
  );

  it('refuses non-objects with a typed issue', () => {
    for (const input of [null, 42, 'program', []]) {
      const r = parseProgram(input);
      expect(r.success).toBe(false);
    }
  });

  it('defineProgram throws ProgramConfigError carrying every issue', () => {
    try {
      defineProgram({ ...minimal, currency: 'XXX', timeZone: 'Nowhere' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ProgramConfigError);
      expect((e as ProgramConfigError).issues.map((i) => i.path.join('.'))).toEqual([
        'currency',
        'timeZone',
      ]);
      expect((e as Error).message).toContain('currency');
    }
  });

  it('turns instants into epoch milliseconds', () => {
    const p = defineProgram({ ...minimal, effectiveFrom: '2026-01-01T00:00:00+08:00' });
    expect(p.effectiveFrom).toBe(Date.UTC(2025, 11, 31, 16));
  });
});

describe('programJsonSchema', () => {
  it('is a draft 2020-12 object schema describing the input, with defaults', () => {
    const schema = programJsonSchema() as {
      $schema: string;
      type: string;
      required: string[];
      properties: Record<string, unknown>;
    };
    expect(schema.$schema).toContain('2020-12');
    expect(schema.type).toBe('object');
    expect(schema.required).toEqual(
      expect.arrayContaining(['id', 'version', 'currency', 'timeZone']),
    );
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining([
        'earning',
        'points',
        'tiers',
        'promotions',
        'couponTemplates',
        'rounding',
      ]),
    );
    expect(JSON.stringify(schema)).not.toContain('"type":"any"');
  });
});
