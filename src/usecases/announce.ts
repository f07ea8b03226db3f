import { slackToSafeMrkdwn } from '../domain/slack-text.ts';
import type { Incident, PeopleDirectory } from '../domain/types.ts';
import { type Deps, failureCode, type OutgoingMessage } from './ports.ts';

/**
 * Posts to the channel after the change is already stored. A Slack failure here must not undo
 * or hide the change: it is logged and reported back as text for the caller.
 */
export async function announce(
  deps: Pick<Deps, 'notifier' | 'logger'>,
  channelId: string,
  message: OutgoingMessage,
): Promise<string | null> {
  try {
    await deps.notifier.post(channelId, message);
    return null;
  } catch (error) {
    const code = failureCode(error);
    deps.logger.warn({ err: error, channelId }, 'channel post failed');
    return `It is recorded, but I could not post to the channel (${code}).`;
  }
}

/**
 * Command text arrives Slack-encoded; this makes it safe to post back (no pings, no markup).
 * Mentions become the names in `people` (the store's directory, read once per reply).
 */
export function quoteUserText(people: PeopleDirectory, text: string): string {
  return slackToSafeMrkdwn(text, people);
}

/** ": note." or "." for announcements that take an optional note. */
export function withNote(people: PeopleDirectory, note: string | null): string {
  return note ? `: ${quoteUserText(people, note)}.` : '.';
}

/**
 * INCIDENTS_CHANNEL hears about every start, severity change and resolution of incidents in
 * public channels. A private incident's title never leaves its channel.
 */
export async function announceElsewhere(
  deps: Deps,
  incident: Incident,
  text: string,
): Promise<void> {
  const target = deps.settings.incidentsChannel;
  if (target === null || target === incident.channelId) return;
  if (incident.isPrivate === true) {
    deps.logger.info(
      { incidentId: incident.id },
      'not announced in INCIDENTS_CHANNEL: the incident is in a private channel',
    );
    return;
  }
  await announce(deps, target, { text });
}
