// Builds @tessera/engine and @tessera/sdk (`pnpm run build` in each) when
// their sources are newer than their `dist`: the example's backend runs in
// Node inside Vite's config and imports the SDK's built `dist`, like any
// application would. (The browser bundle uses the SDK's sources directly.)
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIfStale } from '../../../scripts/buildIfStale.mjs';

const packages = resolve(fileURLToPath(import.meta.url), '../../../../packages');

for (const name of ['engine', 'sdk']) buildIfStale(join(packages, name), `@tessera/${name}`);
