import { escapeMrkdwn } from '../domain/slack-text.ts';
import { announce } from './announce.ts';
import { exportOne, type GitHubDeps, issueLink } from './export-issue.ts';

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
  const { tracker } = deps;
  if (!tracker) return result;
  const found = await followUpsToExport(deps, incidentId);
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

// An issue recorded in between is found again by exportOne (`existing`), never opened twice.
async function followUpsToExport(deps: GitHubDeps, incidentId: number) {
  const { store } = deps;
  const incident = await store.incidents.get(incidentId);
  if (!incident) return null;
  const issues = await store.actionIssues.forIncident(incidentId);
  const open = (await store.actions.forIncident(incidentId)).filter(
    (a) => a.kind === 'follow_up' && a.status === 'open',
  );
  const pending = open.filter((a) => !issues.has(a.id));
  return { incident, pending, alreadyExported: open.length - pending.length };
}
