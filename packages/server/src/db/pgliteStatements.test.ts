import { describe, expect, it } from 'vitest';
import { isMultiStatement } from './pgliteStatements.js';

describe('isMultiStatement (the PGlite dialect sends only real multi-statement text to exec)', () => {
  it.each([
    ['select 1', false],
    ['select 1;', false],
    ['select 1; -- done', false],
    [`select * from purchase where order_id = '"; DROP TABLE member; --'`, false],
    [`select 'a;b' as x`, false],
    [`select 'it''s; fine'`, false],
    [`select E'a\\'; b'`, false],
    [`select "odd;name" from t`, false],
    ['select $$a; b$$', false],
    ['select $fn$ a; b $fn$', false],
    ['select 1 /* a; b */', false],
    ['select 1; select 2', true],
    ['create table a (x int); create index on a (x);', true],
    [`insert into t values ('a;b'); select 1`, true],
  ])('%s -> %s', (sql, expected) => {
    expect(isMultiStatement(sql)).toBe(expected);
  });
});
