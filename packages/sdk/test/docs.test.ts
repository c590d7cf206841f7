import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const pkg = new URL('..', import.meta.url).pathname;
const page = readFileSync(new URL('../../../docs/sdk.md', import.meta.url), 'utf8');
const blocks = [...page.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');

// `admin` and `tessera` are the clients of the guide's "Create a client".
const PRELUDE = `import type { TesseraClient } from '@tessera/sdk';
declare global {
  const admin: TesseraClient;
  const tessera: TesseraClient;
}
export {};
`;

describe('docs/sdk.md', () => {
  it('has TypeScript examples', () => {
    expect(blocks.length).toBeGreaterThan(10);
  });

  it('every TypeScript example type-checks against the SDK', () => {
    const dir = join(pkg, '.docs-check');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
    try {
      const files = blocks.map((text, i) => {
        const name = `block${String(i + 1).padStart(2, '0')}.ts`;
        writeFileSync(join(dir, name), `${text}\nexport {};\n`);
        return name;
      });
      writeFileSync(join(dir, 'prelude.ts'), PRELUDE);
      writeFileSync(
        join(dir, 'tsconfig.json'),
        JSON.stringify({
          extends: '../../../tsconfig.base.json',
          compilerOptions: { noEmit: true, lib: ['ES2023', 'DOM'], types: ['node'] },
          files: ['prelude.ts', ...files],
        }),
      );
      const run = spawnSync('pnpm', ['exec', 'tsc', '-p', '.docs-check/tsconfig.json'], {
        cwd: pkg,
        encoding: 'utf8',
      });
      expect(run.stdout + run.stderr).toBe('');
      expect(run.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
