import { completeAction } from '../domain/actions.ts';
import { describeAction } from './add-action.ts';
import { announce, quoteUserText } from './announce.ts';
import { type GitHubDeps, issueLink } from './export-issue.ts';
import { closedTheLastFollowUp } from './follow-ups.ts';
import { IssueTrackerError } from './tracker-port.ts';

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
  const candidates = await store.actionIssues.openToCheck(options.limit ?? DEFAULT_LIMIT);

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

    // The action before the check: a stop in between leaves a done action (never asked about
    // again), where the other order could leave an open action whose issue no pass looks at.
    // The store reads the action again: it may have been closed in Slack while GitHub answered.
    const done =
      state === 'closed'
        ? await store.actions.change(action.id, (current) =>
            completeAction(current, CLOSED_BY_GITHUB, now),
          )
        : null;
    await store.actionIssues.recordCheck(action.id, state, now);
    if (!done?.ok) continue;
    result.closed += 1;

    const incident = await store.incidents.get(done.action.incidentId);
    if (!incident) continue;
    const people = await store.people.directory();
    await announce(deps, incident.channelId, {
      text: `:white_check_mark: Done (closed on GitHub ${issueLink(issue)}): ${describeAction(people, done.action)}`,
    });
    if (closedTheLastFollowUp(done)) {
      await announce(deps, incident.channelId, {
        text: `:tada: All follow-ups of *${quoteUserText(people, incident.title)}* are closed. Thank you — that is how this incident stops happening again.`,
      });
    }
  }
  return result;
}
