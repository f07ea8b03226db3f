import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../helpers/harness.ts';

const CHANNEL = 'CBAD0001';
const T0 = Date.UTC(2026, 10, 21, 14, 0, 0);

let h: Harness;

beforeEach(async () => {
  h = await startHarness({ start: T0 });
  h.slack.addUser({ id: 'UA', name: 'ann', displayName: 'Ann', tz: 'UTC' });
});

afterEach(async () => {
  await h.close();
});

function run(command: string, text: string) {
  return h.command({ userId: 'UA', channelId: CHANNEL, command, text });
}

function written() {
  return {
    incidents: h.count('incidents'),
    events: h.count('incident_events'),
    actions: h.count('actions'),
  };
}

async function startIncident() {
  await run('/incident', 'start Payments down sev1');
  await h.slack.waitForCall('chat.postMessage');
}

describe('malformed commands get the usage privately and change nothing', () => {
  it.each([
    ['/incident', 'frobnicate now', 'Unknown subcommand'],
    ['/incident', 'start', 'title'],
    ['/incident', 'start Payments down sev9', 'sev'],
    ['/incident', 'lead @ann', 'autocomplete'],
    ['/incident', 'status', 'status'],
    ['/lead', '', '/lead'],
    ['/lead', 'bob', '/lead'],
    ['/action', `due tomorrow`, 'action'],
  ])('%s %s', async (command, text, hint) => {
    const result = await run(command, text);
    expect(result.status).toBe(200);
    expect(result.ackText).toContain(hint);
    expect(written()).toEqual({ incidents: 0, events: 0, actions: 0 });
    expect(h.slack.calls.filter((c) => c.method !== 'auth.test')).toEqual([]);
  });

  it('answers /incident help and an empty /incident with the usage', async () => {
    for (const text of ['help', '']) {
      const result = await run('/incident', text);
      expect(result.ackText).toContain('/incident start');
      expect(result.ackText).toContain('/incident resolve');
    }
    expect(written().incidents).toBe(0);
  });
});

describe('commands that need an incident, in a channel without one', () => {
  it.each([
    ['/incident', 'status all good'],
    ['/incident', 'mitigated'],
    ['/incident', 'resolve'],
    ['/incident', 'lead <@UB|bob>'],
    ['/lead', '<@UB|bob>'],
    ['/action', 'Write the runbook'],
    ['/action', 'list'],
  ])('%s %s explains there is no open incident', async (command, text) => {
    const result = await run(command, text);
    expect(result.ackText).toBeNull();
    expect(await h.replyTo(result)).toMatch(/no (open )?incident/);
    expect(written()).toEqual({ incidents: 0, events: 0, actions: 0 });
    expect(h.slack.callsTo('chat.postMessage')).toEqual([]);
  });
});

describe('refusals during an incident', () => {
  it('refuses a second incident in the same channel', async () => {
    await startIncident();
    const before = written();
    const again = await run('/incident', 'start Something else');
    expect(await h.replyTo(again)).toContain('already has an open incident');
    expect(written()).toEqual(before);
  });

  it('refuses to mark mitigated twice', async () => {
    await startIncident();
    await run('/incident', 'mitigated');
    await h.slack.waitForCall('chat.postMessage', 2);
    const before = written();
    expect(await h.replyTo(await run('/incident', 'mitigated'))).toContain('already');
    expect(written()).toEqual(before);
  });

  it.each([
    ['Fix it due 2026-02-30', 'not a real date'],
    ['Fix it due 2020-01-01', 'past'],
  ])('rejects the action "%s" without writing it', async (text, hint) => {
    await startIncident();
    const before = written();
    const result = await run('/action', text);
    expect(await h.replyTo(result)).toContain(hint);
    expect(written()).toEqual(before);
  });
});

