import { condense, slackToPlain } from './slack-text.ts';
import type { ActionItem, PeopleDirectory } from './types.ts';

/**
 * An action item as a GitHub issue. Everything people wrote arrives Slack-encoded: it is turned
 * into plain text and every `@` is broken with a zero-width space, so no GitHub user or team is
 * ever mentioned (and notified) by an export.
 */

export interface ActionIssueInput {
  action: ActionItem;
  /** Slack-encoded, as typed. */
  incidentTitle: string;
  severity: string;
  channelId: string;
  /** The workspace URL (`https://acme.slack.com/`); links go through app_redirect without it. */
  teamUrl?: string | null;
  /** The owner's display name, or null when there is no owner (or the name is unknown). */
  ownerName: string | null;
  /** Display names for mentions inside the texts; ids are shown when missing. */
  people?: PeopleDirectory;
}

export interface IssueDraft {
  title: string;
  body: string;
  labels: string[];
}

export const POST_MORTEM_LABEL = 'post-mortem';
const TITLE_PREFIX = '[post-mortem] ';
const MAX_TEXT_IN_TITLE = 120;
const ZERO_WIDTH_SPACE = '\u200B';

export function actionIssue(input: ActionIssueInput): IssueDraft {
  const { action } = input;
  const people = input.people ?? new Map<string, string>();
  const text = slackToPlain(action.text, people);
  const incidentTitle = condense(slackToPlain(input.incidentTitle, people), 200);
  const channel = channelLink(input.channelId, input.teamUrl ?? null);

  const details = [
    `- **Owner (Slack):** ${input.ownerName ? inline(input.ownerName) : '_no owner yet_'}`,
    `- **Due:** ${action.dueDate ?? '_no due date_'}`,
    ...(action.priority ? [`- **Priority:** ${action.priority.toUpperCase()}`] : []),
    `- **Incident:** ${inline(incidentTitle)} (${inline(input.severity.toUpperCase())})`,
    `- **Incident channel:** ${channel}`,
  ];
  const body = [
    `## ${action.kind === 'follow_up' ? 'Follow-up' : 'Task'} from an incident`,
    '',
    block(text),
    '',
    ...details,
    '',
    '---',
    `_Exported by incident-scribe from action #${action.id}. Closing this issue marks the action done in Slack._`,
    '',
  ].join('\n');

  return {
    title: `${TITLE_PREFIX}${noMentions(condense(text, MAX_TEXT_IN_TITLE))}`,
    body,
    labels: action.priority ? [POST_MORTEM_LABEL, action.priority] : [POST_MORTEM_LABEL],
  };
}

/** A link into the incident channel that opens Slack, in the workspace when it is known. */
export function channelLink(channelId: string, teamUrl: string | null): string {
  const id = encodeURIComponent(channelId);
  if (teamUrl && /^https:\/\/[^/\s]+\/?$/.test(teamUrl)) {
    return `${teamUrl.replace(/\/$/, '')}/archives/${id}`;
  }
  return `https://slack.com/app_redirect?channel=${id}`;
}

/** `@someone` can never become a GitHub mention once a zero-width space follows the `@`. */
export function noMentions(plain: string): string {
  return plain.replace(/@/g, `@${ZERO_WIDTH_SPACE}`);
}

/** User text on one line of Markdown: no mentions, no raw HTML, no line breaks. */
function inline(plain: string): string {
  return noHtml(noMentions(plain.replace(/\s+/g, ' ').trim()));
}

/** User text as a quoted paragraph, keeping its line breaks. */
function block(plain: string): string {
  return noHtml(noMentions(plain.trim()))
    .split(/\r?\n/)
    .map((line) => (line.trim() === '' ? '>' : `> ${line}`))
    .join('\n');
}

/** GitHub renders some HTML; `<` as an entity still reads as `<`. */
function noHtml(text: string): string {
  return text.replace(/</g, '&lt;');
}

/** "owner/repo#12" from an issue's html_url; "#12" when the URL has another shape. */
export function issueReference(issue: { number: number; url: string }): string {
  const match = /^https?:\/\/[^/]+\/([^/]+\/[^/]+)\/issues\/\d+/.exec(issue.url);
  return match ? `${match[1]}#${issue.number}` : `#${issue.number}`;
}
