/**
 * Shopper-facing words for the quote's reason codes. The codes are the
 * engine's stable reason codes (docs/reference/reason-codes.md); the quote
 * carries them with their data, so a storefront writes its own texts (and
 * falls back to the code for one it does not know yet).
 */
import { formatDecimal } from './decimal.js';

/** A reason as the API sends it in JSON: `{ code, ...data }`. */
export type Reason = Readonly<Record<string, unknown>>;

const money = (v: unknown, currency: string) =>
  typeof v === 'string' ? `${formatDecimal(v, 2)} ${currency}` : '?';

/** Why a promotion did not apply. */
export function promotionSkipText(reason: Reason, currency: string): string {
  switch (reason.code) {
    case 'MIN_SPEND_NOT_MET':
      return `spend ${money(reason.required, currency)} on eligible items to get it (now ${money(reason.actual, currency)})`;
    case 'MIN_QUANTITY_NOT_MET':
      return `needs ${String(reason.required)} eligible items (now ${String(reason.actual)})`;
    case 'NO_APPLICABLE_ITEMS':
      return 'no eligible item in the cart';
    case 'TIER_NOT_ELIGIBLE':
      return 'for members of another tier';
    case 'STORE_NOT_ELIGIBLE':
      return 'not offered in this store';
    case 'CHANNEL_NOT_ELIGIBLE':
      return 'not offered online';
    case 'SEGMENT_NOT_ELIGIBLE':
      return 'for selected members only';
    case 'NOT_A_NEW_MEMBER':
      return 'for new members only';
    case 'NOT_BIRTHDAY':
      return 'for your birthday only';
    case 'NOT_STARTED':
      return 'not started yet';
    case 'ENDED':
      return 'has ended';
    case 'WRONG_DATE':
    case 'WRONG_WEEKDAY':
    case 'WRONG_HOUR':
      return 'not at this time';
    case 'NO_TIER_BENEFIT':
      return 'your tier has no such benefit';
    case 'NOT_COMBINABLE':
    case 'EXCLUSIVE_APPLIED':
    case 'GROUP_FIRST_MATCH_TAKEN':
    case 'GROUP_BEST_DEAL_NOT_CHOSEN':
      return 'a better offer already applies';
    case 'UNITS_ALREADY_DISCOUNTED':
      return 'those items are already discounted';
    default:
      return String(reason.code ?? 'not applied');
  }
}

/** Why the points asked for cannot pay this order (the ledger's codes). */
export function pointsRefusalText(reason: Reason): string {
  switch (reason.code) {
    case 'INSUFFICIENT_POINTS':
      return `only ${String(reason.available)} points are available`;
    case 'EXCEEDS_MAXIMUM_SHARE':
      return `at most ${String(reason.maxPoints)} points may pay this order`;
    case 'NOT_A_MULTIPLE_OF_STEP':
      return `points are spent in steps of ${String(reason.step)}`;
    case 'BELOW_MINIMUM':
      return `spend at least ${String(reason.minimum)} points`;
    case 'PAYMENT_DISABLED':
      return 'points cannot pay orders in this program';
    default:
      return String(reason.code ?? 'refused');
  }
}

/** What limits the points payable on the order. */
export function boundText(boundBy: unknown): string {
  switch (boundBy) {
    case 'available':
      return 'all your available points';
    case 'share':
      return 'the share of the order points may pay';
    case 'minimum':
      return 'below the minimum payment';
    case 'disabled':
      return 'points payment is off';
    default:
      return String(boundBy);
  }
}

/**
 * Names of the demo program's earning rules. The quote's trace names rules by
 * id (a member cannot read the program's configuration); a shop knows its own
 * rules' names. Unknown ids are shown as they are.
 */
const RULE_NAMES: Readonly<Record<string, string>> = {
  base: 'Base rate',
  'bakery-double': 'Double points on bakery',
  'weekend-flagship': 'Weekend bonus at the flagship',
  welcome: 'Welcome points',
};

/** Why an earning rule did not fire (the accrual's reason codes). */
const MISS_TEXT: Readonly<Record<string, string>> = {
  OUTSIDE_WINDOW: 'not at this time',
  NOT_IN_AUDIENCE: 'not for this order',
  NO_ELIGIBLE_LINES: 'no eligible item in the cart',
  BELOW_MINIMUM_SPEND: 'below its minimum spend',
  THRESHOLD_NOT_REACHED: 'below its threshold',
  NOT_FIRST_PURCHASE: 'first purchase only',
  CAP_REACHED: 'its limit is reached',
  BUDGET_EXHAUSTED: 'its budget is used up',
};

/**
 * One earning rule of the quote's trace (`step: earning`, a rule id as
 * subject) in words: "Double points on bakery: +27 points" or "Weekend bonus
 * at the flagship: not at this time". Null for a trace line of another form.
 */
export function earningRuleText(subject: string, message: string): string | null {
  const name = RULE_NAMES[subject] ?? subject;
  const fired = /^FIRED: ([\d.]+) point/.exec(message);
  if (fired) return `${name}: +${fired[1]} points`;
  const missed = /^MISSED: ([A-Z_]+)/.exec(message);
  if (missed?.[1]) return `${name}: ${MISS_TEXT[missed[1]] ?? missed[1]}`;
  return null;
}

/** A tier id as a name ("silver" -> "Silver"); the member API names only the current tier. */
export function tierLabel(id: string): string {
  return id.charAt(0).toUpperCase() + id.slice(1).replaceAll('-', ' ');
}
