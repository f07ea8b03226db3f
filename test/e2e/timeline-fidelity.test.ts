import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { composeDraft } from '../../src/usecases/publish-draft.ts';
import { type Harness, SIGNING_SECRET, startHarness, tsAt } from '../helpers/harness.ts';
import { messageShortcutBody, postSigned } from '../helpers/slack-signer.ts';

const CHANNEL = 'CFID0001';
const T0 = Date.UTC(2026, 10, 21, 14, 0, 0);
const MIN = 60_000;

let h: Harness;

beforeEach(async () => {
  h = await startHarness({ start: T0 });
  h.slack.addUser({ id: 'UANN', name: 'ann', displayName: 'Ann' });
  h.slack.addUser({ id: 'UBEN', name: 'ben', displayName: 'Ben' });
  h.slack.addChannel({ id: CHANNEL, name: 'ops' });
});

afterEach(async () => {
  await h.close();
});

function alertmanager(
  at: number,
  state: 'FIRING:1' | 'RESOLVED',
  extra: Record<string, unknown> = {},
) {
  return {
    type: 'message',
    subtype: 'bot_message',
    channel: CHANNEL,
    ts: tsAt(at),
    bot_id: 'BAM',
    username: 'Alertmanager',
    text: '',
    attachments: [
      {
        color: state === 'RESOLVED' ? 'good' : 'danger',
        title: `[${state}] CheckoutLatency (checkout prod)`,
        text: '*Alert:* p99 above 2s\n*Severity:* critical',
        fallback: `[${state}] CheckoutLatency`,
      },
    ],
    ...extra,
  };
}

function person(userId: string, at: number, text: string, extra: Record<string, unknown> = {}) {
  return { type: 'message', channel: CHANNEL, user: userId, text, ts: tsAt(at), ...extra };
}

async function run(text: string, userId = 'UANN') {
  const posts = h.slack.callsTo('chat.postMessage').length;
  const result = await h.command({ userId, channelId: CHANNEL, command: '/incident', text });
  return { result, posts };
}

async function metricsNow() {
  const incident = await h.bot.deps.store.incidents.findLatestInChannel(CHANNEL);
  if (!incident) throw new Error('no incident');
  const draft = await composeDraft(h.bot.deps, incident.id);
  if (!draft) throw new Error('no draft');
  return draft;
}

describe('look-back at declaration', () => {
  it('finds an alert that fired 9 minutes before anyone declared; TTD and TTM to the second', async () => {
    h.slack.addHistory(alertmanager(T0 - 9 * MIN - 17_000, 'FIRING:1'));
    h.slack.addHistory(person('UBEN', T0 - 4 * MIN, 'checkout feels slow, anyone else?'));
    h.slack.addHistory(
      person('UANN', T0 - 3 * MIN, 'yes, p99 is awful', { thread_ts: tsAt(T0 - 4 * MIN) }),
    );
    h.slack.addHistory(person('UBEN', T0 - 200 * MIN, 'lunch?'));

    await run('start Checkout latency sev2');
    await h.slack.waitFor(() => h.count('messages') === 3);
    h.clock.set(T0 + 20 * MIN + 3_000);
    await run('mitigated');
    await h.slack.waitForCall('chat.postMessage', 2);

    const { metrics, timeline } = await metricsNow();
    expect(metrics.impactStart.at).toBe(T0 - 9 * MIN - 17_000);
    expect(metrics.detected).toMatchObject({ at: T0 - 9 * MIN - 17_000, source: 'alert' });
    expect(metrics.ttdMs).toBe(0);
    expect(metrics.ttmMs).toBe(29 * MIN + 20_000);
    expect(metrics.timeToDeclareMs).toBe(9 * MIN + 17_000);
    expect(metrics.detection.source).toBe('monitoring');
    const early = timeline.filter((e) => e.beforeDeclaration);
    expect(early.map((e) => e.kind)).toEqual(['alert_firing', 'message']);
    expect(early[1]?.replies.map((r) => r.text)).toEqual(['yes, p99 is awful']);

    h.clock.set(T0 + 30 * MIN);
    await run('resolve');
    const md = await h.postedDraft();
    expect(md).toContain('_(before declaration)_');
    expect(md).not.toContain('lunch?');
  });
});

describe('backfill: nothing lost while the bot was away', () => {
  it('records messages sent while it was down exactly once after a restart', async () => {
    await run('start Payments flapping');
    await h.slack.waitForCall('chat.postMessage');
    await h.event(person('UANN', T0 + MIN, 'live one'));

    await h.restart(() => {
      // Said while the bot was down (one of them in a thread of a recorded message).
      h.slack.addHistory(person('UANN', T0 + MIN, 'live one'));
      h.slack.addHistory(person('UBEN', T0 + 2 * MIN, 'missed top-level'));
      h.slack.addHistory(
        person('UBEN', T0 + 3 * MIN, 'missed reply', { thread_ts: tsAt(T0 + MIN) }),
      );
      h.slack.addHistory(alertmanager(T0 + 4 * MIN, 'FIRING:1'));
      h.clock.set(T0 + 10 * MIN);
    });
    await h.bot.backfill.runNow();
    await h.bot.backfill.runNow();
    // A late live delivery of one of them changes nothing either.
    await h.event(person('UBEN', T0 + 2 * MIN, 'missed top-level'));

    expect(h.rows('select text from messages order by posted_at').map((r) => r.text)).toEqual([
      'live one',
      'missed top-level',
      'missed reply',
      '[FIRING:1] CheckoutLatency (checkout prod)',
    ]);
  });
});

