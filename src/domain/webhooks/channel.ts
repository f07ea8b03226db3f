import type { WebhookAlert } from './types.ts';

/** Public (C…) and older private (G…) channel ids; DMs and channel names are not accepted. */
export const CHANNEL_ID = /^[CG][A-Z0-9]{2,}$/;

export type ChannelChoice = { ok: true; channelId: string } | { ok: false; error: string };

/**
 * Which channel a delivery belongs to: the URL's `?channel=` wins, else what the payload names.
 * Alerts that name no channel go along with those that do (the sender grouped them together),
 * but two different channels in one payload are refused rather than guessed between.
 */
export function chooseChannel(
  query: string | null,
  payload: { alerts: readonly WebhookAlert[]; channelHint: string | null },
): ChannelChoice {
  if (query !== null) return validChannel(query.trim());
  const named = new Set<string>();
  if (payload.channelHint !== null) named.add(payload.channelHint);
  for (const alert of payload.alerts) if (alert.channelHint !== null) named.add(alert.channelHint);
  const [first, ...others] = named;
  if (first === undefined) {
    return {
      ok: false,
      error:
        'no channel given: add ?channel=C… to the webhook URL, or name it in the payload ' +
        '(the "channel" field of /hooks/generic, or a slack_channel or channel label, or a ' +
        'slack_channel annotation)',
    };
  }
  if (others.length > 0) {
    return {
      ok: false,
      error:
        `the alerts name different channels (${[...named].join(', ')}): ` +
        'send them separately or add ?channel=C… to the webhook URL',
    };
  }
  return validChannel(first);
}

function validChannel(candidate: string): ChannelChoice {
  if (CHANNEL_ID.test(candidate)) return { ok: true, channelId: candidate };
  const shown = JSON.stringify(candidate.slice(0, 80));
  return {
    ok: false,
    error:
      `${shown} is not a Slack channel id: use the id shown at the bottom of the channel's ` +
      'details, such as C0123ABCD, not its name',
  };
}
