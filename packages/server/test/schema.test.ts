import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createSchema, printSchemaSdl } from '../src/graphql/schema.js';

const SCHEMA_FILE = fileURLToPath(new URL('../schema.graphql', import.meta.url));

describe('schema.graphql', () => {
  it('is committed and matches the schema built from the resolvers (UPDATE_SCHEMA=1 rewrites it)', async () => {
    const printed = printSchemaSdl(await createSchema());
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(SCHEMA_FILE, printed);
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    expect(committed, 'schema.graphql is stale: run UPDATE_SCHEMA=1 pnpm test').toBe(printed);
  });
});
