import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src-shared/**/*.test.ts', 'src-main/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
