import { devAssert } from '../internal/assert.js';
import { type CartLineInput, type LineKind, MAX_LINES, normalizeLines } from '../model/cart.js';
import { EvalContext } from '../model/context.js';
import { type MemberSnapshotInput, normalizeMember } from '../model/member.js';
import type { Decimal, DecimalInput } from '../money/decimal.js';
import type { Channel } from '../program/primitives.js';
import type { Program } from '../program/schema.js';
import { type InstantInput, toEpochMs } from '../time/index.js';
import { actionModule } from './actions/index.js';
import { applyPromotions } from './applyPromotions.js';
import type { PromotionTraceEntry } from './types.js';

/** A catalogue item to price. */
export interface MemberPriceItem {
  readonly sku: string;
  readonly categories?: readonly string[];
  /** List price of one unit. */
  readonly unitPrice: DecimalInput;
  readonly kind?: LineKind;
}

/** What `memberPrices` takes. */
export interface MemberPricesInput {
  readonly items: readonly MemberPriceItem[];
  /** The member, or null for a guest (then only promotions without a member audience apply). */
  readonly member: MemberSnapshotInput | null;
  readonly now: InstantInput;
  readonly storeId?: string | null;
  readonly channel?: Channel | null;
}

/** One item's member price. */
export interface MemberPrice {
  readonly sku: string;
  readonly unitPrice: Decimal;
  /** Price of one unit for this member (equal to `unitPrice` when nothing applies). */
  readonly memberPrice: Decimal;
  readonly saving: Decimal;
  /** Promotions that made the price, in application order. */
  readonly promotionIds: readonly string[];
  readonly trace: readonly PromotionTraceEntry[];
}

/**
 * Member prices for listings (D11, the strike-through price), without a cart:
 * each item is priced alone, one unit, with the program's price promotions
 * (the `listable` kinds: percent off, amount off, member price, tier
 * discount), their targeting and stacking. Promotions that need a cart
 * (spend thresholds, buy X get Y, gifts, shipping) are left out, and so are
 * requirements an item alone does not meet. At most `MAX_LINES` items.
 */
export function memberPrices(program: Program, input: MemberPricesInput): MemberPrice[] {
  devAssert(input.items.length <= MAX_LINES, `memberPrices: at most ${MAX_LINES} items`);
  const listable = {
    ...program,
    promotions: program.promotions.filter((p) => actionModule(p.action.kind).listable),
  } as Program;
  const member = input.member ? normalizeMember(input.member) : null;
  const ctx = new EvalContext(
    toEpochMs(input.now),
    program.timeZone,
    input.storeId ?? null,
    input.channel ?? null,
    member,
  );
  return input.items.map((item, i) => {
    const lineInput: CartLineInput = {
      id: 'item',
      sku: item.sku,
      categories: item.categories ?? [],
      quantity: 1,
      unitPrice: item.unitPrice,
      kind: item.kind ?? 'product',
    };
    const [line] = normalizeLines([lineInput], ['items', i]);
    const result = applyPromotions(listable, { lines: [line!], ctx });
    return {
      sku: item.sku,
      unitPrice: line!.unitPrice,
      memberPrice: result.totals.total,
      saving: result.totals.discount,
      promotionIds: result.applied.map((a) => a.promotionId),
      trace: result.trace,
    };
  });
}
