import { formatDuration } from '../../domain/durations.ts';
import { TIMELINE_ICONS } from '../../domain/postmortem/icons.ts';
import { SECTIONS_TO_FILL } from '../../domain/postmortem/markdown.ts';
import type { PostmortemDraft } from '../../domain/postmortem/model.ts';
import { condense, plainToSafeMrkdwn, plainToSafePlainText } from '../../domain/slack-text.ts';
import type { TimelineEntry } from '../../domain/timeline.ts';
import type { MetricPoint, PeopleDirectory } from '../../domain/types.ts';
import { dayOf, LIMITS, packLines, slackTime } from './mrkdwn-pack.ts';

/** The little of Block Kit this message needs; the Slack SDK types are not wanted here. */
export interface SlackBlock {
  type: string;
  [k: string]: unknown;
}

// Caps on plain text before escaping: `&` grows fivefold as `&amp;`, and even then a timeline
// line (time token + actor + text) stays well under a section's 3,000 characters.
const ACTOR_MAX = 60;
const LINE_TEXT_MAX = 400;
const DETAIL_MAX = 300;
const NAME_MAX = 200;
const TITLE_IN_TEXT_MAX = 200;
// Room kept at the end of a capped section for its "…and N more" line.
const TAIL_ROOM = 100;

const safe = (plain: string, max: number) => plainToSafeMrkdwn(condense(plain, max));
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const section = (text: string): SlackBlock => ({ type: 'section', text: mrkdwn(text) });
const context = (text: string): SlackBlock => ({ type: 'context', elements: [mrkdwn(text)] });

/**
 * The draft as one Slack message that always fits Slack's limits, however long the incident.
 * `_people` is unused because the draft already carries display names; mentions are never
 * rendered as `<@…>` so nobody is pinged by a draft.
 */
export function postmortemBlocks(
  draft: PostmortemDraft,
  _people: PeopleDirectory,
): { text: string; blocks: SlackBlock[] } {
  const head: SlackBlock[] = [
    {
      type: 'header',
      text: {
        type: 'plain_text',
        text: condense(
          plainToSafePlainText(`Post-mortem draft: ${draft.title}`),
          LIMITS.headerText,
        ),
        emoji: true,
      },
    },
    { type: 'section', fields: fields(draft).map(mrkdwn) },
    ...(draft.metrics.warnings.length === 0 ? [] : [section(warnings(draft.metrics.warnings))]),
    { type: 'divider' },
  ];
  const tail: SlackBlock[] = [
    { type: 'divider' },
    section(actionItems(draft)),
    context(`Still to write in the full draft: ${SECTIONS_TO_FILL.join(' · ')}`),
  ];
  const timeline = timelineBlocks(draft, LIMITS.blocks - head.length - tail.length);
  return { text: fallbackText(draft), blocks: [...head, ...timeline, ...tail] };
}

function fields(draft: PostmortemDraft): string[] {
  const { metrics, timeZone } = draft;
  const point = (name: string, p: MetricPoint | null) =>
    p === null
      ? `*${name}*\nnot yet`
      : `*${name}*\n${slackTime(p.at, timeZone, true)}\n_${safe(p.detail, DETAIL_MAX)}_`;
  const duration = (name: string, ms: number | null) =>
    `*${name}*\n${ms === null ? 'not yet' : formatDuration(ms)}`;
  return [
    `*Severity*\n${safe(draft.severity, NAME_MAX)}`,
    `*Lead*\n${draft.lead === null ? 'not set' : safe(draft.lead, NAME_MAX)}`,
    `*Reporter*\n${safe(draft.reporter, NAME_MAX)}`,
    point('Impact start', metrics.impactStart),
    point('Detected', metrics.detected),
    point('Mitigated', metrics.mitigated),
    point('Resolved', metrics.resolved),
    duration('TTD', metrics.ttdMs),
    duration('TTM', metrics.ttmMs),
    duration('Total (TTD + TTM)', metrics.totalMs),
  ];
}

