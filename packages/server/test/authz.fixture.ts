/**
 * The data of the authorisation matrix: programs A and B, each with two
 * stores, two members with cards, stored value, purchases, points (also
 * transferred between the two), coupons (owned and public) and a coupon
 * redemption; a storefront key and a store key of A and member tokens of A1
 * and A2. Fresh data for destructive cells is made on demand with the target
 * program's admin key, before the cell's "before" snapshot.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { Caller, TargetKind } from './authz.table.js';
import { gql, minimalConfig, type TestServer } from './harness.js';

/** One member and what belongs to it (or, for a missing target, random ids of the same shapes). */
export interface Subject {
  readonly program: 'A' | 'B';
  readonly memberId: string;
  readonly name: string;
  readonly email: string;
  readonly phone: string;
  readonly cardId: string;
  readonly cardNumber: string;
  /** A recorded purchase. */
  readonly orderId: string;
  /** An owned coupon (template `multi`, 100 uses). */
  readonly couponCode: string;
  /** The batch that issued it. */
  readonly batchId: string;
  /** The main store of the member's program. */
  readonly storeId: string;
}

/** A cell's target as seen from its caller. `missing`: random well-formed ids; `junk`: malformed ids. */
export interface Target {
  readonly caller: Caller;
  readonly kind: TargetKind | 'missing' | 'junk';
  readonly subject: Subject;
  /** The other member of the subject's program (transfers). */
  readonly peer: Subject;
}

/** What identifies a program's data in an answer. */
export interface ProgramMarkers {
  readonly programId: string;
  readonly storeIds: string[];
  readonly storeCodes: string[];
  readonly publicCode: string;
  readonly keyIds: string[];
}

/** The matrix program: points with transfers and payment, a tier ladder, a 100-use coupon template. */
export function matrixConfig(): Record<string, unknown> {
  return {
    ...minimalConfig(),
    earning: { rate: { points: '1', per: '1' } },
    points: {
      pending: { amount: 0, unit: 'day' },
      expiry: { kind: 'rolling', amount: 12, unit: 'month' },
      returns: 'allowDebt',
      transfers: { allowed: true },
      holds: { timeoutMinutes: 30 },
    },
    tiers: {
      window: 'rolling',
      rollingMonths: 12,
      ladder: [
        { id: 'green', name: 'Green' },
        { id: 'silver', name: 'Silver', entry: { spend: '100000' } },
      ],
    },
    couponTemplates: [
      {
        id: 'multi',
        name: 'Ten off',
        benefit: { kind: 'amount_off', amount: '10' },
        usesPerCoupon: 100,
        validity: {
          kind: 'absolute',
          from: '2026-01-01T00:00:00+08:00',
          until: '2027-01-01T00:00:00+08:00',
        },
      },
    ],
  };
}

const q = {
  publish: `mutation($input: PublishProgramVersionInput!) { publishProgramVersion(input: $input) { programVersion { version } } }`,
  store: `mutation($input: CreateStoreInput!) { createStore(input: $input) { store { id code } } }`,
  key: `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id } } }`,
  keys: `{ apiKeys(first: 100) { nodes { id } } }`,
  enrol: `mutation($input: EnrolMemberInput!) { enrolMember(input: $input) { member { id } } }`,
  card: `mutation($input: IssueCardInput!) { issueCard(input: $input) { card { id number } } }`,
  mint: `mutation($input: CreateMemberTokenInput!) { createMemberToken(input: $input) { token } }`,
  topUp: `mutation($input: TopUpStoredValueInput!) { topUpStoredValue(input: $input) { outcome } }`,
  pay: `mutation($input: PayWithStoredValueInput!) { payWithStoredValue(input: $input) { outcome entry { id } } }`,
  purchase: `mutation($input: RecordPurchaseInput!) { recordPurchase(input: $input) { outcome } }`,
  adjust: `mutation($input: AdjustPointsInput!) { adjustPoints(input: $input) { outcome } }`,
  transfer: `mutation($input: TransferPointsInput!) { transferPoints(input: $input) { outcome } }`,
  reserve: `mutation($input: ReservePointsInput!) { reservePoints(input: $input) { outcome } }`,
  issue: `mutation($input: IssueCouponsInput!) { issueCoupons(input: $input) { batchId coupons { code } } }`,
  redeem: `mutation($input: RedeemCouponInput!) { redeemCoupon(input: $input) { outcome } }`,
};

