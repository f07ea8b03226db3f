import type { AlertState } from '../types.ts';
import { blockTexts } from './blocks.ts';
import {
  type AlertRecogniser,
  colourState,
  isBotMessage,
  labelValue,
  plainLines,
  type SlackMessageLike,
  signal,
  stripMarkup,
  titleOf,
} from './shared.ts';
import { attachmentTime, statedTime } from './time.ts';

/**
 * The fallback for bots no tool recogniser owns. Monitoring tools differ in wording and colour
 * but agree on the basics, so wording (FIRING, Triggered, ALARM / RESOLVED, Recovered, OK) and
 * then colour (danger or a red hue / good or a green hue) decide.
 */

const FIRING_WORDS = /\b(?:firing|(?:re-?)?triggered|alarm)\b/i;
const RESOLVED_WORDS = /\b(?:resolved|recovered)\b/i;
// `ok` is everyday English; only the shouted state word of CloudWatch-style titles counts.
const RESOLVED_OK = /\bOK\b/;

const STATE_WORD =
  '(?:firing|resolved|recovered|(?:re-?)?triggered|alarm|alerting|ok|warn(?:ing)?|critical)';
// `[FIRING:2]`, `[RESOLVED]`, `[P1]`: bracketed states, counters and priorities before the name.
const LEADING_BRACKET = new RegExp(
  String.raw`^\[\s*(?:${STATE_WORD}|P\d)(?:[\s:]+[^\]]*)?\]\s*`,
  'i',
);
const LEADING_WORD = new RegExp(String.raw`^${STATE_WORD}(?::\s*\d+)?\s*[:\-–—]\s*`, 'i');
const TRAILING_STATE = /\s+(?:is\s+)?(?:now\s+)?(?:firing|resolved|recovered|triggered|alerting)$/i;

/** A title without the state words and counters that change between firing and resolved. */
export function stripStateWords(title: string): string {
  let name = stripMarkup(title);
  for (let previous = ''; previous !== name; ) {
    previous = name;
    name = name.replace(LEADING_BRACKET, '').replace(LEADING_WORD, '').trim();
  }
  return name.replace(TRAILING_STATE, '').trim();
}

export const genericRecogniser: AlertRecogniser = {
  source: 'generic',
  recognise(m) {
    if (!isBotMessage(m)) return null;
    const attachments = m.attachments ?? [];
    // Wording beats colour: tools reuse one colour for several states, but never the words.
    const state =
      stateFromWording(wordingSources(m)) ??
      attachments.map((a) => colourState(a.color)).find((s) => s !== null) ??
      null;
    if (state === null) return null;
    const lines = plainLines(m);
    return signal('generic', state, m, {
      name: stripStateWords(titleOf(m)),
      severity: labelValue(lines, 'severity'),
      firedAt: statedTime(lines) ?? (state === 'firing' ? attachmentTime(m) : null),
    });
  },
};

function wordingSources(m: SlackMessageLike): string[] {
  const attachments = m.attachments ?? [];
  const fromAttachments = attachments.flatMap((a) => [a.title, a.text, a.fallback]);
  const fromBlocks = attachments.length === 0 ? blockTexts(m.blocks ?? []) : [];
  return [...fromAttachments, m.text, ...fromBlocks].filter(
    (s): s is string => typeof s === 'string',
  );
}

function stateFromWording(sources: string[]): AlertState | null {
  for (const source of sources) {
    const firing = FIRING_WORDS.exec(source)?.index ?? Number.POSITIVE_INFINITY;
    const resolved = Math.min(
      RESOLVED_WORDS.exec(source)?.index ?? Number.POSITIVE_INFINITY,
      RESOLVED_OK.exec(source)?.index ?? Number.POSITIVE_INFINITY,
    );
    // The state word leads a title; a later mention ("… was ALARM") is usually history.
    if (firing < resolved) return 'firing';
    if (resolved < firing) return 'resolved';
  }
  return null;
}
