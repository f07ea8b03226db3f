import { formatDuration } from '../../domain/durations.ts';
import { safeLine } from '../../domain/mrkdwn.ts';
import type { PostmortemSummary } from '../../domain/postmortem/summary.ts';
import { describeState } from '../../domain/postmortem-life.ts';
import { condense, plainToSafePlainText } from '../../domain/slack-text.ts';
import {
  actionItems,
  blameNote,
  detection,
  fields,
  summary,
  warnings,
} from './postmortem-parts.ts';
import { relatedNote } from './postmortem-related.ts';
import { keyTimelineBlocks } from './postmortem-timeline.ts';
import {
  context,
  divider,
  LIMITS,
  mrkdwn,
  plainText,
  type SlackBlock,
  section,
} from './slack-block.ts';

export type { SlackBlock };

export interface PostmortemBlocksOptions {
  incidentId: number;
  /** The uploaded full draft, when the upload worked. */
  file: { permalink: string } | null;
  uploadFailed: boolean;
}

const TITLE_IN_TEXT_MAX = 200;
// Slack refuses a button URL longer than this, and with it the whole message.
const URL_MAX = 3000;

/**
 * The draft's summary as one Slack message that always fits Slack's limits, whatever the draft:
 * this message is how people learn the draft exists, so it must never be refused. The full
 * document is the uploaded file. Mentions are never rendered as `<@…>`, so nobody is pinged.
 */
export function postmortemBlocks(
  draft: PostmortemSummary,
  options: PostmortemBlocksOptions,
): { text: string; blocks: SlackBlock[] } {
  const title = plainToSafePlainText(`${headerLabel(draft)}: ${draft.title}`);
  const head: SlackBlock[] = [
    { type: 'header', text: plainText(condense(title, LIMITS.headerText)) },
    { type: 'section', fields: fields(draft).slice(0, LIMITS.fields).map(mrkdwn) },
    ...(draft.metrics.warnings.length === 0 ? [] : [section(warnings(draft.metrics.warnings))]),
    section(detection(draft)),
    section(summary(draft)),
    divider,
  ];
  const note = blameNote(draft);
  const tail: SlackBlock[] = [
    divider,
    section(actionItems(draft)),
    ...relatedNote(draft),
    ...(note === null ? [] : [context(note)]),
    ...(options.uploadFailed
      ? [section('The full draft could not be uploaded; run `/incident postmortem` to try again.')]
      : []),
    buttons(options),
  ];
  const budget = LIMITS.blocks - head.length - tail.length;
  const timeline = keyTimelineBlocks(draft.keys, draft.keysMore, draft.timeZone, budget);
  return { text: fallbackText(draft), blocks: [...head, ...timeline, ...tail] };
}

function buttons(options: PostmortemBlocksOptions): SlackBlock {
  const view =
    options.file !== null &&
    options.file.permalink !== '' &&
    options.file.permalink.length <= URL_MAX
      ? [
          {
            type: 'button',
            text: plainText('View full draft'),
            style: 'primary',
            action_id: 'postmortem_view',
            url: options.file.permalink,
          },
        ]
      : [];
  return {
    type: 'actions',
    elements: [
      {
        type: 'button',
        text: plainText('Regenerate draft'),
        action_id: 'postmortem_regenerate',
        value: String(options.incidentId),
      },
      ...view,
    ],
  };
}

/** "Post-mortem draft", "Post-mortem in review" …: where the post-mortem stands, up front. */
function headerLabel(draft: Pick<PostmortemSummary, 'postmortem'>): string {
  const { state } = draft.postmortem;
  return state === 'published' ? 'Post-mortem (published)' : `Post-mortem ${describeState(state)}`;
}

function fallbackText(draft: Pick<PostmortemSummary, 'metrics' | 'title' | 'severity'>): string {
  const { ttdMs, ttmMs } = draft.metrics;
  const ttm = ttmMs === null ? 'not mitigated yet' : formatDuration(ttmMs);
  const title = safeLine(draft.title, TITLE_IN_TEXT_MAX);
  return `Post-mortem draft for ${title} (${safeLine(draft.severity, 20)}): TTD ${formatDuration(ttdMs)}, TTM ${ttm}`;
}
