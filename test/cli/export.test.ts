import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertSignal, Incident } from '../../src/domain/types.ts';
import { openDatabase } from '../../src/store/db.ts';
import { createRepositories, type Repositories } from '../../src/store/repositories.ts';
import { aMessage, anAction, anEvent, anIncident, at, tsOf } from '../domain/builders.ts';
import { CLI_TIMEOUT, scribe } from '../helpers/run-scribe.ts';

const CHANNEL = 'C0CHECKOUT';

/** An earlier, resolved incident and the current one in the same channel, plus another channel. */
function seed(store: Repositories): { earlier: Incident; current: Incident; other: Incident } {
  const earlier = store.incidents.insert(
    anIncident({
      channelId: CHANNEL,
      channelName: 'inc-checkout',
      title: 'Earlier checkout blip',
      status: 'resolved',
      declaredAt: at(9, 0),
      resolvedAt: at(9, 30),
    }),
  );
  store.incidents.addEvent(anEvent({ incidentId: earlier.id, at: at(9, 0) }));
  const current = store.incidents.insert(
    anIncident({
      channelId: CHANNEL,
      channelName: 'inc-checkout',
      title: 'Checkout returns 500s',
      status: 'resolved',
      leadId: 'U0BOB',
      declaredAt: at(14, 5),
      mitigatedAt: at(14, 31),
      resolvedAt: at(15, 2),
    }),
  );
  const id = current.id;
  for (const event of [
    anEvent({ incidentId: id, kind: 'declared', at: at(14, 5), text: 'Checkout returns 500s' }),
    anEvent({ incidentId: id, kind: 'lead_changed', at: at(14, 6), subjectId: 'U0BOB' }),
    anEvent({ incidentId: id, kind: 'mitigated', at: at(14, 31), actorId: 'U0BOB' }),
    anEvent({ incidentId: id, kind: 'resolved', at: at(15, 2), actorId: 'U0BOB' }),
  ]) {
    store.incidents.addEvent(event);
  }
  const signal: AlertSignal = {
    state: 'firing',
    title: '[FIRING:1] HighErrorRate',
    source: 'alertmanager',
    name: 'HighErrorRate',
    severity: 'critical',
    firedAt: null,
  };
  const alertMessage = aMessage({
    channelId: CHANNEL,
    postedAt: at(14, 1),
    userId: null,
    isBot: true,
    botName: 'Alertmanager',
    text: '',
    alert: signal,
  });
  store.messages.insertIfNew(id, alertMessage, {}, at(14, 1));
  store.alertChanges.record(id, CHANNEL, tsOf(at(14, 1)), at(14, 1), signal);
  for (const message of [
    aMessage({ channelId: CHANNEL, postedAt: at(14, 7), userId: 'U0BOB', text: 'looking' }),
    aMessage({
      channelId: CHANNEL,
      postedAt: at(14, 8),
      text: 'dashboard: <https://grafana.example/d/1|checkout> &lt;script&gt;',
    }),
  ]) {
    store.messages.insertIfNew(id, message, {}, message.postedAt);
  }
  store.actions.insert({ ...anAction({ incidentId: id }), ownerId: 'U0BOB' });
  store.sections.add(id, {
    kind: 'summary',
    text: 'Bad config.',
    authorId: 'U0BOB',
    at: at(15, 5),
  });
  store.people.upsert({ id: 'U0ALICE', name: 'Alice', tz: null }, at(14, 0));
  store.people.upsert({ id: 'U0BOB', name: 'Bob', tz: null }, at(14, 0));
  const other = store.incidents.insert(
    anIncident({ channelId: 'C0OTHER', channelName: 'inc-search', title: 'Search is slow' }),
  );
  return { earlier, current, other };
}

