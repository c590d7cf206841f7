/**
 * @tessera/sdk/preview — the offline cart preview: the engine's own `quote`
 * run in the browser (or Node) over the context the server hands out
 * (`quoteContext`: the program configuration in force and the member's quote
 * state), so a cart can be re-priced on every change without a round trip and
 * with the same answer as `checkoutQuote` for the same version, state and cart.
 *
 * The preview knows the coupons of its context only (by default the member's
 * active wallet); another code answers UNKNOWN_COUPON here and must be checked
 * with `coupons.validate` or `quote.checkout`. The context is a snapshot:
 * fetch it again after a purchase, a redemption or a new program version.
 */
import {
  type CartLineInput as EngineCartLine,
  type Program,
  ProgramConfigError,
  parseProgram,
  type Quote,
  type QuoteInput,
  quote,
} from '@tessera/engine';
import type { TesseraClient } from './client.js';
import type { CartLineInput, QuoteContextQuery } from './generated/graphql.js';

export {
  Decimal,
  type Program,
  ProgramConfigError,
  parseProgram,
  type Quote,
  type QuoteInput,
  quote,
} from '@tessera/engine';
export type { CartLineInput } from './generated/graphql.js';

/** What the server's `quoteContext` answers. */
export type PreviewContext = QuoteContextQuery['quoteContext'];

/** A cart to preview. */
export interface PreviewCart {
  /** The same lines as for `quote.checkout` (amounts as decimal strings). */
  readonly lines: readonly CartLineInput[];
  /** Codes applied; only codes of the context are known offline. */
  readonly couponCodes?: readonly string[];
  /** Points to pay with. */
  readonly pointsToSpend?: string;
  /** The instant to evaluate (default: now, from the platform clock). */
  readonly now?: Date | string;
}

/** An offline preview bound to one context. */
export interface Preview {
  /** The parsed program of the context's version. */
  readonly program: Program;
  readonly programVersion: number;
  readonly memberId: string | null;
  /** The coupon codes the preview knows (the context's). */
  readonly couponCodes: readonly string[];
  /** The engine's quote of the cart (Decimal values; `quoteJson` for plain JSON). */
  quote(cart: PreviewCart): Quote;
  /** The quote as JSON (decimals as strings): equal to `checkoutQuote.engine` for the same inputs. */
  quoteJson(cart: PreviewCart): Record<string, unknown>;
}

/**
 * A code as the server normalises it: trimmed, upper case, spaces and hyphens
 * dropped, Crockford's read-alikes mapped (I and L to 1, O to 0).
 */
export function normalizeCouponCode(code: string): string {
  return code.trim().toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
}

/** An API cart line as the engine takes it (as the server converts it). */
function toEngineLine(l: CartLineInput): EngineCartLine {
  return {
    id: l.id,
    sku: l.sku,
    categories: l.categories ? [...l.categories] : [],
    quantity: l.quantity,
    unitPrice: l.unitPrice,
    ...(l.discount != null ? { discount: l.discount } : {}),
    ...(l.kind != null ? { kind: l.kind } : {}),
  };
}

/** Builds a preview from a `quoteContext` answer; throws `ProgramConfigError` for an invalid config. */
export function createPreview(context: PreviewContext): Preview {
  const parsed = parseProgram(context.config);
  if (!parsed.success) throw new ProgramConfigError(parsed.issues);
  const program = parsed.program;
  const state = context.state as Omit<QuoteInput, 'lines' | 'now' | 'pointsToSpend'>;
  const known = [...(state.couponCodes ?? [])];
  const run = (cart: PreviewCart): Quote => {
    const now = cart.now ?? new Date();
    const codes = [...new Set((cart.couponCodes ?? []).map(normalizeCouponCode))];
    const input: QuoteInput = {
      ...state,
      lines: cart.lines.map(toEngineLine),
      now: typeof now === 'string' ? now : now.toISOString(),
      // As the server: the instances of the codes entered, no others.
      couponCodes: codes,
      coupons: (state.coupons ?? []).filter((c) => codes.includes(c.code)),
      ...(cart.pointsToSpend != null ? { pointsToSpend: cart.pointsToSpend } : {}),
    };
    return quote(program, input);
  };
  return {
    program,
    programVersion: context.programVersion,
    memberId: context.memberId ?? null,
    couponCodes: known,
    quote: run,
    quoteJson: (cart) => JSON.parse(JSON.stringify(run(cart))) as Record<string, unknown>,
  };
}

/** Options of `loadPreview`. */
export interface LoadPreviewOptions {
  /** Admin and store keys: whose state (member tokens: their own; storefront keys: guests only). */
  readonly memberId?: string;
  readonly storeId?: string;
  readonly channel?: 'app' | 'online' | 'store';
  /** Codes to know offline; default: the member's active wallet (up to 20). */
  readonly couponCodes?: readonly string[];
}

/**
 * Fetches the context with a client (the member's active wallet codes
 * included by default) and builds the preview.
 */
export async function loadPreview(
  client: TesseraClient,
  options: LoadPreviewOptions = {},
): Promise<Preview> {
  let codes = options.couponCodes ? [...options.couponCodes] : undefined;
  if (!codes) {
    const viewer = await client.viewer();
    const memberId = options.memberId ?? viewer.memberId ?? undefined;
    codes = memberId
      ? (await client.coupons.wallet(memberId, { status: 'active', first: 20 })).nodes.map(
          (c) => c.code,
        )
      : [];
  }
  const context = await client.quote.context({
    memberId: options.memberId ?? null,
    storeId: options.storeId ?? null,
    channel: options.channel ?? null,
    couponCodes: codes,
  });
  return createPreview(context);
}