const HEX = '0123456789abcdef';
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A random value of the same shape as `real`: each hex token (uuid parts,
 * hashes) becomes random hex, each upper-case token random Crockford base32
 * (coupon codes, order ids); separators and other tokens stay.
 */
export function sameShape(real: string): string {
  const pick = (alphabet: string, n: number) =>
    Array.from({ length: n }, () => alphabet[randomInt(alphabet.length)]).join('');
  return real.replace(/[0-9A-Za-z]+/g, (tok) =>
    /^[0-9a-f]+$/.test(tok)
      ? pick(HEX, tok.length)
      : /^[0-9A-Z]+$/.test(tok)
        ? pick(CROCKFORD, tok.length)
        : tok,
  );
}

export class Fixture {
  readonly config = matrixConfig();
  readonly credentials = {} as Record<Exclude<Caller, 'anonymous'>, string>;
  readonly subjects = {} as Record<'A1' | 'A2' | 'B1' | 'B2', Subject>;
  readonly programs = {} as Record<'A' | 'B', ProgramMarkers>;
  private readonly admins = {} as Record<'A' | 'B', string>;
  private counter = 0;
  /** Set when the fixture wrote since the last snapshot (the runner then takes a new one). */
  dirty = true;

  constructor(readonly s: TestServer) {}

  /** A number unique within the run (keys, order ids, names). */
  next(): number {
    return ++this.counter;
  }

  private async call<T>(query: string, variables: Record<string, unknown>, key: string) {
    this.dirty = true;
    const r = await gql<T>(this.s.url, query, variables, key);
    if (r.errors) throw new Error(`fixture: ${JSON.stringify(r.errors)} for ${query}`);
    return r.data!;
  }

  /** Builds programs A and B. */
  async build(): Promise<void> {
    this.admins.A = this.s.adminKey;
    this.admins.B = await this.s.addProgram('authz-b');
    for (const p of ['A', 'B'] as const) await this.buildProgram(p);
    // Points moved between the members of each program, both ways.
    for (const [from, to] of [
      ['A1', 'A2'],
      ['A2', 'A1'],
      ['B1', 'B2'],
      ['B2', 'B1'],
    ] as const) {
      const program = this.subjects[from].program;
      await this.call(
        q.transfer,
        {
          input: {
            fromMemberId: this.subjects[from].memberId,
            toMemberId: this.subjects[to].memberId,
            points: '3',
            idempotencyKey: `fx-tr-${from}`,
          },
        },
        this.admins[program],
      );
    }
    const tokenA = (m: 'A1' | 'A2') =>
      this.call<{ createMemberToken: { token: string } }>(
        q.mint,
        { input: { memberId: this.subjects[m].memberId, ttlSeconds: 3600 } },
        this.admins.A,
      );
    this.credentials.memberA1 = (await tokenA('A1')).createMemberToken.token;
    this.credentials.memberA2 = (await tokenA('A2')).createMemberToken.token;
    this.credentials.adminA = this.admins.A;
    this.credentials.adminB = this.admins.B;
    for (const p of ['A', 'B'] as const) {
      const keys = await this.call<{ apiKeys: { nodes: { id: string }[] } }>(
        q.keys,
        {},
        this.admins[p],
      );
      this.programs[p].keyIds.push(...keys.apiKeys.nodes.map((k) => k.id));
    }
  }

