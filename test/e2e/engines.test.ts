// The main path, walked on each store engine: what a team sees must not depend on which store
// the bot runs on. The other e2e files go deeper, on SQLite (recording.test.ts on both).
import pg from 'pg';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { alertPost, deleted, edited, firingWebhook, said } from '../helpers/e2e-steps.ts';
import { ENGINES, type Engine, type Harness, startHarness, tsAt } from '../helpers/harness.ts';

const CHANNEL = 'CENG0001';
const TOKEN = 'webhook-token-for-engines';
// Monday 23 November 2026, 10:00 UTC: inside the owners' working hours, for the reminder.
const T0 = Date.UTC(2026, 10, 23, 10, 0, 0);
const MIN = 60_000;

let h: Harness;

async function boot(engine: Engine) {
  h = await startHarness({ start: T0, engine, env: { WEBHOOK_TOKEN: TOKEN } });
  h.slack.addUser({ id: 'UANN', name: 'ann', displayName: 'Ann', tz: 'UTC' });
  h.slack.addUser({ id: 'UBOB', name: 'bob', displayName: 'Bob', tz: 'UTC' });
  h.slack.addChannel({ id: CHANNEL, name: 'inc-engines' });
}

afterEach(async () => {
  await h?.close();
});

async function run(userId: string, command: string, text: string) {
  const before = h.slack.callsTo('chat.postMessage').length;
  const res = await h.command({ userId, channelId: CHANNEL, command, text });
  expect(res.status).toBe(200);
  await h.slack.waitForCall('chat.postMessage', before + 1);
}

