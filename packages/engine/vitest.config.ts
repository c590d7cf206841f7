import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['@tessera/source'] },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    typecheck: { enabled: true, include: ['src/**/*.typetest.ts'], tsconfig: './tsconfig.json' },
    setupFiles: ['./test/setup.ts'],
    testTimeout: 120_000,
  },
});
