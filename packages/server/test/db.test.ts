import { describe, expect, it } from 'vitest';
import { openMemoryDatabase } from '../src/db/orm.js';

describe('database', () => {
  it('applies the committed migrations on PGlite and records them', async () => {
    const db = await openMemoryDatabase();
    try {
      const rows = await db.orm.em
        .fork()
        .getConnection()
        .execute<{ name: string }[]>('select name from tessera_migrations order by id');
      expect(rows.map((r) => r.name)).toEqual(['Migration20261125000000Initial']);
      // A second run is a no-op.
      expect(await db.orm.getMigrator().up()).toEqual([]);
    } finally {
      await db.close();
    }
  });
});
