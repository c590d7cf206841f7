import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { referencePaths, renderReferencePage, schemaJson } from '../scripts/program-reference.js';

describe('generated program reference', () => {
  const { schemaFile, pageFile } = referencePaths();
  it('docs/reference/program.schema.json is current (pnpm --filter @tessera/engine docs:reference)', () => {
    expect(readFileSync(schemaFile, 'utf8')).toBe(schemaJson());
  });
  it('docs/reference/program.md field table is current (pnpm --filter @tessera/engine docs:reference)', () => {
    const page = readFileSync(pageFile, 'utf8');
    expect(page).toBe(renderReferencePage(page));
  });
});
