import { describe, expect, it } from 'vitest';
import { generateCardNumber, isUuid, ledgerEntryId, luhnCheckDigit, uuidv7 } from './ids.js';

describe('ids', () => {
  it('uuidv7 ids are valid and strictly increasing, even within one millisecond or with a clock step back', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    const ids = [
      ...Array.from({ length: 5000 }, () => uuidv7(at)),
      uuidv7(new Date(at.getTime() - 1000)),
      uuidv7(new Date(at.getTime() + 10_000)),
    ];
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
    expect(ids.every(isUuid)).toBe(true);
    expect(ids[0]![14]).toBe('7');
  });

  it('ledger entry ids are deterministic and differ by program, source and key', () => {
    expect(ledgerEntryId('p', 's', 'k')).toBe(ledgerEntryId('p', 's', 'k'));
    const variants = new Set([
      ledgerEntryId('p', 's', 'k'),
      ledgerEntryId('q', 's', 'k'),
      ledgerEntryId('p', 't', 'k'),
      ledgerEntryId('p', 's', 'l'),
      ledgerEntryId('p', 'sk', ''),
    ]);
    expect(variants.size).toBe(5);
  });

  it.each([
    ['7992739871', 3],
    ['0', 0],
    ['4111111111111111'.slice(0, 15), 1],
  ])('luhn check digit of %s is %i', (digits, check) => {
    expect(luhnCheckDigit([...digits].map(Number))).toBe(check);
  });

  it('card numbers are 16 digits with a valid Luhn digit', () => {
    for (let i = 0; i < 200; i++) {
      const n = generateCardNumber();
      expect(n).toMatch(/^[1-9]\d{15}$/);
      expect(luhnCheckDigit([...n.slice(0, 15)].map(Number))).toBe(Number(n[15]));
    }
  });
});
