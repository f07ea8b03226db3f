// `scribe copy` between SQLite and PostgreSQL through the real binary: one seeded SQLite file,
// copied to PostgreSQL and back, every row and every incident's JSON export compared.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EndSpec, type OpenedEnd, openEnd } from '../../src/cli/copy-ends.ts';
import {
  COPIED_TABLES,
  type Engine,
  parentsOf,
  SKIPPED_TABLES,
  schemaTables,
  unplannedTables,
} from '../../src/cli/copy-plan.ts';
import { renderDraft } from '../../src/cli/export.ts';
import { openDatabase } from '../../src/store/db.ts';
import { createStore } from '../../src/store/index.ts';
import { openPostgres } from '../../src/store/postgres/db.ts';
import { createPostgresStore } from '../../src/store/postgres/index.ts';
import { composeDraft } from '../../src/usecases/compose-draft.ts';
import type { Store } from '../../src/usecases/store-port.ts';
import { at } from '../domain/builders.ts';
import { webhookAlert } from '../domain/webhooks/alert.ts';
import { closedPort, type FreshDatabase, freshDatabase } from '../helpers/postgres.ts';
import { CLI_TIMEOUT, scribe } from '../helpers/run-scribe.ts';
import { storedIncident } from '../helpers/store.ts';
import { addedAction } from '../store/contract/action-fixtures.ts';
import { deleted, edited, posted } from '../store/contract/incident-fixtures.ts';

const alertBot = { isBot: true, userId: null, botId: 'B0ALERTS', botName: 'Alertmanager' };
const firing = {
  state: 'firing',
  title: '[FIRING:1] HighErrorRate checkout',
  source: 'alertmanager',
  name: 'HighErrorRate',
  severity: 'critical',
  firedAt: at(14, 2),
} as const;

/** One open incident with everything the bot records, and a resolved one with a posted draft. */
async function seed(store: Store): Promise<void> {
  const open = await storedIncident(store, { leadId: 'U0BOB' });
  await store.messages.recordChanges(
    open.id,
    [
      posted('1.000100', { postedAt: at(14, 6), text: 'checkout is failing' }),
      posted('1.000200', { postedAt: at(14, 7), threadTs: '1.000100', userId: 'U0BOB' }),
      posted('1.000300', { postedAt: at(14, 8), ...alertBot, alert: firing }),
      posted('1.000400', { postedAt: at(14, 9), text: 'wrong channel, sorry' }),
      edited('1.000100', 'checkout is failing for card payments', at(14, 11)),
      edited('1.000300', '[RESOLVED] HighErrorRate checkout', at(14, 40), {
        ...alertBot,
        alert: { ...firing, state: 'resolved', title: '[RESOLVED] HighErrorRate checkout' },
      }),
      deleted('1.000400', at(14, 12)),
    ],
    at(14, 41),
  );
  const live = posted('1.000500', { postedAt: at(14, 13), text: 'rolling back v2.3' });
  await store.messages.recordEvent({ channelId: 'C0INC', eventId: 'Ev0500', change: live, now: 1 });
  await store.keyMarks.add({ channelId: 'C0INC', ts: '1.000500', kind: 'pin', userId: 'U0BOB' }, 2);
  await store.sections.addToLatest('C0INC', {
    kind: 'cause',
    text: 'A bad deploy',
    authorId: 'U0ALICE',
    at: at(15, 0),
  });
  await store.webhookAlerts.ingest('C0INC', [{ alert: webhookAlert(), raw: { a: 1 } }], at(14, 3));
  await store.people.upsert({ id: 'U0ALICE', name: 'Alice', tz: 'Europe/Berlin' }, at(14, 0));
  await store.people.upsert({ id: 'U0BOB', name: 'Bob', tz: null }, at(14, 0));
  const canary = await addedAction(store, 'Add a canary stage', { ownerId: 'U0BOB' });
  const alerts = await addedAction(store, 'Page on 5xx', { ownerId: 'U0BOB', priority: 'p1' });
  const dm = { ownerId: 'U0BOB', day: '2026-11-22', channelId: 'D0BOB', ts: '2.000100' };
  await store.reminders.recordDm(dm, [canary.id], at(9, 0));
  await store.reminders.snooze(alerts.id, at(23, 0));
  const issue = { actionId: canary.id, number: 42, url: 'https://x.test/issues/42', createdAt: 3 };
  await store.actionIssues.insert(issue);
  await store.actionIssues.recordCheck(canary.id, 'open', 4);

  const done = await storedIncident(store, {
    channelId: 'C0DB',
    channelName: 'inc-db',
    title: 'Primary database failover',
    status: 'resolved',
    declaredAt: at(10, 0),
    resolvedAt: at(11, 0),
  });
  // More messages than a page holds, so the copy pages through them.
  const chatter = Array.from({ length: 1200 }, (_, i) =>
    posted(`3.${String(100 + i).padStart(6, '0')}`, { channelId: 'C0DB', postedAt: at(10, 1) + i }),
  );
  await store.messages.recordChanges(done.id, chatter, 5);
  const markdown = `# Primary database failover\n\n${'A line of the draft.\n'.repeat(20)}`;
  const draft = await store.postmortems.storePending(done.id, markdown, 6, { partChars: 100 });
  if (draft === null) throw new Error('the draft was not stored');
  await store.postmortems.markUploaded(draft.id, { id: 'F0DRAFT', permalink: null });
  await store.postmortems.markPosted(draft.id, '3.000900');
}

