import { describe, expect, it } from 'vitest';
import { programOfVersion, type VersionRow } from '../src/services/programCache.js';
import { startTestServer } from './harness.js';

describe('programOfVersion: a version whose configuration was left out of the row', () => {
  it('reads it again by id within its own program only', async () => {
    const s = await startTestServer();
    try {
      const em = s.db.orm.em.fork();
      const [row] = await em.execute<{ id: string; version: number }[]>(
        'select id, version from program_version where program_id = ?',
        [s.programId],
      );
      if (!row) throw new Error('the test program has no version');
      const evicted: VersionRow = { id: row.id, version: row.version, config: null };
      await s.addProgram('prog-b');
      // Another program's id with this version's row id finds nothing to parse.
      await expect(programOfVersion(em, 'prog-b', evicted)).rejects.toThrow();
      const program = await programOfVersion(em, s.programId, evicted);
      expect(program.currency).toBe('CNY');
    } finally {
      await s.close();
    }
  });
});
