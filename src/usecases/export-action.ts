import { escapeMrkdwn } from '../domain/slack-text.ts';
import { announce } from './announce.ts';
import { exportOne, type GitHubDeps, issueLink } from './export-issue.ts';
import type { CommandOutcome } from './ports.ts';

export const NO_TRACKER =
  'Exporting to GitHub is not set up. Set GITHUB_TOKEN (a token that may create issues) and GITHUB_REPO (owner/name) and restart the bot.';

const PRIVATE_NOT_EXPORTED =
  'This incident is in a private channel; exporting would publish its content outside it. Nothing was exported.';

/** `/action export <id>`: the action as a GitHub issue, announced in the incident channel. */
export async function exportAction(
  deps: GitHubDeps,
  input: { userId: string; actionId: number },
): Promise<CommandOutcome> {
  const { store, tracker } = deps;
  if (!tracker) return { reply: NO_TRACKER };
  const id = input.actionId;
  // Read one after the other: each answer is re-checked where it matters (the issue is recorded
  // only if none is, and an action never moves to another incident).
  const action = await store.actions.get(id);
  const found = action && {
    action,
    incident: await store.incidents.get(action.incidentId),
    issue: await store.actionIssues.get(id),
  };
  if (!found) return { reply: `There is no action #${id}. See \`/action list\`.` };
  if (found.issue) {
    return { reply: `Action #${id} is already on GitHub: ${issueLink(found.issue)}` };
  }
  if (found.action.status !== 'open') {
    return {
      reply: `Action #${id} is already ${found.action.status}; there is nothing to export.`,
    };
  }
  if (!found.incident) return { reply: `There is no action #${id}. See \`/action list\`.` };
  if (found.incident.isPrivate === true) {
    deps.logger.info({ actionId: id }, 'export refused: the incident is in a private channel');
    return { reply: PRIVATE_NOT_EXPORTED };
  }

  const result = await exportOne(deps, tracker, found.action, found.incident);
  switch (result.kind) {
    case 'busy':
      return { reply: `Action #${id} is being exported right now; it will be announced here.` };
    case 'failed':
      return {
        reply: `I could not create a GitHub issue for #${id}: ${escapeMrkdwn(result.reason)}. Nothing was exported.`,
      };
    case 'existing':
      return { reply: `Action #${id} is already on GitHub: ${issueLink(result.issue)}` };
    case 'exported': {
      const problem = await announce(deps, found.incident.channelId, {
        text: `Exported #${id} to GitHub: ${issueLink(result.issue)}`,
      });
      const reply = `Exported #${id} to GitHub: ${result.issue.url}`;
      return { reply: problem ? `${reply} ${problem}` : reply };
    }
  }
}
