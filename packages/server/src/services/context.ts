import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Em } from '../db/orm.js';
import type { Principal } from './principal.js';

/** What every service call receives: one request's EntityManager, caller and clock. */
export interface ServiceContext {
  /** The request's forked EntityManager (never the global one). */
  readonly em: Em;
  readonly principal: Principal;
  readonly clock: Clock;
  readonly logger: Logger;
}
