import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);
// The tests start a real server in-process from @tessera/server's sources
// (the `@tessera/source` condition, as the server's own tests do): one copy of
// graphql for it, the CommonJS build that Node loads for type-graphql and Apollo.
const graphqlDir = dirname(require.resolve('graphql/package.json'));

export default defineConfig({
  resolve: {
    conditions: ['@tessera/source'],
    alias: [{ find: /^graphql$/, replacement: `${graphqlDir}/index.js` }],
  },
  ssr: { resolve: { conditions: ['@tessera/source'] } },
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['./test/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
