import { actionIssue, issueReference } from '../domain/action-issue.ts';
import { escapeMrkdwn } from '../domain/slack-text.ts';
import type { ActionItem, Incident } from '../domain/types.ts';
import type { Deps } from './ports.ts';
import type { ActionIssue } from './store-records.ts';
import { type IssueTracker, IssueTrackerError } from './tracker-port.ts';

/** What exporting and syncing need: the usual dependencies plus the tracker, if configured. */
export type GitHubDeps = Deps & {
  /** Null when GITHUB_TOKEN / GITHUB_REPO are not set. */
  tracker: IssueTracker | null;
  /** The workspace URL (`https://acme.slack.com/`) for links back; app_redirect without it. */
  slackTeamUrl?: string | null;
};

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
export async function exportOne(
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
    const people = await store.people.directory();
    const draft = actionIssue({
      action,
      incidentTitle: incident.title,
      severity: incident.severity,
      channelId: incident.channelId,
      teamUrl: deps.slackTeamUrl ?? null,
      ownerName: action.ownerId ? (people.get(action.ownerId) ?? null) : null,
      people,
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
    const issue = { actionId: action.id, ...created, createdAt: now };
    // Issues are never deleted: when the insert finds one, reading it afterwards finds it too.
    const stored = (await store.actionIssues.insert(issue))
      ? { kind: 'exported' as const, issue }
      : { kind: 'existing' as const, issue: await store.actionIssues.get(action.id) };
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
