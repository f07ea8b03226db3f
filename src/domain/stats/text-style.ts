import { mdText } from '../postmortem/markdown-text.ts';
import { condense, plainToSafeMrkdwn } from '../slack-text.ts';

/** Markdown for `scribe stats`/`review`, Slack mrkdwn for the bot's own posts and replies. */
export interface TextStyle {
  bold(text: string): string;
  /** A stored name or title (tags, alert names, incident titles): one line, never markup. */
  name(text: string, max?: number): string;
  /** Where an incident happened: a channel link in Slack, its name in Markdown. */
  channel(channelId: string, channelName: string | null): string;
}

export const MRKDWN: TextStyle = {
  bold: (text) => `*${text}*`,
  name: (text, max = 80) => plainToSafeMrkdwn(condense(text, max)),
  channel: (channelId) => `<#${channelId}>`,
};

export const MARKDOWN: TextStyle = {
  bold: (text) => `**${text}**`,
  name: (text, max = 80) => mdText(condense(text, max)),
  channel: (channelId, channelName) => (channelName === null ? channelId : `#${channelName}`),
};
