/**
 * @tessera/server — the GraphQL server of Tessera. Start it with
 * `node dist/main.js`, or embed it with `startApp`.
 */
export { type App, type StartOptions, startApp } from './app.js';
export { type Clock, systemClock } from './clock.js';
export { IN_MEMORY, loadConfig, type ServerConfig } from './config.js';
export { type Database, type DatabaseTarget, openDatabase } from './db/orm.js';
export { createSchema, printSchemaSdl } from './graphql/schema.js';
export { AppError, ERROR_CODES, type ErrorCode } from './services/errors.js';
export { createProgram } from './services/programs.js';
