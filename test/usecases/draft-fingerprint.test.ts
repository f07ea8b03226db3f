import { describe, expect, it } from 'vitest';
import {
  renderMarkdownParts,
  renderPostmortemMarkdown,
} from '../../src/domain/postmortem/markdown.ts';
import { deletedCount } from '../../src/domain/postmortem/markdown-transcript.ts';
import { buildPostmortem } from '../../src/domain/postmortem/model.ts';
import { draftFingerprint } from '../../src/usecases/draft-fingerprint.ts';
import { markdownText, utf8Parts } from '../../src/usecases/draft-markdown.ts';
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

  it('is the same for the Markdown as text and as the UTF-8 parts it was rendered in', () => {
    const at = Date.UTC(2026, 10, 21, 15, 0);
    const draft = buildPostmortem(checkoutIncident({ generatedAt: at }));
    const text = renderPostmortemMarkdown(draft);
    const source = { lines: draft.transcript, deleted: deletedCount(draft.transcript) };
    for (const partChars of [1, 7, 64, 1000, 1 << 20]) {
      const parts = utf8Parts(renderMarkdownParts(draft, source, partChars));
      expect(markdownText(parts)).toBe(text);
      expect(draftFingerprint(parts)).toBe(draftFingerprint(text));
    }
    const later = buildPostmortem(checkoutIncident({ generatedAt: at + 3_600_000 }));
    expect(draftFingerprint(utf8Parts(renderMarkdownParts(later, source, 64)))).toBe(
      draftFingerprint(text),
    );
  });
});
