// `pnpm --filter @tessera/server dev`: compiles the engine and the server
// (their tsconfig.build.json) when their sources are newer than their `dist`,
// then runs `dist/dev.js`: PGlite in .tessera-data/ unless DATABASE_URL is
// set, migrations, the demo program once, the URL and demo keys printed.
// Compiled output is run because tsx/esbuild do not emit decorator metadata.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const server = resolve(here, '..');
const engine = resolve(server, '../engine');

function newest(dir) {
  let latest = 0;
  if (!existsSync(dir)) return latest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

function buildIfStale(pkgDir, name) {
  const dist = join(pkgDir, 'dist');
  if (existsSync(dist) && newest(dist) >= newest(join(pkgDir, 'src'))) return;
  process.stdout.write(`Compiling ${name}...\n`);
  const r = spawnSync('pnpm', ['exec', 'tsc', '-p', 'tsconfig.build.json'], {
    stdio: 'inherit',
    cwd: pkgDir,
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

buildIfStale(engine, '@tessera/engine');
buildIfStale(server, '@tessera/server');

const child = spawn(process.execPath, [join(server, 'dist/dev.js')], {
  stdio: 'inherit',
  cwd: process.env.INIT_CWD ?? process.cwd(),
  env: { NODE_ENV: 'development', ...process.env },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
