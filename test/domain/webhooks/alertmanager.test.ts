import { describe, expect, it } from 'vitest';
import { parseAlertmanager } from '../../../src/domain/webhooks/alertmanager.ts';
import type { WebhookParseResult } from '../../../src/domain/webhooks/types.ts';
import { fixture, NOT_OBJECTS } from './fixtures.ts';

function alertsOf(result: WebhookParseResult) {
  if (!result.ok) throw new Error(`expected a parsed payload, got: ${result.error}`);
  return result.alerts;
}

function errorOf(result: WebhookParseResult): string {
  if (result.ok) throw new Error('expected an error');
  return result.error;
}

function oneAlert(alert: Record<string, unknown>, envelope: Record<string, unknown> = {}) {
  return { version: '4', status: alert.status, alerts: [alert], ...envelope };
}

const FIRING = {
  status: 'firing',
  labels: { alertname: 'DiskFull', instance: 'db-1' },
  annotations: {},
  startsAt: '2026-11-21T14:00:00Z',
  endsAt: '0001-01-01T00:00:00Z',
  generatorURL: 'http://prometheus:9090/graph',
  fingerprint: 'ff00',
};

describe('parseAlertmanager: a v4 group with firing and resolved alerts', () => {
  const result = parseAlertmanager(fixture('alertmanager-group'));

  it('keeps every alert, in the order sent', () => {
    expect(alertsOf(result).map((a) => [a.name, a.state])).toEqual([
      ['HighErrorRate', 'firing'],
      ['HighLatency', 'resolved'],
      ['PodCrashLooping', 'firing'],
    ]);
  });

  it('normalises a firing alert; its endsAt is an expiry guess, not an end', () => {
    expect(alertsOf(result)[0]).toEqual({
      source: 'alertmanager',
      fingerprint: 'a3f1c2d4e5b60718',
      name: 'HighErrorRate',
      state: 'firing',
      severity: 'critical',
      startsAt: Date.UTC(2026, 10, 21, 14, 2, 7, 318),
      endsAt: null,
      summary: '5xx ratio above 5% on api',
      url: 'http://prometheus.example.com:9090/graph?g0.expr=job%3Aerror_ratio%3Arate5m+%3E+0.05&g0.tab=1',
      channelHint: 'CINC0001',
    });
  });

  it('reads offsets and fractions, keeps a resolved end, falls back to the description', () => {
    expect(alertsOf(result)[1]).toMatchObject({
      state: 'resolved',
      severity: 'warning',
      startsAt: Date.UTC(2026, 10, 21, 12, 55, 0),
      endsAt: Date.UTC(2026, 10, 21, 14, 10, 30, 500),
      summary: 'p99 latency above 2s',
    });
  });

  it('treats the zero time as no time, an empty URL as none, the name as the last summary', () => {
    expect(alertsOf(result)[2]).toMatchObject({
      endsAt: null,
      url: null,
      severity: null,
      summary: 'PodCrashLooping',
    });
  });

  it('reports the channel the common labels name', () => {
    expect(result).toMatchObject({ ok: true, channelHint: 'CINC0001' });
  });
});

