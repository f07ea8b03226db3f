import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * Builds dist/ when it is older than src/, as `npm start`'s prestart does (one build at a time:
 * bin/build-dist.mjs locks). After `npm ci` it is current and this costs a few milliseconds.
 */
export function ensureBuilt(): void {
  const build = spawnSync(process.execPath, [resolve('bin/build-dist.mjs'), '--if-stale'], {
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error(`bin/build-dist.mjs exited with ${build.status}`);
}

/** A build may take minutes on a busy machine: a safety net for the hook that calls it. */
export const BUILD_TIMEOUT = 600_000;
