/**
 * The PGlite knex dialect (`@harryplusplus/knex-pglite`) sends a raw query
 * through `exec` (several statements, no parameters) when its text contains a
 * `;` followed by more text, and MikroORM inlines every parameter into the
 * text: a value such as `"a;b"` in `findOne` came back as `{}` (an entity
 * with no fields) and failed later. This is the same decision, made by a
 * scanner that skips quoted strings, quoted identifiers, dollar quotes and
 * comments.
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

/** What the dialect's `_query` receives. */
interface QueryObject {
  sql: string;
  bindings?: readonly unknown[];
  method?: string;
  response?: unknown;
}

/** The PGlite connection the dialect's `_query` receives. */
interface PGliteLike {
  exec(sql: string): Promise<unknown>;
  query(sql: string, params: readonly unknown[]): Promise<unknown>;
}

/** Replaces the dialect's multi-statement test on a knex client (PGlite only). */
export function patchPGliteQuery(client: { _query: unknown }): void {
  client._query = async (connection: PGliteLike, obj: QueryObject): Promise<QueryObject> => {
    if (!obj.sql) throw new Error('The query is empty');
    obj.response =
      obj.method === 'raw' && isMultiStatement(obj.sql)
        ? await connection.exec(obj.sql)
        : await connection.query(obj.sql, obj.bindings ?? []);
    return obj;
  };
}
