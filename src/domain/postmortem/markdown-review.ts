import { followUpGroups } from './markdown-description.ts';
import { mdCell, table } from './markdown-text.ts';
import type { PostmortemAction, PostmortemDraft } from './model.ts';

export function actionItems(draft: PostmortemDraft): string[] {
  if (draft.actions.length === 0) return ['No action items yet — add them with `/action`.'];
  const part = (title: string, kind: string, only?: readonly PostmortemAction[]) => {
    const rows = only ?? draft.actions.filter((a) => a.kind === kind);
    if (rows.length === 0) return [];
    return [
      `### ${title}`,
      '',
      ...table(
        ['#', 'Action', 'Owner', 'Due', 'Priority', 'Status'],
        rows.map((a) => [
          String(a.id),
          mdCell(a.text),
          a.owner === null ? '—' : mdCell(a.owner),
          a.due ?? '—',
          a.priority?.toUpperCase() ?? '—',
          a.purpose === null ? a.status : `${a.status} (${a.purpose})`,
        ]),
      ),
      '',
    ];
  };
  const lines = [
    // Long-term work by what it is for; immediate fixes (tasks) stay apart below.
    ...followUpGroups(draft.actions.filter((a) => a.kind === 'follow_up')).flatMap((g) =>
      part(
        g.heading === null ? 'Follow-ups (after mitigation)' : `Follow-ups: ${g.heading}`,
        'follow_up',
        g.actions,
      ),
    ),
    ...part('Tasks during the incident', 'task'),
  ];
  return lines.slice(0, -1);
}

/**
 * Only when something was found: an empty "no blame found" section would read as a verdict on
 * the people involved, which is not what a phrase list can give.
 */
export function blamelessReview(draft: PostmortemDraft): string[] {
  if (draft.blameless.length === 0) return [];
  return [
    '## Blameless review',
    '',
    'These phrases in the record read as blame. Consider rewording them in the final write-up; ' +
      'what people said has not been changed.',
    '',
    ...table(
      ['Where', 'Quote', 'Suggestion'],
      draft.blameless.map((f) => [mdCell(f.where), mdCell(`“${f.quote}”`), mdCell(f.suggestion)]),
    ),
    '',
    ...(draft.blamelessMore === 0 ? [] : [`_${moreBlame(draft.blamelessMore)}_`, '']),
  ];
}

/** What the review left out of its list: only counted (the transcript has them all). */
export function moreBlame(n: number): string {
  const phrases = n === 1 ? '1 more phrase' : `${n.toLocaleString('en')} more phrases`;
  return `…and ${phrases} later in the channel, not listed: the transcript has them.`;
}
