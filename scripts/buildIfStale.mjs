// For the scripts that run a package's built `dist` from a checkout
// (packages/server/scripts/dev.mjs, examples/storefront/scripts/build-sdk.mjs):
// compiles a package only when its sources are newer than its `dist`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The newest modification time of the files under `dir` (0 when it does not exist). */
function newest(dir) {
  let latest = 0;
  if (!existsSync(dir)) return latest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/**
 * Runs `pnpm <pnpmArgs>` in `pkgDir` when its `src` is newer than its `dist`
 * (or there is no `dist`); exits the process with the build's status if the
 * build fails.
 */
export function buildIfStale(pkgDir, name, pnpmArgs = ['run', 'build']) {
  const dist = join(pkgDir, 'dist');
  if (existsSync(dist) && newest(dist) >= newest(join(pkgDir, 'src'))) return;
  process.stdout.write(`Compiling ${name}...\n`);
  const r = spawnSync('pnpm', pnpmArgs, { stdio: 'inherit', cwd: pkgDir });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
