// Steps and payloads the end-to-end files share: a command whose answer is a channel post, a
// regenerated post-mortem draft, and a firing Alertmanager webhook.
import type { CommandResult, Harness } from './harness.ts';

export interface CommandInput {
  userId: string;
  channelId: string;
  command: string;
  text: string;
}

/**
 * Sends a command whose answer is a channel post and resolves once one more chat.postMessage
 * came; counting first, so a post made before the command does not count as its answer.
 */
export async function commandThenPost(h: Harness, input: CommandInput): Promise<CommandResult> {
  const posts = h.slack.callsTo('chat.postMessage').length;
  const result = await h.command(input);
  await h.slack.waitForCall('chat.postMessage', posts + 1);
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
