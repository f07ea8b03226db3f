// The calendar day of an instant in a zone, for counting thousands of follow-ups at once: the
// same answer as `localDay` (domain/reminders.ts), from one Intl formatter per zone instead of a
// TZDate and a date-fns format per call, which made `scribe stats` over 5,000 incidents spend
// most of its time turning close times into days.

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A function from an instant (epoch ms) to its `yyyy-MM-dd` in `timeZone`. */
export function localDayIn(timeZone: string): (at: number) => string {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      calendar: 'gregory',
      numberingSystem: 'latn',
    });
    formatters.set(timeZone, formatter);
  }
  const zoned = formatter;
  return (at) => {
    // en-US writes `MM/DD/YYYY`, and format() is several times cheaper than formatToParts().
    const us = US_DATE.exec(zoned.format(at));
    if (us !== null) return `${(us[3] ?? '').padStart(4, '0')}-${us[1]}-${us[2]}`;
    const part = (type: string) => zoned.formatToParts(at).find((p) => p.type === type)?.value;
    return `${(part('year') ?? '').padStart(4, '0')}-${part('month')}-${part('day')}`;
  };
}

const US_DATE = /^(\d{2})\/(\d{2})\/(\d+)$/;
