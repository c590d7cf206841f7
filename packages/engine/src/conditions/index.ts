export { type AudienceMiss, isBirthday, matchAudience } from './matchAudience.js';
export { matchLine } from './matchLine.js';
export { matchTimeWindow, type WindowMiss } from './matchTimeWindow.js';
