import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { planImport } from '../../src/import/plan.ts';
import { readSlackExport } from '../../src/import/read-export.ts';
import { openDatabase } from '../../src/store/db.ts';
import { createStore } from '../../src/store/index.ts';
import { importIncident } from '../../src/usecases/import-incident.ts';
import { composeDraft } from '../../src/usecases/publish-draft.ts';
import { writeExportDir } from './export-fixture.ts';

// Real third-party Slack exports (see SOURCES.md there), read in place and never copied into the
// repository: each channel is imported whole and every message must be accounted for.
const SHARED = process.env.SCRIBE_SHARED_DATA;
const raw = (...parts: string[]) => resolve(SHARED ?? '.', 'raw', ...parts);
const NOW = Date.UTC(2026, 0, 1);

type Json = Record<string, unknown>;

/** Imports a whole channel into a fresh in-memory database, as `scribe import` does. */
async function importWhole(path: string, channel: string) {
  const exported = await readSlackExport(path, channel);
  const plan = planImport(exported, { from: null, to: null }, null);
  const opened = openDatabase(':memory:');
  const store = createStore(opened.db);
  const outcome = await importIncident(store, plan.request, NOW);
  if (!('incidentId' in outcome)) throw new Error(outcome.refused);
  const clock = { now: () => NOW };
  const draft = await composeDraft({ store, timeZone: 'UTC', clock }, outcome.incidentId);
  const stored = (await store.incidents.snapshot(outcome.incidentId))?.messages ?? [];
  opened.close();
  const ignored = [...plan.counts.ignored.values()].reduce((a, b) => a + b, 0);
  return { exported, plan, draft, stored, ignored };
}

function realNames(users: Json[]): Map<string, string> {
  return new Map(
    users.map((u) => {
      const profile = (u.profile ?? {}) as Json;
      const name = [profile.real_name, u.real_name, profile.display_name, u.name].find(
        (n): n is string => typeof n === 'string' && n.trim() !== '',
      );
      return [String(u.id), name ?? String(u.id)];
    }),
  );
}

