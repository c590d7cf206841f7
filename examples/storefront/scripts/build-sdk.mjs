// Builds @tessera/engine and @tessera/sdk (`pnpm run build` in each) when
// their sources are newer than their `dist`: the example's backend runs in
// Node inside Vite's config and imports the SDK's built `dist`, like any
// application would. (The browser bundle uses the SDK's sources directly.)
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const packages = resolve(fileURLToPath(import.meta.url), '../../../../packages');

function newest(dir) {
  let latest = 0;
  if (!existsSync(dir)) return latest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

for (const name of ['engine', 'sdk']) {
  const dir = join(packages, name);
  const dist = join(dir, 'dist');
  if (existsSync(dist) && newest(dist) >= newest(join(dir, 'src'))) continue;
  process.stdout.write(`Compiling @tessera/${name}...\n`);
  const r = spawnSync('pnpm', ['run', 'build'], { stdio: 'inherit', cwd: dir });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
