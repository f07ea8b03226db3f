import { describe, expect, it } from 'vitest';
import { aMessage, anEvent, anIncident, at } from '../builders.ts';
import { checkoutIncident } from './fixture.ts';
import { md, sectionOf, withSections, written } from './markdown-helpers.ts';

describe('Root cause (five whys)', () => {
  it('asks for the cause, then scaffolds five whys', () => {
    expect(sectionOf(md(), 'Root cause (five whys)')).toMatch(
      /^_Write the cause with `\/incident cause <text>`, then test it: .*_\n\n1\. Why …\?\n2\. Why …\?\n3\. Why …\?\n4\. Why …\?\n5\. Why …\?$/,
    );
  });

  it('puts the written cause before the whys', () => {
    const body = sectionOf(
      withSections(written('cause', 'Pool default changed')),
      'Root cause (five whys)',
    );
    expect(body).toMatch(/^Pool default changed\n\n_Test it: .*_\n\n1\. Why …\?/);
  });
});

describe('sections only people can write', () => {
  it.each(['Contributing factors', 'What went well', 'What went poorly', 'Where we got lucky'])(
    '%s carries a prompt',
    (heading) => {
      expect(sectionOf(md(), heading)).toMatch(/^_[^\n]+_$/);
    },
  );
});

describe('Three key learnings', () => {
  it('numbers the learnings written, then leaves slots up to three', () => {
    const body = sectionOf(
      withSections(written('learning', 'one', 1), written('learning', 'two', 2)),
      'Three key learnings',
    );
    expect(body).toBe(
      '_What else should everyone take away from this incident?_\n\n1. one\n2. two\n3. …',
    );
  });

  it('lists every learning when there are more than three, without a prompt', () => {
    const four = [1, 2, 3, 4].map((n) => written('learning', `learning ${n}`, n));
    expect(sectionOf(withSections(...four), 'Three key learnings')).toBe(
      '1. learning 1\n2. learning 2\n3. learning 3\n4. learning 4',
    );
  });
});

describe('Blameless review', () => {
  it('is left out when nothing reads as blame', () => {
    expect(md()).not.toContain('## Blameless review');
  });

  it('lists each finding with where it was, the quote and a suggestion', () => {
    const doc = withSections(written('impact', 'Every | checkout failed; ops messed up.'));
    expect(sectionOf(doc, 'Blameless review')).toBe(
      [
        'These phrases in the record read as blame. Consider rewording them in the final write-up; what people said has not been changed.',
        '',
        '| Where  | Quote                                      | Suggestion                                                          |',
        '| ------ | ------------------------------------------ | ------------------------------------------------------------------- |',
        '| Impact | “Every \\| checkout failed; ops messed up.” | Describe what happened and what made it possible, not who caused it |',
      ].join('\n'),
    );
    // The record itself is quoted as written.
    expect(sectionOf(doc, 'Impact')).toMatch(/^Every \| checkout failed; ops messed up\./);
  });
});

describe('Appendix: channel transcript', () => {
  it('lists every message, replies indented, edits and deletes marked', () => {
    const body = sectionOf(md(), 'Appendix: channel transcript');
    expect(body).toContain(
      [
        '- **14:10:00** Alice: should we roll back?',
        '  - **14:11:00** Carol: yes, @Bob go ahead',
        '- **14:16:00** Deploy Bot: Rollback of checkout to 4.1.9 started (deploy #8812)',
      ].join('\n'),
    );
    expect(body).toContain('- **14:07:40** Bob: errors started right after the 4.2.0 deploy');
    expect(body).toContain('\\<details> attached _(edited)_');
    expect(body).toMatch(/- \*\*14:37:00\*\* Carol: _\(message deleted\)_$/);
  });

  it('never shows what a deleted message said, anywhere', () => {
    expect(md()).not.toContain('oops wrong channel');
  });

  it('groups by day in the draft zone and dates a reply from a later day', () => {
    const parent = aMessage({ postedAt: at(4, 50), text: 'parent' });
    const input = checkoutIncident({
      timeZone: 'America/New_York',
      incident: anIncident({ declaredAt: at(4, 30) }),
      events: [anEvent({ at: at(4, 30) })],
      messages: [
        parent,
        aMessage({ postedAt: at(5, 10), threadTs: parent.ts, userId: 'U0BOB', text: 'reply' }),
        aMessage({ postedAt: at(5, 20), userId: 'U0CAROL', text: 'next day' }),
      ],
    });
    expect(sectionOf(md(input), 'Appendix: channel transcript')).toBe(
      [
        '_Times in America/New_York._',
        '',
        '### 2026-11-20',
        '',
        '- **23:50:00** Alice: parent',
        '  - **2026-11-21 00:10:00** Bob: reply',
        '',
        '### 2026-11-21',
        '',
        '- **00:20:00** Carol: next day',
      ].join('\n'),
    );
  });

  it('says so when nobody spoke', () => {
    expect(sectionOf(md(checkoutIncident({ messages: [] })), 'Appendix: channel transcript')).toBe(
      '_Nothing was said in the channel._',
    );
  });
});