  private async buildProgram(p: 'A' | 'B'): Promise<void> {
    const admin = this.admins[p];
    await this.call(q.publish, { input: { config: this.config } }, admin);
    const stores: { id: string; code: string }[] = [];
    for (const n of [1, 2]) {
      const r = await this.call<{ createStore: { store: { id: string; code: string } } }>(
        q.store,
        { input: { code: `S${p}${n}-${randomBytes(3).toString('hex')}`, name: `Store ${p}${n}` } },
        admin,
      );
      stores.push(r.createStore.store);
    }
    const store = stores[0]!;
    const publicCode = await this.call<{ issueCoupons: { coupons: { code: string }[] } }>(
      q.issue,
      { input: { templateId: 'multi', count: 1, idempotencyKey: `fx-pub-${p}` } },
      admin,
    );
    this.programs[p] = {
      programId: p === 'A' ? this.s.programId : 'authz-b',
      storeIds: stores.map((s) => s.id),
      storeCodes: stores.map((s) => s.code),
      publicCode: publicCode.issueCoupons.coupons[0]!.code,
      keyIds: [],
    };
    if (p === 'A') {
      const storeKey = await this.call<{ createApiKey: { secret: string } }>(
        q.key,
        { input: { role: 'store', storeId: store.id, label: 'POS A' } },
        admin,
      );
      this.credentials.store = storeKey.createApiKey.secret;
      const front = await this.call<{ createApiKey: { secret: string } }>(
        q.key,
        { input: { role: 'storefront', label: 'Web A' } },
        admin,
      );
      this.credentials.storefront = front.createApiKey.secret;
    }
    for (const n of [1, 2] as const) {
      const tag = `${p}${n}`;
      const salt = randomBytes(4).toString('hex');
      const name = `Member ${tag} ${salt}`;
      const email = `m${tag.toLowerCase()}.${salt}@example.com`;
      const phone = `+86139${String(randomInt(10_000_000, 99_999_999))}`;
      const enrolled = await this.call<{ enrolMember: { member: { id: string } } }>(
        q.enrol,
        { input: { name, email, phone, channel: 'store', storeId: store.id } },
        admin,
      );
      const memberId = enrolled.enrolMember.member.id;
      const card = await this.call<{ issueCard: { card: { id: string; number: string } } }>(
        q.card,
        { input: { memberId } },
        admin,
      );
      await this.call(
        q.topUp,
        { input: { memberId, amount: '500.00', idempotencyKey: `fx-top-${tag}` } },
        admin,
      );
      await this.call(
        q.pay,
        { input: { memberId, amount: '5.00', idempotencyKey: `fx-pay-${tag}` } },
        admin,
      );
      const orderId = `ORD-${tag}-${salt}`;
      await this.call(q.purchase, { input: this.purchaseInput(memberId, orderId) }, admin);
      await this.call(
        q.adjust,
        {
          input: {
            memberId,
            points: '1000',
            reason: 'fixture',
            operator: 'ops',
            idempotencyKey: `fx-adj-${tag}`,
          },
        },
        admin,
      );
      const issued = await this.call<{
        issueCoupons: { batchId: string; coupons: { code: string }[] };
      }>(
        q.issue,
        { input: { templateId: 'multi', memberId, idempotencyKey: `fx-cpn-${tag}` } },
        admin,
      );
      const couponCode = issued.issueCoupons.coupons[0]!.code;
      await this.call(
        q.redeem,
        {
          input: {
            code: couponCode,
            memberId,
            orderId: `CPN-${tag}-${salt}`,
            lines: [{ id: '1', sku: 'TEA-1', quantity: '1', unitPrice: '80.00' }],
            idempotencyKey: `fx-red-${tag}`,
          },
        },
        admin,
      );
      this.subjects[tag as 'A1'] = {
        program: p,
        memberId,
        name,
        email,
        phone,
        cardId: card.issueCard.card.id,
        cardNumber: card.issueCard.card.number,
        orderId,
        couponCode,
        batchId: issued.issueCoupons.batchId,
        storeId: store.id,
      };
    }
  }

  /** A purchase of 100.00 recorded by `memberId` (one tea line). */
  purchaseInput(memberId: string, orderId: string): Record<string, unknown> {
    return {
      memberId,
      orderId,
      channel: 'store',
      occurredAt: '2026-03-01T09:00:00Z',
      currency: 'CNY',
      lines: [{ id: '1', sku: 'TEA-1', categories: ['tea'], quantity: '1', unitPrice: '100.00' }],
      idempotencyKey: `ik-${orderId}`,
    };
  }

