import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { distProblem } from '../../bin/dist.mjs';

// When `npm start` rebuilds and `scribe` runs the sources instead of dist/: file times decide.

const BEFORE = new Date('2026-01-01T10:00:00Z');
const BUILT = new Date('2026-01-01T11:00:00Z');
const AFTER = new Date('2026-01-01T12:00:00Z');

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A checkout built at BUILT from sources last changed at BEFORE. */
function checkout(): string {
  const root = mkdtempSync(join(tmpdir(), 'scribe-dist-'));
  roots.push(root);
  mkdirSync(join(root, 'src', 'store'), { recursive: true });
  mkdirSync(join(root, 'dist'));
  const files = ['tsconfig.json', 'src/main.ts', 'src/store/db.ts', 'src/store/page.css'];
  for (const file of files) writeFileSync(join(root, file), '');
  writeFileSync(join(root, 'dist', '.tsbuildinfo'), '{}');
  for (const path of [...files, 'src/store', 'src']) at(root, path, BEFORE);
  at(root, 'dist/.tsbuildinfo', BUILT);
  return root;
}

function at(root: string, path: string, time: Date): void {
  utimesSync(join(root, path), time, time);
}

describe('distProblem', () => {
  it('passes a build newer than every source and config', () => {
    expect(distProblem(checkout())).toBeNull();
  });

  it('names a source changed after the build', () => {
    const root = checkout();
    at(root, 'src/store/db.ts', AFTER);
    expect(distProblem(root)).toBe('dist/ is older than src/store/db.ts');
  });

  it('names the folder where a source was added or removed', () => {
    const root = checkout();
    at(root, 'src/store', AFTER);
    expect(distProblem(root)).toBe('dist/ is older than src/store');
  });

  it('names a changed tsconfig', () => {
    const root = checkout();
    at(root, 'tsconfig.json', AFTER);
    expect(distProblem(root)).toBe('dist/ is older than tsconfig.json');
  });

  it('ignores a changed file that is not compiled (the sandbox page, read from src/)', () => {
    const root = checkout();
    at(root, 'src/store/page.css', AFTER);
    expect(distProblem(root)).toBeNull();
  });

  it('says when dist/ was never built', () => {
    const root = checkout();
    rmSync(join(root, 'dist'), { recursive: true });
    expect(distProblem(root)).toBe('dist/ has not been built');
  });

  it('passes dist/ without sources beside it, as in the container image', () => {
    const root = checkout();
    rmSync(join(root, 'src'), { recursive: true });
    expect(distProblem(root)).toBeNull();
  });
});
