import {
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  statSync,
} from 'node:fs';
import { basename, join } from 'node:path';
import { ExportError, messageOf } from './export-error.ts';
import { openZipSource } from './zip-source.ts';

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
  /** The named files' bytes, read one after the other; each one must exist. */
  read(names: readonly string[], onRead?: (name: string) => void): Promise<Map<string, Uint8Array>>;
  /** Lets go of the zip file, if there is one. */
  close(): void;
}

const ZIP_MAGIC = [0x50, 0x4b];

export async function openExportSource(path: string): Promise<ExportSource> {
  if (!existsSync(path)) throw new ExportError(`No export at ${path}.`);
  const stat = statSync(path);
  if (stat.isDirectory()) return folderSource(path);
  // Only the first bytes: the zip itself is read entry by entry, however large it is.
  const magic = Buffer.alloc(ZIP_MAGIC.length);
  try {
    const fd = openSync(path, 'r');
    try {
      readSync(fd, magic, 0, magic.length, 0);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    throw new ExportError(`Cannot read ${path}: ${messageOf(error)}`);
  }
  if (!ZIP_MAGIC.every((byte, i) => magic[i] === byte)) {
    throw new ExportError(`${basename(path)} is neither a zip file nor an export folder.`);
  }
  return openZipSource(path, basename(path));
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
    async read(names, onRead) {
      const files = new Map<string, Uint8Array>();
      for (const name of names) {
        try {
          files.set(name, readFileSync(join(root, name)));
        } catch (error) {
          throw new ExportError(`${name}: cannot be read (${messageOf(error)})`);
        }
        onRead?.(name);
      }
      return files;
    },
    close() {},
  };
}
