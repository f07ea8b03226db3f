import type { AlertSource } from './types.ts';

const TOOL_NAMES: Record<AlertSource, string> = {
  alertmanager: 'Alertmanager',
  grafana: 'Grafana',
  pagerduty: 'PagerDuty',
  opsgenie: 'Opsgenie',
  datadog: 'Datadog',
  sentry: 'Sentry',
  betterstack: 'Better Stack',
  cloudwatch: 'CloudWatch',
  generic: 'monitoring',
};

/** How people call a monitoring tool in prose. */
export function toolName(source: AlertSource): string {
  return TOOL_NAMES[source];
}
