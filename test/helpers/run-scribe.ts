import { execFile } from 'node:child_process';
import { resolve } from 'node:path';

// Exactly what `npx scribe` runs, from the repository root as a user would.
const BIN = resolve('bin/scribe.mjs');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * How long a test of `scribe` runs may take before it counts as hung: generous, as several Node
 * processes starting side by side on a busy machine are slow, and a slow run is not a failure.
 */
export const CLI_TIMEOUT = 300_000;

/**
 * Runs `scribe <args>` as a child process with only PATH and `env` set. No time limit of its own
 * (a killed slow run would fail the test): the calling test's timeout stops a hung one.
 */
export function scribe(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: resolve('.'), env: { PATH: process.env.PATH ?? '', ...env } },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        done({ code, stdout, stderr });
      },
    );
  });
}
