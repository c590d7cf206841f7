import { type EventRuleKind, miss } from './ruleKind.js';

/**
 * `referral`: `referrerPoints` to the referrer and `refereePoints` to the
 * referee, at the configured stage. The credited side is the member of the
 * call; a member referring themself gets `SELF_REFERRAL`.
 */
export const referralKind: EventRuleKind<'referral'> = {
  kind: 'referral',
  family: 'event',
  accepts: (rule, event) => event.type === 'referral' && event.referral?.stage === rule.on,
  evaluate: (rule, { event, member }) => {
    const referral = event.referral!;
    if (referral.referrerId === referral.refereeId) return miss({ code: 'SELF_REFERRAL' });
    const points = member.id === referral.referrerId ? rule.referrerPoints : rule.refereePoints;
    return { type: 'order', points };
  },
};
