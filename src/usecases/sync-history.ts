import { interpretMessageEvent, type MessageChange, slackTsToMs } from '../domain/message-event.ts';
import type { Incident } from '../domain/types.ts';
import type { Deps, HistoryPage, SlackHistoryMessage } from './ports.ts';
import type { StorableChange } from './store-records.ts';

export interface SyncResult {
  recorded: number;
  calls: number;
}

/** Slack ts for an epoch-ms instant. */
function msToSlackTs(ms: number): string {
  return `${Math.floor(ms / 1000)}.${String((ms % 1000) * 1000).padStart(6, '0')}`;
}

/**
 * Reads channel history from `oldest` on (and the threads it finds, plus `knownThreads`) and
 * records every message into the incident. Look-back at declaration and the periodic backfill
 * both use it; storage is keyed by (channel, ts), so overlap with live events is harmless.
 */
export async function syncHistory(
  deps: Deps,
  incident: Incident,
  oldest: number,
  knownThreads: readonly string[] = [],
): Promise<SyncResult> {
  const pace = pacer(deps);
  const oldestTs = msToSlackTs(oldest);
  let recorded = 0;
  const threads = new Set(knownThreads);

  let cursor = '';
  do {
    const page: HistoryPage = await pace(() =>
      deps.notifier.history(incident.channelId, {
        oldest: oldestTs,
        ...(cursor ? { cursor } : {}),
      }),
    );
    recorded += await record(deps, incident, page.messages);
    for (const m of page.messages) if (Number(m.reply_count ?? 0) > 0 && m.ts) threads.add(m.ts);
    cursor = page.nextCursor;
  } while (cursor);

  for (const threadTs of threads) {
    let replyCursor = '';
    do {
      const page: HistoryPage = await pace(() =>
        deps.notifier.replies(incident.channelId, threadTs, {
          oldest: oldestTs,
          ...(replyCursor ? { cursor: replyCursor } : {}),
        }),
      );
      recorded += await record(deps, incident, page.messages);
      replyCursor = page.nextCursor;
    } while (replyCursor);
  }
  return { recorded, calls: pace.calls() };
}

function asChange(channelId: string, m: SlackHistoryMessage): MessageChange {
  const change = interpretMessageEvent({ ...m, type: 'message', channel: channelId });
  // History shows the current text; an `edited` mark means we may hold an older version.
  if (change.kind === 'posted' && change.message.editedAt !== null) {
    return {
      kind: 'edited',
      message: change.message,
      raw: change.raw,
      at: change.message.editedAt,
    };
  }
  return change;
}

/** Stores a page at once; returns how many of its messages were new. */
async function record(
  deps: Deps,
  incident: Incident,
  messages: SlackHistoryMessage[],
): Promise<number> {
  const changes = messages
    .map((m) => asChange(incident.channelId, m))
    .filter((c): c is StorableChange => c.kind !== 'ignored');
  if (changes.length === 0) return 0;
  const applied = await deps.store.messages.recordChanges(incident.id, changes, deps.clock.now());
  return applied.filter((a) => a === 'recorded').length;
}

/** Spaces Web API calls so a long backfill stays under Slack's Tier 3 rate limit. */
function pacer(deps: Deps) {
  let last = 0;
  let count = 0;
  const run = async <T>(call: () => Promise<T>): Promise<T> => {
    // Monotonic wall time: this is about Slack's rate limit, not about incident time.
    const wait = last + deps.settings.historyPaceMs - performance.now();
    if (count > 0 && wait > 0) await new Promise((r) => setTimeout(r, wait));
    last = performance.now();
    count++;
    return call();
  };
  return Object.assign(run, { calls: () => count });
}

// Slack's last retry of a failed delivery comes ~5 minutes after the first attempt, so a message
// it gave up on can be older than messages that did arrive: re-read a margin behind the newest.
const RESUME_MARGIN_MS = 15 * 60_000;

/** Where a backfill resumes: a margin before the newest recorded message, else the declaration. */
export async function resumePoint(deps: Deps, incident: Incident): Promise<number> {
  const newest = await deps.store.messages.newestTs(incident.id);
  const at = newest === null ? null : slackTsToMs(newest);
  return at === null ? incident.declaredAt : at - RESUME_MARGIN_MS;
}
