import { type Program as EngineProgram, parseProgram } from '@tessera/engine';
import type { Em } from '../db/orm.js';
import { notFound } from './errors.js';

/** Parsed configurations by version row id (a version is immutable once published). */
const cache = new Map<string, EngineProgram>();
/** Most versions kept (oldest dropped first). */
const MAX_CACHED = 500;

/**
 * The engine program in force at `at`, parsed once per version and process:
 * one small statement (the version number) when cached, two otherwise.
 */
export async function cachedProgramAt(
  em: Em,
  programId: string,
  at: Date,
): Promise<{ version: number; program: EngineProgram }> {
  const [row] = await em.execute<{ id: string; version: number }[]>(
    `select id, version from program_version where program_id = ? and effective_from <= ?
     order by version desc limit 1`,
    [programId, at],
  );
  if (!row) throw notFound('Program version');
  const key = row.id;
  let program = cache.get(key);
  if (!program) {
    const [full] = await em.execute<{ config: Record<string, unknown> | string }[]>(
      `select config from program_version where id = ?`,
      [row.id],
    );
    const config = typeof full?.config === 'string' ? JSON.parse(full.config) : full?.config;
    const parsed = parseProgram(config);
    if (!parsed.success) {
      throw new Error(`Stored configuration ${programId} v${row.version} no longer validates`);
    }
    program = parsed.program;
    cache.set(key, program);
    if (cache.size > MAX_CACHED) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
  }
  return { version: row.version, program };
}
