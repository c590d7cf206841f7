/**
 * `pnpm bench`: runs every `bench/*.bench.ts` in name order. Each module
 * exports `run(): Promise<void>` that measures the engine next to a baseline
 * in the same run and prints both throughputs and their ratio.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only)))
  .sort();
console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
for (const file of files) {
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { run: () => Promise<void> };
  console.log(`\n== ${file.replace('.bench.ts', '')} ==`);
  await mod.run();
}
