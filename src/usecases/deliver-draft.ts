import type { PostmortemDraft } from '../domain/postmortem/model.ts';
import { formatDay } from '../domain/time-format.ts';
import type { MarkdownBytes } from './draft-markdown.ts';
import { type Deps, failureCode, metricsOf } from './ports.ts';
import type { StoredPostmortem } from './store-records.ts';

const MINUTE = 60_000;
const MAX_BACKOFF = 30 * MINUTE;

/** 1, 2, 4 … minutes between attempts, at most 30. */
function nextAttemptDelay(attempts: number): number {
  return Math.min(MAX_BACKOFF, MINUTE * 2 ** Math.max(0, attempts));
}

/**
 * Uploads the full Markdown (once) and posts the summary. The summary is what must arrive: an
 * upload failure is reported inside it, a summary failure schedules another attempt. `markdown`
 * is the stored Markdown when the caller has it at hand; otherwise it is read back.
 */
export async function deliverDraft(
  deps: Deps,
  stored: StoredPostmortem,
  draft: PostmortemDraft,
  markdown?: string | MarkdownBytes,
): Promise<string | null> {
  const incident = await deps.store.incidents.get(stored.incidentId);
  if (!incident) return 'The incident no longer exists.';
  let file = stored.fileId ? { permalink: stored.filePermalink ?? '' } : null;
  let uploadFailed = false;
  if (!file) {
    try {
      const content = markdown ?? (await deps.store.postmortems.markdownOf(stored.id));
      if (content === null) throw new Error(`draft ${stored.id} has no stored Markdown`);
      const uploaded = await deps.notifier.uploadFile(incident.channelId, {
        filename: `postmortem-${incident.channelName ?? incident.channelId}-${formatDay(incident.declaredAt, deps.timeZone)}.md`,
        title: `Post-mortem draft: ${draft.title}`,
        content,
      });
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
