import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { type Clock, systemClock } from './clock.js';
import type { ServerConfig } from './config.js';
import { type Database, openDatabase } from './db/orm.js';
import { createContext, type GqlContext } from './graphql/context.js';
import { createFormatError } from './graphql/formatError.js';
import {
  depthLimitRule,
  MAX_TOKENS,
  noNulCharacterRule,
  requestLimitsPlugin,
  singleValueMutationRule,
} from './graphql/limits.js';
import { createSchema } from './graphql/schema.js';
import { createHttpServer } from './http/server.js';
import { createLogger } from './logger.js';
import { authenticate } from './services/authenticate.js';
import { AppError } from './services/errors.js';
import { startSweepTimer } from './services/sweeps.js';

/** A running server. */
export interface App {
  readonly url: string;
  readonly db: Database;
  readonly logger: Logger;
  /** Stops accepting requests, drains, closes the database. */
  close(): Promise<void>;
}

/** Options of `startApp`. */
export interface StartOptions {
  readonly config: ServerConfig;
  readonly clock?: Clock;
  /** An already open database (tests); otherwise opened from `config` and closed with the app. */
  readonly db?: Database;
  readonly logger?: Logger;
}

/** Opens the database (running migrations), builds the schema and listens. */
export async function startApp(options: StartOptions): Promise<App> {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger(config.logLevel);
  const ownsDb = !options.db;
  const db =
    options.db ??
    (await openDatabase(
      config.databaseUrl
        ? { kind: 'postgres', url: config.databaseUrl }
        : { kind: 'pglite', dataDir: config.dataDir },
      { countStatements: config.sqlStats },
    ));
  const development = config.nodeEnv === 'development';
  const schema = await createSchema();
  const apollo = new ApolloServer<GqlContext>({
    schema,
    introspection: config.introspection,
    formatError: createFormatError(logger, development),
    includeStacktraceInErrorResponses: false,
    // Limits (docs/server/api.md#limits): tokens at parse; depth, value-moving
    // mutations and NUL characters / lone surrogates at validation; cost and
    // NUL characters / lone surrogates in the variables before execution.
    parseOptions: { maxTokens: MAX_TOKENS },
    validationRules: [depthLimitRule, singleValueMutationRule, noNulCharacterRule],
    logger: {
      debug: (m) => logger.debug(m),
      info: (m) => logger.info(m),
      warn: (m) => logger.warn(m),
      error: (m) => logger.error(m),
    },
    // The IDE is our own offline page (http/ide.ts), never Apollo's CDN-loaded landing page.
    // No cache hints are used: the cache-control plugin (on by default) would wrap every field.
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      requestLimitsPlugin(),
    ],
  });
  await apollo.start();
  const server: http.Server = createHttpServer({
    apollo,
    logger,
    ide: config.introspection,
    ...(config.sqlStats ? { sqlStats: () => db.sqlStats() } : {}),
    ready: async () => {
      await db.orm.em.fork().getConnection().execute('select 1');
    },
    context: async (req, requestId) => {
      const em = db.orm.em.fork();
      try {
        const principal = await authenticate(em, req.headers.authorization, clock.now());
        return createContext({
          em,
          principal,
          clock,
          logger: logger.child({ requestId }),
          requestId,
        });
      } catch (e) {
        if (e instanceof AppError) {
          throw new GraphQLError(e.message, {
            extensions: {
              code: e.code,
              http: { status: e.code === 'UNAUTHENTICATED' ? 401 : 400 },
            },
          });
        }
        throw e;
      }
    },
  });
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}/graphql`;
  logger.info({ url, database: db.kind }, 'server started');
  const stopSweeps =
    config.sweepIntervalMs > 0
      ? startSweepTimer(db.orm.em.fork(), clock, logger, config.sweepIntervalMs)
      : async () => {};
  return {
    url,
    db,
    logger,
    async close() {
      await stopSweeps();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await apollo.stop();
      if (ownsDb) await db.close();
    },
  };
}
