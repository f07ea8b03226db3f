import { describe, expect, it } from 'vitest';
import {
  filterParams,
  type IncidentFilter,
  parseIncidentFilter,
} from '../../src/web/incident-filter.ts';

function parse(query: string, timeZone = 'UTC') {
  return parseIncidentFilter(new URLSearchParams(query), { timeZone });
}

function ok(query: string, timeZone = 'UTC'): IncidentFilter {
  const parsed = parse(query, timeZone);
  if (!parsed.ok) throw new Error(`expected ${query} to parse: ${parsed.errors.join(' | ')}`);
  return parsed.filter;
}

function errors(query: string): string[] {
  const parsed = parse(query);
  if (parsed.ok) throw new Error(`expected ${query} to be refused`);
  return parsed.errors;
}

describe('parseIncidentFilter', () => {
  it('reads no parameters as every incident, first page of 50', () => {
    expect(ok('')).toEqual({
      query: {
        statuses: [],
        severities: [],
        service: null,
        category: null,
        tag: null,
        since: null,
        until: null,
        leadId: null,
        text: null,
      },
      detectedBy: null,
      page: 1,
      perPage: 50,
      from: null,
      to: null,
    });
  });

  it('treats empty values (untouched form controls) as absent and ignores unknown parameters', () => {
    expect(ok('status=&severity=&service=&tag=&from=&q=%20%20&page=&utm_source=x')).toEqual(ok(''));
  });

  it('takes status and severity repeated, once each, in any case, in their own order', () => {
    const filter = ok(
      'status=mitigated&status=Declared&status=declared&severity=SEV3&severity=sev1',
    );
    expect(filter.query.statuses).toEqual(['declared', 'mitigated']);
    expect(filter.query.severities).toEqual(['sev1', 'sev3']);
  });

  it('refuses an unknown status or severity, naming the parameter', () => {
    expect(errors('status=open')).toEqual([
      'status: "open" is not a status; use declared, mitigated, resolved.',
    ]);
    expect(errors('severity=sev9')).toEqual([
      'severity: "sev9" is not a severity; use sev1, sev2, sev3, sev4.',
    ]);
  });

  it('reads a service as a lower-case service tag value and refuses markup', () => {
    expect(ok('service=Checkout').query.service).toBe('checkout');
    const [error] = errors('service=%3C%40U123%3E');
    expect(error).toMatch(/^service: /);
  });

  it('reads a category and refuses one that cannot be a category', () => {
    expect(ok('category=Deploy').query.category).toBe('deploy');
    expect(errors('category=9lives')[0]).toMatch(/^category: "9lives" is not a category/);
  });

  it('reads a tag as /incident tag does, key:value or a bare word', () => {
    expect(ok('tag=region:EU-west').query.tag).toEqual({ key: 'region', value: 'eu-west' });
    expect(ok('tag=flaky').query.tag).toEqual({ key: '', value: 'flaky' });
    expect(errors('tag=https://x.example')[0]).toMatch(/^tag: Tags cannot hold links/);
  });

  it('reads from/to as whole days in the zone, to inclusive', () => {
    const utc = ok('from=2026-03-01&to=2026-03-02');
    expect(utc.query.since).toBe(Date.UTC(2026, 2, 1));
    expect(utc.query.until).toBe(Date.UTC(2026, 2, 3));
    const berlin = ok('from=2026-03-01&to=2026-03-01', 'Europe/Berlin');
    expect(berlin.query.since).toBe(Date.UTC(2026, 1, 28, 23));
    expect(berlin.query.until).toBe(Date.UTC(2026, 2, 1, 23));
    expect(ok('to=2026-12-31').query.until).toBe(Date.UTC(2027, 0, 1));
  });

  it('starts a day at its first hour when midnight is skipped by a clock change', () => {
    // Santiago springs forward at 00:00 on 2026-09-06: that day begins at 01:00 local (04:00 UTC).
    const filter = ok('from=2026-09-06', 'America/Santiago');
    expect(filter.query.since).toBe(Date.UTC(2026, 8, 6, 4));
  });

  it('refuses a day that is not a calendar day, and a range that ends before it starts', () => {
    expect(errors('from=2026-02-30')).toEqual([
      'from: "2026-02-30" is not a day; write it as YYYY-MM-DD.',
    ]);
    expect(errors('to=yesterday')).toEqual([
      'to: "yesterday" is not a day; write it as YYYY-MM-DD.',
    ]);
    expect(errors('from=2026-03-05&to=2026-03-01')).toEqual([
      'from: 2026-03-05 is after to (2026-03-01); the range would hold no day.',
    ]);
  });

  it('reads a lead as a Slack user id', () => {
    expect(ok('lead=U024BE7LH').query.leadId).toBe('U024BE7LH');
    expect(errors('lead=alice')).toEqual([
      'lead: "alice" is not a Slack user id (like U024BE7LH).',
    ]);
  });

  it('reads detected as one detection source', () => {
    expect(ok('detected=customer').detectedBy).toBe('customer');
    expect(errors('detected=luck')).toEqual([
      'detected: "luck" is not a detection source; use monitoring, customer, person.',
    ]);
    expect(errors('detected=customer&detected=person')).toEqual([
      'detected: give it once (got 2 values).',
    ]);
  });

  it('reads q as the search text, trimmed, and refuses a very long one', () => {
    expect(ok('q=%20disk%20full%20').query.text).toBe('disk full');
    expect(errors(`q=${'a'.repeat(201)}`)).toEqual(['q: keep the search to 200 characters.']);
  });

  it('reads page and per as whole numbers in range', () => {
    const filter = ok('page=3&per=200');
    expect([filter.page, filter.perPage]).toEqual([3, 200]);
    expect(errors('page=0')).toEqual(['page: "0" is not a whole number from 1 to 1000000.']);
    expect(errors('page=2.5')).toEqual(['page: "2.5" is not a whole number from 1 to 1000000.']);
    expect(errors('per=201')).toEqual(['per: "201" is not a whole number from 1 to 200.']);
    expect(errors('per=-1')).toEqual(['per: "-1" is not a whole number from 1 to 200.']);
  });

  it('gives every error at once, and cuts a long value short', () => {
    const found = errors(`severity=bad&page=x&service=${'<'.repeat(60)}`);
    expect(found).toHaveLength(3);
    expect(found[1]).toContain('…');
  });

  it('refuses a single-valued parameter given twice', () => {
    expect(errors('service=a&service=b')).toEqual(['service: give it once (got 2 values).']);
  });
});

describe('filterParams', () => {
  it('gives the filter back as the URL it came from, defaults left out', () => {
    const query =
      'status=declared&status=resolved&severity=sev2&service=api&category=deploy&tag=region%3Aeu&from=2026-03-01&to=2026-03-31&lead=U1ABC&detected=customer&q=disk+full&page=2&per=10';
    const filter = ok(query, 'Europe/Berlin');
    expect(new URLSearchParams(filterParams(filter)).toString()).toBe(query);
    expect(filterParams(ok('page=1&per=50'))).toEqual([]);
  });

  it('round-trips: parsing the pairs again gives the same filter', () => {
    const filter = ok('severity=sev1&tag=flaky&q=%3Cscript%3E&from=2026-01-01');
    const again = parseIncidentFilter(new URLSearchParams(filterParams(filter)), {
      timeZone: 'UTC',
    });
    expect(again).toEqual({ ok: true, filter });
  });
});
