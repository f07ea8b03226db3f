import { formatDuration } from '../../domain/durations.ts';
import { packLines, safeLine, safeWithin, slackTime } from '../../domain/mrkdwn.ts';
import type { PostmortemSummary } from '../../domain/postmortem/summary.ts';
import type { MetricPoint } from '../../domain/types.ts';
import { LIMITS } from './slack-block.ts';

// Plain-text caps before escaping; five times each (all `&`) still fits a 2,000-character field
// or a 3,000-character section.
const ACTOR_MAX = 60;
const LINE_TEXT_MAX = 400;
const DETAIL_MAX = 300;
const NAME_MAX = 200;
// The summary is the one long text in the message; beyond this the full draft is the place.
const SUMMARY_MAX = 2000;
// Room kept at the end of a capped section for its "…and N more" line.
const TAIL_ROOM = 100;

export function fields(
  draft: Pick<PostmortemSummary, 'metrics' | 'timeZone' | 'severity' | 'lead'>,
): string[] {
  const { metrics, timeZone } = draft;
  const point = (name: string, p: MetricPoint | null) =>
    p === null
      ? `*${name}*\nnot yet`
      : `*${name}*\n${slackTime(p.at, timeZone, true)}\n_${safeLine(p.detail, DETAIL_MAX)}_`;
  const duration = (name: string, ms: number | null) =>
    `*${name}*\n${ms === null ? 'not yet' : formatDuration(ms)}`;
  return [
    `*Severity*\n${safeLine(draft.severity, NAME_MAX)}`,
    `*Lead*\n${draft.lead === null ? 'not set' : safeLine(draft.lead, NAME_MAX)}`,
    point('Impact start', metrics.impactStart),
    point('Detected', metrics.detected),
    point('Mitigated', metrics.mitigated),
    point('Resolved', metrics.resolved),
    duration('TTD', metrics.ttdMs),
    duration('TTM', metrics.ttmMs),
    duration('Total (TTD + TTM)', metrics.totalMs),
  ];
}

export function warnings(list: readonly string[]): string {
  const lines = list.map((w) => `• ${safeLine(w, LINE_TEXT_MAX)}`);
  return capped(
    ':warning: *Check these times before relying on the durations:*',
    lines,
    'warnings',
  );
}

export function detection(draft: Pick<PostmortemSummary, 'metrics'>): string {
  return `*Detection:* ${safeLine(draft.metrics.detection.summary, LINE_TEXT_MAX)}`;
}

export function summary(draft: Pick<PostmortemSummary, 'summary'>): string {
  if (draft.summary === null) {
    return '*Summary*\n_Not written yet: add two or three sentences with `/incident summary &lt;text&gt;`._';
  }
  return `*Summary*\n${safeWithin(draft.summary, SUMMARY_MAX)}`;
}

export function actionItems(draft: Pick<PostmortemSummary, 'actions'>): string {
  if (draft.actions.length === 0) {
    return '*Action items*\nNo action items yet — add them with `/action`.';
  }
  const lines = draft.actions.map((a) => {
    const owner = a.owner === null ? 'no owner' : safeLine(a.owner, ACTOR_MAX);
    const due = a.due === null ? '' : `, due ${safeLine(a.due, 20)}`;
    return `• *#${a.id}* ${safeLine(a.text, LINE_TEXT_MAX)} — ${owner}${due}, ${safeLine(a.status, 20)}`;
  });
  return capped('*Action items*', lines, 'action items');
}

export function blameNote(
  draft: Pick<PostmortemSummary, 'blameless' | 'blamelessMore'>,
): string | null {
  const n = draft.blameless.length + draft.blamelessMore;
  if (n === 0) return null;
  const phrases = n === 1 ? '1 phrase may' : `${n} phrases may`;
  return `${phrases} read as blame — see the Blameless review in the full draft`;
}

/** A single section: as many lines as fit, then a count of what was left out. */
function capped(title: string, lines: readonly string[], noun: string): string {
  const { texts, used } = packLines([title, ...lines], LIMITS.sectionText - TAIL_ROOM, 1);
  const shown = texts[0] ?? title;
  const hidden = lines.length - Math.max(0, used - 1);
  return hidden === 0 ? shown : `${shown}\n…and ${hidden} more ${noun} in the full draft`;
}
