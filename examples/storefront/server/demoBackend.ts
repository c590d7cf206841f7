/**
 * The storefront's backend, as Vite dev/preview middleware under `/demo`.
 * This is where a real shop's server code would sit: it alone holds the
 * admin key (to mint member tokens) and the store key (to record
 * purchases); the browser only ever gets a member token.
 *
 *   GET  /demo/login     demo members to sign in as
 *   POST /demo/login     { memberId } -> a member token (admin key)
 *   POST /demo/checkout  the cart, priced here from the catalogue, quoted
 *                        again as the member, then recorded (store key)
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  createTesseraClient,
  type TesseraClient,
  TesseraError,
  TesseraNetworkError,
} from '@tessera/sdk';
import type { Plugin } from 'vite';
import type { CheckoutRequest, CheckoutResult, DemoMember, Session } from '../src/backendApi.js';
import { type CartItem, priceCart } from '../src/catalogue.js';
import { compareDecimals } from '../src/decimal.js';
import { type DemoSettings, loadSettings, SettingsError } from './settings.js';

/** Member tokens last an hour (the API allows 60 s to 1 h). */
const TOKEN_TTL_SECONDS = 3600;
/** Largest request body accepted. */
const MAX_BODY_BYTES = 64 * 1024;
/** Checkout attempts remembered for retries (oldest forgotten first). */
const MAX_REMEMBERED_CHECKOUTS = 1000;
const CHECKOUT_ID = /^[A-Za-z0-9-]{8,64}$/;

/** An answer with an HTTP status and a stable error code. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'TOO_LARGE', 'Request body too large');
    chunks.push(buf);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'BAD_REQUEST', 'The body must be JSON');
  }
}

function bearer(req: IncomingMessage): string {
  const m = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
  if (!m?.[1]) throw new HttpError(401, 'UNAUTHENTICATED', 'Sign in first');
  return m[1];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Validates the browser's checkout request (shape only; prices come from the catalogue). */
function parseCheckout(body: unknown): CheckoutRequest {
  const bad = (message: string) => new HttpError(400, 'BAD_REQUEST', message);
  if (!isObject(body)) throw bad('Expected a JSON object');
  const { checkoutId, items, couponCodes, pointsToSpend, expectedPayable } = body;
  if (typeof checkoutId !== 'string' || !CHECKOUT_ID.test(checkoutId)) {
    throw bad('checkoutId: 8 to 64 letters, digits or dashes');
  }
  if (!Array.isArray(items) || items.length === 0) throw bad('items: the cart is empty');
  const cart: CartItem[] = items.map((item, i) => {
    if (!isObject(item) || typeof item.sku !== 'string' || typeof item.quantity !== 'number') {
      throw bad(`items[${i}]: expected { sku, quantity }`);
    }
    return { sku: item.sku, quantity: item.quantity };
  });
  if (!Array.isArray(couponCodes) || !couponCodes.every((c) => typeof c === 'string')) {
    throw bad('couponCodes: expected a list of codes');
  }
  if (pointsToSpend !== null && pointsToSpend !== undefined && typeof pointsToSpend !== 'string') {
    throw bad('pointsToSpend: a decimal string or null');
  }
  if (typeof expectedPayable !== 'string') throw bad('expectedPayable: a decimal string');
  return {
    checkoutId,
    items: cart,
    couponCodes: couponCodes as string[],
    pointsToSpend: pointsToSpend ?? null,
    expectedPayable,
  };
}

