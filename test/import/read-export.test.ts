import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSlackExport } from '../../src/import/read-export.ts';
import { openZipSource, ZIP_LIMITS } from '../../src/import/zip-source.ts';
import {
  type ExportFiles,
  fixtureFiles,
  text,
  writeExportDir,
  writeExportZip,
} from './export-fixture.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'scribe-read-export-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function without(files: ExportFiles, name: string): ExportFiles {
  return Object.fromEntries(Object.entries(files).filter(([n]) => n !== name));
}

const DAY = 'inc-checkout/2026-03-12.json';

describe('readSlackExport', () => {
  it('reads a folder and the same export zipped, at the root or inside one folder', async () => {
    const files = fixtureFiles();
    const fromDir = await readSlackExport(
      writeExportDir(files, join(dir, 'export')),
      'inc-checkout',
    );
    const zipped = await readSlackExport(
      writeExportZip(files, join(dir, 'e.zip')),
      '#inc-checkout',
    );
    const nested = await readSlackExport(
      writeExportZip(files, join(dir, 'n.zip'), 'Example Slack export Mar 2026/'),
      'C0CHECKOUT',
    );
    expect(fromDir.messages).toHaveLength(13);
    for (const other of [zipped, nested]) {
      expect(other.messages).toEqual(fromDir.messages);
      expect(other.people).toEqual(fromDir.people);
      expect(other.channel).toEqual({ id: 'C0CHECKOUT', name: 'inc-checkout' });
    }
    expect(zipped.label).toBe('e.zip');
  });

  it('names the file and the place where the JSON breaks', async () => {
    const broken = { ...fixtureFiles(), [DAY]: text('[\n  {"type": "message",\n  "ts": }\n]') };
    const path = writeExportZip(broken, join(dir, 'broken.zip'));
    await expect(readSlackExport(path, 'inc-checkout')).rejects.toThrow(
      /^inc-checkout\/2026-03-12\.json: not valid JSON at line 3, column 9/,
    );
  });

  it('says a truncated file stops early', async () => {
    const cut = { ...fixtureFiles(), [DAY]: text('[{"type": "message"') };
    const path = writeExportDir(cut, join(dir, 'cut'));
    await expect(readSlackExport(path, 'inc-checkout')).rejects.toThrow(
      'inc-checkout/2026-03-12.json: not valid JSON at the end: the file stops early (truncated?).',
    );
  });

  it('names a day file that is not a list of messages', async () => {
    const odd = { ...fixtureFiles(), [DAY]: text('{"messages": []}') };
    await expect(
      readSlackExport(writeExportDir(odd, join(dir, 'odd')), 'inc-checkout'),
    ).rejects.toThrow(
      'inc-checkout/2026-03-12.json: expected a list of messages, found an object.',
    );
    const item = { ...fixtureFiles(), [DAY]: text('[{"ts": "1.1"}, 42]') };
    await expect(
      readSlackExport(writeExportDir(item, join(dir, 'item')), 'inc-checkout'),
    ).rejects.toThrow('inc-checkout/2026-03-12.json: item 2 is a number, not one of the messages.');
  });

  it('says which required file is missing', async () => {
    for (const name of ['users.json', 'channels.json']) {
      const path = writeExportDir(without(fixtureFiles(), name), join(dir, name));
      await expect(readSlackExport(path, 'inc-checkout')).rejects.toThrow(`${name} is missing`);
    }
  });

  it('lists the channels there are when the one asked for is not', async () => {
    const path = writeExportDir(fixtureFiles(), join(dir, 'export'));
    await expect(readSlackExport(path, 'foo')).rejects.toThrow(
      'no channel "foo" in channels.json (channels: general, inc-checkout)',
    );
  });

  it('says when the channel has no day files', async () => {
    const files = Object.fromEntries(
      Object.entries(fixtureFiles()).filter(([n]) => !n.startsWith('inc-checkout/')),
    );
    const path = writeExportDir(files, join(dir, 'partial'));
    await expect(readSlackExport(path, 'inc-checkout')).rejects.toThrow(
      /has no messages for #inc-checkout: the folder inc-checkout\/ is missing/,
    );
  });

  it('refuses a damaged zip, a file that is no zip, and a path that does not exist', async () => {
    const zip = writeExportZip(fixtureFiles(), join(dir, 'whole.zip'));
    const bytes = readFileSync(zip);
    writeFileSync(join(dir, 'cut.zip'), bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expect(readSlackExport(join(dir, 'cut.zip'), 'inc-checkout')).rejects.toThrow(
      /^cut\.zip is not a readable zip file/,
    );
    writeFileSync(join(dir, 'notes.txt'), 'hello');
    await expect(readSlackExport(join(dir, 'notes.txt'), 'inc-checkout')).rejects.toThrow(
      'notes.txt is neither a zip file nor an export folder.',
    );
    await expect(readSlackExport(join(dir, 'nowhere'), 'inc-checkout')).rejects.toThrow(
      `No export at ${join(dir, 'nowhere')}.`,
    );
  });

  it('names a damaged file inside a zip', async () => {
    const zip = writeExportZip(fixtureFiles(), join(dir, 'whole.zip'));
    const bytes = Buffer.from(readFileSync(zip));
    // Scramble the compressed bytes of the day file; the directory still lists it.
    const name = Buffer.from(DAY);
    const header = bytes.indexOf(name);
    for (let i = header + name.length; i < header + name.length + 40; i++) bytes[i] = 0xff;
    writeFileSync(join(dir, 'damaged.zip'), bytes);
    await expect(readSlackExport(join(dir, 'damaged.zip'), 'inc-checkout')).rejects.toThrow(
      /^damaged\.zip: inc-checkout\/2026-03-12\.json cannot be unpacked \(/,
    );
  });

  it('reads a zip of many entries one entry at a time, as the folder, telling its progress', async () => {
    const files = fixtureFiles();
    // Three years of a busy channel before the incident, one message a day.
    const start = Date.UTC(2023, 0, 1);
    for (let day = 0; day < 1100; day++) {
      const date = new Date(start + day * 86_400_000).toISOString().slice(0, 10);
      const ts = `${(start + day * 86_400_000) / 1000}.000100`;
      files[`inc-checkout/${date}.json`] = text(
        JSON.stringify([{ type: 'message', user: 'U0BOB', text: `day ${day}`, ts }]),
      );
    }
    const lines: string[] = [];
    const progress = (line: string) => lines.push(line);
    const zipped = await readSlackExport(
      writeExportZip(files, join(dir, 'big.zip')),
      'inc-checkout',
      {
        progress,
      },
    );
    const fromDir = await readSlackExport(writeExportDir(files, join(dir, 'big')), 'inc-checkout');
    expect(zipped.messages).toHaveLength(13 + 1100);
    expect(zipped.messages).toEqual(fromDir.messages);
    expect(zipped.days).toEqual(fromDir.days);
    expect(lines).toEqual([
      'Reading #inc-checkout: 500 of 1103 day files',
      'Reading #inc-checkout: 1000 of 1103 day files',
      'Reading #inc-checkout: 1103 of 1103 day files',
    ]);

    // A small channel is read without progress lines.
    const quiet: string[] = [];
    await readSlackExport(writeExportZip(fixtureFiles(), join(dir, 'small.zip')), 'inc-checkout', {
      progress: (line) => quiet.push(line),
    });
    expect(quiet).toEqual([]);
  });

  it('refuses a zip with an entry that would climb out of the export', async () => {
    for (const [name, reason] of [
      ['../evil.json', 'invalid relative path: ../evil.json'],
      ['/etc/evil.json', 'absolute path: /etc/evil.json'],
    ] as const) {
      const files = { ...fixtureFiles(), [name]: text('[]') };
      const path = writeExportZip(files, join(dir, 'climb.zip'));
      await expect(readSlackExport(path, 'inc-checkout')).rejects.toThrow(
        `climb.zip is not a readable zip file (${reason}).`,
      );
    }
  });

  it('stops at a file or a set of files that would unpack to more than its limits', async () => {
    const path = writeExportZip(fixtureFiles(), join(dir, 'limits.zip'));
    const users = fixtureFiles()['users.json']?.length ?? 0;
    const source = await openZipSource(path, 'limits.zip', {
      ...ZIP_LIMITS,
      maxFileBytes: users - 1,
    });
    await expect(source.read(['channels.json', 'users.json'])).rejects.toThrow(
      `limits.zip: users.json unpacks to ${users} bytes, more than the ${users - 1} an import reads from one file.`,
    );
    source.close();

    const total = await openZipSource(path, 'limits.zip', { ...ZIP_LIMITS, maxTotalBytes: users });
    await expect(total.read(['users.json', 'channels.json'])).rejects.toThrow(
      `limits.zip: the files to import unpack to more than ${users} bytes; choose a smaller export.`,
    );
    total.close();

    await expect(
      openZipSource(path, 'limits.zip', { ...ZIP_LIMITS, maxEntries: 2 }),
    ).rejects.toThrow(/^limits\.zip is not a readable zip file \(\d+ entries, more than 2\)\.$/);
  });
});
