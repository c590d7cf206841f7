import { InputError, type Issue } from '../errors.js';
import {
  compare,
  type Decimal,
  type DecimalInput,
  multiply,
  subtract,
  toDecimal,
  ZERO,
} from '../money/decimal.js';

/** What a line is; non-product kinds are typically excluded from earning and discounts. */
export const LINE_KINDS = [
  'product',
  'service',
  'gift_card',
  'shipping',
  'tax',
  'deposit',
] as const;
export type LineKind = (typeof LINE_KINDS)[number];

/** A cart or purchase line as a caller sends it. */
export interface CartLineInput {
  /** Unique within the cart/purchase. */
  readonly id: string;
  readonly sku: string;
  /** Category ids, most specific first; rules match any of them. */
  readonly categories?: readonly string[];
  /** Positive; may be fractional for goods sold by weight. */
  readonly quantity: DecimalInput;
  /** Price of one unit before any discount, >= 0. */
  readonly unitPrice: DecimalInput;
  /** Discount already applied to the whole line by the caller (not by Tessera), 0 <= discount <= gross. */
  readonly discount?: DecimalInput;
  /** Default `product`. */
  readonly kind?: LineKind;
}

/** A normalised line: every amount a Decimal, totals precomputed. */
export interface CartLine {
  readonly id: string;
  readonly sku: string;
  readonly categories: readonly string[];
  readonly quantity: Decimal;
  readonly unitPrice: Decimal;
  readonly discount: Decimal;
  readonly kind: LineKind;
  /** quantity x unitPrice */
  readonly gross: Decimal;
  /** gross - discount */
  readonly net: Decimal;
}

/** Most lines a cart or purchase may have. */
export const MAX_LINES = 500;

function decimalField(
  value: DecimalInput | undefined,
  linePath: (string | number)[],
  field: string,
  issues: Issue[],
): Decimal | undefined {
  if (value === undefined) return undefined;
  try {
    return toDecimal(value);
  } catch {
    issues.push({
      path: [...linePath, field],
      code: 'invalid_decimal',
      message: 'Expected a plain decimal amount',
    });
    return undefined;
  }
}

/**
 * Validates and normalises lines. Throws `InputError` listing every problem
 * (duplicate ids, negative or zero quantities, negative prices, discounts above
 * the line's gross, more than `MAX_LINES` lines).
 */
export function normalizeLines(
  lines: readonly CartLineInput[],
  basePath: (string | number)[] = ['lines'],
): CartLine[] {
  const issues: Issue[] = [];
  if (!Array.isArray(lines))
    throw new InputError([
      { path: basePath, code: 'invalid_type', message: 'Expected an array of lines' },
    ]);
  if (lines.length > MAX_LINES) {
    throw new InputError([
      { path: basePath, code: 'too_big', message: `At most ${MAX_LINES} lines` },
    ]);
  }
  const seen = new Set<string>();
  const out: CartLine[] = [];
  lines.forEach((line, i) => {
    const p = [...basePath, i];
    if (typeof line?.id !== 'string' || line.id.length === 0) {
      issues.push({
        path: [...p, 'id'],
        code: 'invalid_type',
        message: 'Line id must be a non-empty string',
      });
    } else if (seen.has(line.id)) {
      issues.push({
        path: [...p, 'id'],
        code: 'duplicate',
        message: `Duplicate line id ${line.id}`,
      });
    } else seen.add(line.id);
    if (typeof line?.sku !== 'string' || line.sku.length === 0) {
      issues.push({
        path: [...p, 'sku'],
        code: 'invalid_type',
        message: 'SKU must be a non-empty string',
      });
    }
    const quantity = decimalField(line?.quantity, p, 'quantity', issues);
    const unitPrice = decimalField(line?.unitPrice, p, 'unitPrice', issues);
    const discount = decimalField(line?.discount, p, 'discount', issues) ?? ZERO;
    if (quantity && (quantity.isZero() || quantity.isNegative()))
      issues.push({ path: [...p, 'quantity'], code: 'too_small', message: 'Quantity must be > 0' });
    if (unitPrice?.isNegative())
      issues.push({
        path: [...p, 'unitPrice'],
        code: 'too_small',
        message: 'Unit price must be >= 0',
      });
    if (discount.isNegative())
      issues.push({
        path: [...p, 'discount'],
        code: 'too_small',
        message: 'Discount must be >= 0',
      });
    const kind = line?.kind ?? 'product';
    if (!(LINE_KINDS as readonly string[]).includes(kind)) {
      issues.push({
        path: [...p, 'kind'],
        code: 'invalid_value',
        message: `Kind must be one of ${LINE_KINDS.join(', ')}`,
      });
    }
    if (quantity === undefined || unitPrice === undefined) {
      if (line?.quantity === undefined)
        issues.push({ path: [...p, 'quantity'], code: 'invalid_type', message: 'Required' });
      if (line?.unitPrice === undefined)
        issues.push({ path: [...p, 'unitPrice'], code: 'invalid_type', message: 'Required' });
      return;
    }
    const gross = multiply(quantity, unitPrice);
    if (compare(discount, gross) > 0) {
      issues.push({
        path: [...p, 'discount'],
        code: 'too_big',
        message: 'Discount exceeds the line total',
      });
    }
    out.push({
      id: line.id,
      sku: line.sku,
      categories: line.categories ?? [],
      quantity,
      unitPrice,
      discount,
      kind,
      gross,
      net: subtract(gross, discount),
    });
  });
  if (issues.length) throw new InputError(issues);
  return out;
}
