import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as engine from '../index.js';

const docPath = join(dirname(fileURLToPath(import.meta.url)), '../../../../docs/engine/tiers.md');

describe('docs/engine/tiers.md', () => {
  it('the worked example runs against the current API and prints the documented output', async () => {
    const doc = readFileSync(docPath, 'utf8');
    const block = /<!-- example:start -->\s*```ts\n([\s\S]*?)```\s*<!-- example:end -->/.exec(
      doc,
    )?.[1];
    const expected = /Output:\s*```text\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(block).toBeDefined();
    expect(expected).toBeDefined();
    const code = (block as string).replace(
      /import \{([^}]+)\} from '@tessera\/engine';/,
      (_m, names: string) => `const {${names}} = engine;`,
    );
    const lines: string[] = [];
    const capture = { log: (...args: unknown[]) => lines.push(args.map(String).join(' ')) };
    const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
      ...args: string[]
    ) => (...values: unknown[]) => Promise<void>;
    await new AsyncFunction('engine', 'console', code)(engine, capture);
    expect(lines.join('\n')).toBe((expected as string).trimEnd());
  });
});
