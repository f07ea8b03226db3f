import { describe, expect, it } from 'vitest';
import { writtenSections } from '../../../src/domain/postmortem/filled-sections.ts';
import type { FilledSection, SectionKind } from '../../../src/domain/types.ts';
import { at, people } from '../builders.ts';

const written = (kind: SectionKind, text: string, atMs: number): FilledSection => ({
  kind,
  text,
  authorId: 'U0ALICE',
  at: atMs,
});

describe('writtenSections', () => {
  it('leaves every section empty when nothing was written', () => {
    expect(writtenSections([], people)).toEqual({
      summary: null,
      impact: null,
      cause: null,
      learnings: [],
    });
  });

  it('takes the latest summary, impact and cause, whatever order they arrive in', () => {
    const result = writtenSections(
      [
        written('summary', 'second', at(15, 10)),
        written('summary', 'first', at(15, 0)),
        written('impact', 'only', at(15, 5)),
        written('cause', 'old', at(15, 1)),
        written('cause', 'same time, written later', at(15, 1)),
      ],
      people,
    );
    expect(result).toMatchObject({
      summary: 'second',
      impact: 'only',
      cause: 'same time, written later',
    });
  });

  it('keeps every learning, oldest first', () => {
    const result = writtenSections(
      [
        written('learning', 'canary config too', at(15, 2)),
        written('summary', 'x', at(15, 0)),
        written('learning', 'page the owner', at(15, 1)),
      ],
      people,
    );
    expect(result.learnings).toEqual(['page the owner', 'canary config too']);
  });

  it('decodes Slack text and keeps line breaks as paragraphs', () => {
    const result = writtenSections(
      [
        written(
          'summary',
          '<@U0BOB> rolled back &amp; it recovered.\n\n  Customers   saw 500s.  \n',
          at(15, 0),
        ),
      ],
      people,
    );
    expect(result.summary).toBe('@Bob rolled back & it recovered.\nCustomers saw 500s.');
  });

  it('treats a section that is only whitespace as not written', () => {
    const result = writtenSections([written('impact', ' \n ', at(15, 0))], people);
    expect(result.impact).toBeNull();
  });
});