  /** The target of a cell: see the table's header for what own, other and foreign are. */
  target(caller: Caller, kind: Target['kind']): Target {
    const [own, other, foreign] =
      caller === 'adminB'
        ? (['B1', 'B2', 'A1'] as const)
        : caller === 'memberA2'
          ? (['A2', 'A1', 'B1'] as const)
          : (['A1', 'A2', 'B1'] as const);
    const peerOf = { A1: 'A2', A2: 'A1', B1: 'B2', B2: 'B1' } as const;
    if (kind === 'missing' || kind === 'junk') {
      const base = this.subjects[own];
      const subject = this.unknown(base, kind);
      return { caller, kind, subject, peer: this.unknown(this.subjects[peerOf[own]], kind) };
    }
    const name = kind === 'own' ? own : kind === 'other' ? other : foreign;
    return { caller, kind, subject: this.subjects[name], peer: this.subjects[peerOf[name]] };
  }

  /** Ids no program has: random ones of the real shapes, or (junk) malformed server ids. */
  private unknown(base: Subject, kind: 'missing' | 'junk'): Subject {
    const id = (real: string) =>
      kind === 'junk' ? `not-an-id-${randomInt(1e6)}` : sameShape(real);
    return {
      ...base,
      memberId: id(base.memberId),
      cardId: id(base.cardId),
      batchId: id(base.batchId),
      storeId: id(base.storeId),
      orderId: sameShape(base.orderId),
      couponCode: sameShape(base.couponCode),
      name: 'nobody',
      email: `nobody.${randomInt(1e6)}@example.com`,
      phone: '+8613000000000',
      cardNumber: 'none',
    };
  }

  /** The admin key of the target's program, or null for an unknown target. */
  private adminOf(t: Target): string | null {
    return t.kind === 'missing' || t.kind === 'junk' ? null : this.admins[t.subject.program];
  }

  private unknownId(t: Target, real: string): string {
    return t.kind === 'junk' ? `not-an-id-${randomInt(1e6)}` : sameShape(real);
  }

  private readonly made = new Map<string, Promise<string>>();

  /**
   * Fresh data is made once and reused by the cells that follow until one of
   * them writes (`consumed`): denied cells change nothing, so they share it.
   */
  private reuse(what: string, t: Target, make: () => Promise<string>): Promise<string> {
    const key = `${what}:${t.kind === 'missing' || t.kind === 'junk' ? t.kind : t.subject.memberId}`;
    let p = this.made.get(key);
    if (!p) {
      p = make();
      this.made.set(key, p);
    }
    return p;
  }

  /** Called after a cell wrote: fresh data may be used up. */
  consumed(): void {
    this.made.clear();
  }

  /** A fresh member of the target's program (a member token's own target stays itself). */
  async freshMember(t: Target): Promise<string> {
    const admin = this.adminOf(t);
    if (!admin || ((t.caller === 'memberA1' || t.caller === 'memberA2') && t.kind === 'own')) {
      return t.subject.memberId;
    }
    return this.reuse('member', t, () => this.enrolFresh(admin));
  }

  private async enrolFresh(admin: string): Promise<string> {
    const r = await this.call<{ enrolMember: { member: { id: string } } }>(
      q.enrol,
      { input: { name: `Fresh ${this.next()}`, channel: 'store' } },
      admin,
    );
    return r.enrolMember.member.id;
  }

  /** The target's active card (a new one is issued when the last was lost or replaced). */
  async activeCard(t: Target): Promise<string> {
    const admin = this.adminOf(t);
    if (!admin) return t.subject.cardId;
    const rows = await this.s.db.orm.em
      .fork()
      .getConnection()
      .execute<{ id: string }[]>(`select id from card where member_id = ? and status = 'active'`, [
        t.subject.memberId,
      ]);
    if (rows[0]) return rows[0].id;
    const r = await this.call<{ issueCard: { card: { id: string } } }>(
      q.card,
      { input: { memberId: t.subject.memberId } },
      admin,
    );
    return r.issueCard.card.id;
  }

