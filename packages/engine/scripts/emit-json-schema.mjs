// Build step: writes the program configuration's JSON Schema next to the
// compiled engine, exported as `@tessera/engine/program-schema.json`.
import { writeFileSync } from 'node:fs';
import { programJsonSchema } from '../dist/program/jsonSchema.js';

const target = new URL('../dist/program-schema.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(programJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
