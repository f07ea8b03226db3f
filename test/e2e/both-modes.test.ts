import { afterEach, describe, expect, it } from 'vitest';
import { injectAlert } from '../../src/sandbox/alerts.ts';
import { type Harness, type SlackMode, startHarness } from '../helpers/harness.ts';

// The main paths, run the same way in HTTP mode (signed POSTs to /slack/events) and in Socket
// Mode (envelopes over the bot's connection). People act in the stand-in's workspace; the
// stand-in delivers what they do as Slack would in that mode.

const CHANNEL = 'CBOTH0001';
const ALICE = 'UALICE';
const BOB = 'UBOB';
const T0 = Date.UTC(2026, 10, 21, 14, 0, 0);
const MIN = 60_000;

let h: Harness;

afterEach(async () => {
  await h.close();
});

async function boot(mode: SlackMode): Promise<void> {
  h = await startHarness({ start: T0, mode, people: true });
  h.slack.addUser({ id: ALICE, name: 'alice', tz: 'Europe/Berlin' });
  h.slack.addUser({ id: BOB, name: 'bob' });
  h.slack.addChannel({ id: CHANNEL, name: 'inc-checkout', members: [ALICE, BOB] });
}

function say(user: string, text: string, threadTs?: string) {
  return h.slack.people.post({
    channel: CHANNEL,
    user,
    text,
    ...(threadTs ? { threadTs } : {}),
  });
}

/** The stored row of a message, once it is there. */
async function stored(ts: string, what = 'text'): Promise<Record<string, unknown>> {
  const row = () => h.rows(`select ${what} from messages where ts = ?`, ts)[0];
  await h.slack.waitFor(() => row() !== undefined, 15_000);
  return row() ?? {};
}

/** Runs `/incident start` as Alice and waits until the bot is in the channel. */
async function start(): Promise<void> {
  await h.slack.people.command({
    channel: CHANNEL,
    user: ALICE,
    text: '/incident start Checkout errors sev2',
  });
  await h.slack.waitFor(
    () => h.slack.workspace.findChannel(CHANNEL)?.members.has('UBOT') === true,
    10_000,
  );
  await h.slack.waitForCall('chat.postMessage', 1, 10_000);
}

function botMessageWith(action: string) {
  return h.slack.history(CHANNEL).find((m) => JSON.stringify(m.blocks ?? []).includes(action));
}

function ephemeralTexts(user: string): string[] {
  return h.slack.workspace.ephemerals.visibleTo(CHANNEL, user).map((m) => m.text ?? '');
}

