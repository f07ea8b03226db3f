import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SlackMessageEvent } from '../../src/domain/message-event.ts';
import { interpretMessageEvent } from '../../src/domain/message-event.ts';
import { parseAlertmanager } from '../../src/domain/webhooks/alertmanager.ts';
import { alertAnnouncement } from '../../src/domain/webhooks/announcement.ts';
import { chooseChannel } from '../../src/domain/webhooks/channel.ts';
import { parseGeneric } from '../../src/domain/webhooks/generic.ts';
import { parseGrafana } from '../../src/domain/webhooks/grafana.ts';
import { rawPerAlert } from '../../src/domain/webhooks/raw.ts';
import type { WebhookParser } from '../../src/domain/webhooks/types.ts';
import {
  deepArray,
  deepObject,
  deepRichText,
  hostileJson,
  jsonObject,
  LONG_INPUTS,
  nastyText,
  realisticNow,
  settings,
  TIME_ZONES,
} from './arbitraries.ts';
import { expectSafeMrkdwn } from './invariants.ts';

const PARSERS: ReadonlyArray<[string, WebhookParser]> = [
  ['alertmanager', parseAlertmanager],
  ['grafana', parseGrafana],
  ['generic', parseGeneric],
];

const ERROR_MAX = 500;

/** Mostly the right type, sometimes anything: payloads that get far into the parsers. */
const maybe = <T>(right: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 4, arbitrary: right }, { weight: 1, arbitrary: hostileJson });

const isoTime = fc.oneof(
  fc.constantFrom(
    '2026-11-21T14:02:00Z',
    '2026-11-21T14:02:00.123456789+02:00',
    '0001-01-01T00:00:00Z',
  ),
  fc.constantFrom('2026-02-30T10:00:00Z', '2026-11-21 14:02', '', '9999-12-31T23:59:59-23:59'),
  nastyText(2),
);
const url = fc.oneof(
  fc.webUrl(),
  fc.constantFrom(
    'javascript:alert(1)',
    'https://x.example/a|b<c>',
    'https://x.example/@here',
    'ftp://x',
  ),
  nastyText(2),
);
const labels = jsonObject(maybe(nastyText(4)), 6).chain((extra) =>
  fc
    .record(
      {
        alertname: maybe(nastyText(4)),
        severity: maybe(nastyText(2)),
        slack_channel: maybe(nastyText(1)),
      },
      { requiredKeys: [] },
    )
    .map((known) => ({ ...extra, ...known })),
);
const listAlert = fc.record(
  {
    status: maybe(fc.constantFrom('firing', 'resolved')),
    labels: maybe(labels),
    annotations: maybe(labels),
    startsAt: maybe(isoTime),
    endsAt: maybe(isoTime),
    fingerprint: maybe(nastyText(2)),
    generatorURL: maybe(url),
    dashboardURL: maybe(url),
    panelURL: maybe(url),
  },
  { requiredKeys: ['status', 'labels'] },
);
const alertList = fc.record(
  {
    version: maybe(fc.constantFrom('4', '1')),
    alerts: maybe(fc.array(maybe(listAlert), { maxLength: 5 })),
    commonLabels: maybe(labels),
    commonAnnotations: maybe(labels),
    groupLabels: maybe(labels),
  },
  { requiredKeys: ['alerts'] },
);
const genericAlert = fc.record(
  {
    name: maybe(nastyText(4)),
    state: maybe(fc.constantFrom('firing', 'resolved', 'acknowledged', 'info')),
    severity: maybe(nastyText(2)),
    startsAt: maybe(isoTime),
    endsAt: maybe(isoTime),
    summary: maybe(nastyText(6)),
    url: maybe(url),
    id: maybe(nastyText(2)),
  },
  { requiredKeys: ['name', 'state'] },
);
const generic = fc.oneof(
  fc.record(
    {
      channel: maybe(nastyText(1)),
      alerts: maybe(fc.array(maybe(genericAlert), { maxLength: 5 })),
    },
    { requiredKeys: ['alerts'] },
  ),
  genericAlert,
);

const anyBody = fc.oneof(hostileJson, alertList, generic);

function inputAlertCount(body: unknown): number {
  if (typeof body === 'object' && body !== null && 'alerts' in body && Array.isArray(body.alerts)) {
    return body.alerts.length;
  }
  return 1;
}

