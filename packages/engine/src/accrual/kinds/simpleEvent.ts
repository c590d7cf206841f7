import type { Decimal } from '../../money/decimal.js';
import type { EarningRuleKind } from '../../program/earning.js';
import type { AccrualEventType } from '../types.js';
import type { EventRuleKind } from './ruleKind.js';

type SimpleKind = 'enrolment' | 'profileCompleted' | 'review' | 'checkIn' | 'survey';

/** A fixed-points event rule answering one event type. */
function simpleEventKind<K extends SimpleKind & EarningRuleKind>(
  kind: K,
  type: AccrualEventType,
): EventRuleKind<K> {
  return {
    kind,
    family: 'event',
    accepts: (_rule, event) => event.type === type,
    evaluate: (rule) => ({ type: 'order', points: (rule as { points: Decimal }).points }),
  };
}

/** `enrolment`: points when the member enrols (`type: 'enrolment'`). */
export const enrolmentKind = simpleEventKind('enrolment', 'enrolment');
/** `profileCompleted`: points when the profile is completed (`type: 'profile_completed'`). */
export const profileCompletedKind = simpleEventKind('profileCompleted', 'profile_completed');
/** `review`: points for a review (`type: 'review'`). */
export const reviewKind = simpleEventKind('review', 'review');
/** `checkIn`: points for a check-in (`type: 'check_in'`). */
export const checkInKind = simpleEventKind('checkIn', 'check_in');
/** `survey`: points for an answered survey (`type: 'survey'`). */
export const surveyKind = simpleEventKind('survey', 'survey');
