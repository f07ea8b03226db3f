import { describe, expect, it } from 'vitest';
import { aMessage, anIncident, at } from '../builders.ts';
import { checkoutIncident, writtenCheckoutIncident } from './fixture.ts';
import { md, sectionOf, withSections, written } from './markdown-helpers.ts';

describe('the header', () => {
  it('says when it was declared, mitigated and resolved', () => {
    expect(md()).toContain(
      [
        '- **Declared:** 2026-11-21 14:05:00 UTC',
        '- **Mitigated:** 2026-11-21 14:31:20 UTC',
        '- **Resolved:** 2026-11-21 15:02:00 UTC',
        '- **Reporter:** Alice',
      ].join('\n'),
    );
  });

  it('says when a resolution stands in for the mitigation', () => {
    const input = checkoutIncident();
    const incident = anIncident({ status: 'resolved', resolvedAt: at(15, 2) });
    expect(md({ ...input, incident })).toContain(
      '- **Mitigated:** 2026-11-21 15:02:00 UTC (no separate mitigation recorded)',
    );
  });
});

describe('Summary', () => {
  it('prompts for a summary until one is written', () => {
    expect(sectionOf(md(), 'Summary')).toBe(
      '_Write two or three sentences with `/incident summary <text>`: what happened, who was affected, how it ended._',
    );
  });

  it('shows the latest summary, one paragraph per line', () => {
    expect(sectionOf(md(writtenCheckoutIncident()), 'Summary')).toBe(
      'Checkout returned 500s for 29 minutes after the 4.2.0 deploy.\n\n' +
        'Rolling back to 4.1.9 & restarting the pods ended it.',
    );
  });

  it('cannot open a heading, a code fence or HTML', () => {
    const doc = withSections(written('summary', '## Not a heading\n```\n&lt;details&gt; open'));
    expect(sectionOf(doc, 'Summary')).toBe('\\## Not a heading\n\n\\```\n\n\\<details> open');
  });
});

describe('Impact', () => {
  it('prompts for who, how many and the cost, and states how long it lasted', () => {
    const body = sectionOf(md(), 'Impact');
    expect(body).toMatch(/^_Who was affected, and how many\?/);
    expect(body).toContain(
      'Impact lasted **29m**, from impact start (2026-11-21 14:01:30 UTC) to mitigation (2026-11-21 14:31:20 UTC).',
    );
    expect(body).toMatch(/_What did it cost the business: .*_$/);
  });

  it('shows what was written, followed by the duration', () => {
    const body = sectionOf(withSections(written('impact', '12% of checkouts failed')), 'Impact');
    expect(body).toBe(
      '12% of checkouts failed\n\nImpact lasted **29m**, from impact start (2026-11-21 14:01:30 UTC) to mitigation (2026-11-21 14:31:20 UTC).',
    );
  });

  it('says when the impact is not mitigated yet', () => {
    const input = checkoutIncident();
    expect(sectionOf(md({ ...input, incident: anIncident() }), 'Impact')).toContain(
      'Impact started at 2026-11-21 14:01:30 UTC and is not mitigated yet.',
    );
  });
});

describe('Detection', () => {
  it('says how we found out, from which alert, and asks whether it could be sooner', () => {
    expect(sectionOf(md(), 'Detection')).toBe(
      [
        'Our monitoring found it (Alertmanager).',
        '',
        '- **Detected:** 2026-11-21 14:01:30 UTC — first firing alert "[FIRING:1] HighErrorRate (checkout prod)" (Alertmanager)',
        '- **Impact start:** 2026-11-21 14:01:30 UTC — first firing alert "[FIRING:1] HighErrorRate (checkout prod)" (Alertmanager)',
        '- **Time to detect (TTD):** 0s, from impact start to detection',
        '',
        '_Could we have detected it sooner? Which signal would have told us earlier, and why did it not?_',
      ].join('\n'),
    );
  });

  it('names the person who noticed it', () => {
    const input = checkoutIncident({ messages: [], alerts: [] });
    expect(sectionOf(md(input), 'Detection')).toMatch(
      /^Alice noticed it and declared the incident\.\n\n- \*\*Detected:\*\* 2026-11-21 14:05:00 UTC — declared by \/incident start/,
    );
  });
});

describe('Response', () => {
  it('gives the response times and who did what', () => {
    expect(sectionOf(md(), 'Response')).toBe(
      [
        '- **Time to declare:** 3m, from detection to declaration',
        '- **Time to acknowledge (TTA):** 3m, from detection to the first human response',
        '- **Time to lead:** 1m, from declaration to the first lead named',
        '- **Time to first action:** 35m, from declaration to the first action item',
        '',
        '### Who did what',
        '',
        '- **Alice:** declared the incident, 2 messages',
        '- **Bob:** lead, posted 1 status update, marked mitigated, resolved, added 1 action item, 2 messages',
        '- **Carol:** 2 messages',
      ].join('\n'),
    );
  });

  it('says "not yet" and "nobody" when nothing happened', () => {
    const input = checkoutIncident({ events: [], messages: [] });
    const body = sectionOf(md({ ...input, incident: anIncident() }), 'Response');
    expect(body).toContain('- **Time to lead:** not yet, from declaration to the first lead named');
    expect(body).toContain('_Nobody is recorded as responding._');
  });
});

describe('Key times and metrics', () => {
  it('keeps the tables and episodes, and leaves detection to its own section', () => {
    const body = sectionOf(md(), 'Key times and metrics');
    expect(body).toMatch(/^\| Point +\| Time +\| Source +\|/);
    expect(body).toContain('### Alert episodes');
    expect(body).not.toContain('**Detection:**');
  });
});

describe('Timeline', () => {
  it('says how many deleted messages it leaves out', () => {
    expect(sectionOf(md(), 'Timeline')).toMatch(/\n\n_1 deleted message is left out\._$/);
    const twice = checkoutIncident();
    const more = [...twice.messages, aMessage({ postedAt: at(14, 38), deleted: true })];
    expect(sectionOf(md({ ...twice, messages: more }), 'Timeline')).toMatch(
      /_2 deleted messages are left out\._$/,
    );
  });

  it('says nothing about deletes when there were none', () => {
    const input = checkoutIncident();
    const kept = input.messages.filter((m) => !m.deleted);
    expect(sectionOf(md({ ...input, messages: kept }), 'Timeline')).not.toContain('deleted');
  });
});
