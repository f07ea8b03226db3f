import { defineConfig } from 'vitest/config';

// A test waits on conditions, never on the clock. These limits only stop a hung test: a busy
// machine (the whole suite on two cores, other work besides) can make a test that takes one
// second when quiet take twenty, and that must not fail it.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // One PostgreSQL server for the run (SCRIBE_TEST_POSTGRES_URL, or one started from npm).
    globalSetup: ['test/setup/postgres.ts'],
  },
});
