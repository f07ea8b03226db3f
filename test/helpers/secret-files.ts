import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/**
 * A folder of secret files for the enclosing describe, removed after it: `file` writes one as
 * Docker or Kubernetes would mount it and returns its path; `folder` is the folder itself.
 */
export function secretFiles(prefix: string): {
  file: (name: string, content: string) => string;
  folder: () => string;
} {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    file(name, content) {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    folder: () => dir,
  };
}
