import { z } from 'zod';
import { zProgramShape } from './schema.js';

/**
 * The JSON Schema (draft 2020-12) of a program configuration as authors write
 * it, for docs and editors. Cross-section checks (references between rules
 * and tiers, unique ids) are not expressible in JSON Schema and run only in
 * `parseProgram`.
 */
export function programJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(zProgramShape, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
}
