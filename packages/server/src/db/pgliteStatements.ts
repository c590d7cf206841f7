import type { PGliteInterface } from '@electric-sql/pglite';
import { PGliteKnexDialect, type QueryObject } from 'mikro-orm-pglite';

/**
 * The PGlite knex dialect (`@harryplusplus/knex-pglite`) sends a raw query
 * through `exec` (several statements, no parameters) when its text contains a
 * `;` followed by more text, and MikroORM inlines every parameter into the
 * text: a value such as `"a;b"` in `findOne` came back as `{}` (an entity
 * with no fields) and failed later; in a transaction, an idempotency key
 * holding `;` made the mutation INTERNAL. `patchPGliteQuery` makes the same
 * decision with `isMultiStatement`, a scanner that skips quoted strings,
 * quoted identifiers, dollar quotes and comments, for every query of the
 * PGlite client and of its transactions.
 */

/** True when `sql` holds more than one statement (a `;` outside quotes and comments, then more SQL). */
export function isMultiStatement(sql: string): boolean {
  let i = 0;
  let seenEnd = false;
  const n = sql.length;
  while (i < n) {
    const c = sql[i] as string;
    if (seenEnd && !/\s/.test(c) && c !== ';') {
      // Comments after the last statement are not statements.
      if (!(c === '-' && sql[i + 1] === '-') && !(c === '/' && sql[i + 1] === '*')) return true;
    }
    if (c === "'" || c === '"') {
      // '...' ('' escapes; E'...' strings also escape with a backslash) and "...".
      const escaped = c === "'" && i > 0 && /[eE]/.test(sql[i - 1] as string);
      i += 1;
      while (i < n) {
        if (escaped && sql[i] === '\\') i += 2;
        else if (sql[i] === c && sql[i + 1] === c) i += 2;
        else if (sql[i] === c) break;
        else i += 1;
      }
      i += 1;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? n : end + 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end === -1 ? n : end + 2;
    } else if (c === '$') {
      const tag = /^\$([A-Za-z_][A-Za-z_0-9]*)?\$/.exec(sql.slice(i));
      if (tag && !(i > 0 && /[A-Za-z_0-9]/.test(sql[i - 1] as string))) {
        const end = sql.indexOf(tag[0], i + tag[0].length);
        i = end === -1 ? n : end + tag[0].length;
      } else i += 1;
    } else {
      if (c === ';') seenEnd = true;
      i += 1;
    }
  }
  return false;
}

/**
 * The PGlite dialect's `_query` with `isMultiStatement` as its test: `exec`
 * (the simple-query protocol, which splits the text itself and answers one
 * result per statement) only for real multi-statement raw text, the extended
 * protocol (one statement, its result rows) for everything else.
 */
async function pgliteQuery(connection: PGliteInterface, obj: QueryObject): Promise<QueryObject> {
  if (!obj.sql) throw new Error('The query is empty');
  obj.response =
    obj.method === 'raw' && isMultiStatement(obj.sql)
      ? await connection.exec(obj.sql)
      : await connection.query(obj.sql, obj.bindings ?? []);
  return obj;
}

/**
 * Makes the PGlite knex client `client`, and every transaction client knex
 * derives from it, send queries through `pgliteQuery`.
 *
 * Knex builds a transaction's client with
 * `Object.create(client.constructor.prototype)`: a `_query` set on the client
 * object itself (as this function first did) never reaches a transaction, and
 * every statement of an `em.transactional` went through the dialect's own test
 * again. So the method is replaced on the prototype of mikro-orm-pglite's
 * dialect class (idempotent; every PGlite database of the process wants it).
 * Of the ways to reach transaction clients this one depends only on the
 * dialect's `_query` hook (the method the dialect itself overrides), not on
 * how knex copies a client into a transaction, nor on MikroORM's knex options
 * (a subclass passed as knex's `client`), nor on moving the client to another
 * prototype. It stays PGlite-only: `PGliteKnexDialect` is a subclass of
 * MikroORM's PostgreSQL dialect, whose prototype is not touched, so
 * PostgreSQL clients keep knex's `pg` `_query`. The checks make the start fail
 * rather than run unpatched if a dependency upgrade changes the class.
 */
export function patchPGliteQuery(client: object): void {
  if (!(client instanceof PGliteKnexDialect)) {
    throw new Error('patchPGliteQuery: the knex client is not a PGliteKnexDialect');
  }
  if (PGliteKnexDialect.prototype._query !== pgliteQuery) {
    PGliteKnexDialect.prototype._query = pgliteQuery;
  }
  // What the client and its transaction clients (built from `constructor.prototype`) resolve.
  const txProto: unknown = Reflect.get(client.constructor, 'prototype');
  if (
    Reflect.get(client, '_query') !== pgliteQuery ||
    typeof txProto !== 'object' ||
    txProto === null ||
    Reflect.get(txProto, '_query') !== pgliteQuery
  ) {
    throw new Error('patchPGliteQuery: the PGlite knex client class overrides _query');
  }
}
