/**
 * The storefront's own backend, as the browser sees it (served by
 * server/demoBackend.ts). Only the backend holds API keys: it mints member
 * tokens (admin key) and records purchases (store key). The browser talks
 * to Tessera directly with the member token for everything else.
 */
import type { CartItem } from './catalogue.js';

/** A demo member to sign in as (a real shop would have its own login). */
export interface DemoMember {
  readonly id: string;
  readonly name: string;
  readonly tierId: string | null;
}

/** A signed-in session. */
export interface Session {
  readonly memberId: string;
  readonly name: string;
  /** Member token: `Authorization: Bearer <token>` on Tessera's GraphQL API. */
  readonly token: string;
  readonly expiresAt: string;
  /** Store the web shop's orders are recorded in (the quote uses it too). */
  readonly storeId: string | null;
}

/** What the browser asks to buy; the backend prices it from the catalogue. */
export interface CheckoutRequest {
  /** One id per checkout attempt, reused when the same attempt is retried. */
  readonly checkoutId: string;
  readonly items: readonly CartItem[];
  readonly couponCodes: readonly string[];
  /** Points to pay with ("0" or absent: none). */
  readonly pointsToSpend: string | null;
  /** The amount to pay the shopper saw; the order is refused if the quote changed. */
  readonly expectedPayable: string;
}

/** The answer of a checkout. */
export type CheckoutResult =
  | {
      readonly outcome: 'APPLIED';
      readonly orderId: string;
      /** Paid in money. */
      readonly paid: string;
      readonly pointsPaid: string;
      readonly pointsEarned: string;
      readonly balance: { readonly available: string; readonly pending: string } | null;
      readonly tier: { readonly tierId: string; readonly changed: boolean } | null;
    }
  | {
      readonly outcome: 'REFUSED';
      readonly refusal: { readonly code: string; readonly message: string };
    };

/** An error answer of the backend. */
export class BackendError extends Error {
  override name = 'BackendError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(path, {
    ...init,
    headers: { 'content-type': 'application/json', ...init.headers },
  });
  const body = (await res.json().catch(() => null)) as
    | (T & { error?: undefined })
    | { error: string; message: string }
    | null;
  if (!res.ok || body === null || body.error !== undefined) {
    const err = body && 'message' in body && typeof body.message === 'string' ? body : null;
    throw new BackendError(
      res.status,
      err?.error ?? 'BACKEND_ERROR',
      err?.message ?? `The shop's backend answered HTTP ${res.status}`,
    );
  }
  return body as T;
}

/** Demo members to sign in as. */
export async function listDemoMembers(): Promise<DemoMember[]> {
  return (await call<{ members: DemoMember[] }>('/demo/login')).members;
}

/** Signs in as a demo member: the backend mints a member token. */
export function signIn(memberId: string): Promise<Session> {
  return call<Session>('/demo/login', { method: 'POST', body: JSON.stringify({ memberId }) });
}

/** Checks out: the backend re-quotes the cart and records the purchase. */
export function checkout(session: Session, request: CheckoutRequest): Promise<CheckoutResult> {
  return call<CheckoutResult>('/demo/checkout', {
    method: 'POST',
    headers: { authorization: `Bearer ${session.token}` },
    body: JSON.stringify(request),
  });
}
