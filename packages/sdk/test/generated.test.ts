import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ERROR_CODES as SERVER_ERROR_CODES } from '@tessera/server';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../src/index.js';

const pkg = new URL('..', import.meta.url).pathname;

describe('generated code', () => {
  it('is up to date with the schema and the operations (run `pnpm --filter @tessera/sdk generate`)', () => {
    const out = mkdtempSync(join(tmpdir(), 'tessera-sdk-codegen-'));
    try {
      const run = spawnSync('pnpm', ['exec', 'graphql-codegen', '--config', 'codegen.ts'], {
        cwd: pkg,
        env: { ...process.env, TESSERA_CODEGEN_OUT: `${out}/` },
        encoding: 'utf8',
      });
      expect(run.status, run.stderr + run.stdout).toBe(0);
      const committed = join(pkg, 'src/generated');
      expect(readdirSync(out).sort()).toEqual(readdirSync(committed).sort());
      for (const file of readdirSync(out)) {
        const fresh = readFileSync(join(out, file), 'utf8');
        const current = readFileSync(join(committed, file), 'utf8');
        expect(current === fresh, `src/generated/${file} is stale: regenerate it`).toBe(true);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('error codes mirror the server enum, in its order', () => {
    expect([...ERROR_CODES]).toEqual([...SERVER_ERROR_CODES]);
  });
});
