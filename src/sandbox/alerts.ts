import { editMessage, postMessage, Refusal, type Workspace } from '../stand-in/index.ts';
import { type AlertState, alertSample } from './alert-samples.ts';

/**
 * A monitoring tool posts into a channel, as its integration would. Sentry edits its firing
 * message when the issue is resolved; the others post a new message. Returns the message's ts.
 */
export function injectAlert(
  workspace: Workspace,
  input: { channel: string; source: string; state: string },
): string {
  const sample = alertSample(input.source);
  if (!sample) {
    throw new Refusal(400, `Unknown alert source "${input.source}" (try alertmanager or sentry).`);
  }
  if (input.state !== 'firing' && input.state !== 'resolved') {
    throw new Refusal(400, `"state" must be "firing" or "resolved" (got "${input.state}").`);
  }
  const state: AlertState = input.state;
  const channel = workspace.findChannel(input.channel);
  if (!channel || channel.isIm || channel.isMpim) {
    throw new Refusal(404, `There is no channel "${input.channel}" for alerts to go to.`);
  }
  const fields = sample.message(state, workspace.now());
  if (sample.editsInPlace && state === 'resolved') {
    const firing = [...workspace.messagesIn(channel.id)]
      .reverse()
      .find((m) => m.bot_id === fields.bot_id && m.thread_ts === undefined);
    if (firing) {
      const editor = typeof fields.user === 'string' ? fields.user : (firing.user ?? '');
      editMessage(workspace, firing, fields, editor);
      return firing.ts;
    }
  }
  const ts = workspace.nextTs();
  postMessage(workspace, { channel: channel.id, ts, ...fields });
  return ts;
}
