import { execFile } from 'node:child_process';
import { resolve } from 'node:path';

// Exactly what `npx scribe` runs, from the repository root as a user would.
const BIN = resolve('bin/scribe.mjs');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `scribe <args>` as a child process with only PATH and `env` set. */
export function scribe(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: resolve('.'), env: { PATH: process.env.PATH ?? '', ...env }, timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        done({ code, stdout, stderr });
      },
    );
  });
}
