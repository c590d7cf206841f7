/**
 * The storefront page: sign in as a demo member, see tier, progress, points
 * and coupons; build a cart and watch the live checkout quote explain itself;
 * apply coupons and points; check out and see the new balance.
 *
 * The browser uses @tessera/sdk with the member token the shop's backend
 * minted (src/backendApi.ts); it never holds an API key.
 */
import './style.css';
import { createTesseraClient, type TesseraClient, TesseraError } from '@tessera/sdk';
import {
  BackendError,
  type CheckoutResult,
  checkout,
  type DemoMember,
  listDemoMembers,
  type Session,
  signIn,
} from './backendApi.js';
import { CATALOGUE, type CartItem, MAX_QUANTITY, priceCart } from './catalogue.js';
import { compareDecimals, formatDecimal } from './decimal.js';
import { h, mount } from './dom.js';
import {
  boundText,
  earningRuleText,
  pointsRefusalText,
  promotionSkipText,
  type Reason,
  tierLabel,
} from './explain.js';

type Profile = Awaited<ReturnType<TesseraClient['member']['profile']>>;
type MemberTier = Awaited<ReturnType<TesseraClient['tiers']['get']>>;
type WalletCoupon = Awaited<ReturnType<TesseraClient['coupons']['wallet']>>['nodes'][number];
type Quote = Awaited<ReturnType<TesseraClient['quote']['checkout']>>;

interface State {
  members: DemoMember[];
  session: Session | null;
  client: TesseraClient | null;
  profile: Profile | null;
  tier: MemberTier | null;
  wallet: WalletCoupon[];
  cart: Map<string, number>;
  couponCodes: string[];
  pointsToSpend: string;
  quote: Quote | null;
  quoting: boolean;
  checkingOut: boolean;
  /** Id of the current checkout attempt, kept until it succeeds or the cart changes. */
  checkoutId: string | null;
  receipt: Extract<CheckoutResult, { outcome: 'APPLIED' }> | null;
  notice: { kind: 'error' | 'info'; text: string } | null;
}

const state: State = {
  members: [],
  session: null,
  client: null,
  profile: null,
  tier: null,
  wallet: [],
  cart: new Map(),
  couponCodes: [],
  pointsToSpend: '',
  quote: null,
  quoting: false,
  checkingOut: false,
  checkoutId: null,
  receipt: null,
  notice: null,
};

const CURRENCY = 'CNY';
const money = (v: string, currency = state.quote?.currency ?? CURRENCY) =>
  `${formatDecimal(v, 2)} ${currency}`;
const points = (v: string) => formatDecimal(v, 0);

