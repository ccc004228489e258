import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The docker-backend tests talk to a real engine and take seconds each.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
