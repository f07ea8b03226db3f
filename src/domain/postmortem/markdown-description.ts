import { PURPOSE_HEADINGS } from '../description/purpose.ts';
import { describeSource, formatTag } from '../description/types.ts';
import { mdText } from './markdown-text.ts';
import type { PostmortemAction, PostmortemDraft } from './model.ts';

// Category, services and tags in the header; follow-ups grouped by what they are for. Lines
// appear only once something was said, so an undescribed incident's draft reads as before.

export function descriptionLines(draft: PostmortemDraft): string[] {
  const lines: string[] = [];
  if (draft.category !== null) lines.push(`- **Category:** ${mdText(draft.category)}`);
  const services = draft.tags.filter((t) => t.key === 'service');
  if (services.length > 0) {
    lines.push(`- **Services:** ${services.map((t) => withSource(t.value, t.source)).join(', ')}`);
  }
  const others = draft.tags.filter((t) => t.key !== 'service');
  if (others.length > 0) {
    lines.push(`- **Tags:** ${others.map((t) => withSource(formatTag(t), t.source)).join(', ')}`);
  }
  return lines;
}

/**
 * Follow-ups by purpose (prevent, detect, mitigate, then unsaid), each group with its heading;
 * a single unsaid group when nobody said what any follow-up is for.
 */
export function followUpGroups(
  followUps: readonly PostmortemAction[],
): Array<{ heading: string | null; actions: PostmortemAction[] }> {
  if (followUps.every((a) => a.purpose === null))
    return [{ heading: null, actions: [...followUps] }];
  const order = ['prevent', 'detect', 'mitigate'] as const;
  const groups = order.map((p) => ({
    heading: PURPOSE_HEADINGS[p],
    actions: followUps.filter((a) => a.purpose === p),
  }));
  groups.push({
    heading: 'Purpose not said',
    actions: followUps.filter((a) => a.purpose === null),
  });
  return groups.filter((g) => g.actions.length > 0);
}

function withSource(text: string, source: string): string {
  return source === 'person' ? mdText(text) : `${mdText(text)} (${describeSource(source)})`;
}
