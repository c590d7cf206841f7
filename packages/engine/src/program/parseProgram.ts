import type { z } from 'zod';
import { type Issue, ProgramConfigError } from '../errors.js';
import { type Program, zProgram } from './schema.js';

/** Result of `parseProgram`: the typed program, or every problem by path. */
export type ParseProgramResult =
  | { readonly success: true; readonly program: Program }
  | { readonly success: false; readonly issues: readonly Issue[] };

function toIssues(error: z.ZodError): Issue[] {
  return error.issues.map((i) => ({
    path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    code: i.code === 'custom' && typeof i.params?.code === 'string' ? i.params.code : i.code,
    message: i.message,
  }));
}

/** Validates a program configuration (JSON in, typed value out), listing every problem by path. */
export function parseProgram(input: unknown): ParseProgramResult {
  let result: ReturnType<typeof zProgram.safeParse>;
  try {
    result = zProgram.safeParse(input);
  } catch (e) {
    // Zod 4 runs refinements over fields that already failed; one that
    // throws on such a field must not turn invalid config into a crash.
    if (!(e instanceof TypeError)) throw e;
    return {
      success: false,
      issues: [{ path: [], code: 'invalid_config', message: 'Invalid program configuration' }],
    };
  }
  if (result.success) return { success: true, program: Object.freeze(result.data) as Program };
  return { success: false, issues: toIssues(result.error) };
}

/** Like `parseProgram`, but throws `ProgramConfigError` (with every issue) when invalid. */
export function defineProgram(input: unknown): Program {
  const result = parseProgram(input);
  if (!result.success) throw new ProgramConfigError(result.issues);
  return result.program;
}
