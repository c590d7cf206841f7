#!/usr/bin/env node
// Runs every package's vitest suite (one package at a time: the machine has
// two cores) and prints one plain summary line: "N passed, N failed, N skipped".
// Extra arguments are passed to vitest (e.g. a file filter).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const packages = readdirSync(join(root, 'packages'))
  .filter((name) => existsSync(join(root, 'packages', name, 'package.json')))
  .filter(
    (name) =>
      JSON.parse(readFileSync(join(root, 'packages', name, 'package.json'), 'utf8')).scripts?.test,
  )
  .sort((a, b) => (a === 'engine' ? -1 : b === 'engine' ? 1 : a.localeCompare(b)));

let passed = 0;
let failed = 0;
let skipped = 0;
const crashed = [];
for (const name of packages) {
  const dir = join(root, 'packages', name);
  const report = join(dir, '.vitest-report.json');
  rmSync(report, { force: true });
  console.log(`\n### ${name}`);
  const run = spawnSync(
    'pnpm',
    [
      'exec',
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
      ...(process.argv.length > 2 ? ['--passWithNoTests', ...process.argv.slice(2)] : []),
    ],
    { cwd: dir, stdio: 'inherit', env: process.env },
  );
  if (!existsSync(report)) {
    crashed.push(name);
    continue;
  }
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  if (run.status !== 0 && r.numFailedTests === 0) crashed.push(name);
}
console.log('');
if (crashed.length) console.log(`suites that failed to run: ${crashed.join(', ')}`);
console.log(`${passed} passed, ${failed + crashed.length} failed, ${skipped} skipped`);
process.exit(failed === 0 && crashed.length === 0 && passed > 0 ? 0 : 1);
