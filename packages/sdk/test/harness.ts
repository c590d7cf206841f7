import {
  type App,
  createProgram,
  type Database,
  IN_MEMORY,
  loadConfig,
  openDatabase,
  startApp,
} from '@tessera/server';
import { createTesseraClient, type TesseraClient } from '../src/index.js';

/** A clock the tests move by hand. */
export interface ManualClock {
  now(): Date;
  set(at: string): void;
}

function manualClock(start: string): ManualClock {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (at) => {
      t = new Date(at).getTime();
    },
  };
}

/** The smallest configuration the engine accepts, for a program's version 1. */
const MINIMAL_CONFIG = { currency: 'CNY', timeZone: 'Asia/Shanghai' };

/** A real Tessera server started in-process on in-memory PGlite, with one program. */
export interface TestServer {
  readonly url: string;
  readonly programId: string;
  readonly adminKey: string;
  readonly clock: ManualClock;
  readonly app: App;
  /** An SDK client with the program's admin key. */
  admin(options?: { fetch?: typeof fetch }): TesseraClient;
  /** Creates another program in the same database; returns its admin key. */
  addProgram(id: string): Promise<string>;
  close(): Promise<void>;
}

/** Starts the server from @tessera/server's sources (the `@tessera/source` condition). */
export async function startTestServer(programId = 'sdk-test'): Promise<TestServer> {
  const clock = manualClock('2026-03-02T02:00:00Z');
  const db: Database = await openDatabase({ kind: 'pglite', dataDir: IN_MEMORY });
  const addProgram = async (id: string) => {
    const { adminSecret } = await createProgram(
      db.orm.em.fork(),
      { id, name: `Program ${id}`, config: MINIMAL_CONFIG },
      clock.now(),
    );
    return adminSecret;
  };
  const adminKey = await addProgram(programId);
  const app = await startApp({
    config: { ...loadConfig({ NODE_ENV: 'test', PORT: '0' }) },
    clock,
    db,
  });
  const url = app.url;
  return {
    url,
    programId,
    adminKey,
    clock,
    app,
    admin: (options = {}) =>
      createTesseraClient({
        url,
        apiKey: adminKey,
        ...(options.fetch ? { fetch: options.fetch } : {}),
      }),
    addProgram,
    async close() {
      await app.close();
      await db.close();
    },
  };
}
