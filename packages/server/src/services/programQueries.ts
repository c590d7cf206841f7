import { ApiKey, ProgramVersion } from '../entities/index.js';
import type { ServiceContext } from './context.js';
import { badInput } from './errors.js';
import { decodeCursor, type Page, type PageArgs, pageSize, toPage } from './pagination.js';
import { requireRole } from './principal.js';

/** Admin: configuration versions, newest first. */
export async function listProgramVersions(
  ctx: ServiceContext,
  args: PageArgs,
): Promise<Page<ProgramVersion>> {
  const caller = requireRole(ctx.principal, ['admin']);
  const limit = pageSize(args);
  const after = args.after ? Number(decodeCursor(args.after, 1)[0]) : null;
  if (after !== null && !Number.isInteger(after)) {
    throw badInput('after', 'INVALID_CURSOR', 'Unknown cursor');
  }
  const rows = await ctx.em.find(
    ProgramVersion,
    { programId: caller.programId, ...(after !== null ? { version: { $lt: after } } : {}) },
    { orderBy: { version: 'desc' }, limit: limit + 1 },
  );
  return toPage(rows, limit, (v) => [String(v.version)]);
}

/** Admin: API keys (never their secrets), oldest first. */
export async function listApiKeys(ctx: ServiceContext, args: PageArgs): Promise<Page<ApiKey>> {
  const caller = requireRole(ctx.principal, ['admin']);
  const limit = pageSize(args);
  const after = args.after ? decodeCursor(args.after, 1)[0] : null;
  const rows = await ctx.em.find(
    ApiKey,
    { programId: caller.programId, ...(after ? { id: { $gt: after } } : {}) },
    { orderBy: { id: 'asc' }, limit: limit + 1 },
  );
  return toPage(rows, limit, (k) => [k.id]);
}