  /** A fresh hold of 10 points on the target's account; its hold id. */
  freshHold(t: Target): Promise<string> {
    return this.reuse('hold', t, async () => {
      const holdId = `hold-fx-${this.next()}`;
      const admin = this.adminOf(t);
      if (!admin) return holdId;
      await this.call(
        q.reserve,
        {
          input: {
            memberId: t.subject.memberId,
            holdId,
            points: '10',
            reference: 'fixture',
            idempotencyKey: `fx-${holdId}`,
          },
        },
        admin,
      );
      return holdId;
    });
  }

  /** A fresh purchase of the target's; its order id. */
  freshPurchase(t: Target): Promise<string> {
    return this.reuse('purchase', t, async () => {
      const orderId = `ORD-FX-${this.next()}`;
      const admin = this.adminOf(t);
      if (!admin) return sameShape(orderId);
      await this.call(
        q.purchase,
        { input: this.purchaseInput(t.subject.memberId, orderId) },
        admin,
      );
      return orderId;
    });
  }

  /** A fresh stored-value payment of 1.00 of the target's; its ledger entry id. */
  freshPayment(t: Target): Promise<string> {
    return this.reuse('payment', t, async () => {
      const admin = this.adminOf(t) ?? this.admins.A;
      const r = await this.call<{ payWithStoredValue: { entry: { id: string } } }>(
        q.pay,
        {
          input: {
            memberId: this.adminOf(t) ? t.subject.memberId : this.subjects.A1.memberId,
            amount: '1.00',
            idempotencyKey: `fx-pay-${this.next()}`,
          },
        },
        admin,
      );
      const id = r.payWithStoredValue.entry.id;
      return this.adminOf(t) ? id : this.unknownId(t, id);
    });
  }

  /** A fresh coupon redemption of the target's on a new order; the order id. */
  freshCouponOrder(t: Target): Promise<string> {
    return this.reuse('couponOrder', t, async () => {
      const orderId = `CPN-FX-${this.next()}`;
      const admin = this.adminOf(t);
      if (!admin) return sameShape(orderId);
      await this.call(
        q.redeem,
        {
          input: {
            code: t.subject.couponCode,
            memberId: t.subject.memberId,
            orderId,
            lines: [{ id: '1', sku: 'TEA-1', quantity: '1', unitPrice: '80.00' }],
            idempotencyKey: `fx-${orderId}`,
          },
        },
        admin,
      );
      return orderId;
    });
  }

  /** A fresh storefront key of the target's program; its id. */
  freshApiKey(t: Target): Promise<string> {
    return this.reuse('apiKey', t, async () => {
      const admin = this.adminOf(t) ?? this.admins.A;
      const r = await this.call<{ createApiKey: { apiKey: { id: string } } }>(
        q.key,
        { input: { role: 'storefront', label: `fresh ${this.next()}` } },
        admin,
      );
      const id = r.createApiKey.apiKey.id;
      return this.adminOf(t) ? id : this.unknownId(t, id);
    });
  }

  /** Markers of one member's data (ids, contact, card, order, coupon). */
  memberMarkers(m: Subject): string[] {
    return [m.memberId, m.name, m.email, m.phone, m.cardNumber, m.orderId, m.couponCode];
  }

  /** Markers of one program's data. */
  programMarkers(p: 'A' | 'B'): string[] {
    const m = this.programs[p];
    return [m.programId, ...m.storeIds, ...m.storeCodes, m.publicCode, ...m.keyIds];
  }

  /** A digest of every table: equal digests, nothing written. */
  async fingerprint(): Promise<Record<string, string>> {
    const t0 = performance.now();
    try {
      return await this.digest();
    } finally {
      this.fingerprintMs += performance.now() - t0;
      this.fingerprints++;
    }
  }

  fingerprintMs = 0;
  fingerprints = 0;

  private async digest(): Promise<Record<string, string>> {
    const conn = this.s.db.orm.em.fork().getConnection();
    const tables = (
      await conn.execute<{ tablename: string }[]>(
        `select tablename from pg_tables where schemaname = 'public' order by tablename`,
      )
    ).map((t) => t.tablename);
    const sql = `select ${tables
      .map(
        (t) =>
          `(select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) from "${t}" x) as "${t}"`,
      )
      .join(', ')}`;
    const [row] = await conn.execute<Record<string, string>[]>(sql);
    return row!;
  }
}
