import { describe, expect, it } from 'vitest';
import { looksLikeDueDate, resolveDueDate } from '../../src/domain/due-dates.ts';

// Tuesday 2026-03-10 20:00 UTC, which is already Wednesday 2026-03-11 05:00 in Tokyo.
const NOW = Date.parse('2026-03-10T20:00:00Z');

function dateOf(raw: string, now = NOW, zone = 'UTC'): string {
  const result = resolveDueDate(raw, now, zone);
  if (!result.ok) throw new Error(`expected a date for ${JSON.stringify(raw)}: ${result.error}`);
  return result.date;
}

function errorOf(raw: string, now = NOW, zone = 'UTC'): string {
  const result = resolveDueDate(raw, now, zone);
  if (result.ok) throw new Error(`expected an error for ${JSON.stringify(raw)}`);
  return result.error;
}

describe('resolveDueDate', () => {
  it.each([
    ['2026-12-01', '2026-12-01'],
    ['2028-02-29', '2028-02-29'],
    ['2026-03-10', '2026-03-10'],
    ['today', '2026-03-10'],
    ['tomorrow', '2026-03-11'],
    ['wednesday', '2026-03-11'],
    ['friday', '2026-03-13'],
    ['fri', '2026-03-13'],
    ['sunday', '2026-03-15'],
    ['mon', '2026-03-16'],
    ['next week', '2026-03-16'],
    ['in 1d', '2026-03-11'],
    ['in 3d', '2026-03-13'],
    ['in 1 day', '2026-03-11'],
    ['in 30 days', '2026-04-09'],
    ['in 1w', '2026-03-17'],
    ['in 2 weeks', '2026-03-24'],
    ['in 365d', '2027-03-10'],
  ])('resolves %j', (raw, date) => {
    expect(dateOf(raw)).toBe(date);
  });

  it.each([
    ['TODAY', '2026-03-10'],
    ['Fri', '2026-03-13'],
    ['  Next \n Week ', '2026-03-16'],
    ['IN 3D', '2026-03-13'],
    ['In 2 Weeks', '2026-03-24'],
  ])('ignores case and extra whitespace in %j', (raw, date) => {
    expect(dateOf(raw)).toBe(date);
  });

  it('takes a weekday to mean the next such day strictly after today', () => {
    expect(dateOf('tuesday')).toBe('2026-03-17');
    expect(dateOf('tue')).toBe('2026-03-17');
  });

  it('takes next week to mean the following Monday, even on a Monday', () => {
    const monday = Date.parse('2026-03-16T09:00:00Z');
    expect(dateOf('next week', monday)).toBe('2026-03-23');
    expect(dateOf('monday', monday)).toBe('2026-03-23');
  });

  it('computes today in the given time zone, not in UTC', () => {
    expect(dateOf('today', NOW, 'Asia/Tokyo')).toBe('2026-03-11');
    expect(dateOf('tomorrow', NOW, 'Asia/Tokyo')).toBe('2026-03-12');
    expect(dateOf('wednesday', NOW, 'Asia/Tokyo')).toBe('2026-03-18');
    expect(dateOf('today', NOW, 'America/Los_Angeles')).toBe('2026-03-10');
    expect(errorOf('2026-03-10', NOW, 'Asia/Tokyo')).toBe('That due date is in the past.');
  });

  it('stays on the right calendar day across daylight-saving changes', () => {
    // New York springs forward at 02:00 on 2026-03-08; 23:30 local the night before.
    const beforeSpring = Date.parse('2026-03-08T04:30:00Z');
    expect(dateOf('today', beforeSpring, 'America/New_York')).toBe('2026-03-07');
    expect(dateOf('tomorrow', beforeSpring, 'America/New_York')).toBe('2026-03-08');
    expect(dateOf('in 2d', beforeSpring, 'America/New_York')).toBe('2026-03-09');
    // Santiago skips midnight on 2026-09-06 (00:00 → 01:00); 23:30 local the night before.
    const beforeSkip = Date.parse('2026-09-06T03:30:00Z');
    expect(dateOf('today', beforeSkip, 'America/Santiago')).toBe('2026-09-05');
    expect(dateOf('tomorrow', beforeSkip, 'America/Santiago')).toBe('2026-09-06');
    expect(dateOf('in 1w', beforeSkip, 'America/Santiago')).toBe('2026-09-12');
  });

  it.each(['2026-02-30', '2027-02-29', '2026-13-01', '2026-00-10', '2026-04-31'])(
    'rejects %j as not a real calendar date',
    (raw) => {
      expect(errorOf(raw)).toBe(`\`${raw}\` is not a real date.`);
    },
  );

  it.each(['2026-03-09', '2025-12-31', '1999-01-01'])('rejects %j as in the past', (raw) => {
    expect(errorOf(raw)).toBe('That due date is in the past.');
  });

  it('accepts exactly two years ahead and rejects anything later', () => {
    expect(dateOf('2028-03-10')).toBe('2028-03-10');
    expect(dateOf('in 104w')).toBe('2028-03-07');
    const message = 'That due date is more than 2 years away; pick a date up to 2028-03-10.';
    expect(errorOf('2028-03-11')).toBe(message);
    expect(errorOf('in 105w')).toBe(message);
    expect(errorOf('9999-12-31')).toBe(message);
  });

  it.each(['in 0d', 'in 366d', 'in 400 weeks', 'in 99999999999999999999d'])(
    'rejects a count outside 1–365 in %j',
    (raw) => {
      expect(errorOf(raw)).toContain('Use a number from 1 to 365');
    },
  );

  it.each([
    '',
    'someday',
    'eod',
    '12/01/2026',
    '2026-3-1',
    '2026-12-01T10:00',
    'next friday',
    'next month',
    'in d',
    'in 3 months',
    'in -3d',
    'friday evening',
    'thurs',
  ])('rejects %j listing the accepted forms', (raw) => {
    const message = errorOf(raw);
    expect(message).toContain("I couldn't read the due date");
    for (const form of ['YYYY-MM-DD', 'today', 'tomorrow', 'fri', 'next week', 'in N days']) {
      expect(message).toContain(form);
    }
  });

  it('reports an unknown time zone instead of guessing one', () => {
    expect(errorOf('today', NOW, 'Mars/Olympus_Mons')).toBe(
      'Unknown time zone `Mars/Olympus_Mons`.',
    );
    expect(errorOf('today', NOW, '')).toBe('Unknown time zone ` `.');
  });

  it('reports a current time that is not a usable date', () => {
    expect(errorOf('today', Number.NaN)).toBe('The current time is out of range.');
    expect(errorOf('today', 8.64e15)).toBe('The current time is out of range.');
  });
});

describe('looksLikeDueDate', () => {
  it.each([
    '2026-12-01',
    '12/01',
    'today',
    'Tomorrow',
    'friday',
    'fri',
    'next week',
    'next sprint',
    'in 3d',
    'in 3 days',
    'friday evening',
  ])('treats %j as a due date', (raw) => {
    expect(looksLikeDueDate(raw)).toBe(true);
  });

  it.each(['date', 'date field', 'diligence', 'fridya', 'in time', 'process', ''])(
    'treats %j as ordinary text',
    (raw) => {
      expect(looksLikeDueDate(raw)).toBe(false);
    },
  );
});
