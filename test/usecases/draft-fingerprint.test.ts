import { describe, expect, it } from 'vitest';
import { renderPostmortemMarkdown } from '../../src/domain/postmortem/markdown.ts';
import { buildPostmortem } from '../../src/domain/postmortem/model.ts';
import { draftFingerprint } from '../../src/usecases/draft-fingerprint.ts';
import { checkoutIncident } from '../domain/postmortem/fixture.ts';

const markdownAt = (generatedAt: number, sections = checkoutIncident().sections) =>
  renderPostmortemMarkdown(buildPostmortem(checkoutIncident({ generatedAt, sections })));

describe('draftFingerprint', () => {
  it('is the same for drafts that differ only in when they were generated', () => {
    const early = markdownAt(Date.UTC(2026, 10, 21, 15, 0));
    const late = markdownAt(Date.UTC(2026, 10, 21, 18, 30));
    expect(early).not.toBe(late);
    expect(draftFingerprint(early)).toBe(draftFingerprint(late));
  });

  it('changes when anything the draft shows changes, such as a new learning', () => {
    const at = Date.UTC(2026, 10, 21, 15, 0);
    const withLearning = markdownAt(at, [
      ...checkoutIncident().sections,
      { kind: 'learning', text: 'Canary config defaults', authorId: 'U1', at },
    ]);
    expect(draftFingerprint(withLearning)).not.toBe(draftFingerprint(markdownAt(at)));
  });
});
