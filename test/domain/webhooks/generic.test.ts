import { describe, expect, it } from 'vitest';
import { parseGeneric } from '../../../src/domain/webhooks/generic.ts';
import type { WebhookParseResult } from '../../../src/domain/webhooks/types.ts';
import { NOT_OBJECTS } from './fixtures.ts';

function errorOf(result: WebhookParseResult): string {
  if (result.ok) throw new Error('expected an error');
  return result.error;
}

describe('parseGeneric', () => {
  it('reads a full payload with a channel', () => {
    const result = parseGeneric({
      channel: 'CINC0001',
      alerts: [
        {
          name: 'Checkout errors',
          state: 'firing',
          severity: 'P1',
          startsAt: '2026-11-21T15:02:00+01:00',
          summary: 'Checkout returns 502 for 30% of requests',
          url: 'https://status.example.com/checks/42',
          id: 'check-42',
        },
        { name: 'Deploy 1.42 rolled back', state: 'info', endsAt: '2026-11-21T14:20:00Z' },
      ],
    });
    expect(result).toEqual({
      ok: true,
      channelHint: 'CINC0001',
      alerts: [
        {
          source: 'generic',
          fingerprint: 'check-42',
          name: 'Checkout errors',
          state: 'firing',
          severity: 'P1',
          startsAt: Date.UTC(2026, 10, 21, 14, 2),
          endsAt: null,
          summary: 'Checkout returns 502 for 30% of requests',
          url: 'https://status.example.com/checks/42',
          channelHint: null,
        },
        {
          source: 'generic',
          fingerprint: 'Deploy 1.42 rolled back',
          name: 'Deploy 1.42 rolled back',
          state: 'info',
          severity: null,
          startsAt: null,
          endsAt: Date.UTC(2026, 10, 21, 14, 20),
          summary: 'Deploy 1.42 rolled back',
          url: null,
          channelHint: null,
        },
      ],
    });
  });

  it('accepts a single alert object, its channel included', () => {
    const result = parseGeneric({ channel: 'C123', name: 'Queue backlog', state: 'acknowledged' });
    expect(result).toMatchObject({
      ok: true,
      channelHint: 'C123',
      alerts: [{ name: 'Queue backlog', state: 'acknowledged', fingerprint: 'Queue backlog' }],
    });
  });

  it('treats null and blank optional fields as absent', () => {
    const result = parseGeneric({
      alerts: [{ name: ' Disk ', state: 'resolved', severity: null, summary: '  ', url: null }],
    });
    expect(result).toMatchObject({
      ok: true,
      channelHint: null,
      alerts: [{ name: 'Disk', severity: null, summary: 'Disk', url: null }],
    });
  });

  it('refuses what is not an object, without throwing', () => {
    for (const body of NOT_OBJECTS) {
      expect(errorOf(parseGeneric(body))).toBe('body must be a JSON object');
    }
  });

  it.each([
    [{}, 'expected {"alerts": [...]} or a single alert object with "name" and "state"'],
    [{ alerts: 'x' }, '`alerts` must be an array'],
    [{ alerts: [] }, '`alerts` is empty: nothing to record'],
    [{ alerts: [7] }, 'alerts[0] must be an object'],
    [{ channel: 5, name: 'a', state: 'firing' }, 'channel must be a string'],
    [{ state: 'firing' }, 'name is required (a non-empty string)'],
    [
      { alerts: [{ name: '   ', state: 'firing' }] },
      'alerts[0].name is required (a non-empty string)',
    ],
    [{ name: 'a', state: 'FIRING' }, 'state must be one of firing, resolved, acknowledged, info'],
    [{ name: 'a' }, 'state must be one of firing, resolved, acknowledged, info'],
    [{ name: 'a', state: 'info', severity: 1 }, 'severity must be a string'],
    [{ name: 'a', state: 'info', id: 12 }, 'id must be a string'],
    [{ name: 'a', state: 'info', summary: ['x'] }, 'summary must be a string'],
    [{ name: 'a', state: 'info', url: 'ftp://x' }, 'url must be an http(s) URL'],
    [{ name: 'a', state: 'info', url: 'javascript:alert(1)' }, 'url must be an http(s) URL'],
    [{ name: 'a', state: 'info', url: {} }, 'url must be a string'],
  ])('refuses %j', (body, error) => {
    expect(errorOf(parseGeneric(body))).toBe(error);
  });

  it.each(['2026-11-21 14:02', '2026-11-21T14:02:00', 'now', '2026-02-30T00:00:00Z'])(
    'refuses the time %j (a zone is required so no server zone is guessed)',
    (startsAt) => {
      const error = errorOf(parseGeneric({ alerts: [{ name: 'a', state: 'firing', startsAt }] }));
      expect(error).toMatch(/^alerts\[0\]\.startsAt must be an ISO 8601 time with a zone/);
    },
  );
});