describe('alerts edited in place', () => {
  it('keeps the firing and the resolution of an Alertmanager message that was updated', async () => {
    await run('start Checkout latency');
    await h.slack.waitForCall('chat.postMessage');
    const firing = alertmanager(T0 + 2 * MIN, 'FIRING:1');
    await h.event(firing);
    await h.event({
      type: 'message',
      subtype: 'message_changed',
      channel: CHANNEL,
      ts: tsAt(T0 + 14 * MIN),
      message: alertmanager(T0 + 2 * MIN, 'RESOLVED', {
        edited: { user: 'BAM', ts: tsAt(T0 + 14 * MIN) },
      }),
      previous_message: firing,
    });

    expect(h.rows('select state, at from alert_changes order by at')).toEqual([
      { state: 'firing', at: T0 + 2 * MIN },
      { state: 'resolved', at: T0 + 14 * MIN },
    ]);
    expect(h.rows('select alert_state from messages')).toEqual([{ alert_state: 'resolved' }]);
    const { timeline } = await metricsNow();
    const alerts = timeline.filter((e) => e.kind.startsWith('alert_'));
    expect(alerts.map((e) => [e.kind, e.at])).toEqual([
      ['alert_firing', T0 + 2 * MIN],
      ['alert_resolved', T0 + 14 * MIN],
    ]);
    expect(alerts[1]?.text).toContain('firing for 12m');
  });
});

describe('key events', () => {
  it('📌 on an old message records it at its own time; removing the pin unmarks it', async () => {
    // Three hours back: older than the look-back window.
    const old = person('UBEN', T0 - 180 * MIN, 'deploy 4.2.0 went out');
    h.slack.addHistory(old);
    await run('start Checkout latency');
    await h.slack.waitForCall('chat.postMessage');
    expect(h.count('messages')).toBe(0);

    const reaction = (type: 'reaction_added' | 'reaction_removed') => ({
      type,
      user: 'UANN',
      reaction: 'pushpin',
      item_user: 'UBEN',
      item: { type: 'message', channel: CHANNEL, ts: old.ts },
      event_ts: tsAt(T0 + MIN),
    });
    await h.event(reaction('reaction_added'));
    await h.event(reaction('reaction_added'), { eventId: 'EvRetry' });
    let entry = (await metricsNow()).timeline.find((e) => e.text === 'deploy 4.2.0 went out');
    expect(entry).toMatchObject({ at: T0 - 180 * MIN, key: true, beforeDeclaration: true });
    expect(h.count('key_marks')).toBe(1);

    await h.event(reaction('reaction_removed'));
    entry = (await metricsNow()).timeline.find((e) => e.text === 'deploy 4.2.0 went out');
    expect(entry?.key).toBe(false);
  });

  it('ignores other reactions', async () => {
    await run('start Checkout latency');
    await h.slack.waitForCall('chat.postMessage');
    await h.event(person('UBEN', T0 + MIN, 'hello'));
    await h.event({
      type: 'reaction_added',
      user: 'UANN',
      reaction: 'eyes',
      item: { type: 'message', channel: CHANNEL, ts: tsAt(T0 + MIN) },
    });
    expect(h.count('key_marks')).toBe(0);
  });

  it('a Slack pin marks a key event', async () => {
    await run('start Checkout latency');
    await h.slack.waitForCall('chat.postMessage');
    await h.event(person('UBEN', T0 + MIN, 'root cause: pool size'));
    await h.event({
      type: 'pin_added',
      user: 'UANN',
      channel_id: CHANNEL,
      item: {
        type: 'message',
        channel: CHANNEL,
        message: { ts: tsAt(T0 + MIN), text: 'root cause: pool size' },
      },
      event_ts: tsAt(T0 + 2 * MIN),
    });
    expect(h.rows('select kind from key_marks')).toEqual([{ kind: 'pin' }]);
  });

  it('the "Add to incident timeline" shortcut marks the message and says so', async () => {
    await run('start Checkout latency');
    await h.slack.waitForCall('chat.postMessage');
    const responseUrl = h.slack.responseUrl();
    const res = await postSigned(
      h.url,
      messageShortcutBody({
        callbackId: 'add_to_timeline',
        userId: 'UANN',
        channelId: CHANNEL,
        responseUrl,
        message: { user: 'UBEN', text: 'we are failing over to eu-west', ts: tsAt(T0 + 5 * MIN) },
      }),
      { secret: SIGNING_SECRET, contentType: 'application/x-www-form-urlencoded' },
    );
    expect(res.status).toBe(200);
    const reply = await h.replyTo({ status: 200, ackText: null, responseUrl });
    expect(reply).toContain('Added to the incident timeline');
    expect(
      (await metricsNow()).timeline.find((e) => e.text === 'we are failing over to eu-west'),
    ).toMatchObject({
      at: T0 + 5 * MIN,
      key: true,
    });
  });

  it('/incident note adds a key event now', async () => {
    await run('start Checkout latency');
    h.clock.set(T0 + 7 * MIN);
    await run('note Decided to fail over to eu-west');
    await h.slack.waitForCall('chat.postMessage', 2);
    expect((await metricsNow()).timeline.find((e) => e.kind === 'note')).toMatchObject({
      at: T0 + 7 * MIN,
      text: 'Decided to fail over to eu-west',
      key: true,
    });
  });
});
