import type { AlertSignal } from '../types.ts';
import { alertmanagerRecogniser } from './alertmanager.ts';
import { betterstackRecogniser } from './betterstack.ts';
import { cloudwatchRecogniser } from './cloudwatch.ts';
import { datadogRecogniser } from './datadog.ts';
import { genericRecogniser } from './generic.ts';
import { grafanaRecogniser } from './grafana.ts';
import { opsgenieRecogniser } from './opsgenie.ts';
import { pagerdutyRecogniser } from './pagerduty.ts';
import { sentryRecogniser } from './sentry.ts';
import { type AlertRecogniser, isBotMessage, type SlackMessageLike } from './shared.ts';

export type { AlertRecogniser } from './shared.ts';

/**
 * Tool recognisers claim only what they are sure of (the poster's name, a footer or link only
 * that tool writes, an unmistakable title), so their order among themselves does not matter;
 * the generic rule takes whatever is left.
 */
export const RECOGNISERS: readonly AlertRecogniser[] = [
  grafanaRecogniser,
  alertmanagerRecogniser,
  pagerdutyRecogniser,
  opsgenieRecogniser,
  datadogRecogniser,
  sentryRecogniser,
  betterstackRecogniser,
  cloudwatchRecogniser,
  genericRecogniser,
];

/** The alert a bot message carries, or null: people never post alerts, whatever they type. */
export function parseAlert(m: SlackMessageLike): AlertSignal | null {
  if (!isBotMessage(m)) return null;
  for (const recogniser of RECOGNISERS) {
    const alert = recogniser.recognise(m);
    if (alert !== null) return alert;
  }
  return null;
}
