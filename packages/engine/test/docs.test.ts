import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

describe('docs/engine.md', () => {
  it('shows examples/embed-engine/src/main.ts verbatim', () => {
    const page = read('docs/engine.md');
    const block = page.split('```ts\n')[1]?.split('```')[0];
    expect(block).toBe(read('examples/embed-engine/src/main.ts'));
  });
});
