import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ExportError, messageOf } from './export-error.ts';
import { zipSource } from './zip-source.ts';

/**
 * The files of a Slack export, wherever they are: a folder or the zip Slack hands out. Names are
 * relative to the export's root (`channels.json`, `inc-checkout/2026-03-12.json`).
 */
export interface ExportSource {
  /** How errors name the export itself. */
  label: string;
  has(name: string): boolean;
  /** Files directly inside `folder`, as full relative names, sorted. */
  list(folder: string): string[];
  /** The named files' bytes; each one must exist. */
  read(names: readonly string[]): Map<string, Uint8Array>;
}

const ZIP_MAGIC = [0x50, 0x4b];

export function openExportSource(path: string): ExportSource {
  if (!existsSync(path)) throw new ExportError(`No export at ${path}.`);
  const stat = statSync(path);
  if (stat.isDirectory()) return folderSource(path);
  let data: Uint8Array;
  try {
    data = readFileSync(path);
  } catch (error) {
    throw new ExportError(`Cannot read ${path}: ${messageOf(error)}`);
  }
  if (!ZIP_MAGIC.every((byte, i) => data[i] === byte)) {
    throw new ExportError(`${basename(path)} is neither a zip file nor an export folder.`);
  }
  return zipSource(basename(path), data);
}

function folderSource(root: string): ExportSource {
  const isFile = (name: string) => {
    const full = join(root, name);
    return existsSync(full) && statSync(full).isFile();
  };
  return {
    label: root,
    has: isFile,
    list(folder) {
      const full = join(root, folder);
      if (!existsSync(full) || !statSync(full).isDirectory()) return [];
      return readdirSync(full)
        .map((f) => `${folder}/${f}`)
        .filter(isFile)
        .sort();
    },
    read(names) {
      const files = new Map<string, Uint8Array>();
      for (const name of names) {
        try {
          files.set(name, readFileSync(join(root, name)));
        } catch (error) {
          throw new ExportError(`${name}: cannot be read (${messageOf(error)})`);
        }
      }
      return files;
    },
  };
}
