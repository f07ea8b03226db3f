import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSlackExport } from '../../src/import/read-export.ts';
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
  it('reads a folder and the same export zipped, at the root or inside one folder', () => {
    const files = fixtureFiles();
    const fromDir = readSlackExport(writeExportDir(files, join(dir, 'export')), 'inc-checkout');
    const zipped = readSlackExport(writeExportZip(files, join(dir, 'e.zip')), '#inc-checkout');
    const nested = readSlackExport(
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

  it('names the file and the place where the JSON breaks', () => {
    const broken = { ...fixtureFiles(), [DAY]: text('[\n  {"type": "message",\n  "ts": }\n]') };
    const path = writeExportZip(broken, join(dir, 'broken.zip'));
    expect(() => readSlackExport(path, 'inc-checkout')).toThrow(
      /^inc-checkout\/2026-03-12\.json: not valid JSON at line 3, column 9/,
    );
  });

  it('says a truncated file stops early', () => {
    const cut = { ...fixtureFiles(), [DAY]: text('[{"type": "message"') };
    const path = writeExportDir(cut, join(dir, 'cut'));
    expect(() => readSlackExport(path, 'inc-checkout')).toThrow(
      'inc-checkout/2026-03-12.json: not valid JSON at the end: the file stops early (truncated?).',
    );
  });

  it('names a day file that is not a list of messages', () => {
    const odd = { ...fixtureFiles(), [DAY]: text('{"messages": []}') };
    expect(() => readSlackExport(writeExportDir(odd, join(dir, 'odd')), 'inc-checkout')).toThrow(
      'inc-checkout/2026-03-12.json: expected a list of messages, found an object.',
    );
    const item = { ...fixtureFiles(), [DAY]: text('[{"ts": "1.1"}, 42]') };
    expect(() => readSlackExport(writeExportDir(item, join(dir, 'item')), 'inc-checkout')).toThrow(
      'inc-checkout/2026-03-12.json: item 2 is a number, not one of the messages.',
    );
  });

  it('says which required file is missing', () => {
    for (const name of ['users.json', 'channels.json']) {
      const path = writeExportDir(without(fixtureFiles(), name), join(dir, name));
      expect(() => readSlackExport(path, 'inc-checkout')).toThrow(`${name} is missing`);
    }
  });

  it('lists the channels there are when the one asked for is not', () => {
    const path = writeExportDir(fixtureFiles(), join(dir, 'export'));
    expect(() => readSlackExport(path, 'foo')).toThrow(
      'no channel "foo" in channels.json (channels: general, inc-checkout)',
    );
  });

  it('says when the channel has no day files', () => {
    const files = Object.fromEntries(
      Object.entries(fixtureFiles()).filter(([n]) => !n.startsWith('inc-checkout/')),
    );
    const path = writeExportDir(files, join(dir, 'partial'));
    expect(() => readSlackExport(path, 'inc-checkout')).toThrow(
      /has no messages for #inc-checkout: the folder inc-checkout\/ is missing/,
    );
  });

  it('refuses a damaged zip, a file that is no zip, and a path that does not exist', () => {
    const zip = writeExportZip(fixtureFiles(), join(dir, 'whole.zip'));
    const bytes = readFileSync(zip);
    writeFileSync(join(dir, 'cut.zip'), bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect(() => readSlackExport(join(dir, 'cut.zip'), 'inc-checkout')).toThrow(
      /^cut\.zip is not a readable zip file/,
    );
    writeFileSync(join(dir, 'notes.txt'), 'hello');
    expect(() => readSlackExport(join(dir, 'notes.txt'), 'inc-checkout')).toThrow(
      'notes.txt is neither a zip file nor an export folder.',
    );
    expect(() => readSlackExport(join(dir, 'nowhere'), 'inc-checkout')).toThrow(
      `No export at ${join(dir, 'nowhere')}.`,
    );
  });

  it('names a damaged file inside a zip', () => {
    const zip = writeExportZip(fixtureFiles(), join(dir, 'whole.zip'));
    const bytes = Buffer.from(readFileSync(zip));
    // Scramble the compressed bytes of the day file; the directory still lists it.
    const name = Buffer.from(DAY);
    const header = bytes.indexOf(name);
    for (let i = header + name.length; i < header + name.length + 40; i++) bytes[i] = 0xff;
    writeFileSync(join(dir, 'damaged.zip'), bytes);
    expect(() => readSlackExport(join(dir, 'damaged.zip'), 'inc-checkout')).toThrow(
      /^damaged\.zip: inc-checkout\/2026-03-12\.json cannot be unpacked \(/,
    );
  });
});
