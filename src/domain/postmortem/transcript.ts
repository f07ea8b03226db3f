import { slackToPlain } from '../slack-text.ts';
import { isReply } from '../timeline.ts';
import type { PeopleDirectory, RecordedMessage } from '../types.ts';

export interface TranscriptLine {
  at: number;
  actor: string;
  /** Plain text, full length; empty for deleted messages. */
  text: string;
  /** 1 for thread replies. */
  depth: 0 | 1;
  edited: boolean;
  deleted: boolean;
  isBot: boolean;
}

/**
 * Every recorded message, threads kept together, for readers who want the whole conversation.
 * Deleted messages keep their place so gaps are visible, but never their words: whoever deleted
 * a message decided it should not be kept.
 */
export function buildTranscript(
  messages: readonly RecordedMessage[],
  people: PeopleDirectory,
): TranscriptLine[] {
  return [...transcriptLines(messages, people)];
}

/**
 * The transcript one line at a time, each made only when asked for: a 50,000-message draft
 * renders it straight into Markdown without holding a line object per message.
 */
export function* transcriptLines(
  messages: readonly RecordedMessage[],
  people: PeopleDirectory,
): Generator<TranscriptLine, void, undefined> {
  const ordered = [...messages].sort((a, b) => a.postedAt - b.postedAt || a.ts.localeCompare(b.ts));
  const parents = new Set<string>();
  for (const m of ordered) if (!isReply(m)) parents.add(m.ts);
  const replies = new Map<string, RecordedMessage[]>();
  for (const m of ordered) {
    if (m.threadTs === null || !isReply(m) || !parents.has(m.threadTs)) continue;
    const thread = replies.get(m.threadTs);
    if (thread === undefined) replies.set(m.threadTs, [m]);
    else thread.push(m);
  }
  for (const m of ordered) {
    // A reply whose parent was never recorded stands on its own rather than disappearing.
    if (isReply(m) && m.threadTs !== null && parents.has(m.threadTs)) continue;
    yield transcriptLine(m, 0, people);
    for (const r of replies.get(m.ts) ?? []) yield transcriptLine(r, 1, people);
  }
}

/** One message's transcript line (deleted ones keep their place, never their words). */
export function transcriptLine(
  m: RecordedMessage,
  depth: 0 | 1,
  people: PeopleDirectory,
): TranscriptLine {
  const actor = m.isBot
    ? (m.botName ?? 'bot')
    : m.userId === null
      ? 'someone'
      : (people.get(m.userId) ?? m.userId);
  return {
    at: m.postedAt,
    actor,
    text: m.deleted ? '' : text(m, people),
    depth,
    edited: m.editedAt !== null,
    deleted: m.deleted,
    isBot: m.isBot,
  };
}

/** Alert tools often post only attachments; their recognised title is then the message. */
function text(m: RecordedMessage, people: PeopleDirectory): string {
  const plain = slackToPlain(m.text, people).trim();
  return plain === '' && m.alert !== null ? m.alert.title : plain;
}