describe.each(['http', 'socket'] as const)('in %s mode', (mode) => {
  it('runs an incident from /incident start to the posted draft', async () => {
    await boot(mode);
    await start();
    expect(h.rows('select title, severity from incidents')).toEqual([
      { title: 'Checkout errors', severity: 'sev2' },
    ]);

    h.clock.set(T0 + MIN);
    const first = say(BOB, 'Seeing 500s on checkout');
    const reply = say(ALICE, 'confirmed on the replica', first.ts);
    const typo = say(BOB, 'DB pool maxed ot');
    const wrong = say(BOB, 'wrong channel, sorry');
    await stored(wrong.ts);
    h.slack.people.edit({ channel: CHANNEL, ts: typo.ts, user: BOB, text: 'DB pool maxed out' });
    h.slack.people.delete({ channel: CHANNEL, ts: wrong.ts, user: BOB });
    const alertTs = injectAlert(h.slack.workspace, {
      channel: CHANNEL,
      source: 'alertmanager',
      state: 'firing',
    });
    expect(await stored(reply.ts, 'text, thread_ts')).toEqual({
      text: 'confirmed on the replica',
      thread_ts: first.ts,
    });
    expect(await stored(alertTs, 'alert_state')).toEqual({ alert_state: 'firing' });
    await h.slack.waitFor(
      () =>
        h.rows('select 1 from messages where ts = ? and text = ?', typo.ts, 'DB pool maxed out')
          .length === 1 &&
        h.rows('select 1 from messages where ts = ? and deleted_at is not null', wrong.ts)
          .length === 1,
      15_000,
    );

    // A message shortcut, answered through its response URL.
    await h.slack.people.shortcut({
      channel: CHANNEL,
      ts: first.ts,
      user: ALICE,
      callbackId: 'add_to_timeline',
    });
    await h.slack.waitFor(
      () => ephemeralTexts(ALICE).some((t) => t.includes('Added to the incident timeline')),
      10_000,
    );
    expect(h.rows("select user_id from key_marks where kind = 'shortcut'")).toEqual([
      { user_id: ALICE },
    ]);

    h.clock.set(T0 + 30 * MIN);
    await h.slack.people.command({ channel: CHANNEL, user: BOB, text: '/incident resolve' });
    const md = await h.postedDraft();
    expect(md).toContain('Checkout errors');
    expect(md).toContain('DB pool maxed out');
    expect(md).not.toContain('wrong channel');

    // The draft's Regenerate button, clicked on the summary the bot posted.
    const summary = botMessageWith('postmortem_regenerate');
    const blockId = String(
      (summary?.blocks as Array<{ block_id?: string; elements?: unknown[] }> | undefined)?.find(
        (b) => JSON.stringify(b.elements ?? []).includes('postmortem_regenerate'),
      )?.block_id,
    );
    h.clock.advance(MIN);
    await h.slack.people.click({
      channel: CHANNEL,
      ts: String(summary?.ts),
      user: ALICE,
      actionId: 'postmortem_regenerate',
      blockId,
    });
    await h.slack.waitFor(
      () => ephemeralTexts(ALICE).some((t) => t.includes('fresh draft')),
      10_000,
    );
    await h.slack.waitFor(() => h.count('postmortems') === 2, 10_000);

    // Every message once, however it travelled.
    for (const ts of [first.ts, reply.ts, typo.ts, wrong.ts, alertTs]) {
      expect(h.rows('select count(*) as n from messages where ts = ?', ts)).toEqual([{ n: 1 }]);
    }
    expect(ephemeralTexts(ALICE).join('\n')).not.toMatch(/dispatch_failed|operation_timeout/);
  }, 60_000);
});

describe('in socket mode', () => {
  it('receives everything over its connection and reports the health server’s real port', async () => {
    await boot('socket');
    await start();
    const health = await fetch(`http://127.0.0.1:${h.bot.port}/healthz`);
    expect(await health.json()).toMatchObject({ status: 'ok', mode: 'socket' });
    expect(h.slack.callsTo('apps.connections.open')[0]?.token).toBe(h.slack.socket.appToken);
    expect(h.slack.socket.sent.map((e) => e.type)).toContain('slash_commands');
    expect(await fetch(h.url, { method: 'POST' }).then((r) => r.status)).toBe(404);
  });

  it('loses nothing when the socket drops mid-incident: held messages arrive once, after the reconnect', async () => {
    await boot('socket');
    await start();
    const before = say(BOB, 'before the drop');
    await stored(before.ts);
    h.slack.socket.drop();
    await h.slack.waitFor(() => h.slack.socket.connections === 0);
    const during = [say(BOB, 'while down 1'), say(ALICE, 'while down 2'), say(BOB, 'while down 3')];
    for (const message of during) await stored(message.ts);
    expect(h.slack.socket.opened).toBeGreaterThanOrEqual(2);
    expect(h.slack.socket.closeCodes[0]).toBe(1006);
    for (const message of [before, ...during]) {
      expect(h.rows('select count(*) as n from messages where ts = ?', message.ts)).toEqual([
        { n: 1 },
      ]);
    }
  }, 30_000);

  it.each(['refresh_requested', 'warning'] as const)(
    'opens a new connection after disconnect (%s) and goes on recording',
    async (reason) => {
      await boot('socket');
      await start();
      const opened = h.slack.socket.opened;
      h.slack.socket.disconnect(reason);
      await h.slack.waitFor(
        () => h.slack.socket.opened > opened && h.slack.socket.connections === 1,
        20_000,
      );
      expect(h.slack.socket.closeCodes).toEqual([1000]);
      const after = say(BOB, `after ${reason}`);
      expect(await stored(after.ts)).toEqual({ text: `after ${reason}` });
    },
    30_000,
  );

  it('closes its connection cleanly when the bot stops', async () => {
    await boot('socket');
    await h.bot.stop();
    // The server sees the end of the TCP connection just after the close handshake.
    await h.slack.waitFor(() => h.slack.socket.connections === 0);
    expect(h.slack.socket.closeCodes).toEqual([1000]);
  });
});
