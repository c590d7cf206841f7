import { Decimal as GlobalDecimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { minorUnits } from './currency.js';
import { Decimal, toDecimal } from './decimal.js';

describe('toDecimal', () => {
  it.each(['12.50', '-3', '0', '+1.5', '.5', ' 7 '])('accepts %j', (s) => {
    expect(toDecimal(s).eq(new Decimal(s.trim()))).toBe(true);
  });
  it.each(['1e3', 'NaN', 'Infinity', '', '1,000.00', '0x10', 'abc', '1.2.3'])('refuses %j', (s) => {
    expect(() => toDecimal(s)).toThrow(TypeError);
  });
  it('refuses non-finite numbers and accepts finite ones exactly as written', () => {
    expect(() => toDecimal(Number.NaN)).toThrow(TypeError);
    expect(() => toDecimal(Number.POSITIVE_INFINITY)).toThrow(TypeError);
    expect(toDecimal(0.1).plus(toDecimal(0.2)).toString()).toBe('0.3');
  });
  it('keeps 40 significant digits and never uses exponent notation', () => {
    expect(new Decimal('1').div(3).toString()).toBe(`0.${'3'.repeat(40)}`);
    expect(new Decimal('1e-20').toString()).toBe('0.00000000000000000001');
  });
  it('does not touch the global decimal.js settings', () => {
    expect(GlobalDecimal.precision).toBe(20);
  });
  it('knows currency minor units', () => {
    expect(minorUnits('CNY')).toBe(2);
    expect(minorUnits('JPY')).toBe(0);
    expect(minorUnits('KWD')).toBe(3);
  });
});
