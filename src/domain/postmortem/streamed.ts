import { detectedPoint } from '../metric-points.ts';
import type { TimelineEntry } from '../timeline.ts';
import { StreamedTimeline } from '../timeline-stream.ts';
import type { PeopleDirectory } from '../types.ts';
import { type BlameSource, messageSource } from './blameless-sources.ts';
import type { MessageRows } from './message-rows.ts';
import { buildPostmortemHead, type PostmortemDraft, type PostmortemInput } from './model.ts';
import { addToTally, type MessageTally } from './responders.ts';
import { type TranscriptLine, transcriptLine } from './transcript.ts';

/** A draft whose message-made parts come from the rows as they are read. */
export interface StreamedPostmortem {
  /** The draft, its timeline and transcript left empty (they are streamed). */
  draft: PostmortemDraft;
  /** How many messages were deleted (the timeline says so). */
  deleted: number;
  /** The timeline, made as it is read; read it once. Its key entries are then in `keys`. */
  timeline: Iterable<TimelineEntry>;
  keys: readonly TimelineEntry[];
  /** The transcript's lines, made as they are read. */
  transcript: Iterable<TranscriptLine>;
}

/**
 * buildPostmortem for a long incident, the same document, without ever holding every message
 * nor every timeline entry: one pass in time order folds what the draft reads from messages
 * (participants, responders, the first human response, what the review reads for blame); the
 * timeline and the transcript are then read thread by thread as they are rendered.
 */
export function streamPostmortem(
  input: Omit<PostmortemInput, 'messages'>,
  rows: MessageRows,
): StreamedPostmortem {
  const full: PostmortemInput = { ...input, messages: [] };
  const detectedAt = detectedPoint(full).at;
  const timeline = new StreamedTimeline(full);
  const blameOf = messageSource(input.people, input.timeZone);
  const participants = new Set<string>();
  const tallies = new Map<string, MessageTally>();
  const blame: BlameSource[] = [];
  let firstHuman: number | null = null;
  let deleted = 0;
  for (const m of rows.inTimeOrder()) {
    timeline.see(m);
    if (m.deleted) deleted++;
    addToTally(tallies, m);
    const source = blameOf(m);
    if (source !== null) blame.push(source);
    if (m.isBot || m.deleted || m.userId === null) continue;
    participants.add(m.userId);
    if (m.postedAt >= detectedAt && (firstHuman === null || m.postedAt < firstHuman)) {
      firstHuman = m.postedAt;
    }
  }
  const draft = buildPostmortemHead(full, {
    participants: [...participants],
    tallies,
    firstHuman: () => firstHuman,
    blame,
  });
  return {
    draft,
    deleted,
    timeline: { [Symbol.iterator]: () => timeline.entries(rows) },
    keys: timeline.keys,
    transcript: { [Symbol.iterator]: () => transcriptOf(rows, input.people) },
  };
}

function* transcriptOf(rows: MessageRows, people: PeopleDirectory): Generator<TranscriptLine> {
  for (const { message, depth } of rows.inThreadOrder())
    yield transcriptLine(message, depth, people);
}