describe('an unreadable due date after the owner', () => {
  it('is refused with the words it could not read, and nothing is written or posted', async () => {
    await startIncident();
    const before = written();
    const posts = h.slack.callsTo('chat.postMessage').length;
    const result = await run('/action', 'Something <@UI|ivy> due flurble-the-13th');
    expect(result.status).toBe(200);
    expect(result.ackText).toContain("I couldn't read the due date `flurble-the-13th`");
    expect(result.ackText).toContain('/action <text> [@owner] [due <date>]');
    expect(written()).toEqual(before);
    expect(h.slack.callsTo('chat.postMessage')).toHaveLength(posts);
  });

  it('leaves "due" inside ordinary action text alone', async () => {
    await startIncident();
    await run('/action', 'investigate due diligence process');
    await h.slack.waitForCall('chat.postMessage', 2);
    expect(h.rows('select text, owner_id, due_date from actions')).toEqual([
      { text: 'investigate due diligence process', owner_id: null, due_date: null },
    ]);
  });
});

describe('actions', () => {
  it('adds an action with owner and due date, and lists it', async () => {
    await startIncident();
    await run('/action', 'Add a canary for payments <@UB|bob> due 2026-12-01');
    await h.slack.waitForCall('chat.postMessage', 2);
    expect(h.rows('select text, owner_id, due_date, status from actions')).toEqual([
      { text: 'Add a canary for payments', owner_id: 'UB', due_date: '2026-12-01', status: 'open' },
    ]);
    const list = await h.replyTo(await run('/action', 'list'));
    expect(list).toContain('#1');
    expect(list).toContain('Add a canary for payments');
    expect(list).toContain('2026-12-01');
  });

  it('reads "tomorrow" in the caller\'s Slack time zone', async () => {
    // 23:30 UTC is already the next day in Tokyo.
    h.clock.set(Date.UTC(2026, 10, 21, 23, 30));
    h.slack.addUser({ id: 'UTOKYO', name: 'kenji', displayName: 'Kenji', tz: 'Asia/Tokyo' });
    await startIncident();
    await h.command({
      userId: 'UTOKYO',
      channelId: CHANNEL,
      command: '/action',
      text: 'Rotate keys due tomorrow',
    });
    await h.slack.waitForCall('chat.postMessage', 2);
    expect(h.rows('select due_date from actions')).toEqual([{ due_date: '2026-11-23' }]);
  });
});

describe('Slack failing after the record is written', () => {
  it('keeps the incident and tells the caller when the announcement cannot be posted', async () => {
    h.slack.failNext('chat.postMessage', { error: 'channel_not_found' });
    const result = await run('/incident', 'start Payments down');
    expect(await h.replyTo(result)).toContain('could not post to the channel (channel_not_found)');
    expect(written().incidents).toBe(1);
  });

  it('asks to be invited where it cannot join by itself', async () => {
    h.slack.failNext('conversations.join', { error: 'method_not_supported_for_channel_type' });
    const result = await run('/incident', 'start Payments down');
    expect(await h.replyTo(result)).toContain('/invite @incident-scribe');
    expect(written().incidents).toBe(1);
  });

  it('keeps an unposted draft and posts it exactly once after a restart', async () => {
    await startIncident();
    h.slack.failNext('chat.postMessage', { status: 500 }, 1);
    h.clock.set(T0 + 60_000);
    await run('/incident', 'resolve');
    // The resolve announcement fails (500); the draft itself is posted right after.
    await h.slack.waitForCall('chat.postMessage', 3);
    await h.postedDraft();
    expect(h.rows('select status from postmortems')).toEqual([{ status: 'posted' }]);

    await run('/incident', 'start Round two');
    await h.slack.waitForCall('chat.postMessage', 4);
    h.slack.failNext('chat.postMessage', { status: 500 }, 2);
    const resolve = await run('/incident', 'resolve');
    expect(await h.replyTo(resolve)).toContain('draft post-mortem is saved');
    expect(h.rows('select status from postmortems order by id')).toEqual([
      { status: 'posted' },
      { status: 'pending' },
    ]);

    const postsBefore = h.slack.callsTo('chat.postMessage').length;
    // Restarted after the first retry is due (1 minute of backoff).
    await h.restart(() => {
      h.clock.advance(2 * 60_000);
    });
    await h.slack.waitFor(
      () => h.rows("select 1 from postmortems where status = 'pending'").length === 0,
    );
    expect(h.slack.callsTo('chat.postMessage').length).toBe(postsBefore + 1);
    await h.restart();
    await h.bot.drafts.runNow();
    expect(h.slack.callsTo('chat.postMessage').length).toBe(postsBefore + 1);
  });
});