describe.runIf(SHARED)('importing real Slack exports from SCRIBE_SHARED_DATA', () => {
  const temp = mkdtempSync(join(tmpdir(), 'scribe-shared-import-'));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  describe('slack-export-viewer testarchive.zip (2016, GitHub integration)', () => {
    const zip = raw('slack-export-viewer/tests/testarchive.zip');
    const files = () => unzipSync(readFileSync(zip));
    const parse = (bytes: Uint8Array | undefined) =>
      JSON.parse(new TextDecoder().decode(bytes)) as Json[];

    it.each(['enrique', 'traveling-sailor'])(
      'imports #%s, every message accounted for',
      async (name) => {
        const all = files();
        const messages = Object.entries(all)
          .filter(([file]) => file.startsWith(`${name}/`) && file.endsWith('.json'))
          .flatMap(([, bytes]) => parse(bytes));
        const { plan, draft, stored, ignored } = await importWhole(zip, name);
        const { counts } = plan;
        expect(counts.read).toBe(messages.length);
        expect(counts.recorded + counts.before + counts.after + ignored).toBe(messages.length);
        expect(stored).toHaveLength(counts.recorded);
        const joins = messages.filter((m) => m.subtype === 'channel_join').length;
        const adds = messages.filter((m) => m.subtype === 'bot_add').length;
        expect(Object.fromEntries(counts.ignored)).toEqual({ channel_join: joins, bot_add: adds });
        // Pre-threads era, and GitHub pushes are not alerts.
        expect(counts.threads).toBe(0);
        expect(counts.alerts).toBe(0);
        const names = realNames(parse(all['users.json']));
        const speakers = new Set(stored.filter((m) => !m.isBot && m.userId).map((m) => m.userId));
        expect(draft?.participants.sort()).toEqual(
          [...speakers].map((id) => names.get(id ?? '') ?? '').sort(),
        );
        expect(draft?.participants.length).toBeGreaterThan(0);
      },
    );

    it('runs through the CLI to HTML without a database', async () => {
      const run = await new Promise<{ code: number | null; stderr: string; stdout: string }>(
        (done) => {
          execFile(
            process.execPath,
            [resolve('bin/scribe.mjs'), 'import', zip, '-c', 'traveling-sailor', '-f', 'html'],
            {
              env: { PATH: process.env.PATH ?? '', DATABASE_PATH: join(temp, 'x', 'db') },
              timeout: 30_000,
            },
            (error, stdout, stderr) =>
              done({ code: error === null ? 0 : Number(error.code), stdout, stderr }),
          );
        },
      );
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('<h1>Post-mortem (draft): #traveling-sailor (imported)</h1>');
      expect(run.stderr).toContain('Read 56 messages of #traveling-sailor');
    }, 30_000);
  });

  it('imports the slackdump export (2025: threads, replies[], a tombstone, blocks)', async () => {
    const dir = raw('slackdump/internal/fixtures/assets/source_export_dir');
    const [channel] = JSON.parse(readFileSync(join(dir, 'channels.json'), 'utf8')) as Json[];
    const name = String(channel?.name);
    const messages = readdirSync(join(dir, name)).flatMap(
      (day) => JSON.parse(readFileSync(join(dir, name, day), 'utf8')) as Json[],
    );
    const { plan, draft, stored, ignored } = await importWhole(dir, name);
    const { counts } = plan;
    expect(counts.read).toBe(messages.length);
    expect(counts.recorded + counts.before + counts.after + ignored).toBe(messages.length);
    const roots = new Set(
      messages.filter((m) => m.thread_ts && m.thread_ts !== m.ts).map((m) => m.thread_ts),
    );
    expect(counts.threads).toBe(roots.size);
    expect(counts.threads).toBe(3);
    // The deleted thread parent keeps its place, without its words.
    expect(stored.filter((m) => m.deleted).map((m) => m.subtype)).toEqual(['tombstone']);
    const users = JSON.parse(readFileSync(join(dir, 'users.json'), 'utf8')) as Json[];
    const names = realNames(users);
    for (const participant of draft?.participants ?? []) {
      expect([...names.values()]).toContain(participant);
    }
    expect(draft?.participants.length).toBeGreaterThan(1);
  });

  it.each([
    ['exported_messages_fixtures/normal_thread.json', 2],
    ['exported_messages_fixtures/thread_with_broadcast_reply.json', 1],
    ['test_slack_importer/random/2017-06-25.json', 0],
  ])('imports the zulip fixture %s as an export of #random', async (file, threads) => {
    const base = raw('zulip/zerver/tests/fixtures/slack_fixtures');
    const messages = readFileSync(join(base, file));
    const users = [
      { id: 'U061A5N1G', name: 'ada', real_name: 'Ada Lovelace', tz: 'Europe/London' },
      { id: 'U061A1R2R', name: 'grace', real_name: 'Grace Hopper', tz: 'America/New_York' },
      { id: 'U6006P1CN', name: 'alan', real_name: 'Alan Turing', tz: 'Europe/London' },
    ];
    const dir = writeExportDir(
      {
        'channels.json': readFileSync(join(base, 'channels.json')),
        'users.json': new TextEncoder().encode(JSON.stringify(users)),
        'random/2017-06-25.json': messages,
      },
      join(temp, file.replace(/\W/g, '-')),
    );
    const count = (JSON.parse(messages.toString('utf8')) as Json[]).length;
    const { plan, draft, ignored } = await importWhole(dir, 'random');
    expect(plan.counts.read).toBe(count);
    expect(plan.counts.recorded + plan.counts.before + plan.counts.after + ignored).toBe(count);
    expect(plan.counts.threads).toBe(threads);
    expect(draft?.participants.every((p) => users.some((u) => u.real_name === p))).toBe(true);
  });
});