/** Every copied table's rows in key order, and each incident's JSON export as of one instant. */
async function contentsOf(spec: EndSpec): Promise<{ rows: unknown[][]; exports: string[] }> {
  const end: OpenedEnd = await openEnd(spec);
  try {
    const rows: unknown[][] = [];
    for (const { table, key } of end.plan) {
      rows.push(
        await end.db
          .select()
          .from(table)
          .orderBy(...key),
      );
    }
    const exports: string[] = [];
    for (const incident of (rows[0] ?? []) as Array<{ id: number; channelId: string }>) {
      const clock = { now: () => at(18, 0) };
      const draft = await composeDraft({ store: end.store, timeZone: 'UTC', clock }, incident.id);
      if (draft === null) throw new Error(`no draft for incident ${incident.id}`);
      exports.push(
        renderDraft(
          draft,
          'json',
          { incidentId: incident.id, channelId: incident.channelId },
          false,
        ),
      );
    }
    return { rows, exports };
  } finally {
    await end.close();
  }
}

async function pgCounts(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const counts: Record<string, number> = {};
    for (const { name } of COPIED_TABLES) {
      const { rows } = await client.query<{ n: string }>(`select count(*) as n from ${name}`);
      counts[name] = Number(rows[0]?.n);
    }
    return counts;
  } finally {
    await client.end();
  }
}

describe('the copy plan', () => {
  it.each<Engine>(['sqlite', 'postgres'])(
    'copies or knowingly skips every table of the %s schema, parents before children',
    (engine) => {
      const tables = schemaTables(engine);
      expect(unplannedTables(tables.keys())).toEqual([]);
      const order = COPIED_TABLES.map((t) => t.name);
      for (const [name, table] of tables) {
        if (name in SKIPPED_TABLES) continue;
        for (const parent of parentsOf(engine, table)) {
          expect(order.indexOf(parent), `${name} after ${parent}`).toBeLessThan(
            order.indexOf(name),
          );
        }
      }
      // The check itself: a table nobody placed is named.
      expect(unplannedTables([...tables.keys(), 'new_table'])).toEqual(['new_table']);
    },
  );
});

