import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { ExportError, messageOf } from './export-error.ts';
import type { ExportSource } from './export-source.ts';

/** What a zip may ask of the reader; a zip bomb meets these before it meets the memory. */
export interface ZipLimits {
  /** Entries listed in the zip's directory. */
  maxEntries: number;
  /** Bytes one file may unpack to. */
  maxFileBytes: number;
  /** Bytes all the files one import reads may unpack to together. */
  maxTotalBytes: number;
}

export const ZIP_LIMITS: Readonly<ZipLimits> = Object.freeze({
  maxEntries: 1_000_000,
  maxFileBytes: 512 * 1024 * 1024,
  maxTotalBytes: 2 * 1024 * 1024 * 1024,
});

/**
 * A zipped export, read from disk entry by entry: only the zip's directory is read up front,
 * and only the files asked for are unpacked, one at a time. Exports re-zipped by hand often sit
 * in one folder; that folder is taken as the root when channels.json is not at the top.
 */
export async function openZipSource(
  path: string,
  label: string,
  limits: ZipLimits = ZIP_LIMITS,
): Promise<ExportSource> {
  let zip: ZipFile;
  let entries: Map<string, Entry>;
  try {
    // yauzl refuses entries named with `..`, an absolute path or a backslash: a Slack export
    // has none, and such a name is how a hostile zip escapes the folder it is unpacked into.
    zip = await open(path);
    entries = await listEntries(zip, limits.maxEntries);
  } catch (error) {
    throw new ExportError(`${label} is not a readable zip file (${messageOf(error)}).`);
  }
  const prefix = rootOf([...entries.keys()]);
  const names = new Set(
    [...entries.keys()]
      .filter((e) => e.startsWith(prefix) && !e.endsWith('/'))
      .map((e) => e.slice(prefix.length)),
  );
  let totalBytes = 0;

  return {
    label,
    has: (name) => names.has(name),
    list(folder) {
      const inside = `${folder}/`;
      return [...names]
        .filter((n) => n.startsWith(inside) && !n.slice(inside.length).includes('/'))
        .sort();
    },
    async read(wanted, onRead) {
      const files = new Map<string, Uint8Array>();
      for (const name of wanted) {
        const entry = entries.get(prefix + name);
        if (entry === undefined || !names.has(name)) {
          throw new ExportError(`${label}: ${name} is missing.`);
        }
        if (entry.uncompressedSize > limits.maxFileBytes) {
          throw new ExportError(
            `${label}: ${name} unpacks to ${entry.uncompressedSize} bytes, more than the ${limits.maxFileBytes} an import reads from one file.`,
          );
        }
        totalBytes += entry.uncompressedSize;
        if (totalBytes > limits.maxTotalBytes) {
          throw new ExportError(
            `${label}: the files to import unpack to more than ${limits.maxTotalBytes} bytes; choose a smaller export.`,
          );
        }
        try {
          files.set(name, await unpack(zip, entry));
        } catch (error) {
          throw new ExportError(`${label}: ${name} cannot be unpacked (${messageOf(error)})`);
        }
        onRead?.(name);
      }
      return files;
    },
    close() {
      zip.close();
    },
  };
}

function open(path: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    // validateEntrySizes: an entry that unpacks to more than its directory says is an error,
    // so the size checks above hold for what is really read.
    yauzl.open(
      path,
      { lazyEntries: true, autoClose: false, validateEntrySizes: true },
      (error, zip) => (error ? reject(error) : resolve(zip)),
    );
  });
}

function listEntries(zip: ZipFile, maxEntries: number): Promise<Map<string, Entry>> {
  if (zip.entryCount > maxEntries) {
    zip.close();
    return Promise.reject(new Error(`${zip.entryCount} entries, more than ${maxEntries}`));
  }
  return new Promise((resolve, reject) => {
    const entries = new Map<string, Entry>();
    zip.on('entry', (entry: Entry) => {
      entries.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', (error) => {
      zip.close();
      reject(error);
    });
    zip.readEntry();
  });
}

function unpack(zip: ZipFile, entry: Entry): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error) return reject(error);
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.once('error', reject);
      stream.once('end', () => resolve(Buffer.concat(chunks)));
    });
  });
}

function rootOf(entries: readonly string[]): string {
  if (entries.includes('channels.json')) return '';
  const nested = entries.filter((e) => /^[^/]+\/channels\.json$/.test(e));
  return nested.length === 1 && nested[0] !== undefined
    ? nested[0].slice(0, -'channels.json'.length)
    : '';
}
