import { type UnzipFileInfo, unzipSync } from 'fflate';
import { ExportError, messageOf } from './export-error.ts';
import type { ExportSource } from './export-source.ts';

/**
 * A zipped export. Only the files asked for are inflated: a workspace export holds every channel,
 * and an import reads one. Exports re-zipped by hand often sit in one folder; that folder is
 * taken as the root when channels.json is not at the top.
 */
export function zipSource(label: string, data: Uint8Array): ExportSource {
  const entries = listEntries(label, data);
  const prefix = rootOf(entries);
  const names = new Set(
    entries
      .filter((e) => e.startsWith(prefix) && !e.endsWith('/'))
      .map((e) => e.slice(prefix.length)),
  );
  const inflate = (wanted: ReadonlySet<string>) =>
    unzipSync(data, { filter: (file: UnzipFileInfo) => wanted.has(file.name) });

  return {
    label,
    has: (name) => names.has(name),
    list(folder) {
      const inside = `${folder}/`;
      return [...names]
        .filter((n) => n.startsWith(inside) && !n.slice(inside.length).includes('/'))
        .sort();
    },
    read(wanted) {
      let inflated: Record<string, Uint8Array>;
      try {
        inflated = inflate(new Set(wanted.map((n) => prefix + n)));
      } catch {
        // One file at a time, to name the one that is damaged.
        for (const name of wanted) {
          try {
            inflate(new Set([prefix + name]));
          } catch (error) {
            throw new ExportError(`${label}: ${name} cannot be unpacked (${messageOf(error)})`);
          }
        }
        throw new ExportError(`${label}: the zip file is damaged.`);
      }
      const files = new Map<string, Uint8Array>();
      for (const name of wanted) {
        const bytes = inflated[prefix + name];
        if (bytes === undefined) throw new ExportError(`${label}: ${name} is missing.`);
        files.set(name, bytes);
      }
      return files;
    },
  };
}

/** Every entry's name, without inflating anything. */
function listEntries(label: string, data: Uint8Array): string[] {
  const names: string[] = [];
  try {
    unzipSync(data, {
      filter: (file) => {
        names.push(file.name);
        return false;
      },
    });
  } catch (error) {
    throw new ExportError(`${label} is not a readable zip file (${messageOf(error)}).`);
  }
  return names;
}

function rootOf(entries: readonly string[]): string {
  if (entries.includes('channels.json')) return '';
  const nested = entries.filter((e) => /^[^/]+\/channels\.json$/.test(e));
  return nested.length === 1 && nested[0] !== undefined
    ? nested[0].slice(0, -'channels.json'.length)
    : '';
}
