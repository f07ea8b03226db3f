import type { StandInUser } from '../stand-in/index.ts';
import { sentry } from './alert-sample-sentry.ts';

// What each monitoring tool posts into Slack, firing and resolved, in the tool's own format (the
// shapes of test/fixtures/alerts). Alertmanager and Grafana post through incoming webhooks
// (subtype bot_message, a username); the others are Slack apps with a bot user.

export type AlertState = 'firing' | 'resolved';

export interface AlertSample {
  id: 'alertmanager' | 'grafana' | 'pagerduty' | 'datadog' | 'opsgenie' | 'sentry';
  name: string;
  /** Sentry edits its issue message when the issue is resolved; the others post anew. */
  editsInPlace: boolean;
  /** The bot user an app posts as; null for incoming webhooks. */
  botUser: StandInUser | null;
  /** The message's fields (author and content), without channel and ts. */
  message(state: AlertState, at: number): Record<string, unknown>;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const firing = (state: AlertState) => state === 'firing';

const webhook = (username: string, botId: string) => ({
  subtype: 'bot_message',
  username,
  bot_id: botId,
});
const app = (name: string, botId: string, appId: string, user?: string) => ({
  ...(user ? { user } : {}),
  bot_id: botId,
  app_id: appId,
  bot_profile: { id: botId, name, app_id: appId, deleted: false },
});

const alertmanager: AlertSample = {
  id: 'alertmanager',
  name: 'Alertmanager',
  editsInPlace: false,
  botUser: null,
  message(state, at) {
    const head = firing(state) ? '[FIRING:1]' : '[RESOLVED]';
    const title = `${head} HighErrorRate (checkout prod critical)`;
    const link = 'https://alertmanager.example.com/#/alerts?receiver=slack-incidents';
    const ended = firing(state) ? '' : `\n*Ended:* ${iso(at)}`;
    return {
      ...webhook('Alertmanager', 'B0ALERTMGR'),
      text: '',
      attachments: [
        {
          id: 1,
          color: firing(state) ? 'danger' : 'good',
          title,
          title_link: link,
          text: `*Alert:* Checkout API 5xx above 5% - \`critical\`\n*Description:* Checkout requests fail with 5xx.\n*Details:*\n  • *alertname:* \`HighErrorRate\`\n  • *service:* \`checkout\`\n  • *severity:* \`critical\`\n*Started:* ${iso(at - 120_000)}${ended}`,
          fallback: `${title} | ${link}`,
          mrkdwn_in: ['text'],
        },
      ],
    };
  },
};

const grafana: AlertSample = {
  id: 'grafana',
  name: 'Grafana',
  editsInPlace: false,
  botUser: null,
  message(state, at) {
    const title = `${firing(state) ? '[FIRING:1]' : '[RESOLVED]'} CheckoutLatency Payments (checkout critical)`;
    return {
      ...webhook('Grafana', 'B0GRAFANA'),
      text: '',
      attachments: [
        {
          id: 1,
          color: firing(state) ? '#D63232' : '#36a64f',
          title,
          title_link: 'https://grafana.example.com/alerting/list',
          text: `**${firing(state) ? 'Firing' : 'Resolved'}**\n\nValue: B=2.4\nLabels:\n - alertname = CheckoutLatency\n - grafana_folder = Payments\n - severity = critical\nAnnotations:\n - summary = Checkout p99 latency above 2 s\nSource: https://grafana.example.com/alerting/grafana/c1a2b3/view\n`,
          fallback: title,
          footer: 'Grafana v11.3.0',
          ts: Math.floor(at / 1000),
          mrkdwn_in: ['text'],
        },
      ],
    };
  },
};

const pagerduty: AlertSample = {
  id: 'pagerduty',
  name: 'PagerDuty',
  editsInPlace: false,
  botUser: { id: 'U0PAGERDUTY', name: 'pagerduty', realName: 'PagerDuty', isBot: true },
  message(state, at) {
    const word = firing(state) ? 'Triggered' : 'Resolved';
    const icon = firing(state) ? ':red_circle:' : ':large_green_circle:';
    const incident =
      '<https://acme.pagerduty.com/incidents/Q1SANDBOX|#1234 Checkout API error rate above 5%>';
    const context = firing(state)
      ? `Triggered at <!date^${Math.floor(at / 1000)}^{date_short_pretty} {time}|${iso(at)}> via Datadog`
      : 'Resolved by <@U0ALICE>';
    return {
      ...app('PagerDuty', 'B0PAGERDUTY', 'A0PAGERDUTY', 'U0PAGERDUTY'),
      text: `${word}: #1234 Checkout API error rate above 5%`,
      blocks: [
        {
          type: 'section',
          block_id: 'title',
          text: { type: 'mrkdwn', text: `${icon} *${word}* ${incident}` },
        },
        {
          type: 'section',
          block_id: 'details',
          fields: [
            { type: 'mrkdwn', text: '*Urgency:*\nHigh' },
            { type: 'mrkdwn', text: '*Priority:*\nP1' },
            {
              type: 'mrkdwn',
              text: '*Service:*\n<https://acme.pagerduty.com/service-directory/PCHK123|Checkout API>',
            },
          ],
        },
        { type: 'context', elements: [{ type: 'mrkdwn', text: context }] },
      ],
    };
  },
};

const datadog: AlertSample = {
  id: 'datadog',
  name: 'Datadog',
  editsInPlace: false,
  botUser: { id: 'U0DATADOG', name: 'datadog', realName: 'Datadog', isBot: true },
  message(state, at) {
    const title = `[P2] [${firing(state) ? 'Triggered' : 'Recovered'} on {host:checkout-1}] CPU usage high on checkout`;
    const body = firing(state) ? 'CPU above 90% for 5 minutes' : 'CPU back under 90%';
    return {
      ...app('Datadog', 'B0DATADOG', 'A0DATADOG', 'U0DATADOG'),
      text: '',
      attachments: [
        {
          id: 1,
          color: firing(state) ? '#e01e5a' : '#2eb886',
          title,
          title_link: 'https://app.datadoghq.com/monitors/123456?group=host%3Acheckout-1',
          text: `${body} on checkout-1.\nTriggered at: ${iso(at).replace('T', ' ').replace('Z', ' UTC')}`,
          fallback: title,
          mrkdwn_in: ['text'],
        },
      ],
    };
  },
};

const opsgenie: AlertSample = {
  id: 'opsgenie',
  name: 'Opsgenie',
  editsInPlace: false,
  botUser: { id: 'U0OPSGENIE', name: 'opsgenie', realName: 'Opsgenie', isBot: true },
  message(state, at) {
    const field = (title: string, value: string) => ({ title, value, short: true });
    return {
      ...app('Opsgenie', 'B0OPSGENIE', 'A0OPSGENIE', 'U0OPSGENIE'),
      text: '[Opsgenie] Alert #1234: Checkout API 5xx above 5%',
      attachments: [
        {
          id: 1,
          color: firing(state) ? '#e01e5a' : '#2eb886',
          pretext: firing(state) ? 'Alert created by Datadog' : 'Alert closed by Dana Kowalski',
          title: '#1234: Checkout API 5xx above 5%',
          title_link: 'https://acme.app.opsgenie.com/alert/detail/7f0c3a4e-sandbox/details',
          fallback: 'Checkout API 5xx above 5%',
          fields: [
            field('Priority', 'P2'),
            field('Status', firing(state) ? 'Open' : 'Closed'),
            field('Source', 'Datadog'),
            field('Created At', iso(at)),
          ],
        },
      ],
    };
  },
};

export const ALERT_SAMPLES: readonly AlertSample[] = [
  alertmanager,
  grafana,
  pagerduty,
  datadog,
  opsgenie,
  sentry,
];

export function alertSample(id: string): AlertSample | undefined {
  return ALERT_SAMPLES.find((s) => s.id === id);
}
