import { describeState } from '../postmortem-life.ts';
import { mdText } from './markdown-text.ts';
import type { PostmortemDraft } from './model.ts';

/** ` (draft)`, ` (in review)`, ` (skipped)` after "Post-mortem"; nothing once published. */
export function stateTag(draft: PostmortemDraft): string {
  const { state } = draft.postmortem;
  return state === 'published' ? '' : ` (${describeState(state)})`;
}

/** The header's line on the post-mortem itself, once someone moved it on from the first draft. */
export function lifeLine(draft: PostmortemDraft, at: (ms: number) => string): string[] {
  const { state, changedAt, changedBy, skipReason } = draft.postmortem;
  if (state === 'draft' && changedAt === null) return [];
  const who = changedBy === null ? '' : ` by ${mdText(changedBy)}`;
  const when = changedAt === null ? '' : ` on ${at(changedAt)}`;
  const why = skipReason === null ? '' : `: ${mdText(skipReason)}`;
  return [`- **Post-mortem:** ${describeState(state)}${who}${when}${why}`];
}