describe('parseAlertmanager: fields', () => {
  it('accepts a payload without a version field', () => {
    const { version: _v, ...body } = oneAlert(FIRING);
    expect(alertsOf(parseAlertmanager(body))).toHaveLength(1);
  });

  it('derives a stable fingerprint from the label set when none is sent', () => {
    const { fingerprint: _f, ...bare } = FIRING;
    const reordered = { ...bare, labels: { instance: 'db-1', alertname: 'DiskFull' } };
    const a = alertsOf(parseAlertmanager(oneAlert(bare)))[0]?.fingerprint;
    const b = alertsOf(parseAlertmanager(oneAlert(reordered)))[0]?.fingerprint;
    expect(a).toBe('alertname=DiskFull,instance=db-1');
    expect(b).toBe(a);
  });

  it('names an alert without alertname from the common labels, else generically', () => {
    const unnamed = { ...FIRING, labels: { instance: 'db-1' } };
    const common = oneAlert(unnamed, { commonLabels: { alertname: 'FromCommon' } });
    expect(alertsOf(parseAlertmanager(common))[0]?.name).toBe('FromCommon');
    expect(alertsOf(parseAlertmanager(oneAlert(unnamed)))[0]?.name).toBe('Unnamed alert');
  });

  it('makes the summary one line of at most 300 characters', () => {
    const long = { ...FIRING, annotations: { summary: `line one\n\tline two ${'x'.repeat(400)}` } };
    const summary = alertsOf(parseAlertmanager(oneAlert(long)))[0]?.summary ?? '';
    expect(summary.startsWith('line one line two xxx')).toBe(true);
    expect(summary.length).toBeLessThanOrEqual(300);
    expect(summary.endsWith('…')).toBe(true);
  });

  it('keeps only http(s) links', () => {
    for (const generatorURL of ['javascript:alert(1)', 'ftp://x/y', 'not a url', 42]) {
      const alert = { ...FIRING, generatorURL };
      expect(alertsOf(parseAlertmanager(oneAlert(alert)))[0]?.url).toBeNull();
    }
  });

  it('finds the channel in slack_channel, then channel labels, then the annotation', () => {
    const hint = (labels: object, annotations: object) =>
      alertsOf(parseAlertmanager(oneAlert({ ...FIRING, labels, annotations })))[0]?.channelHint;
    expect(hint({ slack_channel: 'CA1', channel: 'CB2' }, { slack_channel: 'CC3' })).toBe('CA1');
    expect(hint({ channel: 'CB2' }, { slack_channel: 'CC3' })).toBe('CB2');
    expect(hint({}, { slack_channel: 'CC3' })).toBe('CC3');
    expect(hint({}, {})).toBeNull();
  });
});

describe('parseAlertmanager: malformed input', () => {
  it('refuses what is not an object, without throwing', () => {
    for (const body of NOT_OBJECTS) {
      expect(errorOf(parseAlertmanager(body))).toBe('body must be a JSON object');
    }
  });

  it('points Grafana payloads at the Grafana hook', () => {
    const grafana = fixture('grafana-firing');
    expect(errorOf(parseAlertmanager(grafana))).toMatch(/version "1".*\/hooks\/grafana/);
  });

  it.each([
    [{ version: '4' }, '`alerts` must be an array'],
    [{ version: '4', alerts: {} }, '`alerts` must be an array'],
    [{ version: '4', alerts: [] }, '`alerts` is empty: nothing to record'],
    [{ version: '4', alerts: ['x'] }, 'alerts[0] must be an object'],
    [oneAlert({ ...FIRING, status: 'pending' }), 'alerts[0].status must be "firing" or "resolved"'],
    [oneAlert({ ...FIRING, labels: undefined }), 'alerts[0].labels must be an object'],
    [oneAlert({ ...FIRING, labels: ['a'] }), 'alerts[0].labels must be an object'],
    [oneAlert({ ...FIRING, annotations: 'x' }), 'alerts[0].annotations must be an object'],
    [oneAlert(FIRING, { commonLabels: 'x' }), 'commonLabels must be an object'],
  ])('refuses %j', (body, error) => {
    expect(errorOf(parseAlertmanager(body))).toBe(error);
  });

  it.each(['yesterday', '2026-11-21T14:02:00', '2026-13-01T00:00:00Z', 1763733720000])(
    'refuses the start time %j',
    (startsAt) => {
      const error = errorOf(parseAlertmanager(oneAlert({ ...FIRING, startsAt })));
      expect(error).toMatch(/^alerts\[0\]\.startsAt must be an RFC 3339 time/);
    },
  );

  it('names the position of the bad alert', () => {
    const body = { version: '4', alerts: [FIRING, FIRING, { ...FIRING, endsAt: 'soon' }] };
    expect(errorOf(parseAlertmanager(body))).toMatch(/^alerts\[2\]\.endsAt/);
  });
});
