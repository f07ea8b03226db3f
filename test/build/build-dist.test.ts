import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { distProblem } from '../../bin/dist.mjs';

// bin/build-dist.mjs (prepare, build, prestart) on a two-file project with this repository's
// tsconfigs: what it builds, when it refuses, and what it says.

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A project with our bin/ and tsconfigs; `typescript`: whether node_modules is there. */
function project(typescript: boolean, two = 'export const two: number = 2;\n'): string {
  const root = mkdtempSync(join(tmpdir(), 'scribe-build-'));
  roots.push(root);
  for (const file of [
    'bin/dist.mjs',
    'bin/build-dist.mjs',
    'tsconfig.json',
    'tsconfig.build.json',
  ]) {
    cpSync(resolve(file), join(root, file));
  }
  mkdirSync(join(root, 'src'));
  writeFileSync(
    join(root, 'src/main.ts'),
    "import { two } from './two.ts';\nconsole.log(two + 1);\n",
  );
  writeFileSync(join(root, 'src/two.ts'), two);
  // The draft worker, which the build also bundles into one file.
  mkdirSync(join(root, 'src/jobs'));
  writeFileSync(
    join(root, 'src/jobs/draft-worker.ts'),
    "import { two } from '../two.ts';\nconsole.log(two * 10);\n",
  );
  if (typescript) symlinkSync(resolve('node_modules'), join(root, 'node_modules'), 'dir');
  return root;
}

function build(root: string, ...args: string[]) {
  const run = spawnSync(process.execPath, [join(root, 'bin/build-dist.mjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  return { code: run.status, stderr: run.stderr };
}

/** A copy of `root` with its files' times, so a dist/ current there is current in the copy. */
function copyOf(root: string): string {
  const copy = mkdtempSync(join(tmpdir(), 'scribe-build-'));
  roots.push(copy);
  cpSync(root, copy, { recursive: true, preserveTimestamps: true });
  // Copying into a folder changes its time after cpSync set it: set src/'s folders' again.
  for (const folder of ['src/jobs', 'src']) {
    const { atime, mtime } = statSync(join(root, folder));
    utimesSync(join(copy, folder), atime, mtime);
  }
  return copy;
}

// Each build starts tsc (seconds on a busy machine): one built project serves the tests that need
// a good build, each working on its own copy so none depends on another's changes.
let built: string;
let firstBuild: { code: number | null; stderr: string };
beforeAll(() => {
  built = project(true);
  roots.pop();
  firstBuild = build(built);
}, 120_000);
afterAll(() => {
  if (built) rmSync(built, { recursive: true, force: true });
});

describe('bin/build-dist.mjs', () => {
  it('compiles src/ into dist/ with .js imports that plain node runs, and stamps it current', () => {
    expect(firstBuild).toEqual({ code: 0, stderr: '' });
    expect(readFileSync(join(built, 'dist/main.js'), 'utf8')).toContain('"./two.js"');
    const run = spawnSync(process.execPath, [join(built, 'dist/main.js')], { encoding: 'utf8' });
    expect(run.stdout).toBe('3\n');
    expect(distProblem(built)).toBeNull();
  });

  it('bundles the draft worker into one file that runs without the modules beside it', () => {
    expect(firstBuild.code).toBe(0);
    const root = copyOf(built);
    rmSync(join(root, 'dist/two.js'));
    const bundle = join(root, 'dist/jobs/draft-worker.bundle.js');
    const run = spawnSync(process.execPath, [bundle], { encoding: 'utf8' });
    expect(run.stdout).toBe('20\n');
  });

  it('with --if-stale, leaves a current dist/ alone and rebuilds a stale one, saying why', () => {
    expect(firstBuild.code).toBe(0);
    const root = copyOf(built);
    const before = statSync(join(root, 'dist/main.js')).mtimeMs;
    expect(build(root, '--if-stale')).toEqual({ code: 0, stderr: '' });
    expect(statSync(join(root, 'dist/main.js')).mtimeMs).toBe(before);

    writeFileSync(join(root, 'src/two.ts'), 'export const two: number = 41;\n');
    const rebuilt = build(root, '--if-stale');
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stderr).toContain('dist/ is older than src/two.ts: building it');
    const run = spawnSync(process.execPath, [join(root, 'dist/main.js')], { encoding: 'utf8' });
    expect(run.stdout).toBe('42\n');
    // Bundled again from what tsc made, though the worker's own module did not change.
    const bundle = join(root, 'dist/jobs/draft-worker.bundle.js');
    expect(spawnSync(process.execPath, [bundle], { encoding: 'utf8' }).stdout).toBe('410\n');
  }, 120_000);

  it('builds despite a type error: types are checked by npm test, as tsx never checked them', () => {
    const root = project(true, "export const two: number = 'two';\n");
    expect(build(root).code).toBe(0);
    expect(distProblem(root)).toBeNull();
  }, 120_000);

  it('fails on a syntax error, and the half-made dist/ never counts as current', () => {
    const root = project(true, 'export const two: number = ;\n');
    const result = build(root);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('The TypeScript build failed (above): dist/ is not current.');
    expect(distProblem(root)).not.toBeNull();
    expect(build(root, '--if-stale').code).not.toBe(0);
  }, 120_000);

  it('refuses to start without TypeScript to build a missing dist/, saying what to run', () => {
    const root = project(false);
    const result = build(root, '--if-stale');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'incident-scribe cannot start: dist/ has not been built, and TypeScript (a dev dependency) ' +
        'is not installed to build it. Run `npm ci`',
    );
    expect(existsSync(join(root, 'dist/main.js'))).toBe(false);
  });

  it('lets `npm ci --omit=dev` finish without TypeScript (prepare), building nothing', () => {
    const root = project(false);
    expect(build(root)).toEqual({
      code: 0,
      stderr: 'dist/ not built: TypeScript (a dev dependency) is not installed.\n',
    });
    expect(existsSync(join(root, 'dist/main.js'))).toBe(false);
  });
});
