/** Slack's documented Block Kit limits; a message over any of them is rejected outright. */
export const LIMITS = {
  blocks: 50,
  headerText: 150,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  fallbackText: 3000,
} as const;

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