describe('scribe export', () => {
  let dir: string;
  let env: Record<string, string>;
  let ids: ReturnType<typeof seed>;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'scribe-export-'));
    const databasePath = join(dir, 'scribe.db');
    const opened = openDatabase(databasePath);
    ids = seed(createRepositories(opened.db));
    opened.close();
    env = { DATABASE_PATH: databasePath, SCRIBE_TIMEZONE: 'UTC' };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Each case is a separate process; running them side by side keeps the file fast. Seven Node
  // processes starting at once on a busy two-core machine can take minutes: the timeout only
  // stops a hung run.
  describe.concurrent('as a user runs it', { timeout: CLI_TIMEOUT }, () => {
    it('writes Markdown for an incident id', async () => {
      const run = await scribe(['export', String(ids.earlier.id)], env);
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(run.stdout).toMatch(/^# Post-mortem \(draft\): Earlier checkout blip\n/);
    });

    it('writes JSON for the latest incident of #channel-name', async () => {
      const run = await scribe(['export', '#inc-checkout', '--format', 'json'], env);
      expect(run).toMatchObject({ code: 0, stderr: '' });
      const doc = JSON.parse(run.stdout);
      expect(doc).toMatchObject({ schema: 'incident-scribe.postmortem', version: 1 });
      expect(doc.incident).toMatchObject({
        id: ids.current.id,
        channelId: CHANNEL,
        title: 'Checkout returns 500s',
        lead: 'Bob',
        declaredAt: '2026-11-21T14:05:00.000Z',
      });
      expect(doc.metrics.detected).toMatchObject({ atMs: at(14, 1), source: 'alert' });
      expect(doc.sections.summary).toBe('Bad config.');
      expect(doc.actions[0]).toMatchObject({ owner: 'Bob' });
    });

    it('writes HTML for the latest incident of a channel id', async () => {
      const run = await scribe(['export', CHANNEL, '-f', 'html'], env);
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(run.stdout).toContain('<h1>Post-mortem (draft): Checkout returns 500s</h1>');
      expect(run.stdout).toContain('&lt;script&gt;');
      expect(run.stdout).not.toContain('<script');
      expect(run.stdout).toContain('href="https://grafana.example/d/1" rel="noopener noreferrer"');
    });

    it('writes a public HTML report to --out and says so on stderr', async () => {
      const out = join(dir, 'report.html');
      const args = ['export', String(ids.current.id), '--format', 'html', '--public', '--out', out];
      const run = await scribe(args, env);
      expect(run).toMatchObject({ code: 0, stdout: '' });
      expect(run.stderr).toBe(`Wrote ${out} (${statSync(out).size} bytes)\n`);
      const html = readFileSync(out, 'utf8');
      expect(html).toContain('<h1>Incident report: Checkout returns 500s</h1>');
      expect(html).not.toMatch(/Alice|Bob|href=|C0CHECKOUT/);
    });

    it('fails with exit 1 when no incident matches', async () => {
      const run = await scribe(['export', '#inc-nothing'], env);
      expect(run).toMatchObject({ code: 1, stdout: '' });
      expect(run.stderr).toBe('scribe: No incident matches "#inc-nothing".\n');
    });

    it('fails with exit 1 and creates nothing when the database does not exist', async () => {
      const missing = join(dir, 'nowhere', 'scribe.db');
      const run = await scribe(['export', '1'], { ...env, DATABASE_PATH: missing });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`No database at ${missing}`);
      expect(existsSync(join(dir, 'nowhere'))).toBe(false);
    });

    it('fails with exit 1 when DATABASE_PATH is a folder', async () => {
      const run = await scribe(['export', '1'], { ...env, DATABASE_PATH: dir });
      expect(run).toMatchObject({ code: 1, stdout: '' });
      expect(run.stderr).toBe(`scribe: DATABASE_PATH ${dir} is a folder, not the SQLite file.\n`);
    });

    it('fails with exit 1 when the folder of --out does not exist', async () => {
      const out = join(dir, 'missing', 'report.md');
      const run = await scribe(['export', '1', '--out', out], env);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`Cannot write ${out}`);
      expect(existsSync(join(dir, 'missing'))).toBe(false);
    });

    it('refuses wrong usage with exit 2 and the usage', async () => {
      const cases = [
        ['export', '1', '--format', 'pdf'],
        ['export', '1', '--public'],
      ];
      const runs = await Promise.all(cases.map((args) => scribe(args, env)));
      for (const run of runs) {
        expect(run).toMatchObject({ code: 2, stdout: '' });
        expect(run.stderr).toContain('Usage: scribe');
      }
      expect(runs[0]?.stderr).toContain('Unknown format "pdf"');
      expect(runs[1]?.stderr).toContain('--public applies to --format html only');
    });

    it('prints the usage on --help with exit 0, without touching any database', async () => {
      const run = await scribe(['--help'], { DATABASE_PATH: join(dir, 'none.db') });
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(run.stdout).toContain('scribe export <incident>');
      expect(existsSync(join(dir, 'none.db'))).toBe(false);
    });
  });
});
