import { allFollowUpsClosed, completeAction } from '../domain/actions.ts';
import { IssueTrackerError } from '../integrations/github/tracker.ts';
import { describeAction } from './add-action.ts';
import { announce, quoteUserText } from './announce.ts';
import { type GitHubDeps, issueLink } from './export-issue.ts';

/** Who closed an action when its GitHub issue was closed (stored as `closed_by`). */
const CLOSED_BY_GITHUB = 'github';

const DEFAULT_LIMIT = 100;

export interface SyncResult {
  /** Issues GitHub was asked about. */
  checked: number;
  /** Actions marked done because their issue was closed. */
  closed: number;
  failed: number;
}

/**
 * For every open action whose issue was open when last seen, asks GitHub again; a closed issue
 * marks the action done (by "github") and says so in the incident channel, once. At most `limit`
 * issues a pass, least recently checked first.
 */
export async function syncClosedIssues(
  deps: GitHubDeps,
  options: { limit?: number } = {},
): Promise<SyncResult> {
  const result: SyncResult = { checked: 0, closed: 0, failed: 0 };
  const { store, tracker } = deps;
  if (!tracker) return result;
  const candidates = store.actionIssues.openToCheck(options.limit ?? DEFAULT_LIMIT);

  for (const { action, issue } of candidates) {
    let state: 'open' | 'closed';
    try {
      state = await tracker.issueState(issue.number);
    } catch (error) {
      result.failed += 1;
      const status = error instanceof IssueTrackerError ? error.status : null;
      deps.logger.warn(
        { actionId: action.id, issue: issue.url, status, reason: (error as Error).message },
        'could not read a GitHub issue',
      );
      // A bad token or a lost repository fails every call alike: try again next pass.
      if (status === 401 || status === 403) break;
      continue;
    }
    result.checked += 1;
    const now = deps.clock.now();

    const done = store.transaction(() => {
      store.actionIssues.recordCheck(action.id, state, now);
      if (state !== 'closed') return null;
      // Read again: the action may have been closed in Slack while GitHub was answering.
      const current = store.actions.get(action.id);
      if (!current) return null;
      const change = completeAction(current, CLOSED_BY_GITHUB, now);
      if (!change.ok) return null;
      const hadOpenFollowUps = !allFollowUpsClosed(store.actions.forIncident(current.incidentId));
      store.actions.update(change.action);
      const closedTheLast =
        hadOpenFollowUps && allFollowUpsClosed(store.actions.forIncident(current.incidentId));
      return { action: change.action, closedTheLast };
    });
    if (!done) continue;
    result.closed += 1;

    const incident = store.incidents.get(done.action.incidentId);
    if (!incident) continue;
    await announce(deps, incident.channelId, {
      text: `:white_check_mark: Done (closed on GitHub ${issueLink(issue)}): ${describeAction(deps, done.action)}`,
    });
    if (done.closedTheLast) {
      await announce(deps, incident.channelId, {
        text: `:tada: All follow-ups of *${quoteUserText(deps, incident.title)}* are closed. Thank you — that is how this incident stops happening again.`,
      });
    }
  }
  return result;
}
