import { slackToPlain } from '../slack-text.ts';
import type { FilledSection, PeopleDirectory, SectionKind } from '../types.ts';

export interface WrittenSections {
  summary: string | null;
  impact: string | null;
  cause: string | null;
  learnings: string[];
}

/**
 * Summary, impact and cause are rewritten as understanding grows, so only the latest counts;
 * every learning stands on its own. A section re-sent empty clears it.
 */
export function writtenSections(
  sections: readonly FilledSection[],
  people: PeopleDirectory,
): WrittenSections {
  const ordered = sections
    .map((section, index) => ({ section, index }))
    .sort((a, b) => a.section.at - b.section.at || a.index - b.index)
    .map(({ section }) => section);
  const latest = (kind: SectionKind) => {
    const found = ordered.filter((s) => s.kind === kind).at(-1);
    return found === undefined ? null : paragraphs(found.text, people) || null;
  };
  return {
    summary: latest('summary'),
    impact: latest('impact'),
    cause: latest('cause'),
    learnings: ordered
      .filter((s) => s.kind === 'learning')
      .map((s) => paragraphs(s.text, people))
      .filter((text) => text !== ''),
  };
}

/** Plain text with one paragraph per line: blank lines and stray spacing carry no meaning. */
export function paragraphs(slackText: string, people: PeopleDirectory): string {
  return slackToPlain(slackText, people)
    .split(/\r?\n/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}
