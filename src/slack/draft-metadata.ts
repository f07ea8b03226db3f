import type { BotIdentity } from './notifier.ts';

/** The metadata event type of a draft summary (Slack: letters, digits and underscores). */
export const DRAFT_EVENT_TYPE = 'incident_scribe_draft';

/** Carried by each draft summary, so a replica taking an interrupted delivery over can find it. */
export function draftMetadata(postmortemId: number) {
  return { event_type: DRAFT_EVENT_TYPE, event_payload: { postmortem_id: postmortemId } };
}

/** A message of this bot's (by bot id, or user id when Slack gave no bot id) summarising the draft. */
export function isDraftSummary(
  message: Record<string, unknown>,
  self: BotIdentity,
  postmortemId: number,
): boolean {
  const ours =
    (self.botId !== null && message.bot_id === self.botId) ||
    (self.userId !== null && message.user === self.userId);
  const metadata = message.metadata as
    | { event_type?: unknown; event_payload?: { postmortem_id?: unknown } }
    | undefined;
  return (
    ours &&
    metadata?.event_type === DRAFT_EVENT_TYPE &&
    Number(metadata.event_payload?.postmortem_id) === postmortemId
  );
}
