import { safeLine } from '../../domain/mrkdwn.ts';
import type { PostmortemSummary } from '../../domain/postmortem/summary.ts';
import { context, type SlackBlock } from './slack-block.ts';

const TITLE_MAX = 80;
const REASON_MAX = 120;

/**
 * One context line naming the related incidents and counting the follow-ups that could have
 * prevented this one: the draft file has them in full. Nothing when none were found; incidents
 * in other private channels only counted, as everywhere.
 */
export function relatedNote(draft: Pick<PostmortemSummary, 'related'>): SlackBlock[] {
  const view = draft.related;
  if (view === undefined) return [];
  const parts = view.related.map(
    (r) =>
      `<#${r.channelId}> ${safeLine(r.title, TITLE_MAX)} (${safeLine(r.reasons.join(', '), REASON_MAX)})`,
  );
  if (view.hidden > 0) parts.push(`${view.hidden} in private channels, not named`);
  const followUps = view.followUps.length + view.hiddenFollowUps;
  const tail =
    followUps === 0
      ? ''
      : ` · *${followUps} open or dropped follow-up${followUps === 1 ? '' : 's'}* of theirs could have prevented this (see the draft)`;
  if (parts.length === 0 && tail === '') return [];
  return [context(`:link: *Related:* ${parts.join('; ')}${tail}`)];
}
