#!/usr/bin/env node
// Compiles src/ into dist/ (`tsc -p tsconfig.build.json`). Run by `npm ci` (prepare), by
// `npm run build` and, with --if-stale, before `npm start` (prestart), so that the bot runs
// compiled JavaScript (ADR 0015). Exit status: 0 built or already current, else tsc's or 1.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { DIST, distProblem, ROOT, STAMP } from './dist.mjs';

const LOCK = join(DIST, '.building');
/** A lock older than this was left by a build that was killed. */
const LOCK_ABANDONED_MS = 15 * 60_000;

process.exitCode = main(process.argv.includes('--if-stale'));

function main(ifStale) {
  if (ifStale && distProblem() === null) return 0;
  const tsc = typescriptCompiler();
  if (tsc === null) {
    // `npm ci --omit=dev` runs prepare too, without TypeScript: an image builds dist/ beforehand.
    if (!ifStale) {
      console.error('dist/ not built: TypeScript (a dev dependency) is not installed.');
      return 0;
    }
    console.error(
      `incident-scribe cannot start: ${distProblem()}, and TypeScript (a dev dependency) is not ` +
        'installed to build it. Run `npm ci`, or `npm run build` where TypeScript is installed.',
    );
    return 1;
  }
  takeLock();
  try {
    // Another build may have finished while this one waited for the lock.
    const problem = distProblem();
    if (ifStale && problem === null) return 0;
    if (ifStale) console.error(`${problem}: building it (npm run build) …`);
    return build(tsc);
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

function typescriptCompiler() {
  try {
    return createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    return null;
  }
}

function build(tsc) {
  // The stamp takes the time the build began: a file saved while tsc ran leaves dist/ stale.
  const began = new Date();
  const run = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (run.status !== 0) {
    // Types are not checked here (noCheck), so this is a syntax or configuration error. tsc may
    // still have written its state: backdated, such a build never counts as current.
    if (existsSync(STAMP)) utimesSync(STAMP, 0, 0);
    console.error('The TypeScript build failed (above): dist/ is not current.');
    return run.status ?? 1;
  }
  // tsc leaves its state file alone when nothing changed; the stamp says dist/ was checked now.
  utimesSync(STAMP, began, began);
  return 0;
}

/** One build at a time in this folder (`npm start` twice, tests side by side): mkdir is atomic. */
function takeLock() {
  mkdirSync(DIST, { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      return;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    const since = lockAge();
    if (since !== null && since > LOCK_ABANDONED_MS) rmSync(LOCK, { recursive: true, force: true });
    else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
  }
}

function lockAge() {
  try {
    return Date.now() - statSync(LOCK).mtimeMs;
  } catch {
    return null;
  }
}
