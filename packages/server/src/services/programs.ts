import { randomBytes } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import { type Program as EngineProgram, parseProgram, zId } from '@tessera/engine';
import type { Em } from '../db/orm.js';
import { type ApiKey, Program, ProgramVersion } from '../entities/index.js';
import { insertApiKey } from './apiKeys.js';
import type { ServiceContext } from './context.js';
import { AppError, badInput, notFound } from './errors.js';
import { uuidv7 } from './ids.js';
import { requireRole } from './principal.js';

/**
 * Validates a configuration with the engine after filling in the fields the
 * server owns (`id`, `version`, `effectiveFrom`); throws BAD_USER_INPUT with
 * every issue by path.
 */
export function validateConfig(
  programId: string,
  version: number,
  effectiveFrom: Date,
  config: Record<string, unknown>,
): { json: Record<string, unknown>; program: EngineProgram } {
  const json = { ...config, id: programId, version, effectiveFrom: effectiveFrom.toISOString() };
  const parsed = parseProgram(json);
  if (!parsed.success) {
    throw new AppError('BAD_USER_INPUT', 'Invalid program configuration', {
      field: 'config',
      reason: 'INVALID_PROGRAM_CONFIG',
      issues: parsed.issues.map((i) => ({ path: i.path, code: i.code, message: i.message })),
    });
  }
  return { json, program: parsed.program };
}

/** Input of `createProgram` (operator bootstrap, not exposed to tenants). */
export interface CreateProgramInput {
  readonly id: string;
  readonly name: string;
  /** Version 1 of the configuration (without `id`/`version`). */
  readonly config: Record<string, unknown>;
}

/**
 * Creates a program, its configuration version 1 (effective now) and a first
 * admin key, in one transaction. Returns the admin key's secret (shown once).
 */
export async function createProgram(
  em: Em,
  input: CreateProgramInput,
  now: Date,
): Promise<{ program: Program; adminKey: ApiKey; adminSecret: string }> {
  if (!zId.safeParse(input.id).success) {
    throw badInput('id', 'INVALID_ID', 'Program id: letters, digits, _ . : - / (max 128)');
  }
  const { json } = validateConfig(input.id, 1, now, input.config);
  return em.transactional(async (tx) => {
    if (await tx.findOne(Program, { id: input.id })) {
      throw badInput('id', 'PROGRAM_EXISTS', 'A program with this id exists');
    }
    const program = tx.create(Program, {
      id: input.id,
      name: input.name,
      tokenSecret: randomBytes(32).toString('hex'),
      createdAt: now,
    });
    tx.create(ProgramVersion, {
      id: uuidv7(now),
      programId: input.id,
      version: 1,
      config: json,
      effectiveFrom: now,
      createdAt: now,
      createdBy: 'operator',
    });
    const { apiKey, secret } = insertApiKey(
      tx,
      { programId: input.id, role: 'admin', storeId: null, label: 'Initial admin key' },
      now,
    );
    await tx.flush();
    return { program, adminKey: apiKey, adminSecret: secret };
  });
}

/** The caller's program (any authenticated caller). */
export async function getProgram(ctx: ServiceContext): Promise<Program> {
  const caller = requireRole(ctx.principal, ['admin', 'store', 'storefront', 'member']);
  const program = await ctx.em.findOne(Program, { id: caller.programId });
  if (!program) throw notFound('Program');
  return program;
}

/** The version in force at `at`: the highest version whose `effectiveFrom` is not after `at`. */
export async function programVersionAt(
  em: Em,
  programId: string,
  at: Date,
): Promise<ProgramVersion> {
  const version = await em.findOne(
    ProgramVersion,
    { programId, effectiveFrom: { $lte: at } },
    { orderBy: { version: 'desc' } },
  );
  if (!version) throw notFound('Program version');
  return version;
}

/** The engine program in force at `at` (validated again by the engine: stored JSON is data). */
export async function engineProgramAt(
  em: Em,
  programId: string,
  at: Date,
): Promise<{ version: ProgramVersion; program: EngineProgram }> {
  const version = await programVersionAt(em, programId, at);
  const parsed = parseProgram(version.config);
  if (!parsed.success) {
    throw new Error(`Stored configuration ${programId} v${version.version} no longer validates`);
  }
  return { version, program: parsed.program };
}

/** Input of `publishProgramVersion`. */
export interface PublishProgramVersionInput {
  readonly config: Record<string, unknown>;
  /** When it takes effect; default now; never before the previous version's date. */
  readonly effectiveFrom?: Date | null;
}

/**
 * Admin: validates `config` with the engine and stores it as the next version,
 * effective at `effectiveFrom`. Version numbers are assigned under a lock on
 * the program row, so concurrent publishers get consecutive numbers.
 */
export async function publishProgramVersion(
  ctx: ServiceContext,
  input: PublishProgramVersionInput,
): Promise<ProgramVersion> {
  const caller = requireRole(ctx.principal, ['admin']);
  const now = ctx.clock.now();
  const effectiveFrom = input.effectiveFrom ?? now;
  return ctx.em.transactional(async (tx) => {
    await tx.findOneOrFail(
      Program,
      { id: caller.programId },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
    const last = await tx.findOneOrFail(
      ProgramVersion,
      { programId: caller.programId },
      { orderBy: { version: 'desc' } },
    );
    if (effectiveFrom.getTime() < last.effectiveFrom.getTime()) {
      throw badInput(
        'effectiveFrom',
        'EFFECTIVE_BEFORE_PREVIOUS',
        `effectiveFrom must not be before version ${last.version}'s (${last.effectiveFrom.toISOString()})`,
      );
    }
    const version = last.version + 1;
    const { json } = validateConfig(caller.programId, version, effectiveFrom, input.config);
    const row = tx.create(ProgramVersion, {
      id: uuidv7(now),
      programId: caller.programId,
      version,
      config: json,
      effectiveFrom,
      createdAt: now,
      createdBy: caller.credential,
    });
    await tx.flush();
    return row;
  });
}
