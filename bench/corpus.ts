// A deterministic, realistic incident channel: people talking (mentions, links, entities, some
// blaming language), thread replies, monitoring alerts that fire and later resolve by editing
// their message in place, edits and a few deletes. The same stream feeds the HTTP benchmarks (as
// Slack events) and the seeded databases (through the bot's own write path).

import type { SlackMessage, SlackMessageEvent } from '../src/domain/message-event.ts';

export const PEOPLE = Array.from({ length: 40 }, (_, i) => ({
  id: `U${String(i + 1).padStart(4, '0')}`,
  name: `person-${i + 1}`,
}));

const PHRASES = [
  'checking the dashboards now',
  'p99 latency on checkout is up to 2.4s &amp; climbing',
  'I think the deploy at 14:00 is related, rolling back',
  'error rate back under 1% on <https://grafana.example.com/d/api|the api dashboard>',
  'can someone look at the db connection pool? <@U0003>',
  'restarted api-7, watching it',
  'the cache hit ratio dropped when the config changed',
  'human error: someone forgot to bump the pool size',
  'customers are reporting timeouts in <#C0SUPPORT|support>',
  'no blame here, the runbook step was ambiguous',
  'queue depth is &gt; 10k, consumers are falling behind',
  'I will write the status update',
];

/** Small fast PRNG (mulberry32): the same corpus on every run. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Slack-style ts for an epoch-ms instant plus a sequence number in the micros (always unique). */
export function slackTs(ms: number, seq: number): string {
  return `${Math.floor(ms / 1000)}.${String(((ms % 1000) * 1000 + (seq % 1000)) % 1_000_000).padStart(6, '0')}`;
}

function alertMessage(ts: string, state: 'firing' | 'resolved', n: number): SlackMessageEvent {
  const word = state === 'firing' ? 'Triggered' : 'Recovered';
  const title = `[P2] [${word} on {host:api-${n % 7}}] CPU usage high on api-${n % 7}`;
  return {
    type: 'message',
    ts,
    bot_id: 'B0DATADOG',
    bot_profile: { id: 'B0DATADOG', name: 'Datadog' },
    text: '',
    attachments: [
      {
        color: state === 'firing' ? '#e01e5a' : '#2eb886',
        title,
        text: `CPU ${state === 'firing' ? 'above' : 'back under'} 90% on api-${n % 7}.`,
        fallback: title,
      },
    ],
  } as SlackMessageEvent;
}

/** An edit (`message_changed`) or a delete (`message_deleted`), stamped with its own ts. */
function changeEvent(
  channel: string,
  ts: string,
  change: { message: SlackMessage } | { deleted_ts: string },
): SlackMessageEvent {
  const subtype = 'message' in change ? 'message_changed' : 'message_deleted';
  return { type: 'message', subtype, channel, ts, event_ts: ts, ...change };
}

export interface CorpusOptions {
  channelId: string;
  /** How many messages are posted (rows in the end); edits and deletes come on top. */
  messages: number;
  startAt: number;
  seed?: number;
  /** Only new posts (people, threads, alerts): every event adds exactly one row. */
  postsOnly?: boolean;
}

/** The channel's events in delivery order. */
export function* incidentEvents(options: CorpusOptions): Generator<SlackMessageEvent> {
  const rnd = random(options.seed ?? 7);
  const channel = options.channelId;
  const topLevel: string[] = [];
  const alerts: Array<{ ts: string; n: number }> = [];
  let at = options.startAt;
  for (let i = 0; i < options.messages; i++) {
    at += 200 + Math.floor(rnd() * 2800);
    const ts = slackTs(at, i);
    const roll = rnd();
    if (roll < 0.04) {
      alerts.push({ ts, n: i });
      yield { ...alertMessage(ts, 'firing', i), channel };
      continue;
    }
    const person = PEOPLE[Math.floor(rnd() * PEOPLE.length)] ?? PEOPLE[0];
    const text = `${PHRASES[Math.floor(rnd() * PHRASES.length)]} (#${i})`;
    const parent =
      topLevel[topLevel.length - 1 - Math.floor(rnd() * Math.min(20, topLevel.length))];
    const reply = roll < 0.2 && parent !== undefined;
    yield {
      type: 'message',
      channel,
      ts,
      user: person?.id,
      text,
      ...(reply ? { thread_ts: parent } : {}),
    } as SlackMessageEvent;
    if (!reply) topLevel.push(ts);
    if (options.postsOnly) continue;
    const extra = rnd();
    if (extra < 0.05) {
      // An edit of a recent message by its author.
      const edited =
        topLevel[topLevel.length - 1 - Math.floor(rnd() * Math.min(10, topLevel.length))];
      if (edited !== undefined) {
        const editTs = slackTs(at + 50, i);
        yield changeEvent(channel, editTs, {
          message: {
            type: 'message',
            ts: edited,
            user: person?.id,
            text: `${text} (edited)`,
            edited: { user: person?.id, ts: editTs },
          },
        });
      }
    } else if (extra < 0.06) {
      yield changeEvent(channel, slackTs(at + 60, i), { deleted_ts: ts });
    } else if (extra < 0.08 && alerts.length > 0) {
      // A monitoring tool flips its earlier message to resolved, in place.
      const alert = alerts.shift();
      if (alert) {
        yield changeEvent(channel, slackTs(at + 70, i), {
          message: alertMessage(alert.ts, 'resolved', alert.n),
        });
      }
    }
  }
}