describe.each(PARSERS)('%s webhook parser', (_name, parse) => {
  it('never throws; answers with alerts that keep their invariants, or a short error', () => {
    fc.assert(
      fc.property(anyBody, (body) => {
        const result = parse(body);
        if (!result.ok) {
          expect(result.error.length).toBeGreaterThan(0);
          expect(result.error.length).toBeLessThanOrEqual(ERROR_MAX);
          return;
        }
        expect(result.alerts).toHaveLength(inputAlertCount(body));
        expect(rawPerAlert(body, result.alerts.length)).toHaveLength(result.alerts.length);
        for (const alert of result.alerts) {
          expect(alert.name.trim()).not.toBe('');
          expect(alert.summary.length).toBeLessThanOrEqual(300);
          expect(alert.summary).not.toMatch(/\n/);
          expect(['firing', 'resolved', 'acknowledged', 'info']).toContain(alert.state);
          if (alert.url !== null) expect(alert.url).toMatch(/^https?:\/\/[^|\s<>"]*$/);
          for (const at of [alert.startsAt, alert.endsAt]) {
            if (at !== null) expect(Number.isFinite(at)).toBe(true);
          }
        }
        const channel = chooseChannel(null, result);
        if (!channel.ok) expect(channel.error.length).toBeLessThanOrEqual(ERROR_MAX);
      }),
      settings(401, 800),
    );
  });

  it('posts nothing that could ping or inject markup into the channel', () => {
    fc.assert(
      fc.property(anyBody, realisticNow, fc.constantFrom(...TIME_ZONES), (body, now, timeZone) => {
        const result = parse(body);
        if (result.ok) expectSafeMrkdwn(alertAnnouncement(result.alerts, { timeZone, now }));
      }),
      settings(402, 600),
    );
  });

  it('answers huge and deeply nested bodies in bounded time', () => {
    const hostile = [
      deepArray(50_000),
      deepObject(50_000),
      { alerts: deepArray(50_000) },
      { version: deepArray(50_000), alerts: [] },
      { alerts: [{ status: 'firing', labels: { a: deepArray(50_000) } }] },
      { alerts: [{ status: 'firing', labels: JSON.parse('{"a":{"toString":1}}') }] },
      { alerts: Array.from({ length: 20_000 }, () => ({ status: 'firing', labels: {} })) },
      ...LONG_INPUTS.map((text) => ({
        alerts: [
          {
            status: 'firing',
            name: text,
            state: 'firing',
            summary: text,
            labels: { alertname: text },
          },
        ],
      })),
    ];
    for (const body of hostile) {
      const result = parse(body);
      if (!result.ok) expect(result.error.length).toBeLessThanOrEqual(ERROR_MAX);
      else alertAnnouncement(result.alerts, { timeZone: 'UTC', now: 0 });
    }
  });
});

describe('chooseChannel', () => {
  it('never throws and accepts only channel ids', () => {
    fc.assert(
      fc.property(fc.option(nastyText(3)), (query) => {
        const choice = chooseChannel(query, { alerts: [], channelHint: null });
        if (choice.ok) expect(choice.channelId).toMatch(/^[CG][A-Z0-9]{2,}$/);
        else expect(choice.error.length).toBeLessThanOrEqual(ERROR_MAX);
      }),
      settings(403, 500),
    );
  });
});

const MESSAGE_KEYS = [
  'type',
  'channel',
  'ts',
  'thread_ts',
  'user',
  'subtype',
  'bot_id',
  'bot_profile',
  'username',
  'app_id',
  'text',
  'edited',
  'attachments',
  'blocks',
  'deleted_ts',
  'event_ts',
  'message',
  'previous_message',
] as const;

const slackTs = fc
  .tuple(fc.integer({ min: 0, max: 4_102_444_799 }), fc.integer({ min: 0, max: 999_999 }))
  .map(([s, us]) => `${s}.${String(us).padStart(6, '0')}`);

const fieldValue = fc.oneof(
  { weight: 3, arbitrary: hostileJson },
  { weight: 2, arbitrary: slackTs },
  {
    weight: 2,
    arbitrary: fc.constantFrom('C0INC', 'message_changed', 'message_deleted', 'bot_message'),
  },
  { weight: 2, arbitrary: nastyText(4) },
  {
    weight: 1,
    arbitrary: fc.array(jsonObject(fc.oneof(nastyText(2), hostileJson), 6), { maxLength: 3 }),
  },
);

const messageLike = fc
  .array(fc.tuple(fc.constantFrom(...MESSAGE_KEYS), fieldValue), { maxLength: 10 })
  .map((entries) => Object.fromEntries(entries));
const messageEvent = fc
  .tuple(messageLike, fc.option(messageLike), fc.option(messageLike))
  .map(([event, message, previous]) => ({
    ...event,
    ...(message === null ? {} : { message }),
    ...(previous === null ? {} : { previous_message: previous }),
  }));

describe('interpretMessageEvent', () => {
  it('never throws on any object, and what it records is well typed', () => {
    fc.assert(
      fc.property(fc.oneof(messageEvent, jsonObject(hostileJson, 8)), (event) => {
        const change = interpretMessageEvent(event as SlackMessageEvent);
        expect(['posted', 'edited', 'deleted', 'ignored']).toContain(change.kind);
        if (change.kind === 'deleted') {
          expect(typeof change.channelId).toBe('string');
          expect(typeof change.ts).toBe('string');
          expect(Number.isFinite(change.at)).toBe(true);
        }
        if (change.kind === 'posted' || change.kind === 'edited') {
          const { message } = change;
          expect(typeof message.channelId).toBe('string');
          expect(message.ts).toMatch(/^\d+\.\d{1,6}$/);
          expect(Number.isFinite(message.postedAt)).toBe(true);
          expect(typeof message.text).toBe('string');
          for (const id of [message.userId, message.botId, message.botName, message.threadTs]) {
            expect(id === null || typeof id === 'string').toBe(true);
          }
        }
      }),
      settings(404, 1000),
    );
  });

  it('answers huge and deeply nested events in bounded time', () => {
    const base = { type: 'message', channel: 'C0INC', ts: '1800000000.000100' };
    const hostile: Record<string, unknown>[] = [
      { ...base, bot_id: 'B1', blocks: deepArray(50_000) },
      { ...base, bot_id: 'B1', blocks: [deepObject(50_000)] },
      { ...base, bot_id: 'B1', blocks: deepRichText(20_000) },
      { ...base, bot_id: 'B1', attachments: [null, 1, deepArray(50_000)] },
      { ...base, text: { toString: 1 }, ts: JSON.parse('{"toString":1}') },
      { ...base, subtype: 'message_changed', message: deepObject(50_000) },
      ...LONG_INPUTS.map((text) => ({
        ...base,
        bot_id: 'B1',
        text,
        attachments: [{ title: text }],
      })),
    ];
    for (const event of hostile) {
      const change = interpretMessageEvent(event as SlackMessageEvent);
      expect(['posted', 'edited', 'deleted', 'ignored']).toContain(change.kind);
    }
  });
});
