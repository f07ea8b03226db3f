import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';

// The small #inc-checkout export in test/fixtures/slack-export, as files that tests copy, damage
// or zip at run time (the fixture itself is never changed).

export const FIXTURE_DIR = fileURLToPath(new URL('../fixtures/slack-export/', import.meta.url));

export type ExportFiles = Record<string, Uint8Array>;

export function fixtureFiles(): ExportFiles {
  const files: ExportFiles = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else files[relative(FIXTURE_DIR, full).split('\\').join('/')] = readFileSync(full);
    }
  };
  walk(FIXTURE_DIR);
  return files;
}

export function text(value: string): Uint8Array {
  return new TextEncoder().encode(value);
}

export function writeExportDir(files: ExportFiles, dir: string): string {
  for (const [name, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), bytes);
  }
  return dir;
}

/** Zips the files as Slack does (at the root), or inside one folder as people re-zip them. */
export function writeExportZip(files: ExportFiles, path: string, folder = ''): string {
  const entries = Object.fromEntries(
    Object.entries(files).map(([name, bytes]) => [`${folder}${name}`, bytes]),
  );
  writeFileSync(path, zipSync(entries));
  return path;
}

/** Every message object in the channel's day files, as the export holds them. */
export function channelMessages(files: ExportFiles, channel: string): unknown[] {
  return Object.entries(files)
    .filter(([name]) => name.startsWith(`${channel}/`))
    .flatMap(([, bytes]) => JSON.parse(new TextDecoder().decode(bytes)) as unknown[]);
}
