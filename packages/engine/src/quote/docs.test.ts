import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

// The recipes of docs/engine/coupons.md and docs/engine/quote.md run against
// the current API: every ```ts block is written to a temporary module with
// `@tessera/engine` pointing at the source, and imported. Their `assert`
// calls are the checks.
const here = dirname(fileURLToPath(import.meta.url));
const docs = resolve(here, '../../../../docs/engine');
const entry = pathToFileURL(resolve(here, '../index.ts')).href;
const dir = mkdtempSync(join(tmpdir(), 'tessera-docs-'));

function blocks(file: string): string[] {
  const text = readFileSync(join(docs, file), 'utf8');
  return [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

describe.each(['coupons.md', 'quote.md'])('recipes in docs/engine/%s', (file) => {
  const list = blocks(file);
  it('has recipes', () => expect(list.length).toBeGreaterThan(0));
  it.each(list.map((code, i) => [i + 1, code] as const))('recipe %i runs', async (i, code) => {
    const path = join(dir, `${file.replace('.md', '')}-${i}.ts`);
    writeFileSync(path, code.replaceAll("'@tessera/engine'", `'${entry}'`));
    await import(pathToFileURL(path).href);
  });
});
