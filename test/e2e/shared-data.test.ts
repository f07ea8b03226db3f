import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { slackTsToMs } from '../../src/domain/message-event.ts';
import { type Harness, SIGNING_SECRET, startHarness } from '../helpers/harness.ts';
import { postSigned } from '../helpers/slack-signer.ts';

// Real third-party Slack data (see SOURCES.md there). Read in place, never copied into the repo.
const SHARED = process.env.SCRIBE_SHARED_DATA;
const raw = (...parts: string[]) => resolve(SHARED ?? '.', 'raw', ...parts);

type Json = Record<string, unknown>;

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

let h: Harness;

describe.runIf(SHARED)('real Slack data from SCRIBE_SHARED_DATA', () => {
  beforeEach(async () => {
    h = await startHarness({ start: Date.UTC(2025, 0, 1) });
  });
  afterEach(async () => {
    await h.close();
  });

  it('records every message of a real export channel (threads, joins, bots) exactly once', async () => {
    const dir = raw('slackdump/internal/fixtures/assets/source_export_dir');
    const [channel] = readJson<Array<{ id: string; name: string }>>(join(dir, 'channels.json'));
    if (!channel) throw new Error('no channel in channels.json');
    const days = readdirSync(join(dir, channel.name)).sort();
    const messages = days.flatMap((day) => readJson<Json[]>(join(dir, channel.name, day)));
    expect(messages.length).toBeGreaterThan(10);

    await h.command({
      userId: 'UOPS',
      channelId: channel.id,
      command: '/incident',
      text: 'start Replay',
    });
    await h.slack.waitForCall('chat.postMessage');
    for (const message of messages) {
      // Each export line is what a live `message` event carried; deliver it twice, like a retry.
      const event = { ...message, type: 'message', channel: channel.id };
      expect((await h.event(event, { eventId: `Ev-${message.ts}` })).status).toBe(200);
      await h.event(event, { eventId: `Ev-${message.ts}`, headers: { 'X-Slack-Retry-Num': '1' } });
    }

    const stored = h.rows('select ts, thread_ts, is_bot, posted_at from messages order by ts');
    expect(stored.map((r) => r.ts)).toEqual(messages.map((m) => m.ts).sort());
    for (const m of messages) {
      const row = stored.find((r) => r.ts === m.ts);
      const isReply = typeof m.thread_ts === 'string' && m.thread_ts !== m.ts;
      expect(row?.thread_ts ?? null).toBe(isReply ? m.thread_ts : null);
      expect(row?.is_bot).toBe(m.bot_id ? 1 : 0);
      expect(row?.posted_at).toBe(slackTsToMs(String(m.ts)));
    }

    h.clock.set(Date.UTC(2025, 1, 1));
    await h.command({
      userId: 'UOPS',
      channelId: channel.id,
      command: '/incident',
      text: 'resolve',
    });
    await h.slack.waitForCall('chat.postMessage', 3);
    const md = await h.postedDraft();
    const people = messages.filter((m) => !m.bot_id && !m.subtype && typeof m.text === 'string');
    for (const m of people) expect(md).toContain(String(m.text).slice(0, 20));
  });

  it("survives every one of Slack's own event payload samples without a crash", async () => {
    const dir = raw('java-slack-sdk/json-logs/samples/events');
    const channel = 'CSAMPLES';
    await h.command({
      userId: 'UOPS',
      channelId: channel,
      command: '/incident',
      text: 'start Samples',
    });
    await h.slack.waitForCall('chat.postMessage');
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(10);
    for (const [i, file] of files.entries()) {
      const envelope = readJson<Json>(join(dir, file));
      const event = { ...(envelope.event as Json), channel };
      const body = JSON.stringify({
        ...envelope,
        type: 'event_callback',
        event_id: `EvS${i}`,
        event,
      });
      const res = await postSigned(h.url, body, {
        secret: SIGNING_SECRET,
        contentType: 'application/json',
      });
      expect(res.status, file).toBe(200);
    }
    const health = await fetch(`http://127.0.0.1:${h.bot.port}/healthz`);
    expect(health.status).toBe(200);
    expect(h.logLines.join('')).not.toMatch(/"level":50/);
  });
});