/** The backend's request handlers, for any Connect-style server. */
export function createDemoBackend(settings: () => DemoSettings = loadSettings) {
  let cached: { key: string; admin: TesseraClient; store: TesseraClient } | null = null;
  let storeId: Promise<string | null> | null = null;

  function clients() {
    const s = settings();
    const key = `${s.url}\n${s.adminKey}\n${s.storeKey}`;
    if (cached?.key !== key) {
      cached = {
        key,
        admin: createTesseraClient({ url: s.url, apiKey: s.adminKey }),
        store: createTesseraClient({ url: s.url, apiKey: s.storeKey }),
      };
      storeId = null;
    }
    return { ...cached, url: s.url };
  }

  /** The store the store key records in (also passed to quotes, so they match the purchase). */
  function webStoreId(store: TesseraClient): Promise<string | null> {
    storeId ??= store.viewer().then((v) => v.storeId ?? null);
    storeId.catch(() => {
      storeId = null;
    });
    return storeId;
  }

  /** When each checkout attempt was first made: a retry records the very same order. */
  const attempts = new Map<string, Date>();
  function occurredAtOf(checkoutId: string): Date {
    let at = attempts.get(checkoutId);
    if (!at) {
      at = new Date();
      attempts.set(checkoutId, at);
      if (attempts.size > MAX_REMEMBERED_CHECKOUTS) {
        const oldest = attempts.keys().next().value;
        if (oldest !== undefined) attempts.delete(oldest);
      }
    }
    return at;
  }

  async function members(): Promise<{ members: DemoMember[] }> {
    const { admin } = clients();
    const page = await admin.members.list({ first: 20 });
    return {
      members: page.nodes.map((m) => ({ id: m.id, name: m.name, tierId: m.tierId ?? null })),
    };
  }

  async function login(body: unknown): Promise<Session> {
    if (!isObject(body) || typeof body.memberId !== 'string') {
      throw new HttpError(400, 'BAD_REQUEST', 'Expected { memberId }');
    }
    const { admin, store } = clients();
    const member = await admin.members.get(body.memberId);
    const minted = await admin.members.createToken({
      memberId: member.id,
      ttlSeconds: TOKEN_TTL_SECONDS,
    });
    return {
      memberId: member.id,
      name: member.name,
      token: minted.token,
      expiresAt: minted.expiresAt,
      storeId: await webStoreId(store),
    };
  }

  async function checkout(token: string, body: unknown): Promise<CheckoutResult> {
    const request = parseCheckout(body);
    let lines: ReturnType<typeof priceCart>;
    try {
      lines = priceCart(request.items);
    } catch (e) {
      throw new HttpError(400, 'BAD_REQUEST', e instanceof Error ? e.message : String(e));
    }
    const { store, url } = clients();
    // The member token proves who is buying; the quote is asked as that member.
    const asMember = createTesseraClient({ url, memberToken: token });
    const viewer = await asMember.viewer();
    if (viewer.kind !== 'member' || !viewer.memberId) {
      throw new HttpError(401, 'UNAUTHENTICATED', 'Not a member token');
    }
    const storeId = await webStoreId(store);
    const points =
      request.pointsToSpend && request.pointsToSpend !== '0' ? request.pointsToSpend : null;
    const quote = await asMember.quote.checkout({
      lines,
      channel: 'online',
      storeId,
      couponCodes: [...request.couponCodes],
      pointsToSpend: points,
    });
    const refusedCoupon = quote.coupons.find((c) => !c.valid);
    if (refusedCoupon) {
      return {
        outcome: 'REFUSED',
        refusal: {
          code: refusedCoupon.reasonCode ?? 'COUPON_REFUSED',
          message: refusedCoupon.message ?? `Coupon ${refusedCoupon.couponCode} was refused`,
        },
      };
    }
    const payment = quote.pointsPayment;
    if (isObject(payment.refusal) && typeof payment.refusal.code === 'string') {
      return {
        outcome: 'REFUSED',
        refusal: { code: payment.refusal.code, message: 'These points cannot pay this order' },
      };
    }
    if (compareDecimals(quote.totals.payable, request.expectedPayable) !== 0) {
      throw new HttpError(
        409,
        'QUOTE_CHANGED',
        `The total changed to ${quote.totals.payable} ${quote.currency}: review the cart and check out again`,
      );
    }
    // The lines go as priced by the catalogue: Tessera applies the program's promotions,
    // the coupons and the points itself, exactly as the quote did (a line `discount`
    // would be a discount taken outside Tessera).
    const pointsPaid = typeof payment.points === 'string' ? payment.points : '0';
    const recorded = await store.purchases.record({
      memberId: viewer.memberId,
      orderId: `web-${request.checkoutId}`,
      idempotencyKey: `web-${request.checkoutId}`,
      channel: 'online',
      currency: quote.currency,
      occurredAt: occurredAtOf(request.checkoutId).toISOString(),
      lines,
      couponCodes: quote.coupons.map((c) => c.couponCode),
      pointsPayment: compareDecimals(pointsPaid, '0') > 0 ? { points: pointsPaid } : null,
      payments:
        compareDecimals(quote.totals.payable, '0') > 0
          ? [{ method: 'card', amount: quote.totals.payable }]
          : [],
    });
    if (recorded.outcome !== 'APPLIED' || !recorded.purchase) {
      return {
        outcome: 'REFUSED',
        refusal: {
          code: recorded.refusal?.code ?? 'REFUSED',
          message: recorded.refusal?.message ?? 'The purchase was refused',
        },
      };
    }
    return {
      outcome: 'APPLIED',
      orderId: recorded.purchase.orderId,
      paid: quote.totals.payable,
      pointsPaid: recorded.purchase.pointsPaid,
      pointsEarned: recorded.purchase.pointsEarned,
      balance: recorded.balance
        ? { available: recorded.balance.available, pending: recorded.balance.pending }
        : null,
      tier: recorded.tier ? { tierId: recorded.tier.tierId, changed: recorded.tier.changed } : null,
    };
  }

  /** Connect middleware, mounted at `/demo`. */
  return async function handle(
    req: IncomingMessage,
    res: ServerResponse,
    next: (err?: unknown) => void,
  ): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    try {
      if (path === '/login' && req.method === 'GET') return send(res, 200, await members());
      if (path === '/login' && req.method === 'POST') {
        return send(res, 200, await login(await readJson(req)));
      }
      if (path === '/checkout' && req.method === 'POST') {
        return send(res, 200, await checkout(bearer(req), await readJson(req)));
      }
      return next();
    } catch (e) {
      if (e instanceof HttpError) return send(res, e.status, { error: e.code, message: e.message });
      if (e instanceof SettingsError) {
        return send(res, 503, { error: 'NOT_CONFIGURED', message: e.message });
      }
      if (e instanceof TesseraError) {
        const status = e.code === 'UNAUTHENTICATED' ? 401 : e.code === 'NOT_FOUND' ? 404 : 502;
        return send(res, status, { error: e.code, message: e.message });
      }
      if (e instanceof TesseraNetworkError) {
        return send(res, 502, { error: 'TESSERA_UNREACHABLE', message: e.message });
      }
      return next(e);
    }
  };
}

/** The Vite plugin: the backend on the dev server and on `vite preview`. */
export function demoBackend(): Plugin {
  const handle = createDemoBackend();
  return {
    name: 'tessera-demo-backend',
    configureServer(server) {
      server.middlewares.use('/demo', handle);
    },
    configurePreviewServer(server) {
      server.middlewares.use('/demo', handle);
    },
  };
}
