import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandThenPost, redraft } from '../helpers/e2e-steps.ts';
import { ENGINES, type Harness, startHarness } from '../helpers/harness.ts';

// Describing an incident through signed commands on both engines: tags, a category and action
// purposes, during and after the incident; a webhook alert's `service` label suggests a service,
// and once removed it never comes back; every bad input answered privately, nothing written.

const CHANNEL = 'CDESC001';
const T0 = Date.UTC(2026, 10, 21, 14, 0, 0);
const TOKEN = 'whk-describe-0123456789';

describe.each(ENGINES)('describing an incident (%s)', (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ start: T0, engine, env: { WEBHOOK_TOKEN: TOKEN } });
    h.slack.addUser({ id: 'UANN', name: 'ann', displayName: 'Ann', tz: 'UTC' });
  }, 120_000);
  afterAll(() => h?.close());

  /** The private answer to a command: in the ack (a usage error) or through response_url. */
  async function say(command: string, text: string): Promise<string> {
    const result = await h.command({ userId: 'UANN', channelId: CHANNEL, command, text });
    return result.ackText ?? (await h.replyTo(result));
  }
  /** A command whose answer is a channel post (adding an action). */
  async function posting(command: string, text: string): Promise<void> {
    await commandThenPost(h, { userId: 'UANN', channelId: CHANNEL, command, text });
  }
  const tags = () =>
    h.rows(
      'select key, value, source, removed_at is not null as removed from incident_tags order by id',
    );
  const alert = (service: string) =>
    fetch(`${h.baseUrl}/hooks/alertmanager?channel=${CHANNEL}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({
        version: '4',
        status: 'firing',
        receiver: 'slack',
        groupLabels: { alertname: 'CheckoutLatencyHigh' },
        commonLabels: {},
        commonAnnotations: {},
        externalURL: 'http://alertmanager.example',
        alerts: [
          {
            status: 'firing',
            labels: { alertname: 'CheckoutLatencyHigh', service },
            annotations: { summary: 'p99 over 2s' },
            startsAt: '2026-11-21T14:01:00Z',
            endsAt: '0001-01-01T00:00:00Z',
            fingerprint: `fp-${service}`,
          },
        ],
      }),
    });

  it('tags, suggests, untags for good, categorises and records purposes, also after the close', async () => {
    await posting('/incident', 'start Checkout slow sev2');

    expect(await say('/incident', 'tag Service:Checkout flaky region:eu')).toMatch(
      /Tagged `service:checkout`, `flaky`, `region:eu`/,
    );
    expect((await alert('cart')).status).toBe(202);
    await h.slack.waitFor(() => tags().some((t) => t.value === 'cart'));
    expect(tags()).toContainEqual({
      key: 'service',
      value: 'cart',
      source: 'alert:service',
      removed: 0,
    });

    expect(await say('/incident', 'untag service:cart')).toMatch(
      /Removed `service:cart`; it will not be suggested again/,
    );
    const before = h.rows('select count(*) as n from webhook_alerts')[0]?.n as number;
    await alert('cart');
    await alert('cart2');
    await h.slack.waitFor(() => tags().some((t) => t.value === 'cart2'));
    expect(h.rows('select count(*) as n from webhook_alerts')[0]?.n).toBeGreaterThan(before);
    expect(tags().filter((t) => t.value === 'cart')).toEqual([
      { key: 'service', value: 'cart', source: 'alert:service', removed: 1 },
    ]);

    expect(await say('/incident', 'category config')).toBe('Category: `config`.');
    await posting('/action', 'Roll back the flag prevent');
    await h.command({ userId: 'UANN', channelId: CHANNEL, command: '/incident', text: 'resolve' });
    await h.postedDraft();

    // After the close: everything stays editable and the next draft shows it.
    expect(await say('/incident', 'category deploy')).toBe('Category: `deploy` (was `config`).');
    await posting('/action', 'Alert on p99 latency per route detect');
    await posting('/action', 'Canary every config change');
    const ids = h.rows('select id from actions order by id').map((r) => r.id as number);
    expect(await say('/action', `purpose ${ids[2]} prevent`)).toBe(
      `#${ids[2]} is now for \`prevent\`.`,
    );
    expect(h.rows('select purpose, kind from actions order by id')).toEqual([
      { purpose: 'prevent', kind: 'task' },
      { purpose: 'detect', kind: 'follow_up' },
      { purpose: 'prevent', kind: 'follow_up' },
    ]);
    expect(await say('/incident', 'untag flaky')).toMatch(/Removed `flaky`/);

    const md = await redraft(h, CHANNEL);
    expect(md).toContain('- **Category:** deploy');
    expect(md).toContain('- **Services:** checkout, cart2 (alert label service)');
    expect(md).toContain('- **Tags:** region:eu');
    expect(md).toMatch(
      /### Follow-ups: Prevent it happening again[\s\S]*Canary every config change/,
    );
    expect(md).toMatch(/### Follow-ups: Detect it faster[\s\S]*Alert on p99 latency per route/);
    expect(md).toMatch(/### Tasks during the incident[\s\S]*Roll back the flag/);

    const timeline = await say('/incident', 'timeline');
    expect(timeline).toContain(
      'Category: `deploy` · Services: `checkout`, `cart2` (alert label service) · Tags: `region:eu`',
    );
  }, 120_000);

  it('answers every bad input privately and writes nothing', async () => {
    const rowsBefore = JSON.stringify([
      tags(),
      h.rows('select category from incidents'),
      h.rows('select purpose from actions'),
    ]);
    const bad: Array<[string, string, RegExp]> = [
      ['/incident', 'tag <@U123|bob>', /cannot be mentions of people/],
      ['/incident', 'tag <!channel>', /`@here`, `@channel`/],
      ['/incident', 'tag <https://evil.example|x>', /links or Slack markup/],
      ['/incident', `tag ${'x'.repeat(65)}`, /64 characters or fewer/],
      [
        '/incident',
        `tag ${Array.from({ length: 11 }, (_, i) => `t${i}`).join(' ')}`,
        /at most 10 tags/,
      ],
      ['/incident', 'tag', /Say which tags/],
      ['/incident', 'untag a b', /one tag at a time/],
      ['/incident', 'category nonsense', /`nonsense` is not a category\. Use one of `deploy`/],
      ['/incident', 'category <!here>', /is not a category/],
      ['/incident', 'category', /Give one category/],
      ['/action', 'purpose 1 faster', /`detect`, `mitigate`, `prevent`/],
      ['/action', 'purpose 999 detect', /There is no action #999/],
    ];
    for (const [command, text, error] of bad) {
      expect(await say(command, text), text).toMatch(error);
    }
    expect(await say('/incident', 'untag never-there')).toMatch(/has no tag `never-there`/);
    expect(
      JSON.stringify([
        tags(),
        h.rows('select category from incidents'),
        h.rows('select purpose from actions'),
      ]),
    ).toBe(rowsBefore);
    // Too many on the incident: 30 at most, refused as a whole.
    const many = (from: number) => Array.from({ length: 10 }, (_, i) => `m${from + i}`).join(' ');
    await say('/incident', `tag ${many(0)}`);
    await say('/incident', `tag ${many(10)}`);
    const live = () => tags().filter((t) => t.removed === 0).length;
    const count = live();
    expect(await say('/incident', `tag ${many(20)}`)).toMatch(
      /at most 30 tags[\s\S]*Nothing was added/,
    );
    expect(live()).toBe(count);
  }, 120_000);
  it('suggests the services a Datadog alert posted in the channel names, once', async () => {
    const channelId = 'CDESC002';
    await commandThenPost(h, {
      userId: 'UANN',
      channelId,
      command: '/incident',
      text: 'start Payments errors sev2',
    });
    const datadog = (ts: string) => ({
      type: 'message',
      channel: channelId,
      bot_id: 'B0DATADOG',
      bot_profile: { id: 'B0DATADOG', name: 'Datadog' },
      text: '',
      ts,
      attachments: [
        {
          color: '#e01e5a',
          title: '[P2] [Triggered on {service:payments}] Error rate high on payments',
          text: 'Errors above 5% on service:payments, service:ledger.',
          fallback: '[P2] [Triggered on {service:payments}] Error rate high on payments',
        },
      ],
    });
    const datadogTags = () =>
      h
        .rows('select value, source from incident_tags where source = ? order by value', 'datadog')
        .map((r) => `${r.value}:${r.source}`);
    const at = Math.floor(h.clock.now() / 1000);
    expect((await h.event(datadog(`${at + 60}.000100`))).status).toBe(200);
    await h.slack.waitFor(() => datadogTags().length === 2);
    expect(datadogTags()).toEqual(['ledger:datadog', 'payments:datadog']);
    // The same alert again adds nothing.
    expect((await h.event(datadog(`${at + 120}.000100`))).status).toBe(200);
    await h.slack.waitFor(
      () => h.rows('select 1 from messages where ts = ?', `${at + 120}.000100`).length === 1,
    );
    expect(datadogTags()).toEqual(['ledger:datadog', 'payments:datadog']);
  }, 120_000);
});
