import { type Program as EngineProgram, parseProgram } from '@tessera/engine';
import type { Em } from '../db/orm.js';
import { notFound } from './errors.js';

/** Parsed configurations by version row id (a version is immutable once published). */
const cache = new Map<string, EngineProgram>();
/** Cached version row ids by program id (what a query may skip the config of). */
const idsByProgram = new Map<string, Set<string>>();
/** Most versions kept (oldest dropped first). */
const MAX_CACHED = 500;

/** A `program_version` row as read: `config` is null when the caller knew it was cached. */
export interface VersionRow {
  readonly id: string;
  readonly version: number;
  readonly config: Record<string, unknown> | string | null;
}

/**
 * Version row ids of `programId` whose configuration this process has parsed:
 * a query reading the version in force may leave out their `config`
 * (`case when id::text in (select jsonb_array_elements_text(?::jsonb)) then null else config end`).
 */
export function cachedVersionIds(programId: string): string[] {
  return [...(idsByProgram.get(programId) ?? [])];
}

function remember(programId: string, id: string, program: EngineProgram): void {
  cache.set(id, program);
  let ids = idsByProgram.get(programId);
  if (!ids) {
    ids = new Set();
    idsByProgram.set(programId, ids);
  }
  ids.add(id);
  if (cache.size > MAX_CACHED) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) {
      cache.delete(oldest);
      for (const set of idsByProgram.values()) set.delete(oldest);
    }
  }
}

/**
 * The engine program of a version row: from the cache, parsed from the row's
 * `config`, or (evicted since the query was built) read again by id.
 */
export async function programOfVersion(
  em: Em,
  programId: string,
  row: VersionRow,
): Promise<EngineProgram> {
  const hit = cache.get(row.id);
  if (hit) return hit;
  let raw = row.config;
  if (raw === null) {
    const [full] = await em.execute<{ config: Record<string, unknown> | string }[]>(
      `select config from program_version where id = ? and program_id = ?`,
      [row.id, programId],
    );
    raw = full?.config ?? null;
  }
  const config = typeof raw === 'string' ? JSON.parse(raw) : raw;
  const parsed = parseProgram(config);
  if (!parsed.success) {
    throw new Error(`Stored configuration ${programId} v${row.version} no longer validates`);
  }
  remember(programId, row.id, parsed.program);
  return parsed.program;
}

/**
 * The engine program in force at `at`, parsed once per version and process:
 * one statement (the version, with its configuration only when not cached).
 */
export async function cachedProgramAt(
  em: Em,
  programId: string,
  at: Date,
): Promise<{ version: number; program: EngineProgram }> {
  const [row] = await em.execute<VersionRow[]>(
    `select id, version,
       case when id::text in (select jsonb_array_elements_text(?::jsonb)) then null else config end as config
     from program_version where program_id = ? and effective_from <= ?
     order by version desc limit 1`,
    [JSON.stringify(cachedVersionIds(programId)), programId, at],
  );
  if (!row) throw notFound('Program version');
  return { version: row.version, program: await programOfVersion(em, programId, row) };
}
