/**
 * `pnpm --filter @tessera/engine docs:reference`: regenerates
 * docs/reference/program.schema.json and the generated table of
 * docs/reference/program.md (between its GENERATED markers) from the schema.
 * `test/reference.test.ts` fails when either is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { referencePaths, renderReferencePage, schemaJson } from './program-reference.js';

const { schemaFile, pageFile } = referencePaths();
writeFileSync(schemaFile, schemaJson());
writeFileSync(pageFile, renderReferencePage(readFileSync(pageFile, 'utf8')));
console.log(`wrote ${schemaFile}\nwrote ${pageFile}`);