async function hook(body: unknown) {
  const res = await fetch(`${h.baseUrl}/hooks/alertmanager?channel=${CHANNEL}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

describe.each(ENGINES)('on %s', (engine) => {
  it('walks an incident from /incident start to the posted draft', async () => {
    await boot(engine);
    expect(h.bot.engine).toBe(engine);
    const health = await fetch(`${h.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', database: 'ok', engine });
    await run('UANN', '/incident', 'start Checkout errors sev2');

    h.clock.set(T0 + MIN);
    const first = said(CHANNEL, 'UANN', T0 + 30_000, 'Seeing 500s on checkout');
    expect((await h.event(first, { eventId: 'EvFirst' })).status).toBe(200);
    const retried = await h.event(first, {
      eventId: 'EvFirst',
      headers: { 'X-Slack-Retry-Num': '1', 'X-Slack-Retry-Reason': 'http_timeout' },
    });
    expect(retried.status).toBe(200);
    await h.event(alertPost(CHANNEL, T0 + 2 * MIN));
    const parent = tsAt(T0 + 3 * MIN);
    await h.event(said(CHANNEL, 'UBOB', T0 + 3 * MIN, 'DB connections maxed out'));
    await h.event(
      said(CHANNEL, 'UANN', T0 + 4 * MIN, 'confirmed on replica', { thread_ts: parent }),
    );
    await h.event(
      edited(
        CHANNEL,
        T0 + 4 * MIN + 30_000,
        said(CHANNEL, 'UBOB', T0 + 3 * MIN, 'DB connections maxed out on primary', {
          edited: { user: 'UBOB', ts: tsAt(T0 + 4 * MIN + 20_000) },
        }),
        said(CHANNEL, 'UBOB', T0 + 3 * MIN, 'DB connections maxed out'),
      ),
    );
    await h.event(said(CHANNEL, 'UBOB', T0 + 5 * MIN, 'oops wrong channel'));
    await h.event(deleted(CHANNEL, T0 + 5 * MIN + 10_000, tsAt(T0 + 5 * MIN)));
    expect(
      await hook(
        firingWebhook({
          alertname: 'Api5xx',
          summary: 'api 5xx above 5%',
          startsAt: T0 + 90_000,
          fingerprint: 'fp-api5xx',
        }),
      ),
    ).toMatchObject({
      status: 202,
      json: { stored: 1, duplicates: 0 },
    });
    // Its post first: each command below then waits for exactly its own post.
    await h.slack.waitFor(() =>
      h.slack.callsTo('chat.postMessage').some((c) => JSON.stringify(c.args).includes('Api5xx')),
    );

    h.clock.set(T0 + 6 * MIN);
    await run('UANN', '/lead', '<@UBOB|bob>');
    await run('UBOB', '/action', 'Add a connection-pool alert <@UBOB|bob> due 2026-12-01');
    h.clock.set(T0 + 10 * MIN);
    await run('UBOB', '/incident', 'status Rolling back the release');
    h.clock.set(T0 + 25 * MIN);
    await run('UBOB', '/incident', 'mitigated rollback done');
    h.clock.set(T0 + 40 * MIN);
    await run('UBOB', '/incident', 'resolve');

    expect(
      h.rows('select text, thread_ts, edited_at, deleted_at from messages order by ts'),
    ).toEqual([
      { text: 'Seeing 500s on checkout', thread_ts: null, edited_at: null, deleted_at: null },
      {
        text: '[FIRING:1] CheckoutErrors (checkout prod)',
        thread_ts: null,
        edited_at: null,
        deleted_at: null,
      },
      {
        text: 'DB connections maxed out on primary',
        thread_ts: null,
        edited_at: T0 + 4 * MIN + 20_000,
        deleted_at: null,
      },
      { text: 'confirmed on replica', thread_ts: parent, edited_at: null, deleted_at: null },
      {
        text: 'oops wrong channel',
        thread_ts: null,
        edited_at: null,
        deleted_at: T0 + 5 * MIN + 10_000,
      },
    ]);
    expect(h.count('webhook_alerts')).toBe(1);
    const md = await h.postedDraft();
    const incident = await h.bot.deps.store.incidents.findLatestInChannel(CHANNEL);
    expect(incident).toMatchObject({ status: 'resolved', leadId: 'UBOB', severity: 'sev2' });
    expect(md).toMatch(/TTM[^\n]*\b25m\b/);
    expect(md).toContain('Seeing 500s on checkout');
    expect(md).toContain('confirmed on replica');
    expect(md).toContain('DB connections maxed out on primary');
    expect(md).not.toContain('oops wrong channel');
    expect(md).toContain('Api5xx');
    expect(md).toContain('Add a connection-pool alert');
    expect(md).toContain('Rolling back the release');
  });

  it('reminds the owner of a due action once, by DM', async () => {
    await boot(engine);
    await run('UANN', '/incident', 'start Search is slow');
    await run('UANN', '/action', 'Add a pool-size alert <@UBOB|bob> due today');
    const dms = () =>
      h.slack
        .callsTo('chat.postMessage')
        .filter((c) => String(c.args.channel).startsWith('D'))
        .filter((c) => !String(c.args.text).startsWith('Your week ahead'));
    h.clock.set(T0 + 1000);
    await h.bot.reminders.runNow();
    expect(dms()).toHaveLength(1);
    expect(JSON.stringify(dms()[0]?.args.blocks)).toContain('Add a pool-size alert');
    // Another pass the same morning: the owner was already reminded.
    h.clock.set(T0 + 2 * 60 * MIN);
    await h.bot.reminders.runNow();
    expect(dms()).toHaveLength(1);
  });
});

describe('on postgres, a server that stops answering', () => {
  it('turns /healthz to 503 while no connection can be had, and back to 200 after', async () => {
    await boot('postgres');
    const health = async () => {
      const res = await fetch(`${h.baseUrl}/healthz`);
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    expect(await health()).toMatchObject({
      status: 200,
      body: { engine: 'postgres', replica: h.bot.replica.id },
    });
    // From the server's admin database: the bot's connections are cut and new ones refused.
    const name = String(h.rows('select current_database() as name')[0]?.name);
    const admin = new pg.Client({ connectionString: inject('postgresAdminUrl') });
    await admin.connect();
    try {
      await admin.query(`alter database ${name} with allow_connections false`);
      await admin.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1',
        [name],
      );
      expect(await health()).toMatchObject({
        status: 503,
        body: { database: 'error', engine: 'postgres' },
      });
    } finally {
      await admin.query(`alter database ${name} with allow_connections true`);
      await admin.end();
    }
    expect(await health()).toMatchObject({ status: 200, body: { database: 'ok' } });
  });
});