describe('scribe copy', { timeout: CLI_TIMEOUT }, () => {
  let dir: string;
  let source: string;
  let postgres: FreshDatabase;
  let failing: FreshDatabase;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'scribe-copy-'));
    source = join(dir, 'scribe.db');
    const opened = openDatabase(source);
    try {
      await seed(createStore(opened.db));
      // Rows for tables whose store operations come with the features that write them.
      opened.db.$client.exec(`
        insert into incident_tags (incident_id, key, value, source, added_at)
          values (1, 'service', 'checkout', 'person', 1);
        insert into incident_relations (incident_id, related_id, reasons, score, found_at)
          values (1, 2, '[]', 1, 1);
        insert into prevention_matches (incident_id, action_id, found_at) values (1, 1, 1);
        insert into weekly_reviews (week, channel_id, posted_ts, posted_at)
          values ('2026-W47', 'C0REVIEW', '4.000100', 1);`);
    } finally {
      opened.checkpointAndClose();
    }
    [postgres, failing] = await Promise.all([freshDatabase(), freshDatabase()]);
  });
  afterAll(async () => {
    await Promise.all([postgres?.drop(), failing?.drop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('copies SQLite to PostgreSQL and back, every row and export the same; new ids follow the copied ones', async () => {
    const before = await contentsOf({ engine: 'sqlite', path: source });
    // Every table the copy covers has rows, so each one is really carried over.
    expect(before.rows.map((rows) => rows.length > 0)).toEqual(COPIED_TABLES.map(() => true));
    // The database's own tables, not only the schema module's, are all planned.
    const file = new Database(source, { readonly: true });
    const names = file
      .prepare("select name from sqlite_master where type = 'table' and name not like '%sqlite%'")
      .pluck()
      .all() as string[];
    file.close();
    expect(unplannedTables(names.filter((n) => n !== '__drizzle_migrations'))).toEqual([]);

    const toPostgres = await scribe(['copy', '--from', source, '--to', postgres.url], {});
    expect(toPostgres.stderr).not.toContain('scribe:');
    expect(toPostgres.code).toBe(0);
    expect(toPostgres.stdout).toMatch(/^ {2}incidents +2$/m);
    expect(toPostgres.stdout).toMatch(/^ {2}postmortem_documents +\d+$/m);
    expect(toPostgres.stdout).toContain(
      'the JSON export of each of the 2 incident(s) is identical',
    );
    expect(await contentsOf({ engine: 'postgres', url: postgres.url })).toEqual(before);

    const back = join(dir, 'back.db');
    const toSqlite = await scribe(['copy', '--from', postgres.url, '--to', back], {});
    expect(toSqlite.code).toBe(0);
    expect(await contentsOf({ engine: 'sqlite', path: back })).toEqual(before);
    // Not copied but rebuilt: the full-text index (triggers) finds the copied titles and sections.
    const search = new Database(back, { readonly: true });
    const found = (words: string) =>
      search
        .prepare('select rowid from incident_search where incident_search match ? order by rowid')
        .pluck()
        .all(words);
    expect([found('failover'), found('deploy')]).toEqual([[2], [1]]);
    // The same for messages (migration 0012): their index is filled as the copied rows arrive.
    const said = (words: string) =>
      search
        .prepare('select count(*) from message_search where message_search match ?')
        .pluck()
        .get(words);
    expect([said('card'), said('rolling'), said('nowhere')]).toEqual([1, 1, 0]);
    search.close();
    const copied = openDatabase(back);
    try {
      expect((await storedIncident(createStore(copied.db), { channelId: 'C0NEW' })).id).toBe(3);
    } finally {
      copied.close();
    }

    // The bot's own operations on the PostgreSQL copy: ids continue after the copied ones.
    const opened = await openPostgres(postgres.url, { maxConnections: 2 });
    try {
      const store = createPostgresStore(opened.db);
      const next = await storedIncident(store, { channelId: 'C0NEW', channelName: 'inc-new' });
      expect(next.id).toBe(3);
      expect((await addedAction(store, 'Fix it', {}, 'C0NEW')).id).toBe(3);
    } finally {
      await opened.close();
    }
  });

  it('refuses bad input with a clear error, writing nothing', async () => {
    const held = await pgCounts(postgres.url);
    const missing = join(dir, 'missing.db');
    const never = join(dir, 'never.db');
    const port = await closedPort();
    const secret = 'pa55-w0rd-secret';
    const unreachable = `postgres://scribe:${secret}@127.0.0.1:${port}/scribe`;
    // A value SQLite keeps and PostgreSQL's integer refuses: the copy fails at its last tables.
    const overflowing = join(dir, 'overflowing.db');
    const opened = openDatabase(overflowing);
    const small = createStore(opened.db);
    await storedIncident(small);
    const { id } = await addedAction(small, 'Add a canary stage');
    await small.actionIssues.insert({ actionId: id, number: 2 ** 40, url: 'u', createdAt: 1 });
    opened.checkpointAndClose();

    const [full, fullFile, same, absent, foreign, unanswered, noTarget, halfway, noFlag] =
      await Promise.all([
        scribe(['copy', '--from', source, '--to', postgres.url], {}),
        scribe(['copy', '--from', postgres.url, '--to', join(dir, 'back.db')], {}),
        scribe(['copy', '--from', source, '--to', relative('.', source)], {}),
        scribe(['copy', '--from', missing, '--to', never], {}),
        scribe(['copy', '--from', source, '--to', `mysql://scribe:${secret}@db/scribe`], {}),
        scribe(['copy', '--from', source, '--to', unreachable], {}),
        scribe(['copy', '--from', unreachable, '--to', never], {}),
        scribe(['copy', '--from', overflowing, '--to', failing.url], {}),
        scribe(['copy', '--from', source], {}),
      ]);

    expect(full).toMatchObject({ code: 1, stdout: '' });
    expect(full.stderr).toMatch(/already holds data \(incidents: 3, .*\); copy writes only into/);
    expect(full.stderr).toContain('Nothing was written.');
    expect(await pgCounts(postgres.url)).toEqual(held);
    expect(fullFile).toMatchObject({ code: 1, stdout: '' });
    expect(fullFile.stderr).toContain('already holds data');

    expect(same).toMatchObject({ code: 2, stdout: '' });
    expect(same.stderr).toContain('--from and --to name the same database');
    expect(absent).toMatchObject({ code: 1, stdout: '' });
    expect(absent.stderr).toContain(`No SQLite database at ${missing} to copy from.`);
    expect(foreign).toMatchObject({ code: 2, stdout: '' });
    expect(foreign.stderr).toContain(
      '--to is not usable: A PostgreSQL URL starts with postgres://',
    );
    expect(unanswered).toMatchObject({ code: 1, stdout: '' });
    expect(unanswered.stderr).toContain(
      `Could not open PostgreSQL at postgres://scribe@127.0.0.1:${port}/scribe`,
    );
    expect(noTarget).toMatchObject({ code: 1, stdout: '' });
    for (const run of [foreign, unanswered, noTarget]) expect(run.stderr).not.toContain(secret);
    expect(existsSync(missing) || existsSync(never)).toBe(false);

    expect(halfway).toMatchObject({ code: 1 });
    expect(halfway.stderr).toContain('The copy failed and was rolled back: nothing was written');
    expect(halfway.stderr).toContain('out of range');
    expect(Object.values(await pgCounts(failing.url)).every((n) => n === 0)).toBe(true);

    expect(noFlag).toMatchObject({ code: 2, stdout: '' });
    expect(noFlag.stderr).toContain('copy needs --from <sqlite file | postgres url> and --to');
    expect(noFlag.stderr).toContain('Usage: scribe');
  });
});
