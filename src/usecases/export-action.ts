import { actionIssue } from '../domain/action-issue.ts';
import { escapeMrkdwn } from '../domain/slack-text.ts';
import type { ActionItem, Incident } from '../domain/types.ts';
import {
  type IssueTracker,
  IssueTrackerError,
  issueReference,
} from '../integrations/github/tracker.ts';
import type { ActionIssue, ActionIssueRepository } from '../store/action-issues.ts';
import type { Store } from '../store/index.ts';
import { announce } from './announce.ts';
import type { CommandOutcome, Deps } from './ports.ts';

/** The store with the exported issues (`actionIssues`) beside the other repositories. */
export type IssueStore = Store & { actionIssues: ActionIssueRepository };

/** What exporting and syncing need: the usual dependencies plus the tracker, if configured. */
export type GitHubDeps = Omit<Deps, 'store'> & {
  store: IssueStore;
  /** Null when GITHUB_TOKEN / GITHUB_REPO are not set. */
  tracker: IssueTracker | null;
  /** The workspace URL (`https://acme.slack.com/`) for links back; app_redirect without it. */
  slackTeamUrl?: string | null;
};

export const NO_TRACKER =
  'Exporting to GitHub is not set up. Set GITHUB_TOKEN (a token that may create issues) and GITHUB_REPO (owner/name) and restart the bot.';

export const PRIVATE_NOT_EXPORTED =
  'This incident is in a private channel; exporting would publish its content outside it. Nothing was exported.';

/** Actions being exported right now, per store: a second request must not open a second issue. */
const inFlight = new WeakMap<object, Set<number>>();

function flights(store: object): Set<number> {
  let set = inFlight.get(store);
  if (!set) {
    set = new Set();
    inFlight.set(store, set);
  }
  return set;
}

type ExportResult =
  | { kind: 'exported'; issue: ActionIssue }
  | { kind: 'existing'; issue: ActionIssue }
  | { kind: 'busy' }
  | { kind: 'failed'; reason: string; status: number | null };

/** Creates the issue, then records it; nothing is stored when GitHub refuses. */
async function exportOne(
  deps: GitHubDeps,
  tracker: IssueTracker,
  action: ActionItem,
  incident: Incident,
): Promise<ExportResult> {
  const { store } = deps;
  const busy = flights(store);
  if (busy.has(action.id)) return { kind: 'busy' };
  busy.add(action.id);
  try {
    const draft = actionIssue({
      action,
      incidentTitle: incident.title,
      severity: incident.severity,
      channelId: incident.channelId,
      teamUrl: deps.slackTeamUrl ?? null,
      ownerName: action.ownerId ? (store.people.directory().get(action.ownerId) ?? null) : null,
      people: store.people.directory(),
    });
    let created: { number: number; url: string };
    try {
      created = await tracker.createIssue(draft);
    } catch (error) {
      const failure =
        error instanceof IssueTrackerError
          ? error
          : new IssueTrackerError(error instanceof Error ? error.message : String(error), null);
      deps.logger.warn(
        { actionId: action.id, status: failure.status, reason: failure.message },
        'GitHub issue not created',
      );
      return { kind: 'failed', reason: failure.message, status: failure.status };
    }

    const now = deps.clock.now();
    const stored = store.transaction(() => {
      const issue = { actionId: action.id, ...created, createdAt: now };
      if (store.actionIssues.insert(issue)) return { kind: 'exported' as const, issue };
      return { kind: 'existing' as const, issue: store.actionIssues.get(action.id) };
    });
    if (stored.kind === 'existing') {
      // Only another process exporting the same action at the same moment gets here.
      deps.logger.warn(
        { actionId: action.id, duplicate: created.url },
        'action was exported twice; keeping the first issue',
      );
      return stored.issue
        ? { kind: 'existing', issue: stored.issue }
        : { kind: 'failed', reason: 'the export could not be recorded', status: null };
    }
    deps.logger.info({ actionId: action.id, issue: created.url }, 'action exported to GitHub');
    return { kind: 'exported', issue: { ...stored.issue, state: 'open', checkedAt: null } };
  } finally {
    busy.delete(action.id);
  }
}

/** `<url|owner/repo#12>` for Slack. */
export function issueLink(issue: { number: number; url: string }): string {
  return `<${issue.url}|${escapeMrkdwn(issueReference(issue))}>`;
}

/** `/action export <id>`: the action as a GitHub issue, announced in the incident channel. */
export async function exportAction(
  deps: GitHubDeps,
  input: { userId: string; actionId: number },
): Promise<CommandOutcome> {
  const { store, tracker } = deps;
  if (!tracker) return { reply: NO_TRACKER };
  const id = input.actionId;
  const found = store.transaction(() => {
    const action = store.actions.get(id);
    if (!action) return null;
    return {
      action,
      incident: store.incidents.get(action.incidentId),
      issue: store.actionIssues.get(id),
    };
  });
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

export interface ExportAllResult {
  exported: number;
  /** Open follow-ups that already had an issue. */
  alreadyExported: number;
  failed: number;
}

/**
 * ACTIONS_EXPORT=auto: when an incident is resolved, every open follow-up without an issue gets
 * one. One announcement lists them. Stops at a failure that would repeat (bad token, no access).
 */
export async function exportAllFollowUps(
  deps: GitHubDeps,
  incidentId: number,
): Promise<ExportAllResult> {
  const result: ExportAllResult = { exported: 0, alreadyExported: 0, failed: 0 };
  const { store, tracker } = deps;
  if (!tracker) return result;
  const found = store.transaction(() => {
    const incident = store.incidents.get(incidentId);
    if (!incident) return null;
    const issues = store.actionIssues.forIncident(incidentId);
    const open = store.actions
      .forIncident(incidentId)
      .filter((a) => a.kind === 'follow_up' && a.status === 'open');
    return {
      incident,
      pending: open.filter((a) => !issues.has(a.id)),
      alreadyExported: open.length - open.filter((a) => !issues.has(a.id)).length,
    };
  });
  if (!found) return result;
  result.alreadyExported = found.alreadyExported;
  if (found.incident.isPrivate === true) {
    deps.logger.info(
      { incidentId, pending: found.pending.length },
      'follow-ups not exported: the incident is in a private channel',
    );
    return result;
  }

  const lines: string[] = [];
  let firstFailure: string | null = null;
  for (const [index, action] of found.pending.entries()) {
    const outcome = await exportOne(deps, tracker, action, found.incident);
    if (outcome.kind === 'exported') {
      result.exported += 1;
      lines.push(`• #${action.id}: ${issueLink(outcome.issue)}`);
    } else if (outcome.kind === 'existing' || outcome.kind === 'busy') {
      result.alreadyExported += 1;
    } else {
      result.failed += 1;
      firstFailure ??= outcome.reason;
      if (outcome.status === 401 || outcome.status === 403 || outcome.status === 404) {
        result.failed += found.pending.length - index - 1;
        break;
      }
    }
  }

  const parts: string[] = [];
  if (result.exported > 0) {
    const noun = result.exported === 1 ? 'follow-up' : 'follow-ups';
    parts.push(`Exported ${result.exported} ${noun} to GitHub:\n${lines.join('\n')}`);
  }
  if (result.failed > 0) {
    parts.push(
      `Could not export ${result.failed} follow-up${result.failed === 1 ? '' : 's'} to GitHub (${escapeMrkdwn(firstFailure ?? 'unknown error')}); try \`/action export <id>\`.`,
    );
  }
  if (parts.length > 0) await announce(deps, found.incident.channelId, { text: parts.join('\n') });
  return result;
}
