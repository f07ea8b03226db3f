import type { AlertState } from '../types.ts';
import { stripStateWords } from './generic.ts';
import {
  type AlertRecogniser,
  claims,
  headlines,
  messageTexts,
  type SlackMessageLike,
  signal,
  titleOf,
} from './shared.ts';
import { attachmentTime, statedTime } from './time.ts';

/**
 * Datadog monitor notifications: `[Triggered] <monitor>`, `[Triggered on {host:a}] <monitor>`,
 * `[Re-Triggered] …`, `[Warn] …`, `[Recovered] …`, `[No Data] …`, optionally led by the
 * monitor's priority, `[P1] [Triggered] …`.
 */

const TITLE =
  /^(?:\[(P[1-5])\]\s*)?\[((?:Re-?)?Triggered|(?:Re-?)?Warn|Recovered(?: from \w+)?|(?:Re-?)?No Data)(?:\s+on\s+(\{[^\]]*\}))?\]\s*(?:\[(P[1-5])\]\s*)?(.+)$/i;

interface Reading {
  status: string;
  priority: string | null;
  scope: string | null;
  monitor: string;
}

function read(m: SlackMessageLike): Reading | null {
  for (const line of headlines(m)) {
    const match = TITLE.exec(line);
    if (match) {
      return {
        status: (match[2] ?? '').toLowerCase(),
        priority: match[1] ?? match[4] ?? null,
        scope: match[3] ?? null,
        monitor: (match[5] ?? '').trim(),
      };
    }
  }
  return null;
}

function stateOf(status: string): AlertState {
  if (status.startsWith('recovered')) return 'resolved';
  if (status.includes('no data')) return 'info';
  return 'firing';
}

export const datadogRecogniser: AlertRecogniser = {
  source: 'datadog',
  recognise(m) {
    if (!claims(m, 'datadog', () => read(m) !== null)) return null;
    const reading = read(m);
    if (reading === null) {
      return signal('datadog', 'info', m, { name: stripStateWords(titleOf(m)) });
    }
    const state = stateOf(reading.status);
    const warning = /warn$/.test(reading.status) ? 'warning' : null;
    return signal('datadog', state, m, {
      // A multi-alert monitor fires once per scope; the scope tells those alerts apart.
      name: reading.scope === null ? reading.monitor : `${reading.monitor} ${reading.scope}`,
      severity: reading.priority ?? warning,
      firedAt: statedTime(messageTexts(m)) ?? (state === 'firing' ? attachmentTime(m) : null),
    });
  },
};
