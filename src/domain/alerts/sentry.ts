import type { AlertState } from '../types.ts';
import { blockTexts, buttonLabels } from './blocks.ts';
import {
  type AlertRecogniser,
  claims,
  clean,
  headlines,
  labelValue,
  messageTexts,
  plainLines,
  type SlackMessageLike,
  signal,
  type WordTable,
  withoutName,
} from './shared.ts';
import { statedTime } from './time.ts';

/**
 * Sentry's Slack integration posts Block Kit. An issue alert leads with the issue title linked
 * to the issue, names the project, and offers Resolve / Archive / Assign; acting on it edits the
 * message (`Resolved by …`, ✅, `Assigned to …`). A metric alert is titled `Critical: <rule>`,
 * `Warning: <rule>` or `Resolved: <rule>`.
 */

const METRIC = /^(Critical|Warning|Resolved):\s*(.+)$/i;
const ISSUE_BUTTONS = /^(?:resolve|archive|ignore|assign)/i;

// Checked in this order, not by position: an edited message can still show an older
// assignment next to its resolution, and the resolution is what counts.
const STATUS: WordTable = [
  [/\bresolved\b|:white_check_mark:|✅/i, 'resolved'],
  [/\b(?:archived|ignored)\b/i, 'info'],
  [/\bassigned\b/i, 'acknowledged'],
  [/\b(?:unresolved|regress(?:ed|ion)|escalating)\b/i, 'firing'],
];

function issueTitle(m: SlackMessageLike): string {
  const fromBlocks = blockTexts(m.blocks ?? []).map((t) => clean(t.split('\n')[0] ?? ''));
  return [...fromBlocks, ...headlines(m)].find((t) => t !== '') ?? '';
}

function looksLikeIssue(m: SlackMessageLike): boolean {
  const links = (m.attachments ?? []).map((a) => a.title_link ?? '');
  return (
    buttonLabels(m.blocks ?? []).some((b) => ISSUE_BUTTONS.test(b.trim())) ||
    [...links, ...messageTexts(m)].some((t) => /\/issues\/\d+/.test(t))
  );
}

function issueState(m: SlackMessageLike, lines: readonly string[]): AlertState {
  const text = lines.join('\n');
  const hit = STATUS.find(([re]) => re.test(text));
  if (hit) return hit[1];
  return looksLikeIssue(m) ? 'firing' : 'info';
}

export const sentryRecogniser: AlertRecogniser = {
  source: 'sentry',
  recognise(m) {
    if (!claims(m, 'sentry', () => false)) return null;
    const firedAt = statedTime(messageTexts(m));
    // An issue can be titled "Warning: …" too; only a message without issue links is a metric.
    const metric = looksLikeIssue(m) ? null : METRIC.exec(issueTitle(m));
    if (metric) {
      const level = (metric[1] ?? '').toLowerCase();
      return signal('sentry', level === 'resolved' ? 'resolved' : 'firing', m, {
        name: metric[2] ?? '',
        severity: level === 'resolved' ? null : level,
        firedAt,
      });
    }
    const name = issueTitle(m);
    const lines = withoutName(plainLines(m), name);
    return signal('sentry', issueState(m, lines), m, {
      name,
      severity: labelValue(lines, 'level'),
      firedAt,
    });
  },
};
