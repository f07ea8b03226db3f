import type { AlertSample } from './alert-samples.ts';

const ISSUE =
  "<https://acme.sentry.io/issues/4509876543/?referrer=slack&amp;alert_rule_id=42|*TypeError: Cannot read properties of undefined (reading 'total')*>";

const button = (text: string, actionId: string) => ({
  type: 'button',
  text: { type: 'plain_text', text },
  action_id: actionId,
});

/** Sentry's issue alert: Block Kit, edited in place (✅, "Resolved by …") on resolution. */
export const sentry: AlertSample = {
  id: 'sentry',
  name: 'Sentry',
  editsInPlace: true,
  botUser: { id: 'U0SENTRY', name: 'sentry', realName: 'Sentry', isBot: true },
  message(state) {
    const firing = state === 'firing';
    return {
      user: 'U0SENTRY',
      bot_id: 'B0SENTRY',
      app_id: 'A0SENTRY',
      bot_profile: { id: 'B0SENTRY', name: 'Sentry', app_id: 'A0SENTRY', deleted: false },
      text: "TypeError: Cannot read properties of undefined (reading 'total')",
      blocks: [
        {
          type: 'section',
          block_id: 'title',
          text: {
            type: 'mrkdwn',
            text: `${firing ? ':red_circle:' : ':white_check_mark:'} ${ISSUE}`,
          },
        },
        {
          type: 'section',
          block_id: 'culprit',
          text: { type: 'mrkdwn', text: '```app/checkout/summary.tsx in renderTotals```' },
        },
        {
          type: 'context',
          elements: [
            { type: 'mrkdwn', text: 'State: *New*   First Seen: *2 minutes ago*   Level: error' },
          ],
        },
        ...(firing
          ? []
          : [{ type: 'context', elements: [{ type: 'mrkdwn', text: 'Resolved by <@U0DANA>' }] }]),
        {
          type: 'actions',
          elements: firing
            ? [
                button('Resolve', 'resolve'),
                button('Archive', 'archive'),
                button('Assign', 'assign'),
              ]
            : [button('Unresolve', 'unresolve')],
        },
        {
          type: 'context',
          elements: [
            {
              type: 'mrkdwn',
              text: 'Project: <https://acme.sentry.io/projects/web-checkout/|web-checkout>    Short ID: WEB-CHECKOUT-1A',
            },
          ],
        },
      ],
    };
  },
};
