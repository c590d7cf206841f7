import { Decimal } from '@tessera/engine';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Em } from '../db/orm.js';
import { Program } from '../entities/index.js';
import { insertApiKey } from '../services/apiKeys.js';
import { issueCard } from '../services/cards.js';
import type { ServiceContext } from '../services/context.js';
import { issueCoupons } from '../services/coupons.js';
import { enrolMember } from '../services/members.js';
import { adjustPoints } from '../services/points.js';
import type { Principal } from '../services/principal.js';
import { createProgram } from '../services/programs.js';
import { recordPurchase } from '../services/purchases.js';
import { topUpStoredValue } from '../services/storedValue.js';
import { createStore } from '../services/stores.js';
import { DEMO_CONFIG, DEMO_MEMBERS, DEMO_PROGRAM_ID, DEMO_STORES } from './demoProgram.js';

/** Keys printed once when the demo is first loaded. */
export interface DemoKeys {
  readonly admin: string;
  readonly store: string;
  readonly storefront: string;
}

/**
 * Loads the demo program once: stores, a tier ladder, earning rules, members
 * with cards and stored value. Returns new keys, or null if it was already loaded.
 */
export async function seedDemo(em: Em, clock: Clock, logger: Logger): Promise<DemoKeys | null> {
  if (await em.fork().findOne(Program, { id: DEMO_PROGRAM_ID })) return null;
  const { adminKey, adminSecret } = await createProgram(
    em.fork(),
    { id: DEMO_PROGRAM_ID, name: 'Tessera Coffee Club', config: DEMO_CONFIG },
    clock.now(),
  );
  const admin: Principal = {
    kind: 'admin',
    programId: DEMO_PROGRAM_ID,
    credential: `key:${adminKey.id}`,
    apiKeyId: adminKey.id,
    storeId: null,
  };
  const ctx = (): ServiceContext => ({ em: em.fork(), principal: admin, clock, logger });
  const storeIds = new Map<string, string>();
  for (const s of DEMO_STORES) storeIds.set(s.code, (await createStore(ctx(), s)).id);
  const keyEm = em.fork();
  const store = insertApiKey(
    keyEm,
    {
      programId: DEMO_PROGRAM_ID,
      role: 'store',
      storeId: storeIds.get('SH-001') ?? null,
      label: 'Flagship POS',
    },
    clock.now(),
  );
  const storefront = insertApiKey(
    keyEm,
    { programId: DEMO_PROGRAM_ID, role: 'storefront', storeId: null, label: 'Web storefront' },
    clock.now(),
  );
  await keyEm.flush();
  for (const m of DEMO_MEMBERS) {
    const member = await enrolMember(ctx(), {
      name: m.name,
      phone: m.phone,
      email: m.email,
      birthday: m.birthday,
      tags: [...m.tags],
      storeId: storeIds.get(m.store) ?? null,
      channel: m.store === 'WEB' ? 'online' : 'store',
      marketingConsent: true,
    });
    await issueCard(ctx(), { memberId: member.id });
    if (m.topUp) {
      await topUpStoredValue(ctx(), {
        memberId: member.id,
        amount: new Decimal(m.topUp),
        idempotencyKey: `demo-topup-${member.id}`,
        reference: 'demo',
      });
    }
    await seedPurchases(em, clock, logger, admin, member.id, m.purchases);
    await issueCoupons(ctx(), {
      templateId: 'welcome-10',
      memberId: member.id,
      idempotencyKey: `demo-welcome-${member.id}`,
    });
  }
  return { admin: adminSecret, store: store.secret, storefront: storefront.secret };
}

/**
 * Records the demo purchases through the real services (their points are
 * pending for 14 days) and a welcome adjustment (available at once), so
 * members show available and pending points and a tier.
 */
async function seedPurchases(
  em: Em,
  clock: Clock,
  logger: Logger,
  admin: Principal,
  memberId: string,
  amounts: readonly string[],
): Promise<void> {
  const ctx = (): ServiceContext => ({ em: em.fork(), principal: admin, clock, logger });
  if (amounts.length === 0) return;
  await adjustPoints(ctx(), {
    memberId,
    points: new Decimal(100),
    reason: 'Welcome gift',
    operator: 'demo',
    idempotencyKey: `demo-welcome-points-${memberId}`,
  });
  const now = clock.now().getTime();
  for (const [i, amount] of amounts.entries()) {
    const at = new Date(now);
    await recordPurchase(ctx(), {
      memberId,
      orderId: `demo-${memberId.slice(-8)}-${i + 1}`,
      channel: 'store',
      occurredAt: at,
      currency: 'CNY',
      lines: [
        {
          id: '1',
          sku: i % 2 ? 'CROISSANT' : 'LATTE',
          categories: [i % 2 ? 'bakery' : 'coffee'],
          quantity: new Decimal(1),
          unitPrice: new Decimal(amount),
        },
      ],
      idempotencyKey: `demo-purchase-${memberId}-${i}`,
    });
  }
}
