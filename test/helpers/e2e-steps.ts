// Steps and payloads the end-to-end files share: a command whose answer is a channel post, a
// regenerated post-mortem draft, a firing Alertmanager webhook, and the channel events Slack sends
// (a message, an Alertmanager post, an edit, a deletion).
import { type CommandResult, type Harness, tsAt } from './harness.ts';

export interface CommandInput {
  userId: string;
  channelId: string;
  command: string;
  text: string;
}

/**
 * Sends a command whose answer is a post in `channel` (default: the command's own) and resolves
 * once one more chat.postMessage came there; counting first, so a post made before the command
 * does not count as its answer, and only there, so another incident still posting in its own
 * channel (its related incidents, after its draft) does not either.
 */
export async function commandThenPost(
  h: Harness,
  input: CommandInput,
  channel = input.channelId,
): Promise<CommandResult> {
  const posts = () =>
    h.slack.callsTo('chat.postMessage').filter((call) => call.args.channel === channel).length;
  const before = posts();
  const result = await h.command(input);
  await h.slack.waitFor(() => posts() > before);
  return result;
}

/**
 * `/incident postmortem` by `userId` in `channelId`: resolves with the draft's Markdown once a new
 * post-mortem row is stored and the draft is posted.
 */
export async function redraft(h: Harness, channelId: string, userId = 'UANN'): Promise<string> {
  const drafts = h.count('postmortems');
  await h.command({ userId, channelId, command: '/incident', text: 'postmortem' });
  await h.slack.waitFor(() => h.count('postmortems') > drafts);
  return h.postedDraft();
}

export interface FiringAlert {
  alertname: string;
  summary: string;
  startsAt: number;
  fingerprint: string;
}

/** The body Alertmanager (webhook version 4) posts for one critical alert that is firing. */
export function firingWebhook(alert: FiringAlert) {
  const labels = { alertname: alert.alertname, severity: 'critical' };
  return {
    version: '4',
    groupKey: `{}:{alertname="${alert.alertname}"}`,
    status: 'firing',
    receiver: 'incident-scribe',
    groupLabels: { alertname: alert.alertname },
    commonLabels: labels,
    commonAnnotations: {},
    externalURL: 'http://alertmanager.example',
    alerts: [
      {
        status: 'firing',
        labels,
        annotations: { summary: alert.summary },
        startsAt: new Date(alert.startsAt).toISOString(),
        endsAt: '0001-01-01T00:00:00Z',
        generatorURL: 'http://prometheus.example/graph',
        fingerprint: alert.fingerprint,
      },
    ],
  };
}

/** A message `userId` posted in `channel` at `at` (ms); `extra` adds fields (thread_ts, edited…). */
export function said(
  channel: string,
  userId: string,
  at: number,
  text: string,
  extra: Record<string, unknown> = {},
) {
  return { type: 'message', channel, user: userId, text, ts: tsAt(at), ...extra };
}

export interface AlertPostOptions {
  state?: 'firing' | 'resolved';
  /** Left out of the attachment unless given, as some senders leave it out. */
  fallback?: string;
}

/** Alertmanager's Slack notification for CheckoutErrors, posted by its bot in `channel` at `at`. */
export function alertPost(channel: string, at: number, options: AlertPostOptions = {}) {
  const firing = (options.state ?? 'firing') === 'firing';
  return {
    type: 'message',
    subtype: 'bot_message',
    channel,
    ts: tsAt(at),
    bot_id: 'BALERTS',
    username: 'Alertmanager',
    text: '',
    attachments: [
      {
        color: firing ? 'danger' : 'good',
        title: `[${firing ? 'FIRING:1' : 'RESOLVED'}] CheckoutErrors (checkout prod)`,
        ...(options.fallback === undefined ? {} : { fallback: options.fallback }),
      },
    ],
  };
}

/** The event Slack sends at `at` when a message in `channel` was edited from `previous`. */
export function edited(channel: string, at: number, message: object, previous: object) {
  return {
    type: 'message',
    subtype: 'message_changed',
    channel,
    ts: tsAt(at),
    message,
    previous_message: previous,
  };
}

/** The event Slack sends at `at` when the message `deletedTs` in `channel` was deleted. */
export function deleted(channel: string, at: number, deletedTs: string) {
  return {
    type: 'message',
    subtype: 'message_deleted',
    channel,
    ts: tsAt(at),
    deleted_ts: deletedTs,
  };
}
