import { readFileSync, writeFileSync } from 'node:fs';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  graphqlReferencePaths,
  renderGraphqlReference,
  renderGraphqlReferencePage,
} from '../scripts/graphqlReference.mjs';

describe('docs/reference/graphql.md', () => {
  const { schemaFile, pageFile } = graphqlReferencePaths();
  const sdl = readFileSync(schemaFile, 'utf8');

  it('is current with schema.graphql (pnpm --filter @tessera/server docs:graphql)', async () => {
    if (process.env.UPDATE_SCHEMA === '1') {
      // Rewritten with the schema test's UPDATE_SCHEMA=1, from the resolvers' schema.
      const { createSchema, printSchemaSdl } = await import('../src/graphql/schema.js');
      const printed = printSchemaSdl(await createSchema());
      writeFileSync(pageFile, renderGraphqlReferencePage(readFileSync(pageFile, 'utf8'), printed));
    }
    const page = readFileSync(pageFile, 'utf8');
    expect(page, 'graphql.md is stale: run pnpm --filter @tessera/server docs:graphql').toBe(
      renderGraphqlReferencePage(page, sdl),
    );
  });

  it('has a section for every query, mutation and named type of the schema', () => {
    const page = readFileSync(pageFile, 'utf8');
    const headings = new Set([...page.matchAll(/^### (\S+)$/gm)].map((m) => m[1]));
    const schema = buildSchema(sdl);
    const roots = [schema.getQueryType(), schema.getMutationType()].filter((r) => r != null);
    const names = Object.keys(schema.getTypeMap()).filter(
      (n) => !n.startsWith('__') && !roots.some((r) => r.name === n),
    );
    const expected = [
      ...names,
      ...roots.flatMap((r) => Object.keys(r.getFields()).map((f) => `${r.name}.${f}`)),
    ];
    expect(expected.length).toBeGreaterThan(100);
    expect(expected.filter((n) => !headings.has(n))).toEqual([]);
  });

  it('renders arguments, defaults, descriptions and links', () => {
    const out = renderGraphqlReference(`
      """A thing."""
      type Thing { id: ID! "Its tags." tags(first: Int = 20): [String!]! }
      input ThingInput { "How many." size: Int = 3 }
      enum Mood { "Happy." happy sad }
      scalar Decimal
      type Query { "One thing." thing(id: ID!, mood: Mood = happy): Thing! }
      type Mutation { make(input: ThingInput!): Thing }
    `);
    expect(out).toContain('### Query.thing');
    expect(out).toContain('thing(id: ID!, mood: Mood = happy): Thing!');
    expect(out).toContain('| `mood` | [`Mood`](#mood) | `happy` |  |');
    expect(out).toContain('Returns [`Thing`](#thing)`!`.');
    expect(out).toContain(
      '| `tags` | `[`[`String`](#string)`!]!` | `first: Int = 20` | Its tags. |',
    );
    expect(out).toContain('| `size` | [`Int`](#int) | `3` | How many. |');
    expect(out).toContain('| `happy` | Happy. |');
    expect(out).toContain('### Decimal');
    expect(out).toContain('1 query, 1 mutation, 1 object type, 1 input, 1 enum');
  });
});
