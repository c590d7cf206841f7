import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);
// One copy of graphql: the CommonJS build that Node loads for type-graphql and
// Apollo Server (externalised), also for the inlined test and source files.
const graphqlDir = dirname(require.resolve('graphql/package.json'));

export default defineConfig({
  resolve: {
    conditions: ['@tessera/source'],
    alias: [{ find: /^graphql$/, replacement: `${graphqlDir}/index.js` }],
  },
  // Vitest runs in the SSR environment: the engine is read from `src`, no build needed.
  ssr: { resolve: { conditions: ['@tessera/source'] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    setupFiles: ['./test/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
