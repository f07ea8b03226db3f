import type { RelatedView } from '../related/view.ts';
import { mdText } from './markdown-text.ts';
import type { PostmortemDraft } from './model.ts';
import { zoneTimes } from './zone-times.ts';

/**
 * "Related incidents" and "Open follow-ups that could have prevented this", only when something
 * related was found: an empty section in every draft would teach readers to skip it.
 */
export function relatedSections(draft: PostmortemDraft): string[] {
  const view = draft.related;
  if (view === undefined) return [];
  const day = zoneTimes(draft.timeZone).day;
  return ['## Related incidents', '', ...relatedLines(view, day), '', ...followUpSection(view)];
}

function relatedLines(view: RelatedView, day: (ms: number) => string): string[] {
  const lines = view.related.map(
    (r) =>
      `- **${mdText(r.title)}** (${mdText(r.severity.toUpperCase())}, ${day(r.declaredAt)}, ` +
      `incident ${r.incidentId}): ${r.reasons.map(mdText).join(', ')}; ${mdText(r.ended)}.`,
  );
  if (view.hidden > 0) {
    lines.push(
      view.hidden === 1
        ? '- 1 related incident in a private channel, not named here.'
        : `- ${view.hidden} related incidents in private channels, not named here.`,
    );
  }
  return lines.length > 0 ? lines : ['No related past incidents were found.'];
}

function followUpSection(view: RelatedView): string[] {
  if (view.followUps.length === 0 && view.hiddenFollowUps === 0) return [];
  const lines = view.followUps.map(
    (f) =>
      `- ${mdText(f.text)} (incident ${f.incidentId}): ` +
      `${f.owner === null ? 'no owner' : mdText(f.owner)}, ${mdText(f.state)}.`,
  );
  if (view.hiddenFollowUps > 0) {
    lines.push(`- ${view.hiddenFollowUps} more of incidents in private channels, not shown here.`);
  }
  return ['## Open follow-ups that could have prevented this', '', ...lines, ''];
}
