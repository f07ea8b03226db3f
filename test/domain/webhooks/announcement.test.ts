import { describe, expect, it } from 'vitest';
import { alertAnnouncement, MAX_LINES } from '../../../src/domain/webhooks/announcement.ts';
import { webhookAlert } from './alert.ts';

const NOW = Date.UTC(2026, 10, 21, 14, 30);
const UTC = { timeZone: 'UTC', now: NOW };
const STARTS = Math.floor(Date.UTC(2026, 10, 21, 14, 2, 7) / 1000);

describe('alertAnnouncement', () => {
  it('says state, name, severity, since when and where from, in one line', () => {
    expect(alertAnnouncement([webhookAlert()], UTC)).toBe(
      `:red_circle: *FIRING* HighErrorRate · critical · since <!date^${STARTS}^{time}|14:02 UTC> · ` +
        '<http://prometheus:9090/graph?g0.expr=x&amp;g0.tab=1|Alertmanager>',
    );
  });

  it('says when a resolved alert ended, and adds a summary that differs from the name', () => {
    const resolved = webhookAlert({
      state: 'resolved',
      severity: null,
      endsAt: Date.UTC(2026, 10, 21, 14, 20),
      summary: '5xx ratio back under 1%',
      url: null,
      source: 'grafana',
    });
    expect(alertAnnouncement([resolved], { timeZone: 'Europe/Berlin', now: NOW })).toBe(
      `:large_green_circle: *RESOLVED* HighErrorRate · ended <!date^${Date.UTC(2026, 10, 21, 14, 20) / 1000}^{time}|15:20 GMT+1> · ` +
        'Grafana — 5xx ratio back under 1%',
    );
  });

  it('shows the date for an alert that started on another day', () => {
    const old = webhookAlert({ startsAt: Date.UTC(2026, 10, 20, 23, 0), source: 'generic' });
    expect(alertAnnouncement([old], UTC)).toContain(
      `since <!date^${Date.UTC(2026, 10, 20, 23, 0) / 1000}^{date_short} {time}|2026-11-20 23:00 UTC>`,
    );
    expect(alertAnnouncement([old], UTC)).toContain('|source>');
  });

  it('marks acknowledged and info alerts, and leaves out a missing time', () => {
    const text = alertAnnouncement(
      [
        webhookAlert({ state: 'acknowledged', startsAt: null }),
        webhookAlert({ state: 'info', startsAt: null }),
      ],
      UTC,
    );
    expect(text.split('\n')).toEqual([
      expect.stringMatching(/^:large_yellow_circle: \*ACKNOWLEDGED\* HighErrorRate · critical · </),
      expect.stringMatching(/^:information_source: \*INFO\* HighErrorRate · critical · </),
    ]);
  });

  it('cannot ping anyone, whatever the alert says', () => {
    const text = alertAnnouncement(
      [
        webhookAlert({
          name: '<!channel> DB down',
          severity: '<!here>',
          summary: 'wake up @everyone <@U123> <!subteam^S1|@oncall> & <https://evil|click>',
        }),
      ],
      UTC,
    );
    expect(text).not.toMatch(/<(!(channel|here|everyone|subteam)|@|#)/);
    expect(text).not.toMatch(/(^|[^\w])@(channel|here|everyone)\b/);
    expect(text).toContain('&lt;!channel&gt; DB down');
    expect(text).toContain('&amp; &lt;https://evil|click&gt;');
  });

  it(`stays within ${MAX_LINES} lines for an alert storm`, () => {
    const storm = Array.from({ length: 45 }, (_, i) => webhookAlert({ name: `Alert${i}` }));
    const lines = alertAnnouncement(storm, UTC).split('\n');
    expect(lines).toHaveLength(MAX_LINES);
    expect(lines.at(-2)).toContain('Alert18');
    expect(lines.at(-1)).toBe('…and 26 more alerts, all recorded for the timeline.');
    expect(alertAnnouncement(storm.slice(0, MAX_LINES), UTC).split('\n')).toHaveLength(MAX_LINES);
  });

  it('condenses long names and summaries', () => {
    const long = webhookAlert({ name: 'N'.repeat(500), summary: 'S'.repeat(500) });
    expect(alertAnnouncement([long], UTC).length).toBeLessThan(500);
  });
});
