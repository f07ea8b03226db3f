import { defineConfig } from 'vitest/config';

// A test waits on conditions, never on the clock. These limits only stop a hung test: a busy
// machine (the whole suite on two cores, other work besides) can make a test that takes one
// second when quiet take twenty, and that must not fail it.
const LIMITS = { testTimeout: 60_000, hookTimeout: 60_000 };

// Files that import our modules and call them, or start their own servers, databases and
// processes and close them: no file changes a module's state for the next (no mocks anywhere, no
// setting in src/ a test changes; the few module-level maps are caches or keyed by the object
// they serve). They share a worker's loaded modules from file to file (isolate: false) instead of
// a new process importing every module again for each file, which took longer than their tests.
const SHARED_MODULES = [
  'test/*.test.ts',
  'test/domain/**/*.test.ts',
  'test/web/**/*.test.ts',
  'test/property/**/*.test.ts',
  'test/usecases/**/*.test.ts',
  'test/import/**/*.test.ts',
  'test/metrics/**/*.test.ts',
  'test/integrations/**/*.test.ts',
  'test/stand-in/**/*.test.ts',
  'test/store/**/*.test.ts',
];

export default defineConfig({
  test: {
    // Vitest runs one file less than there are cores; on a two-core machine that is one file at a
    // time, though most of the suite waits on child processes, PostgreSQL and sockets. Two files
    // at once keep both cores busy; the limits absorb the extra load.
    maxWorkers: 2,
    // One PostgreSQL server for the run (SCRIBE_TEST_POSTGRES_URL, or one started from npm),
    // provided to every project. The projects do not extend this config: each would run it again.
    globalSetup: ['test/setup/postgres.ts'],
    projects: [
      { test: { ...LIMITS, name: 'shared', include: SHARED_MODULES, isolate: false } },
      {
        test: {
          ...LIMITS,
          // The bot end to end, Slack's HTTP and socket paths, the CLI, faults, browsers: each
          // file in a process of its own, as they start whole bots whose leftovers (listeners,
          // timers, handles) must not meet the next file.
          name: 'isolated',
          include: ['test/**/*.test.ts'],
          exclude: SHARED_MODULES,
        },
      },
    ],
  },
});
