import { describe, expect, it } from 'vitest';
import { httpUrl, parseIsoTime } from '../../../src/domain/webhooks/fields.ts';

describe('parseIsoTime', () => {
  it.each([
    ['2026-11-21T14:02:00Z', Date.UTC(2026, 10, 21, 14, 2, 0)],
    ['2026-11-21T14:02Z', Date.UTC(2026, 10, 21, 14, 2, 0)],
    ['2026-11-21 14:02:00z', Date.UTC(2026, 10, 21, 14, 2, 0)],
    ['2026-11-21T15:02:00+01:00', Date.UTC(2026, 10, 21, 14, 2, 0)],
    ['2026-11-21T08:32:00-0530', Date.UTC(2026, 10, 21, 14, 2, 0)],
    ['2026-11-21T14:02:07.318465823Z', Date.UTC(2026, 10, 21, 14, 2, 7, 318)],
    ['2026-11-21T14:02:07.5Z', Date.UTC(2026, 10, 21, 14, 2, 7, 500)],
    ['2028-02-29T00:00:00Z', Date.UTC(2028, 1, 29)],
    ['  2026-11-21T14:02:00Z ', Date.UTC(2026, 10, 21, 14, 2, 0)],
  ])('%s', (text, expected) => {
    expect(parseIsoTime(text)).toBe(expected);
  });

  it('reads year 1 as year 1, not 1901', () => {
    expect(new Date(parseIsoTime('0001-01-01T00:00:00Z') ?? 0).getUTCFullYear()).toBe(1);
  });

  it.each([
    '2026-11-21T14:02:00',
    '2026-11-21',
    '2027-02-29T00:00:00Z',
    '2026-11-31T00:00:00Z',
    '2026-11-21T24:00:00Z',
    '2026-11-21T14:60:00Z',
    'Sat, 21 Nov 2026 14:02:00 GMT',
    '1763733720',
    '',
  ])('refuses %j', (text) => {
    expect(parseIsoTime(text)).toBeNull();
  });
});

describe('httpUrl', () => {
  it('keeps http(s) URLs, normalised, with `|` encoded so a Slack link cannot be cut', () => {
    expect(httpUrl('HTTPS://Example.com/a b?x=1|2')).toBe('https://example.com/a%20b?x=1%7C2');
    expect(httpUrl('http://localhost:9090/graph')).toBe('http://localhost:9090/graph');
  });

  it('drops everything else', () => {
    for (const url of [null, '', 'mailto:a@b.c', 'javascript:alert(1)', '/relative', 'file:///x']) {
      expect(httpUrl(url)).toBeNull();
    }
  });
});