function errorText(e: unknown): string {
  if (e instanceof BackendError || e instanceof TesseraError) return `${e.message} (${e.code})`;
  return e instanceof Error ? e.message : String(e);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// ---------------------------------------------------------------- data

async function loadMember(): Promise<void> {
  const client = state.client;
  if (!client) return;
  const [profile, tier, wallet] = await Promise.all([
    client.member.profile(),
    client.tiers.get(),
    client.coupons.wallet(undefined, { status: 'active', first: 20 }),
  ]);
  state.profile = profile;
  state.tier = tier;
  state.wallet = wallet.nodes;
}

function cartItems(): CartItem[] {
  return [...state.cart].map(([sku, quantity]) => ({ sku, quantity }));
}

let quoteSeq = 0;
/** Bumped on every change of the cart, coupons or points: an answer for an older cart is dropped. */
let cartVersion = 0;
/** Asks Tessera for the quote of the current cart; a newer request wins. */
async function requote(): Promise<void> {
  const client = state.client;
  const seq = ++quoteSeq;
  const version = cartVersion;
  if (!client || state.cart.size === 0) {
    state.quote = null;
    render();
    return;
  }
  state.quoting = true;
  renderCheckout();
  try {
    const quote = await client.quote.checkout({
      lines: priceCart(cartItems()),
      channel: 'online',
      storeId: state.session?.storeId ?? null,
      couponCodes: state.couponCodes,
      pointsToSpend: state.pointsToSpend === '' ? null : state.pointsToSpend,
    });
    if (seq !== quoteSeq || version !== cartVersion) return;
    state.quote = quote;
    // The server's spelling of each code (Crockford: O is read as 0, I and L as 1).
    state.couponCodes = quote.coupons.map((c) => c.couponCode);
    state.notice = null;
  } catch (e) {
    if (seq !== quoteSeq || version !== cartVersion) return;
    state.quote = null;
    if (sessionEnded(e)) return;
    state.notice = { kind: 'error', text: `Quote failed: ${errorText(e)}` };
  } finally {
    if (seq === quoteSeq) {
      state.quoting = false;
      render();
    }
  }
}

let quoteTimer: ReturnType<typeof setTimeout> | undefined;
/** The cart changed: a new checkout attempt, and a quote shortly (typing is debounced). */
function cartChanged(): void {
  cartVersion++;
  state.checkoutId = null;
  state.receipt = null;
  clearTimeout(quoteTimer);
  quoteTimer = setTimeout(() => void requote(), 150);
  render();
}

// ---------------------------------------------------------------- actions

async function signInAs(memberId: string): Promise<void> {
  try {
    const session = await signIn(memberId);
    state.session = session;
    state.client = createTesseraClient({
      url: new URL('/graphql', window.location.href).href,
      memberToken: session.token,
    });
    await loadMember();
    state.notice = null;
  } catch (e) {
    state.notice = { kind: 'error', text: `Sign-in failed: ${errorText(e)}` };
  }
  render();
}

/** The member token expired (it lasts an hour): back to sign-in, saying why. */
function sessionEnded(e: unknown): boolean {
  const code = e instanceof BackendError || e instanceof TesseraError ? e.code : null;
  if (code !== 'UNAUTHENTICATED' || !state.session) return false;
  signOut();
  state.notice = { kind: 'info', text: 'Your session has ended: please sign in again.' };
  render();
  return true;
}

function signOut(): void {
  Object.assign(state, {
    session: null,
    client: null,
    profile: null,
    tier: null,
    wallet: [],
    cart: new Map(),
    couponCodes: [],
    pointsToSpend: '',
    quote: null,
    checkoutId: null,
    receipt: null,
    notice: null,
  });
  render();
}

function setQuantity(sku: string, quantity: number): void {
  if (quantity <= 0) state.cart.delete(sku);
  else state.cart.set(sku, Math.min(quantity, MAX_QUANTITY));
  cartChanged();
}

function addCoupon(code: string): void {
  const c = code.trim().toUpperCase();
  if (c === '' || state.couponCodes.includes(c)) return;
  state.couponCodes = [...state.couponCodes, c];
  cartChanged();
}

function removeCoupon(code: string): void {
  state.couponCodes = state.couponCodes.filter((c) => c !== code);
  cartChanged();
}

function setPoints(value: string): void {
  state.pointsToSpend = /^\d+$/.test(value.trim()) && value.trim() !== '0' ? value.trim() : '';
  cartChanged();
}

async function placeOrder(): Promise<void> {
  const { session, quote } = state;
  if (!session || !quote) return;
  state.checkoutId ??= crypto.randomUUID();
  state.checkingOut = true;
  render();
  try {
    const result = await checkout(session, {
      checkoutId: state.checkoutId,
      items: cartItems(),
      couponCodes: state.couponCodes,
      pointsToSpend: state.pointsToSpend === '' ? null : state.pointsToSpend,
      expectedPayable: quote.totals.payable,
    });
    if (result.outcome === 'APPLIED') {
      state.receipt = result;
      state.cart = new Map();
      state.couponCodes = [];
      state.pointsToSpend = '';
      state.quote = null;
      state.checkoutId = null;
      state.notice = null;
      await loadMember();
    } else {
      state.notice = {
        kind: 'error',
        text: `Order refused: ${result.refusal.message} (${result.refusal.code})`,
      };
    }
  } catch (e) {
    if (sessionEnded(e)) return;
    state.notice = { kind: 'error', text: `Checkout failed: ${errorText(e)}` };
    if (e instanceof BackendError && e.code === 'QUOTE_CHANGED') void requote();
  } finally {
    state.checkingOut = false;
    render();
  }
}

// ---------------------------------------------------------------- views

function renderSignIn(): void {
  mount(
    'main',
    h(
      'section',
      { class: 'panel signin', 'data-testid': 'sign-in' },
      h('h2', {}, 'Sign in'),
      h('p', {}, 'Pick a demo member. The shop’s backend mints a member token for them.'),
      h(
        'div',
        { class: 'members' },
        state.members.map((m) =>
          h(
            'button',
            { 'data-testid': `sign-in-${m.name}`, onclick: () => void signInAs(m.id) },
            h('strong', {}, m.name),
            h('span', { class: 'muted' }, m.tierId ? tierLabel(m.tierId) : ''),
          ),
        ),
      ),
    ),
  );
}

function progressView(tier: MemberTier | null): Node | null {
  const toNext = isObject(tier?.progress) ? tier.progress.toNext : null;
  if (!isObject(toNext)) return h('p', { class: 'muted' }, 'Top tier reached.');
  const gaps = Array.isArray(toNext.gaps) ? toNext.gaps.filter(isObject) : [];
  const gap = gaps.find((g) => g.met === false) ?? gaps[0];
  const next = tierLabel(String(toNext.tierId));
  if (!gap) return h('p', {}, `Next: ${next}`);
  const required = Number(gap.required);
  const actual = Number(gap.actual);
  // Display only: the bar's width; amounts are shown from the API's strings.
  const pct = required > 0 ? Math.max(0, Math.min(100, (actual / required) * 100)) : 100;
  const missing = String(gap.missing);
  const what =
    gap.metric === 'spend' ? money(missing, CURRENCY) : `${missing} ${String(gap.metric)}`;
  return h(
    'div',
    { class: 'progress', 'data-testid': 'tier-progress' },
    h('div', { class: 'bar' }, h('div', { class: 'fill', style: `width: ${pct.toFixed(1)}%` })),
    h('p', {}, `${what} more to ${next}`),
  );
}

function memberView(): Node {
  const p = state.profile;
  if (!p) return h('section', { class: 'panel' }, 'Loading…');
  const tierName = p.tier?.name ?? (p.member.tierId ? tierLabel(p.member.tierId) : 'none');
  return h(
    'section',
    { class: 'panel member', 'data-testid': 'member' },
    h(
      'div',
      { class: 'member-head' },
      h('h2', {}, p.member.name),
      h('span', { class: `tier tier-${p.tier?.id ?? 'none'}`, 'data-testid': 'tier' }, tierName),
    ),
    progressView(state.tier),
    h(
      'dl',
      { class: 'points' },
      h(
        'div',
        {},
        h('dt', {}, 'Available'),
        h('dd', { 'data-testid': 'points-available' }, points(p.points.available)),
      ),
      h(
        'div',
        {},
        h('dt', {}, 'Pending'),
        h('dd', { 'data-testid': 'points-pending' }, points(p.points.pending)),
      ),
      h(
        'div',
        {},
        h('dt', {}, `Expiring by ${p.points.expiringThrough}`),
        h('dd', { 'data-testid': 'points-expiring' }, points(p.points.expiringPoints)),
      ),
    ),
    h('h3', {}, 'Your coupons'),
    state.wallet.length === 0
      ? h('p', { class: 'muted', 'data-testid': 'wallet-empty' }, 'No coupons right now.')
      : h(
          'ul',
          { class: 'wallet', 'data-testid': 'wallet' },
          state.wallet.map((c) =>
            h(
              'li',
              {},
              h('div', {}, h('strong', {}, c.templateName ?? c.templateId), h('code', {}, c.code)),
              h(
                'div',
                {},
                c.validUntil
                  ? h('span', { class: 'muted' }, `until ${c.validUntil.slice(0, 10)}`)
                  : null,
                h(
                  'button',
                  {
                    'data-testid': `apply-${c.code}`,
                    disabled: state.couponCodes.includes(c.code),
                    onclick: () => addCoupon(c.code),
                  },
                  'Apply',
                ),
              ),
            ),
          ),
        ),
  );
}

function menuView(): Node {
  return h(
    'section',
    { class: 'panel' },
    h('h2', {}, 'Menu'),
    h(
      'ul',
      { class: 'menu' },
      CATALOGUE.map((p) =>
        h(
          'li',
          {},
          h('span', {}, p.name, h('small', { class: 'muted' }, ` ${p.categories.join(', ')}`)),
          h('span', {}, money(p.unitPrice, CURRENCY)),
          h(
            'button',
            {
              'data-testid': `add-${p.sku}`,
              onclick: () => setQuantity(p.sku, (state.cart.get(p.sku) ?? 0) + 1),
            },
            'Add',
          ),
        ),
      ),
    ),
  );
}

function cartView(): Node {
  const q = state.quote;
  return h(
    'div',
    {},
    h('h2', {}, 'Your order'),
    state.cart.size === 0
      ? h('p', { class: 'muted' }, 'The cart is empty.')
      : h(
          'ul',
          { class: 'cart', 'data-testid': 'cart' },
          [...state.cart].map(([sku, qty]) => {
            const product = CATALOGUE.find((p) => p.sku === sku);
            const line = q?.lines.find((l) => l.lineId === sku);
            return h(
              'li',
              {},
              h('span', {}, product?.name ?? sku),
              h(
                'span',
                { class: 'qty' },
                h(
                  'button',
                  { onclick: () => setQuantity(sku, qty - 1), 'aria-label': 'one less' },
                  '−',
                ),
                String(qty),
                h(
                  'button',
                  { onclick: () => setQuantity(sku, qty + 1), 'aria-label': 'one more' },
                  '+',
                ),
              ),
              h(
                'span',
                { class: 'amount' },
                line && compareDecimals(line.discount, '0') > 0
                  ? h('s', { class: 'muted' }, money(line.subtotal))
                  : null,
                line ? ` ${money(line.total)}` : '',
              ),
            );
          }),
        ),
  );
}

function couponForm(): Node {
  const input = h('input', {
    name: 'coupon',
    placeholder: 'Coupon code',
    autocomplete: 'off',
    'data-testid': 'coupon-input',
  });
  return h(
    'form',
    {
      class: 'inline',
      onsubmit: (e: Event) => {
        e.preventDefault();
        addCoupon(input.value);
      },
    },
    input,
    h('button', { type: 'submit', 'data-testid': 'coupon-apply' }, 'Apply coupon'),
  );
}

function pointsForm(): Node {
  const pay = state.quote?.pointsPayment;
  const max = isObject(pay) && typeof pay.maxPoints === 'string' ? pay.maxPoints : null;
  const input = h('input', {
    name: 'points',
    inputmode: 'numeric',
    placeholder: 'Points to spend',
    value: state.pointsToSpend,
    'data-testid': 'points-input',
  });
  return h(
    'form',
    {
      class: 'inline',
      onsubmit: (e: Event) => {
        e.preventDefault();
        setPoints(input.value);
      },
    },
    input,
    h('button', { type: 'submit', 'data-testid': 'points-apply' }, 'Use points'),
    max && compareDecimals(max, '0') > 0
      ? h('button', { type: 'button', onclick: () => setPoints(max) }, `Use max (${points(max)})`)
      : null,
  );
}

function explanationView(q: Quote): Node {
  const items: Node[] = [];
  for (const p of q.promotionsApplied) {
    items.push(
      h(
        'li',
        { class: 'ok', 'data-testid': 'promotion-applied' },
        `${String(p.name)}: −${money(String(p.amount))}`,
      ),
    );
  }
  for (const p of q.promotionsSkipped) {
    const reason: Reason = isObject(p.reason) ? p.reason : {};
    items.push(
      h(
        'li',
        { class: 'skip', 'data-testid': 'promotion-skipped' },
        `${String(p.name)}: ${promotionSkipText(reason, q.currency)}`,
      ),
    );
  }
  for (const c of q.coupons) {
    items.push(
      c.valid
        ? h(
            'li',
            { class: 'ok', 'data-testid': 'coupon-valid' },
            `Coupon ${c.couponCode}: −${money(c.discount ?? '0')}`,
            h('button', { class: 'link', onclick: () => removeCoupon(c.couponCode) }, 'remove'),
          )
        : h(
            'li',
            { class: 'refused', 'data-testid': 'coupon-refused' },
            `Coupon ${c.couponCode} refused: ${c.message ?? ''} `,
            h('code', {}, c.reasonCode ?? ''),
            h('button', { class: 'link', onclick: () => removeCoupon(c.couponCode) }, 'remove'),
          ),
    );
  }
  const pay = q.pointsPayment;
  if (isObject(pay) && pay.enabled === true) {
    const refusal = isObject(pay.refusal) ? pay.refusal : null;
    const paying = typeof pay.points === 'string' && compareDecimals(pay.points, '0') > 0;
    items.push(
      refusal
        ? h(
            'li',
            { class: 'refused', 'data-testid': 'points-refused' },
            `${points(String(pay.requested))} points refused: ${pointsRefusalText(refusal)} `,
            h('code', {}, String(refusal.code)),
          )
        : h(
            'li',
            { class: paying ? 'ok' : 'info', 'data-testid': 'points-payment' },
            paying
              ? `Paying ${points(String(pay.points))} points = −${money(String(pay.value))} (up to ${points(String(pay.maxPoints))} on this order)`
              : `You may pay up to ${points(String(pay.maxPoints))} points (${money(String(pay.maxValue))}) on this order: ${boundText(pay.boundBy)}`,
          ),
    );
  }
  if (q.pointsToEarn !== null && q.pointsToEarn !== undefined) {
    const rules = q.trace
      .filter((t) => t.step === 'earning' && t.subject)
      .map((t) => earningRuleText(t.subject ?? '', t.message))
      .filter((text): text is string => text !== null);
    items.push(
      h(
        'li',
        { class: 'earn', 'data-testid': 'points-to-earn' },
        `You earn ${points(q.pointsToEarn)} points on this order`,
        rules.length > 0
          ? h(
              'ul',
              { class: 'rules', 'data-testid': 'earning-rules' },
              rules.map((r) => h('li', {}, r)),
            )
          : null,
      ),
    );
  }
  const tier = isObject(q.tier) ? q.tier : null;
  if (tier) {
    items.push(
      h(
        'li',
        { class: 'info' },
        tier.changed === true
          ? `This order takes you to ${tierLabel(String(tier.after))}!`
          : `Tier after this order: ${tierLabel(String(tier.after))}`,
      ),
    );
  }
  return h(
    'div',
    { class: 'explain' },
    h('h3', {}, 'Why this price'),
    h('ul', { 'data-testid': 'explanations' }, items),
    h(
      'details',
      {},
      h('summary', {}, 'Full trace'),
      h(
        'ol',
        { class: 'trace' },
        q.trace.map((t) => h('li', {}, h('code', {}, t.step), ` ${t.subject ?? ''} ${t.message}`)),
      ),
    ),
  );
}

function totalsView(q: Quote): Node {
  const row = (label: string, value: string, testid: string, negative = false) =>
    h(
      'tr',
      {},
      h('th', {}, label),
      h('td', { 'data-testid': testid }, `${negative ? '−' : ''}${money(value)}`),
    );
  const t = q.totals;
  return h(
    'table',
    { class: 'totals', 'data-testid': 'quote' },
    h(
      'tbody',
      {},
      row('Subtotal', t.subtotal, 'total-subtotal'),
      compareDecimals(t.promotionDiscount, '0') > 0
        ? row('Promotions', t.promotionDiscount, 'total-promotions', true)
        : null,
      compareDecimals(t.couponDiscount, '0') > 0
        ? row('Coupons', t.couponDiscount, 'total-coupons', true)
        : null,
      compareDecimals(t.pointsPayment, '0') > 0
        ? row('Paid with points', t.pointsPayment, 'total-points', true)
        : null,
      h(
        'tr',
        { class: 'payable' },
        h('th', {}, 'To pay'),
        h('td', { 'data-testid': 'total-payable' }, money(t.payable)),
      ),
    ),
  );
}

function receiptView(r: Extract<CheckoutResult, { outcome: 'APPLIED' }>): Node {
  return h(
    'div',
    { class: 'receipt', 'data-testid': 'receipt' },
    h('h3', {}, 'Thank you!'),
    h(
      'p',
      {},
      `Order ${r.orderId}: paid ${money(r.paid, CURRENCY)}`,
      compareDecimals(r.pointsPaid, '0') > 0 ? ` and ${points(r.pointsPaid)} points` : '',
      '.',
    ),
    h(
      'p',
      { 'data-testid': 'receipt-earned' },
      `You earned ${points(r.pointsEarned)} points (pending until the return period ends).`,
    ),
    r.balance
      ? h(
          'p',
          { 'data-testid': 'receipt-balance' },
          `New balance: ${points(r.balance.available)} available, ${points(r.balance.pending)} pending.`,
        )
      : null,
  );
}

function renderCheckout(): void {
  const q = state.quote;
  const refused = q?.coupons.some((c) => !c.valid) ?? false;
  const pay = q?.pointsPayment;
  const pointsRefused = isObject(pay) && isObject(pay.refusal);
  mount(
    'checkout',
    cartView(),
    state.cart.size > 0 ? couponForm() : null,
    state.cart.size > 0 ? pointsForm() : null,
    state.quoting && !q ? h('p', { class: 'muted' }, 'Quoting…') : null,
    q ? totalsView(q) : null,
    q ? explanationView(q) : null,
    q
      ? h(
          'button',
          {
            class: 'primary',
            'data-testid': 'checkout',
            disabled: state.checkingOut || state.quoting || refused || pointsRefused,
            onclick: () => void placeOrder(),
          },
          state.checkingOut ? 'Placing order…' : `Pay ${money(q.totals.payable)}`,
        )
      : null,
    refused || pointsRefused
      ? h('p', { class: 'muted' }, 'Remove what was refused to check out.')
      : null,
    state.receipt ? receiptView(state.receipt) : null,
  );
}

function render(): void {
  mount(
    'who',
    state.session
      ? h(
          'span',
          {},
          `Signed in as ${state.session.name} `,
          h('button', { class: 'link', onclick: signOut }, 'Sign out'),
        )
      : null,
  );
  mount(
    'notice',
    state.notice
      ? h(
          'p',
          { class: `notice ${state.notice.kind}`, role: 'alert', 'data-testid': 'notice' },
          state.notice.text,
        )
      : null,
  );
  if (!state.session) {
    renderSignIn();
    return;
  }
  mount(
    'main',
    h('div', { class: 'column' }, memberView(), menuView()),
    h('section', { class: 'panel column', id: 'checkout' }),
  );
  renderCheckout();
}

async function start(): Promise<void> {
  render();
  try {
    state.members = await listDemoMembers();
  } catch (e) {
    state.notice = { kind: 'error', text: errorText(e) };
  }
  render();
}

void start();
