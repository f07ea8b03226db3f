// Whether dist/ (src/ compiled by `npm run build`) may run in place of the TypeScript sources.
// Plain JavaScript, no dependencies: `npm start`'s prestart and `scribe` ask before anything loads.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DIST = join(ROOT, 'dist');
/** tsc's incremental state (tsconfig.build.json); bin/build-dist.mjs sets its time to the build's. */
export const STAMP = join(DIST, '.tsbuildinfo');

/** Why dist/ cannot stand for src/ (a sentence), or null when it can. `root`: for tests. */
export function distProblem(root = ROOT) {
  const stamp = join(root, 'dist', '.tsbuildinfo');
  if (!existsSync(stamp)) return 'dist/ has not been built';
  // An image holds dist/ without src/: there is nothing it could be older than.
  if (!existsSync(join(root, 'src'))) return null;
  const changed = newerThan(root, statSync(stamp).mtimeMs);
  return changed === null
    ? null
    : `dist/ is older than ${relative(root, changed).split('\\').join('/')}`;
}

/** The first config, source or folder (added or removed files change it) newer than `time`. */
function newerThan(root, time) {
  for (const name of ['tsconfig.json', 'tsconfig.build.json']) {
    const file = join(root, name);
    if (existsSync(file) && statSync(file).mtimeMs > time) return file;
  }
  const folders = [join(root, 'src')];
  for (let folder = folders.pop(); folder !== undefined; folder = folders.pop()) {
    if (statSync(folder).mtimeMs > time) return folder;
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) folders.push(path);
      else if (/\.m?ts$/.test(entry.name) && statSync(path).mtimeMs > time) return path;
    }
  }
  return null;
}
