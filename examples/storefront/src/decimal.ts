/**
 * The little exact arithmetic this example needs on the API's decimal
 * strings ("12.5", "-3.00"): comparison and display with a fixed
 * number of places. Scaled BigInts, never floating point, so money is never
 * off by a cent. Anything heavier belongs to the server (or @tessera/engine).
 */

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

interface Fixed {
  readonly units: bigint;
  readonly scale: number;
}

function parse(value: string): Fixed {
  const m = DECIMAL.exec(value.trim());
  if (!m) throw new RangeError(`Not a decimal number: ${JSON.stringify(value)}`);
  const fraction = m[3] ?? '';
  const units = BigInt(`${m[2]}${fraction}`);
  return { units: m[1] ? -units : units, scale: fraction.length };
}

function rescale(f: Fixed, scale: number): bigint {
  return f.units * 10n ** BigInt(scale - f.scale);
}

function print(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = scale > 0 ? `.${digits.slice(digits.length - scale)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** -1, 0 or 1 as `a` is less than, equal to or greater than `b` ("76" equals "76.00"). */
export function compareDecimals(a: string, b: string): -1 | 0 | 1 {
  const pa = parse(a);
  const pb = parse(b);
  const scale = Math.max(pa.scale, pb.scale);
  const d = rescale(pa, scale) - rescale(pb, scale);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/**
 * `value` with exactly `places` decimals ("9" -> "9.00") and thousands
 * separators. Never rounds: a value with more places than asked is shown
 * with all of them.
 */
export function formatDecimal(value: string, places: number): string {
  const p = parse(value);
  const scale = Math.max(places, p.scale);
  const text = print(rescale(p, scale), scale);
  const [whole = '0', fraction] = text.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}
