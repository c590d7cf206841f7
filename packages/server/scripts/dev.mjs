// `pnpm --filter @tessera/server dev`: compiles the engine and the server
// (their tsconfig.build.json) when their sources are newer than their `dist`,
// then runs `dist/dev.js`: PGlite in .tessera-data/ unless DATABASE_URL is
// set, migrations, the demo program once, the URL and demo keys printed.
// Compiled output is run because tsx/esbuild do not emit decorator metadata.
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIfStale } from '../../../scripts/buildIfStale.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const server = resolve(here, '..');
const engine = resolve(server, '../engine');
// Compiled with tsc alone, not each package's full `build`.
const compile = ['exec', 'tsc', '-p', 'tsconfig.build.json'];

buildIfStale(engine, '@tessera/engine', compile);
buildIfStale(server, '@tessera/server', compile);

const child = spawn(process.execPath, [join(server, 'dist/dev.js')], {
  stdio: 'inherit',
  cwd: process.env.INIT_CWD ?? process.cwd(),
  env: { NODE_ENV: 'development', ...process.env },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
