import { defineConfig } from 'vitest/config';

// A test waits on conditions, never on the clock. These limits only stop a hung test: a busy
// machine (the whole suite on two cores, other work besides) can make a test that takes one
// second when quiet take twenty, and that must not fail it.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    // Vitest runs one file less than there are cores; on a two-core machine that is one file at a
    // time, though most of the suite waits on child processes, PostgreSQL and sockets. Two files
    // at once keep both cores busy; the limits above absorb the extra load.
    maxWorkers: 2,
    hookTimeout: 60_000,
    // One PostgreSQL server for the run (SCRIBE_TEST_POSTGRES_URL, or one started from npm).
    globalSetup: ['test/setup/postgres.ts'],
  },
});
