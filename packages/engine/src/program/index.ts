export * from './conditions.js';
export { programJsonSchema } from './jsonSchema.js';
export { defineProgram, type ParseProgramResult, parseProgram } from './parseProgram.js';
export * from './primitives.js';
export { checkUniqueIds, type ReferenceCheck } from './references.js';
export {
  type Program,
  type ProgramInput,
  type ProgramShape,
  type Rounding,
  zProgram,
  zProgramShape,
} from './schema.js';