function warnings(list: readonly string[]): string {
  const lines = list.map((w) => `• ${safe(w, LINE_TEXT_MAX)}`);
  return capped(
    ':warning: *Check these times before relying on the durations:*',
    lines,
    'warnings',
  );
}

function actionItems(draft: PostmortemDraft): string {
  if (draft.actions.length === 0)
    return '*Action items*\nNo action items yet — add them with `/action`.';
  const lines = draft.actions.map((a) => {
    const owner = a.owner === null ? 'no owner' : safe(a.owner, ACTOR_MAX);
    const due = a.due === null ? '' : `, due ${safe(a.due, 20)}`;
    return `• *#${a.id}* ${safe(a.text, LINE_TEXT_MAX)} — ${owner}${due}, ${a.status}`;
  });
  return capped('*Action items*', lines, 'action items');
}

/** A single section: as many lines as fit, then a count of what was left out. */
function capped(title: string, lines: readonly string[], noun: string): string {
  const { texts, used } = packLines([title, ...lines], LIMITS.sectionText - TAIL_ROOM, 1);
  const shown = texts[0] ?? title;
  const hidden = lines.length - Math.max(0, used - 1);
  return hidden === 0 ? shown : `${shown}\n…and ${hidden} more ${noun} in the full draft`;
}

function timelineBlocks(draft: PostmortemDraft, budget: number): SlackBlock[] {
  const { timeline, timeZone } = draft;
  if (timeline.length === 0) return [section('*Timeline*\n_Nothing was recorded in the channel._')];
  const all = timelineLines(timeline, timeZone, true);
  const full = packLines(['*Timeline*', ...all], LIMITS.sectionText, budget);
  if (full.used === all.length + 1) return full.texts.map(section);

  // Too long for one message: state changes, alerts and actions tell the story on their own.
  const keyLines = timelineLines(
    timeline.filter((e) => e.key),
    timeZone,
    false,
  );
  const keys = packLines(
    ['*Timeline* (key entries only)', ...keyLines],
    LIMITS.sectionText,
    budget - 1,
  );
  const hidden = all.length - Math.max(0, keys.used - 1);
  return [
    ...keys.texts.map(section),
    context(`…and ${hidden} more timeline entries in the full draft`),
  ];
}

export function timelineLines(
  entries: readonly TimelineEntry[],
  timeZone: string,
  withReplies: boolean,
): string[] {
  const lines: string[] = [];
  let day: string | null = null;
  for (const entry of entries) {
    const entryDay = dayOf(entry.at, timeZone);
    lines.push(timelineLine(entry, timeZone, entryDay !== day, ''));
    day = entryDay;
    if (!withReplies) continue;
    for (const reply of entry.replies) {
      lines.push(timelineLine(reply, timeZone, dayOf(reply.at, timeZone) !== day, '      ↳ '));
    }
  }
  return lines;
}

function timelineLine(
  entry: TimelineEntry,
  timeZone: string,
  withDate: boolean,
  indent: string,
): string {
  const icon = entry.kind === 'message' && entry.key ? '📌' : TIMELINE_ICONS[entry.kind];
  const text = entry.text === '' ? '' : ` ${safe(entry.text, LINE_TEXT_MAX)}`;
  const edited = entry.edited ? ' _(edited)_' : '';
  const early = entry.beforeDeclaration ? ' _(before declaration)_' : '';
  const time = slackTime(entry.at, timeZone, withDate);
  return `${indent}${time} ${icon === '' ? '' : `${icon} `}*${safe(entry.actor, ACTOR_MAX)}*:${text}${edited}${early}`;
}

function fallbackText(draft: PostmortemDraft): string {
  const { ttdMs, ttmMs } = draft.metrics;
  const ttm = ttmMs === null ? 'not mitigated yet' : formatDuration(ttmMs);
  const title = safe(draft.title, TITLE_IN_TEXT_MAX);
  return `Post-mortem draft for ${title} (${safe(draft.severity, 20)}): TTD ${formatDuration(ttdMs)}, TTM ${ttm}`;
}
