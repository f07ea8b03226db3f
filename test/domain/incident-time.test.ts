import { describe, expect, it } from 'vitest';
import { looksLikeTime, parseIncidentTime } from '../../src/domain/incident-time.ts';

// Saturday 2026-11-21 14:10:20.500 UTC; the half second shows that results are whole seconds.
const NOW = Date.parse('2026-11-21T14:10:20.500Z');

function atOf(raw: string, now = NOW, zone = 'UTC'): string {
  const result = parseIncidentTime(raw, now, zone);
  if (!result.ok) throw new Error(`expected a time for ${JSON.stringify(raw)}: ${result.error}`);
  return new Date(result.at).toISOString();
}

function errorOf(raw: string, now = NOW, zone = 'UTC'): string {
  const result = parseIncidentTime(raw, now, zone);
  if (result.ok) throw new Error(`expected an error for ${JSON.stringify(raw)}`);
  return result.error;
}

describe('parseIncidentTime', () => {
  describe('clock times', () => {
    it.each([
      ['14:05', '2026-11-21T14:05:00.000Z'],
      ['14:05:30', '2026-11-21T14:05:30.000Z'],
      ['9:05', '2026-11-21T09:05:00.000Z'],
      ['00:00', '2026-11-21T00:00:00.000Z'],
      ['2:05pm', '2026-11-21T14:05:00.000Z'],
      ['2:05 pm', '2026-11-21T14:05:00.000Z'],
      ['2:05:30pm', '2026-11-21T14:05:30.000Z'],
      ['2pm', '2026-11-21T14:00:00.000Z'],
      ['2 PM', '2026-11-21T14:00:00.000Z'],
      ['  2:05PM \n', '2026-11-21T14:05:00.000Z'],
      ['9am', '2026-11-21T09:00:00.000Z'],
      ['12am', '2026-11-21T00:00:00.000Z'],
      ['12:30am', '2026-11-21T00:30:00.000Z'],
      ['12pm', '2026-11-21T12:00:00.000Z'],
    ])('reads %j as that time today', (raw, iso) => {
      expect(atOf(raw)).toBe(iso);
    });

    it('reads the clock in the given time zone', () => {
      expect(atOf('14:05', NOW, 'UTC')).toBe('2026-11-21T14:05:00.000Z');
      expect(atOf('14:05', NOW, 'Asia/Tokyo')).toBe('2026-11-21T05:05:00.000Z');
      // 06:10 in Los Angeles, so 14:05 there has not happened yet today.
      expect(atOf('14:05', NOW, 'America/Los_Angeles')).toBe('2026-11-20T22:05:00.000Z');
    });
  });

  describe('a clock time later than now means yesterday', () => {
    const onTheMinute = Date.parse('2026-11-21T14:10:00Z');

    it.each([
      ['14:10', '2026-11-21T14:10:00.000Z'],
      ['14:11', '2026-11-21T14:11:00.000Z'],
      ['14:11:01', '2026-11-20T14:11:01.000Z'],
      ['14:12', '2026-11-20T14:12:00.000Z'],
      ['23:59', '2026-11-20T23:59:00.000Z'],
    ])('allows up to one minute ahead, so %j is %s', (raw, iso) => {
      expect(atOf(raw, onTheMinute)).toBe(iso);
    });

    it.each([
      ['14:05', '2026-11-20T05:05:00.000Z'],
      ['00:05', '2026-11-20T15:05:00.000Z'],
      ['00:11', '2026-11-20T15:11:00.000Z'],
      ['00:12', '2026-11-19T15:12:00.000Z'],
    ])('at ten past midnight in Tokyo reads %j as %s', (raw, iso) => {
      const tenPastMidnightInTokyo = Date.parse('2026-11-20T15:10:00Z');
      expect(atOf(raw, tenPastMidnightInTokyo, 'Asia/Tokyo')).toBe(iso);
    });

    it('goes back across a month and a year boundary', () => {
      const newYear = Date.parse('2027-01-01T00:10:00Z');
      expect(atOf('23:50', newYear)).toBe('2026-12-31T23:50:00.000Z');
    });
  });

  describe('dates with a wall time', () => {
    it.each([
      ['2026-11-21 14:05', '2026-11-21T13:05:00.000Z'],
      ['2026-11-21T14:05', '2026-11-21T13:05:00.000Z'],
      ['2026-11-21t14:05', '2026-11-21T13:05:00.000Z'],
      ['2026-11-21 14:05:30', '2026-11-21T13:05:30.000Z'],
      ['2026-11-21T14:05:30', '2026-11-21T13:05:30.000Z'],
      ['2026-11-20 2:05 pm', '2026-11-20T13:05:00.000Z'],
      [' 2026-11-20   09:00 ', '2026-11-20T08:00:00.000Z'],
    ])('reads %j in the given zone', (raw, iso) => {
      expect(atOf(raw, NOW, 'Europe/Berlin')).toBe(iso);
    });

    it('does not move a dated time to yesterday', () => {
      expect(errorOf('2026-11-21 23:00')).toContain('in the future');
    });
  });

  describe('ISO times with an offset', () => {
    it.each([
      ['2026-11-21T14:05:00Z', '2026-11-21T14:05:00.000Z'],
      ['2026-11-21T14:05:00z', '2026-11-21T14:05:00.000Z'],
      ['2026-11-21T14:05Z', '2026-11-21T14:05:00.000Z'],
      ['2026-11-21 14:05:00Z', '2026-11-21T14:05:00.000Z'],
      ['2026-11-21T15:05:00+01:00', '2026-11-21T14:05:00.000Z'],
      ['2026-11-21T15:05:00+0100', '2026-11-21T14:05:00.000Z'],
      ['2026-11-21T15:05:00+01', '2026-11-21T14:05:00.000Z'],
      ['2026-11-21T09:05:00-05:00', '2026-11-21T14:05:00.000Z'],
      ['2026-11-21T19:50:00+05:45', '2026-11-21T14:05:00.000Z'],
      ['2026-11-21T14:05:00.987Z', '2026-11-21T14:05:00.000Z'],
    ])('reads %j by its own offset, whatever the zone', (raw, iso) => {
      expect(atOf(raw, NOW, 'Asia/Tokyo')).toBe(iso);
      expect(atOf(raw, NOW, 'America/New_York')).toBe(iso);
    });
  });

  describe('times marked UTC', () => {
    it.each([
      ['14:05 UTC', '2026-11-21T14:05:00.000Z'],
      ['14:05utc', '2026-11-21T14:05:00.000Z'],
      ['2:05pm GMT', '2026-11-21T14:05:00.000Z'],
      ['2026-11-21 14:05 UTC', '2026-11-21T14:05:00.000Z'],
      ['2026-11-20 2:05 pm utc', '2026-11-20T14:05:00.000Z'],
      // Today in UTC has not reached 23:00 yet, although in Tokyo it already has.
      ['23:00 UTC', '2026-11-20T23:00:00.000Z'],
    ])('reads %j in UTC, whatever the zone', (raw, iso) => {
      expect(atOf(raw, NOW, 'Asia/Tokyo')).toBe(iso);
    });
  });

  describe('relative times', () => {
    it.each([
      ['now', '2026-11-21T14:10:20.000Z'],
      ['NOW', '2026-11-21T14:10:20.000Z'],
      ['90s ago', '2026-11-21T14:08:50.000Z'],
      ['90 sec ago', '2026-11-21T14:08:50.000Z'],
      ['15m ago', '2026-11-21T13:55:20.000Z'],
      ['15 min ago', '2026-11-21T13:55:20.000Z'],
      ['15 minutes ago', '2026-11-21T13:55:20.000Z'],
      ['2h ago', '2026-11-21T12:10:20.000Z'],
      ['2 hours ago', '2026-11-21T12:10:20.000Z'],
      ['1h 30m ago', '2026-11-21T12:40:20.000Z'],
      ['1h30m ago', '2026-11-21T12:40:20.000Z'],
      ['1 hour 30 mins ago', '2026-11-21T12:40:20.000Z'],
      ['2d ago', '2026-11-19T14:10:20.000Z'],
      ['0m ago', '2026-11-21T14:10:20.000Z'],
    ])('counts %j back from now, to the whole second', (raw, iso) => {
      expect(atOf(raw)).toBe(iso);
    });
  });

  describe('daylight-saving changes', () => {
    const weekLater = Date.parse('2026-11-08T12:00:00Z');

    it.each([
      ['2026-03-08 02:30', 'America/New_York'],
      ['2026-03-08 02:00', 'America/New_York'],
      ['2026-03-29 02:30', 'Europe/Berlin'],
    ])('rejects %j in %s, a time the clocks skipped', (raw, zone) => {
      const now = Date.parse('2026-04-01T12:00:00Z');
      expect(errorOf(raw, now, zone)).toBe(
        `\`${raw}\` did not exist on ${raw.slice(0, 10)} in ${zone}: ` +
          'the clocks jumped forward past it.',
      );
    });

    it('accepts the first minute after a gap', () => {
      const now = Date.parse('2026-04-01T12:00:00Z');
      expect(atOf('2026-03-08 03:00', now, 'America/New_York')).toBe('2026-03-08T07:00:00.000Z');
    });

    it.each([
      ['2026-11-01 01:30', 'America/New_York', '2026-11-01T05:30:00.000Z'],
      ['2026-10-25 02:30', 'Europe/Berlin', '2026-10-25T00:30:00.000Z'],
    ])('reads %j in %s, a time that happened twice, as the earlier one', (raw, zone, iso) => {
      expect(atOf(raw, weekLater, zone)).toBe(iso);
    });

    describe('on the day New York springs forward', () => {
      it('rejects a skipped clock time typed after the change', () => {
        const fourAm = Date.parse('2026-03-08T08:00:00Z');
        expect(errorOf('02:30', fourAm, 'America/New_York')).toContain('did not exist');
      });

      it('reads a skipped clock time typed before the change as yesterday', () => {
        const halfPastOne = Date.parse('2026-03-08T06:30:00Z');
        expect(atOf('02:30', halfPastOne, 'America/New_York')).toBe('2026-03-07T07:30:00.000Z');
      });
    });

    describe('on the day New York falls back', () => {
      const firstHalfPastOne = Date.parse('2026-11-01T05:30:00Z');
      const secondHalfPastOne = Date.parse('2026-11-01T06:30:00Z');

      it('takes the first 01:15 even when the second one was more recent', () => {
        expect(atOf('01:15', secondHalfPastOne, 'America/New_York')).toBe(
          '2026-11-01T05:15:00.000Z',
        );
      });

      it('takes 01:45 as today once its first occurrence has passed', () => {
        expect(atOf('01:45', secondHalfPastOne, 'America/New_York')).toBe(
          '2026-11-01T05:45:00.000Z',
        );
      });

      it('takes 01:45 as yesterday before its first occurrence', () => {
        expect(atOf('01:45', firstHalfPastOne, 'America/New_York')).toBe(
          '2026-10-31T05:45:00.000Z',
        );
      });
    });
  });

  describe('times in the future', () => {
    it('allows up to one minute ahead of now', () => {
      expect(atOf('2026-11-21 14:11:20')).toBe('2026-11-21T14:11:20.000Z');
    });

    it.each([
      ['2026-11-21 14:12', 'UTC', '2026-11-21 14:12:00 UTC', '2026-11-21 14:10:20 UTC'],
      ['2026-11-21T14:11:21Z', 'UTC', '2026-11-21 14:11:21 UTC', '2026-11-21 14:10:20 UTC'],
      [
        '2026-11-21 16:00',
        'Europe/Berlin',
        '2026-11-21 16:00:00 GMT+1',
        '2026-11-21 15:10:20 GMT+1',
      ],
      [
        '2026-11-22T00:00:00Z',
        'Asia/Tokyo',
        '2026-11-22 09:00:00 GMT+9',
        '2026-11-21 23:10:20 GMT+9',
      ],
    ])('rejects %j in %s, showing it and now in the zone', (raw, zone, shown, now) => {
      expect(errorOf(raw, NOW, zone)).toBe(
        `That time is in the future (${shown}; it is now ${now}).`,
      );
    });
  });

  describe('times long past', () => {
    it.each(['2026-10-22 14:10:20', '30d ago', '720h ago'])('accepts %j, within 30 days', (raw) => {
      expect(() => atOf(raw)).not.toThrow();
    });

    it.each([
      '2026-10-22 14:10:19',
      '2025-11-21 14:05',
      '2026-10-01T10:00:00Z',
      '31d ago',
      '721h ago',
      '99999999999999999999h ago',
    ])('rejects %j as more than 30 days ago', (raw) => {
      expect(errorOf(raw)).toBe(`\`${raw}\` is more than 30 days ago; check the date.`);
    });
  });

  describe('impossible times', () => {
    it.each(['25:00', '24:00', '14:60', '14:05:60', '0pm', '13pm', '13:05 pm', '2026-11-21 24:00'])(
      'rejects %j as not a real time',
      (raw) => {
        expect(errorOf(raw)).toBe(`\`${raw}\` is not a real time.`);
      },
    );

    it.each(['2026-02-30 10:00', '2026-02-29 10:00', '2026-13-01 10:00', '2026-11-00T10:00Z'])(
      'rejects %j as not a real date',
      (raw) => {
        expect(errorOf(raw)).toBe(`\`${raw}\` is not a real date.`);
      },
    );

    it('rejects an offset no zone has', () => {
      expect(errorOf('2026-11-21T14:05+24:00')).toBe(
        '`2026-11-21T14:05+24:00` has no real UTC offset.',
      );
    });
  });

  describe('unreadable input', () => {
    it.each([
      'yesterday',
      'soon',
      '14h05',
      '1405',
      '14.05',
      '15m',
      '15 ago',
      'a while ago',
      '15 fortnights ago',
      '2026-11-21',
      '21/11/2026 14:05',
      '2:05pm+01:00',
      '14:05 CET',
      '14:05 UTC UTC',
      'now UTC',
      '15m ago UTC',
      '2026-11-21T14:05:00Z UTC',
      'x'.repeat(200),
    ])('rejects %j, listing the accepted forms', (raw) => {
      const error = errorOf(raw);
      expect(error).toContain("I couldn't read the time `");
      expect(error).toContain('`14:05`');
      expect(error).toContain('`2026-11-21 14:05`');
      expect(error).toContain('`2026-11-21T14:05:00Z`');
      expect(error).toContain('`15m ago`');
    });

    it('asks for a time when given none', () => {
      expect(errorOf('  ')).toMatch(/^Say when\. Use a clock time/);
    });

    it('rejects an unknown time zone', () => {
      expect(errorOf('14:05', NOW, 'Mars/Olympus_Mons')).toBe(
        'Unknown time zone `Mars/Olympus_Mons`.',
      );
    });
  });
});

describe('looksLikeTime', () => {
  it.each([
    'now',
    '14:05',
    '14:05:30',
    '2:05pm',
    '2:05 PM',
    '2pm',
    '2026-11-21 14:05',
    '2026-11-21T14:05:00Z',
    '2026-11-21T15:05:00+01:00',
    '14:05 UTC',
    '15m ago',
    '15 min ago',
    '1h 30m ago',
    // Shaped like times, so they are reported as bad times rather than read as text.
    '25:00',
    '99:99',
    '2026-02-30 10:00',
  ])('accepts %j', (raw) => {
    expect(looksLikeTime(raw)).toBe(true);
  });

  it.each(['', '2', '2026-11-21', '3h', '1h 30m', 'Traffic', 'now serving', '14:05 failover'])(
    'rejects %j',
    (raw) => {
      expect(looksLikeTime(raw)).toBe(false);
    },
  );
});
