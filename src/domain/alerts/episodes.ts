import type { AlertOccurrence, AlertSource } from '../types.ts';

/** One alert from its first firing notification to its resolution (if we saw it). */
export interface AlertEpisode {
  source: AlertSource;
  name: string;
  title: string;
  severity: string | null;
  /** The alert's own firedAt if known, else the occurrence time. */
  firedAt: number;
  firstSeenAt: number;
  acknowledgedAt: number | null;
  resolvedAt: number | null;
  /** Firing notifications seen; an episode we only saw acknowledged or resolved counts one. */
  occurrences: number;
  /** The first occurrence's message. */
  messageTs: string | null;
}

interface Draft extends AlertEpisode {
  /** Whether firedAt came from the alert itself rather than from when we saw it. */
  stated: boolean;
}

/**
 * Pairs notifications by source and name in time order. Occurrences are taken one by one,
 * whatever their messageTs: a tool that edits its message in place reaches us as one occurrence
 * per state change of the same message.
 */
export function buildAlertEpisodes(occurrences: readonly AlertOccurrence[]): AlertEpisode[] {
  const ordered = occurrences
    .map((occurrence, index) => ({ occurrence, index }))
    .sort((a, b) => a.occurrence.at - b.occurrence.at || a.index - b.index)
    .map(({ occurrence }) => occurrence);
  const open = new Map<string, Draft>();
  const episodes: Draft[] = [];
  for (const occurrence of ordered) {
    const { alert, at } = occurrence;
    if (alert.state === 'info') continue;
    const key = `${alert.source}:${alert.name}`;
    const current = open.get(key);
    if (current !== undefined && alert.state === 'firing') current.occurrences += 1;
    // An acknowledgement or a recovery whose firing we never saw still shows the alert was on.
    const episode = current ?? start(occurrence);
    if (current === undefined) episodes.push(episode);
    learn(episode, occurrence);
    if (alert.state === 'acknowledged') episode.acknowledgedAt ??= at;
    if (alert.state === 'resolved') {
      episode.resolvedAt = at;
      open.delete(key);
    } else {
      open.set(key, episode);
    }
  }
  return episodes
    .sort((a, b) => a.firedAt - b.firedAt || a.firstSeenAt - b.firstSeenAt)
    .map(({ stated: _stated, ...episode }) => episode);
}

function start({ alert, at, messageTs }: AlertOccurrence): Draft {
  return {
    source: alert.source,
    name: alert.name,
    title: alert.title,
    severity: alert.severity,
    firedAt: at,
    firstSeenAt: at,
    acknowledgedAt: null,
    resolvedAt: null,
    occurrences: 1,
    messageTs,
    stated: false,
  };
}

/** Fills in what earlier notifications did not say: severity, and when it really began. */
function learn(episode: Draft, { alert }: AlertOccurrence): void {
  episode.severity ??= alert.severity;
  // A start after we first saw it is a clock disagreement, not information.
  if (!episode.stated && alert.firedAt !== null && alert.firedAt <= episode.firstSeenAt) {
    episode.firedAt = alert.firedAt;
    episode.stated = true;
  }
}
