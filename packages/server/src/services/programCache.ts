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

/** The versions a purchase uses: the one that prices it and the one in force now. */
export interface PurchasePrograms {
  /**
   * The version in force at the purchase's `occurredAt` (for a purchase dated
   * before the program's first version took effect: the version in force at
   * that first instant, the only rules that ever covered it).
   */
  readonly pricing: { readonly version: number; readonly program: EngineProgram };
  /** The version in force now: the account, the tier ladder, what is stored. */
  readonly current: { readonly version: number; readonly program: EngineProgram };
}

/**
 * The versions in force at `occurredAt` and at `now`, in one statement (the
 * configurations only when not cached; one row when they are the same).
 * Versions take effect in version order (`publishProgramVersion` refuses an
 * earlier `effectiveFrom`), so "the highest version effective at" is the one
 * in force.
 */
export async function cachedPurchasePrograms(
  em: Em,
  programId: string,
  occurredAt: Date,
  now: Date,
): Promise<PurchasePrograms> {
  const rows = await em.execute<(VersionRow & { is_current: boolean; is_pricing: boolean })[]>(
    `with cur as (
       select id from program_version where program_id = ? and effective_from <= ?
       order by version desc limit 1),
     priced as (
       select id from program_version where program_id = ? and effective_from <= greatest(
         ?::timestamptz, (select min(effective_from) from program_version where program_id = ?))
       order by version desc limit 1)
     select id, version,
       id in (select id from cur) as is_current, id in (select id from priced) as is_pricing,
       case when id::text in (select jsonb_array_elements_text(?::jsonb)) then null else config end as config
     from program_version where id in (select id from cur union all select id from priced)`,
    [programId, now, programId, occurredAt, programId, JSON.stringify(cachedVersionIds(programId))],
  );
  const current = rows.find((r) => r.is_current);
  const pricing = rows.find((r) => r.is_pricing);
  if (!current || !pricing) throw notFound('Program version');
  const read = async (row: VersionRow) => ({
    version: row.version,
    program: await programOfVersion(em, programId, row),
  });
  return { current: await read(current), pricing: await read(pricing) };
}
