import { describe, expect, it } from 'vitest';
import { parseActionCommand, parseIncidentCommand } from '../../../src/domain/commands/index.ts';
import {
  DEFAULT_INCIDENT_CATEGORIES,
  matchCategory,
  parseCategoryList,
  parseTags,
  planSuggestions,
  planTags,
  serviceFromChannelName,
  servicesFromDatadogText,
  servicesFromWebhookAlert,
  TAGS_PER_INCIDENT_MAX,
} from '../../../src/domain/description/index.ts';

describe('tags', () => {
  it('normalises free and key:value tags to lowercase, once each', () => {
    expect(parseTags('Service:Checkout flaky,region:EU-west-1 flaky')).toEqual({
      ok: true,
      tags: [
        { key: 'service', value: 'checkout' },
        { key: '', value: 'flaky' },
        { key: 'region', value: 'eu-west-1' },
      ],
    });
  });

  it.each([
    ['<@U123|alice>', /mentions of people/],
    ['<!channel>', /@channel/],
    ['<!subteam^S1|ops>', /group mentions/],
    ['<#C123|general>', /channels/],
    ['<https://evil.example|x>', /links or Slack markup/],
    ['service:&lt;b&gt;', /links or Slack markup/],
    ['@here', /mentions/],
    ['9key:value', /tag key/],
    ['service:', /a tag is letters/],
    ['-dash', /a tag is letters/],
    [`${'x'.repeat(65)}`, /64 characters/],
    [`${'k'.repeat(33)}:v`, /32 characters/],
    ['', /Say which tags/],
  ])('refuses %s with a clear error', (text, error) => {
    const parsed = parseTags(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(error);
  });

  it('refuses more than ten tags at once, and an incident past its limit', () => {
    expect(parseTags(Array.from({ length: 11 }, (_, i) => `t${i}`).join(' ')).ok).toBe(false);
    const live = Array.from({ length: TAGS_PER_INCIDENT_MAX }, (_, i) => ({
      key: '',
      value: `t${i}`,
    }));
    expect(planTags(live, [{ key: '', value: 't1' }])).toEqual({ ok: true, add: [] });
    expect(planTags(live, [{ key: '', value: 'new' }])).toMatchObject({
      refused: expect.stringMatching(/at most 30 tags/),
    });
  });

  it('suggests only tags the incident never had, within the limit', () => {
    const seen = [{ key: 'service', value: 'checkout' }];
    const suggested = [
      { key: 'service', value: 'checkout', source: 'alert:service' },
      { key: 'service', value: 'cart', source: 'alert:app' },
      { key: 'service', value: 'cart', source: 'datadog' },
    ];
    expect(planSuggestions(seen, 0, suggested)).toEqual([suggested[1]]);
    expect(planSuggestions(seen, TAGS_PER_INCIDENT_MAX, suggested)).toEqual([]);
  });
});

describe('categories', () => {
  it('matches the configured list, case aside, and lists the choices on a miss', () => {
    expect(matchCategory('Deploy', DEFAULT_INCIDENT_CATEGORIES)).toEqual({
      ok: true,
      category: 'deploy',
    });
    const miss = matchCategory('<!channel>', DEFAULT_INCIDENT_CATEGORIES);
    expect(miss.ok).toBe(false);
    if (!miss.ok) expect(miss.error).toMatch(/is not a category\. Use one of `deploy`, `config`/);
  });

  it('reads INCIDENT_CATEGORIES and refuses an empty or odd one', () => {
    expect(parseCategoryList(' Deploy, config ,deploy')).toEqual({
      ok: true,
      categories: ['deploy', 'config'],
    });
    expect(parseCategoryList(' , ').ok).toBe(false);
    expect(parseCategoryList('deploy,two words').ok).toBe(false);
  });
});

describe('service suggestions', () => {
  it('reads service, app and job labels of a webhook alert', () => {
    expect(
      servicesFromWebhookAlert({
        labels: { alertname: 'X', app: 'Cart', job: 'node', service: 'checkout' },
      }),
    ).toEqual([
      { key: 'service', value: 'checkout', source: 'alert:service' },
      { key: 'service', value: 'cart', source: 'alert:app' },
      { key: 'service', value: 'node', source: 'alert:job' },
    ]);
    expect(servicesFromWebhookAlert({ labels: { service: '<!channel>' } })).toEqual([]);
    expect(servicesFromWebhookAlert('nonsense')).toEqual([]);
    expect(
      servicesFromWebhookAlert({ version: '4', alerts: [{ labels: { service: 'checkout' } }] }),
    ).toEqual([{ key: 'service', value: 'checkout', source: 'alert:service' }]);
  });

  it('reads Datadog service: tags', () => {
    expect(servicesFromDatadogText(['Tags: env:prod, service:checkout-api, team:pay'])).toEqual([
      { key: 'service', value: 'checkout-api', source: 'datadog' },
    ]);

    // Punctuation closing a sentence is not part of the name.
    expect(servicesFromDatadogText(['Errors on service:ledger. And service:web/.'])).toEqual([
      { key: 'service', value: 'ledger', source: 'datadog' },
      { key: 'service', value: 'web', source: 'datadog' },
    ]);
  });

  it('takes a service from the channel name only when it is already known', () => {
    expect(serviceFromChannelName('inc-checkout-latency', ['checkout'])).toEqual([
      { key: 'service', value: 'checkout', source: 'channel' },
    ]);
    expect(
      serviceFromChannelName('inc-payment-gateway-down', ['payment', 'payment-gateway']),
    ).toEqual([{ key: 'service', value: 'payment-gateway', source: 'channel' }]);
    expect(serviceFromChannelName('inc-checkout-latency', [])).toEqual([]);
  });
});

describe('commands', () => {
  it('parses tag, untag and category', () => {
    expect(parseIncidentCommand('tag service:checkout flaky')).toEqual({
      ok: true,
      command: {
        kind: 'tag',
        tags: [
          { key: 'service', value: 'checkout' },
          { key: '', value: 'flaky' },
        ],
      },
    });
    expect(parseIncidentCommand('untag service:checkout')).toMatchObject({
      ok: true,
      command: { kind: 'untag' },
    });
    expect(parseIncidentCommand('untag a b').ok).toBe(false);
    expect(parseIncidentCommand('category deploy')).toEqual({
      ok: true,
      command: { kind: 'category', name: 'deploy' },
    });
    expect(parseIncidentCommand('category').ok).toBe(false);
  });

  it('takes a last word detect, mitigate or prevent as the action purpose, after owner, due, priority', () => {
    expect(parseActionCommand('Alert on pool saturation <@U0BOB> due friday p2 detect')).toEqual({
      ok: true,
      command: {
        kind: 'add',
        text: 'Alert on pool saturation',
        ownerId: 'U0BOB',
        due: 'friday',
        priority: 'p2',
        purpose: 'detect',
      },
    });
    // Only the last word: in the middle it is text, and alone it is the action itself.
    expect(parseActionCommand('Detect lag sooner <@U0BOB>')).toMatchObject({
      command: { text: 'Detect lag sooner' },
    });
    expect(parseActionCommand('prevent')).toEqual({
      ok: true,
      command: { kind: 'add', text: 'prevent', ownerId: null, due: null, priority: null },
    });
  });

  it('parses /action purpose and refuses an unknown word', () => {
    expect(parseActionCommand('purpose 12 Prevent')).toEqual({
      ok: true,
      command: { kind: 'purpose', id: 12, purpose: 'prevent' },
    });
    expect(parseActionCommand('purpose #12 none')).toEqual({
      ok: true,
      command: { kind: 'purpose', id: 12, purpose: null },
    });
    const bad = parseActionCommand('purpose 12 fix');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/`detect`, `mitigate`, `prevent`/);
  });
});
