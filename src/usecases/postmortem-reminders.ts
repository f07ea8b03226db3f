import type { OverduePostmortem } from '../domain/postmortem-life.ts';
import type { OutgoingMessage, PostmortemReminderItem } from './ports.ts';
import type { MembersOf } from './reminder-routing.ts';

/**
 * Splits a lead's overdue drafts between the DM and the channels of private incidents the lead
 * is not a member of (a private title never leaves its channel): those channels get a line.
 */
export async function routePostmortems(
  overdue: readonly OverduePostmortem[],
  recipient: string,
  membersOf: MembersOf,
): Promise<{ direct: PostmortemReminderItem[]; inChannel: string[] }> {
  const direct: PostmortemReminderItem[] = [];
  const inChannel: string[] = [];
  for (const { incident, dueDay } of overdue) {
    const mayDm =
      incident.isPrivate !== true || (await membersOf(incident.channelId))?.has(recipient) === true;
    if (mayDm) {
      direct.push({
        incidentId: incident.id,
        incidentTitle: incident.title,
        channelId: incident.channelId,
        dueDay,
      });
    } else inChannel.push(incident.channelId);
  }
  return { direct, inChannel };
}

/** The line for a private incident's channel: no title needed there, no mention, no button. */
export function postmortemChannelReminder(): OutgoingMessage {
  return {
    text:
      ":alarm_clock: Reminder: this incident's post-mortem is still a draft past its due day " +
      '(its lead is not in this private channel, so it was not sent as a DM). Once it is ' +
      'reviewed, run `/incident review`.',
  };
}
