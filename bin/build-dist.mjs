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
  bundleDraftWorker();
  // tsc leaves its state file alone when nothing changed; the stamp says dist/ was checked now.
  utimesSync(STAMP, began, began);
  return 0;
}

/**
 * The draft worker thread as one file (dist/jobs/draft-worker.bundle.js), made from tsc's output
 * after every build: a worker starts with an empty module cache, and loading its ~150 modules
 * one by one took 185 ms of each long draft, the bundle 45 ms. better-sqlite3 (native) stays
 * outside. Without esbuild (installed with tsx) the worker runs from its modules as before.
 */
function bundleDraftWorker() {
  const entry = join(DIST, 'jobs', 'draft-worker.js');
  const out = join(DIST, 'jobs', 'draft-worker.bundle.js');
  rmSync(out, { force: true });
  if (!existsSync(entry)) return;
  let esbuild;
  try {
    esbuild = createRequire(import.meta.url)('esbuild');
  } catch {
    return;
  }
  esbuild.buildSync({
    entryPoints: [entry],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['better-sqlite3'],
    // A CommonJS module inside an ES module bundle still needs a require of its own.
    banner: {
      js: "import { createRequire as __scribeRequire } from 'node:module';\nconst require = __scribeRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
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
