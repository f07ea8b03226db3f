import { plainToSafeMrkdwn } from '../slack-text.ts';
import { declaredDay, type RelatedView } from './view.ts';

// The channel post naming related incidents: Slack mrkdwn, every piece of user text escaped.

/** Backticked names keep their backticks; only what Slack would parse is escaped. */
function safe(text: string): string {
  return plainToSafeMrkdwn(text);
}

/**
 * The post, or null when it would say nothing. `view` holds only what this post adds: the
 * relations not posted before and their follow-ups.
 */
export function relatedPost(view: RelatedView, timeZone: string): string | null {
  if (view.related.length === 0 && view.hidden === 0) return null;
  const lines = [':link: *Related past incidents*'];
  for (const r of view.related) {
    lines.push(
      `• <#${r.channelId}> *${safe(r.title)}* (${r.severity.toUpperCase()}, ` +
        `${declaredDay(r, timeZone)}): ${r.reasons.map(safe).join(', ')}; ${r.ended}.`,
    );
  }
  if (view.hidden > 0) {
    lines.push(
      view.hidden === 1
        ? '• 1 related incident in a private channel, not named here.'
        : `• ${view.hidden} related incidents in private channels, not named here.`,
    );
  }
  if (view.recurrence !== null) lines.push(safe(view.recurrence));
  if (view.followUps.length > 0 || view.hiddenFollowUps > 0) {
    lines.push('', '*Open follow-ups that could have prevented this*');
    for (const f of view.followUps) {
      const owner = f.owner === null ? 'no owner' : safe(f.owner);
      const from = f.channelId === null ? '' : ` (from <#${f.channelId}>)`;
      lines.push(`• ${safe(f.text)}${from}: ${owner}, ${safe(f.state)}.`);
    }
    if (view.hiddenFollowUps > 0) {
      lines.push(
        `• ${view.hiddenFollowUps} more of incidents in private channels, not shown here.`,
      );
    }
  }
  return lines.join('\n');
}
