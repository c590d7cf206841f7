#!/usr/bin/env node
// Runs every example under examples/ that has a `ci` (or else `start`) script,
// against the packages' built `dist`, and prints one summary line.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dir = join(root, 'examples');
let passed = 0;
let failed = 0;
for (const name of existsSync(dir) ? readdirSync(dir).sort() : []) {
  const manifest = join(dir, name, 'package.json');
  if (!existsSync(manifest)) continue;
  const scripts = JSON.parse(readFileSync(manifest, 'utf8')).scripts ?? {};
  const script = scripts.ci ? 'ci' : scripts.start ? 'start' : null;
  if (!script) continue;
  console.log(`\n### examples/${name} (pnpm run ${script})`);
  const run = spawnSync('pnpm', ['run', script], {
    cwd: join(dir, name),
    stdio: 'inherit',
    timeout: 300_000,
  });
  if (run.status === 0) passed++;
  else {
    failed++;
    console.log(`examples/${name} failed (exit ${run.status ?? run.signal})`);
  }
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
