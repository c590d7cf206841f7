import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const pkg = new URL('..', import.meta.url).pathname;

function tsc(args: string[]) {
  return spawnSync('pnpm', ['exec', 'tsc', ...args], { cwd: pkg, encoding: 'utf8' });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('types catch wrong calls', () => {
  it('a wrong SDK call fails typecheck; the right one passes', () => {
    const run = tsc(['--noEmit', '-p', 'test/fixtures/tsconfig.json']);
    const output = run.stdout + run.stderr;
    expect(run.status).not.toBe(0);
    const errors = output.split('\n').filter((l) => /error TS\d+/.test(l));
    // Exactly the two mistakes of wrongCall.ts: points as a number, a string returned as a number.
    expect(errors).toHaveLength(2);
    expect(errors.every((l) => l.startsWith('test/fixtures/wrongCall.ts('))).toBe(true);
    expect(output).toMatch(/wrongCall\.ts\(6,.*Type 'number' is not assignable to type 'string'/);
    expect(output).toMatch(/wrongCall\.ts\(7,.*Type 'string' is not assignable to type 'number'/);
  });
});

describe('the built package', () => {
  it('imports nothing at run time but its own files (no graphql)', () => {
    const out = mkdtempSync(join(tmpdir(), 'tessera-sdk-dist-'));
    try {
      const run = tsc([
        '-p',
        'tsconfig.build.json',
        '--outDir',
        out,
        '--declaration',
        'false',
        '--declarationMap',
        'false',
      ]);
      expect(run.status, run.stdout + run.stderr).toBe(0);
      const bare = new Set<string>();
      const js = filesUnder(out).filter((f) => f.endsWith('.js'));
      expect(js.length).toBeGreaterThan(3);
      for (const file of js) {
        const text = readFileSync(file, 'utf8');
        for (const m of text.matchAll(
          /(?:^|[\s;])(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm,
        )) {
          const spec = m[1] ?? m[2] ?? m[3] ?? '';
          if (!spec.startsWith('.')) bare.add(`${relative(out, file)} -> ${spec}`);
        }
      }
      // Only the offline preview may load the engine; the client loads nothing.
      const allowed = [...bare].filter((b) => !/^preview[^ ]* -> @tessera\/engine$/.test(b));
      expect(allowed).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
