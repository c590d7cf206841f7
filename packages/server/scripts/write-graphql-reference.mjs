#!/usr/bin/env node
/**
 * `pnpm --filter @tessera/server docs:graphql`: rewrites the generated part of
 * docs/reference/graphql.md from schema.graphql (regenerate the schema first
 * with `UPDATE_SCHEMA=1 pnpm --filter @tessera/server test`, which also rewrites this page).
 * `test/graphqlReference.test.ts` fails when the page is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { graphqlReferencePaths, renderGraphqlReferencePage } from './graphqlReference.mjs';

const { schemaFile, pageFile } = graphqlReferencePaths();
writeFileSync(
  pageFile,
  renderGraphqlReferencePage(readFileSync(pageFile, 'utf8'), readFileSync(schemaFile, 'utf8')),
);
console.log(`wrote ${pageFile}`);
