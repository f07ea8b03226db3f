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
  toPlain,
} from './shared.ts';
import { attachmentTime, statedTime } from './time.ts';

/**
 * The fallback for bots no tool recogniser owns. Monitoring tools differ in wording and colour
 * but agree on the basics, so wording (FIRING, Triggered, ALARM / RESOLVED, Recovered, OK) and
 * then colour (danger or a red hue / good or a green hue) decide. Code hosts (GitHub, GitLab,
 * Bitbucket) colour their posts by event kind, not by anyone's health, and quote commit messages
 * ("fix alert firing twice"), so their posts are never alerts; and colour alone does not make
 * a post about code activity (commits, branches, builds, deploys) one.
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
// Named by the poster, or linked as an event only a code host produces (commit, compare, pull…).
const CODE_HOST_NAME = /\b(?:github|gitlab|bitbucket)\b/i;
const CODE_HOST_EVENT_LINK =
  /https?:\/\/(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org)\/[^\s|>]*\/(?:commits?|compare|pulls?|merge_requests|tree|branches|tags|releases)\b/i;
// Activity an integration reports in any colour: a green "2 new commits" is not a recovery.
const ACTIVITY_WORDS =
  /\b(?:commits?|pushed|force-pushed|pull request|merge request|merged|branch|tag(?:ged)?|release[ds]?|deploy(?:s|ed|ing|ment)?|builds?|pipeline)\b/i;

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
    if (!isBotMessage(m) || isCodeHostPost(m)) return null;
    const attachments = m.attachments ?? [];
    const wording = wordingSources(m);
    // Wording beats colour: tools reuse one colour for several states, but never the words.
    const state =
      stateFromWording(wording) ??
      (wording.some((w) => ACTIVITY_WORDS.test(toPlain(w)))
        ? null
        : (attachments.map((a) => colourState(a.color)).find((s) => s !== null) ?? null));
    if (state === null) return null;
    const lines = plainLines(m);
    return signal('generic', state, m, {
      name: stripStateWords(titleOf(m)),
      severity: labelValue(lines, 'severity'),
      firedAt: statedTime(lines) ?? (state === 'firing' ? attachmentTime(m) : null),
    });
  },
};

/** A GitHub, GitLab or Bitbucket integration's post, by its name or the event it links to. */
export function isCodeHostPost(m: SlackMessageLike): boolean {
  const names = [m.username, m.bot_profile?.name];
  if (names.some((n) => typeof n === 'string' && CODE_HOST_NAME.test(n))) return true;
  const attachments = m.attachments ?? [];
  const links = attachments.flatMap((a) => [a.title_link, a.pretext, a.title, a.fallback, a.text]);
  return [...links, m.text].some((t) => typeof t === 'string' && CODE_HOST_EVENT_LINK.test(t));
}

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
