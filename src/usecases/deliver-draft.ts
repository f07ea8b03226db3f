import type { PostmortemSummary } from '../domain/postmortem/summary.ts';
import { formatDay } from '../domain/time-format.ts';
import type { Incident } from '../domain/types.ts';
import type { MarkdownBytes } from './draft-markdown.ts';
import { type Deps, failureCode, metricsOf, type SentFile } from './ports.ts';
import type { StoredPostmortem } from './store-records.ts';

const MINUTE = 60_000;
const MAX_BACKOFF = 30 * MINUTE;

/** 1, 2, 4 … minutes between attempts, at most 30. */
function nextAttemptDelay(attempts: number): number {
  return Math.min(MAX_BACKOFF, MINUTE * 2 ** Math.max(0, attempts));
}

/** The draft's file name in Slack: the incident's channel and the day it was declared. */
function draftFilename(timeZone: string, incident: Incident): string {
  return `postmortem-${incident.channelName ?? incident.channelId}-${formatDay(incident.declaredAt, timeZone)}.md`;
}

/** A draft's file on its way to Slack (sendDraftFile), with the incident it was read for. */
export interface DraftSending {
  incident: Incident;
  file: Promise<SentFile>;
}

/**
 * Starts sending the draft's Markdown to Slack, shared nowhere until deliverDraft shares it. A
 * failure stays in the promise for deliverDraft to report, and is handled at once: a send nobody
 * waits for (the draft was not stored) must not become an unhandled rejection.
 */
export function sendDraftFile(
  deps: Pick<Deps, 'notifier' | 'timeZone'>,
  incident: Incident,
  markdown: string | MarkdownBytes,
): DraftSending {
  const filename = draftFilename(deps.timeZone, incident);
  const file = deps.notifier.sendFile({ filename, content: markdown });
  file.catch(() => undefined);
  return { incident, file };
}

/** The stored Markdown read back and sent: a draft stored earlier (the draft-delivery job). */
async function sendStoredDraft(
  deps: Deps,
  incident: Incident,
  stored: StoredPostmortem,
): Promise<SentFile> {
  const content = await deps.store.postmortems.markdownOf(stored.id);
  if (content === null) throw new Error(`draft ${stored.id} has no stored Markdown`);
  return sendDraftFile(deps, incident, content).file;
}

/**
 * Shares the full Markdown into the channel (once) and posts the summary. The summary is what
 * must arrive: an upload failure is reported inside it, a summary failure schedules another
 * attempt. `sending` is the file already on its way (sendDraftFile, started while the draft was
 * stored), and the incident it was read for; without it the stored Markdown is read back and
 * sent. Only a stored draft gets here, so nothing is shared that a crash or an outage could lose.
 */
export async function deliverDraft(
  deps: Deps,
  stored: StoredPostmortem,
  draft: PostmortemSummary,
  sending?: DraftSending,
): Promise<string | null> {
  // The sender read the incident already; the draft-delivery job reads it here.
  const incident = sending?.incident ?? (await deps.store.incidents.get(stored.incidentId));
  if (!incident) return 'The incident no longer exists.';
  let file = stored.fileId ? { permalink: stored.filePermalink ?? '' } : null;
  let uploadFailed = false;
  if (!file) {
    try {
      const sent = await (sending?.file ?? sendStoredDraft(deps, incident, stored));
      const title = `Post-mortem draft: ${draft.title}`;
      const uploaded = await deps.notifier.shareFile(incident.channelId, sent, title);
      await deps.store.postmortems.markUploaded(stored.id, uploaded);
      file = { permalink: uploaded.permalink ?? '' };
    } catch (error) {
      uploadFailed = true;
      deps.logger.warn({ err: error, incidentId: incident.id }, 'uploading the full draft failed');
    }
  }
  const summary = {
    draft,
    incidentId: incident.id,
    file: file?.permalink ? { permalink: file.permalink } : null,
    uploadFailed,
    postmortemId: stored.id,
  };
  try {
    const { ts } = await deps.notifier.postDraftSummary(incident.channelId, summary);
    await deps.store.postmortems.markPosted(stored.id, ts);
    metricsOf(deps).draft(uploadFailed ? 'posted_without_file' : 'posted');
    return uploadFailed
      ? 'The draft is posted, but the full Markdown file could not be uploaded.'
      : null;
  } catch (error) {
    const code = failureCode(error);
    const retryAt = deps.clock.now() + nextAttemptDelay(stored.attempts);
    await deps.store.postmortems.markFailed(stored.id, code, retryAt);
    metricsOf(deps).draft('failed');
    deps.logger.error(
      { err: error, incidentId: incident.id },
      'posting the draft failed; it is kept and retried',
    );
    return `The draft post-mortem is saved, but posting it failed (${code}); I will retry.`;
  }
}
