/**
 * The demo shop's catalogue: SKUs and categories of the demo program
 * (packages/server/src/demo/demoProgram.ts: `coffee`, and `bakery` that
 * earns double points). The browser shows it; the backend
 * prices the cart from it at checkout, never from what the browser sends.
 */
export interface Product {
  readonly sku: string;
  readonly name: string;
  readonly categories: readonly string[];
  /** Unit price in the program currency, a decimal string. */
  readonly unitPrice: string;
}

export const CATALOGUE: readonly Product[] = Object.freeze([
  { sku: 'LATTE', name: 'Caffè latte', categories: ['coffee'], unitPrice: '32.00' },
  { sku: 'AMERICANO', name: 'Americano', categories: ['coffee'], unitPrice: '26.00' },
  { sku: 'FLAT-WHITE', name: 'Flat white', categories: ['coffee'], unitPrice: '34.00' },
  { sku: 'CROISSANT', name: 'Butter croissant', categories: ['bakery'], unitPrice: '18.00' },
  { sku: 'PAIN-CHOC', name: 'Pain au chocolat', categories: ['bakery'], unitPrice: '22.00' },
  { sku: 'CHEESECAKE', name: 'Basque cheesecake', categories: ['bakery'], unitPrice: '38.00' },
]);

/** Most units of one product in a cart (the backend refuses more). */
export const MAX_QUANTITY = 20;

/** The product with this SKU, or undefined. */
export function findProduct(sku: string): Product | undefined {
  return CATALOGUE.find((p) => p.sku === sku);
}

/** One cart line as the browser keeps it and sends it to the backend. */
export interface CartItem {
  readonly sku: string;
  readonly quantity: number;
}

/** A cart line in the shape of the API's `CartLineInput` (line id = SKU: one line per product). */
export interface PricedLine {
  readonly id: string;
  readonly sku: string;
  readonly categories: string[];
  readonly quantity: string;
  readonly unitPrice: string;
}

/** Prices cart items from the catalogue; throws a RangeError naming the bad item. */
export function priceCart(items: readonly CartItem[]): PricedLine[] {
  const seen = new Set<string>();
  return items.map((item, i) => {
    const product = findProduct(item.sku);
    if (!product) throw new RangeError(`items[${i}]: unknown SKU ${JSON.stringify(item.sku)}`);
    if (seen.has(item.sku)) throw new RangeError(`items[${i}]: ${item.sku} appears twice`);
    seen.add(item.sku);
    if (!Number.isInteger(item.quantity) || item.quantity < 1 || item.quantity > MAX_QUANTITY) {
      throw new RangeError(
        `items[${i}]: quantity must be a whole number from 1 to ${MAX_QUANTITY}`,
      );
    }
    return {
      id: product.sku,
      sku: product.sku,
      categories: [...product.categories],
      quantity: String(item.quantity),
      unitPrice: product.unitPrice,
    };
  });
}
