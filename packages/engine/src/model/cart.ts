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

/** Records a problem with a field of line `i`; the path is built only then. */
function issue(
  issues: Issue[],
  basePath: readonly (string | number)[],
  i: number,
  field: string,
  code: string,
  message: string,
): void {
  issues.push({ path: [...basePath, i, field], code, message });
}

function decimalField(
  value: DecimalInput | undefined,
  basePath: readonly (string | number)[],
  i: number,
  field: string,
  issues: Issue[],
): Decimal | undefined {
  if (value === undefined) return undefined;
  try {
    return toDecimal(value);
  } catch {
    issue(issues, basePath, i, field, 'invalid_decimal', 'Expected a plain decimal amount');
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
  // A loop, not forEach: this runs for every line of every quote.
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (typeof line?.id !== 'string' || line.id.length === 0) {
      issue(issues, basePath, i, 'id', 'invalid_type', 'Line id must be a non-empty string');
    } else if (seen.has(line.id)) {
      issue(issues, basePath, i, 'id', 'duplicate', `Duplicate line id ${line.id}`);
    } else seen.add(line.id);
    if (typeof line?.sku !== 'string' || line.sku.length === 0) {
      issue(issues, basePath, i, 'sku', 'invalid_type', 'SKU must be a non-empty string');
    }
    const quantity = decimalField(line?.quantity, basePath, i, 'quantity', issues);
    const unitPrice = decimalField(line?.unitPrice, basePath, i, 'unitPrice', issues);
    const discount = decimalField(line?.discount, basePath, i, 'discount', issues) ?? ZERO;
    if (quantity && (quantity.isZero() || quantity.isNegative()))
      issue(issues, basePath, i, 'quantity', 'too_small', 'Quantity must be > 0');
    if (unitPrice?.isNegative())
      issue(issues, basePath, i, 'unitPrice', 'too_small', 'Unit price must be >= 0');
    if (discount.isNegative())
      issue(issues, basePath, i, 'discount', 'too_small', 'Discount must be >= 0');
    const kind = line?.kind ?? 'product';
    if (!(LINE_KINDS as readonly string[]).includes(kind)) {
      issue(
        issues,
        basePath,
        i,
        'kind',
        'invalid_value',
        `Kind must be one of ${LINE_KINDS.join(', ')}`,
      );
    }
    if (quantity === undefined || unitPrice === undefined) {
      if (line?.quantity === undefined)
        issue(issues, basePath, i, 'quantity', 'invalid_type', 'Required');
      if (line?.unitPrice === undefined)
        issue(issues, basePath, i, 'unitPrice', 'invalid_type', 'Required');
      continue;
    }
    const gross = multiply(quantity, unitPrice);
    if (compare(discount, gross) > 0) {
      issue(issues, basePath, i, 'discount', 'too_big', 'Discount exceeds the line total');
    }
    out.push({
      id: line.id,
      sku: line.sku,
      categories: line.categories ?? NO_CATEGORIES,
      quantity,
      unitPrice,
      discount,
      kind,
      gross,
      net: subtract(gross, discount),
    });
  }
  if (issues.length) throw new InputError(issues);
  return out;
}

/** Shared by lines sent without categories (read only). */
const NO_CATEGORIES: readonly string[] = [];

function byId(a: CartLine, b: CartLine): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Lines in id order (the canonical order): the same array when it already is
 * (carts usually come sorted, and sorting allocates), else a sorted copy.
 */
export function sortedById(lines: readonly CartLine[]): readonly CartLine[] {
  for (let i = 1; i < lines.length; i++) {
    if (!(lines[i - 1]!.id < lines[i]!.id)) return [...lines].sort(byId);
  }
  return lines;
}
