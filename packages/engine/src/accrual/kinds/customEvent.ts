import type { EventRuleKind } from './ruleKind.js';

/** `customEvent`: points for a caller-defined event whose `name` equals the rule's `event`. */
export const customEventKind: EventRuleKind<'customEvent'> = {
  kind: 'customEvent',
  family: 'event',
  accepts: (rule, event) => event.type === 'custom' && event.name === rule.event,
  evaluate: (rule) => ({ type: 'order', points: rule.points }),
};
