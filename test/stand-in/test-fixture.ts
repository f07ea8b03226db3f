import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, expect } from 'vitest';
import { type SlackStandIn, startSlackStandIn } from '../helpers/slack-stand-in.ts';

export const TOKEN = 'xoxb-test-token';
export const START = Date.UTC(2026, 10, 21, 14, 0, 0);

export interface StandInFixture {
  /** A fresh stand-in per test. */
  readonly slack: SlackStandIn;
  /** The stand-in's clock, in epoch milliseconds; tests move it by hand. */
  clockMs: number;
  /** The real Web API client, pointed at the stand-in; null sends no token at all. */
  client(token?: string | null): webApi.WebClient;
}

/** Starts a stand-in before each test of the calling file and closes it after. */
export function useStandIn(): StandInFixture {
  let current: SlackStandIn | undefined;
  const fx: StandInFixture = {
    get slack() {
      if (!current) throw new Error('the stand-in only exists inside a test');
      return current;
    },
    clockMs: START,
    client(token = TOKEN) {
      return new webApi.WebClient(token ?? undefined, {
        slackApiUrl: fx.slack.apiUrl,
        retryConfig: { retries: 0 },
        rejectRateLimitedCalls: true,
        logLevel: webApi.LogLevel.ERROR,
      });
    },
  };
  beforeEach(async () => {
    fx.clockMs = START;
    current = await startSlackStandIn({ token: TOKEN, now: () => fx.clockMs });
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return fx;
}

/** The Slack error code a rejected call carried. */
export async function slackError(call: Promise<unknown>): Promise<string> {
  const error = await call.then(
    () => expect.fail('call should have failed'),
    (e: unknown) => e as webApi.WebAPIPlatformError,
  );
  expect(error.code).toBe(webApi.ErrorCode.PlatformError);
  return String(error.data.error);
}
