import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleted, edited } from '../helpers/e2e-steps.ts';
import { ENGINES, type Harness, startHarness, tsAt } from '../helpers/harness.ts';

const CHANNEL = 'CREC0001';
const OTHER = 'COTHER001';
const T0 = Date.UTC(2026, 10, 21, 9, 0, 0);

// Recording is what every later step reads: it must hold on either store.
describe.each(ENGINES)('on %s', (engine) => {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness({ start: T0, engine });
    h.slack.addUser({ id: 'UA', name: 'ann', displayName: 'Ann' });
    await h.command({
      userId: 'UA',
      channelId: CHANNEL,
      command: '/incident',
      text: 'start Search is slow',
    });
    await h.slack.waitForCall('chat.postMessage');
  });

  afterEach(async () => {
    await h.close();
  });

  function rows(sql: string, ...params: unknown[]) {
    return h.rows(sql, ...params);
  }

  function message(ts: string, text: string, extra: Record<string, unknown> = {}) {
    return { type: 'message', channel: CHANNEL, user: 'UA', text, ts, ...extra };
  }

  describe('recording the incident channel', () => {
    it('stores a retried delivery (same event_id, X-Slack-Retry-Num) once', async () => {
      const event = message(tsAt(T0 + 1000), 'first report');
      expect((await h.event(event, { eventId: 'EvSAME' })).status).toBe(200);
      const retry = await h.event(event, {
        eventId: 'EvSAME',
        headers: { 'X-Slack-Retry-Num': '1', 'X-Slack-Retry-Reason': 'http_timeout' },
      });
      expect(retry.status).toBe(200);
      expect(rows('select text from messages')).toEqual([{ text: 'first report' }]);
      expect(rows('select event_id from processed_events')).toEqual([{ event_id: 'EvSAME' }]);
    });

    it('stores the same message once even under two different event ids', async () => {
      const event = message(tsAt(T0 + 1000), 'once');
      await h.event(event, { eventId: 'EvA' });
      await h.event(event, { eventId: 'EvB' });
      expect(rows('select count(*) as n from messages')).toEqual([{ n: 1 }]);
    });

    it('keeps the raw event JSON next to the normalised fields', async () => {
      await h.event(message(tsAt(T0 + 1000), 'raw please', { client_msg_id: 'abc' }));
      const [row] = rows('select raw, user_id, posted_at from messages');
      expect(JSON.parse(String(row?.raw))).toMatchObject({
        client_msg_id: 'abc',
        text: 'raw please',
      });
      expect(row).toMatchObject({ user_id: 'UA', posted_at: T0 + 1000 });
    });

    it('keeps the latest text of an edit and the fact it was edited', async () => {
      const ts = tsAt(T0 + 1000);
      await h.event(message(ts, 'db is fine'));
      await h.event(
        edited(
          CHANNEL,
          T0 + 60_000,
          message(ts, 'db is NOT fine', { edited: { user: 'UA', ts: tsAt(T0 + 59_000) } }),
          message(ts, 'db is fine'),
        ),
      );
      expect(rows('select text, edited_at from messages')).toEqual([
        { text: 'db is NOT fine', edited_at: T0 + 59_000 },
      ]);
    });

    it('keeps a deleted message as a fact with its deletion time', async () => {
      const ts = tsAt(T0 + 1000);
      await h.event(message(ts, 'password is hunter2'));
      await h.event(deleted(CHANNEL, T0 + 5000, ts));
      expect(rows('select deleted_at from messages where ts = ?', ts)).toEqual([
        { deleted_at: T0 + 5000 },
      ]);
    });

    it('records bots and integrations, recognising one posting without a subtype', async () => {
      await h.event({
        type: 'message',
        channel: CHANNEL,
        ts: tsAt(T0 + 2000),
        bot_id: 'BGRAF',
        app_id: 'AGRAF',
        bot_profile: { name: 'Grafana' },
        text: '',
        attachments: [{ color: '#D63232', title: '[FIRING:1] Search latency p99' }],
      });
      expect(rows('select is_bot, bot_name, alert_state from messages')).toEqual([
        { is_bot: 1, bot_name: 'Grafana', alert_state: 'firing' },
      ]);
    });

    it('records thread replies with their parent', async () => {
      await h.event(message(tsAt(T0 + 1000), 'parent'));
      await h.event(message(tsAt(T0 + 2000), 'reply', { thread_ts: tsAt(T0 + 1000) }));
      expect(rows('select text, thread_ts from messages order by posted_at')).toEqual([
        { text: 'parent', thread_ts: null },
        { text: 'reply', thread_ts: tsAt(T0 + 1000) },
      ]);
    });

    it('records nothing from channels without an open incident', async () => {
      await h.event({ ...message(tsAt(T0 + 1000), 'unrelated'), channel: OTHER });
      expect(rows('select count(*) as n from messages')).toEqual([{ n: 0 }]);
      expect(rows('select count(*) as n from processed_events')).toEqual([{ n: 0 }]);
    });

    it('stops recording once the incident is resolved', async () => {
      await h.command({ userId: 'UA', channelId: CHANNEL, command: '/incident', text: 'resolve' });
      await h.slack.waitForCall('chat.postMessage', 3);
      await h.event(message(tsAt(T0 + 10_000), 'after the fact'));
      expect(rows('select count(*) as n from messages')).toEqual([{ n: 0 }]);
    });

    it('learns the names of the people who speak', async () => {
      await h.event(message(tsAt(T0 + 1000), 'hello'));
      await h.slack.waitFor(() => rows('select name from people').length > 0);
      expect(rows('select id, name from people')).toEqual([{ id: 'UA', name: 'Ann' }]);
    });
  });
});
