/** The little of Block Kit these messages need; the Slack SDK types are not wanted here. */
export interface SlackBlock {
  type: string;
  [k: string]: unknown;
}

export const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
export const plainText = (text: string) => ({ type: 'plain_text', text, emoji: true });
export const section = (text: string): SlackBlock => ({ type: 'section', text: mrkdwn(text) });
export const context = (text: string): SlackBlock => ({
  type: 'context',
  elements: [mrkdwn(text)],
});
export const divider: SlackBlock = { type: 'divider' };
