import type { webApi } from '@slack/bolt';

/** What @slack/web-api hands to p-retry (node-retry's options). */
export type SlackRetryPolicy = webApi.RetryOptions;

/**
 * How the Web API client retries a failed call (a 5xx, a timeout, a refused connection, a 429).
 * The library's default (ten retries over about thirty minutes) would outlive the bot's 20-second
 * shutdown drain and keep a job's pass, which never overlaps the next, waiting for half an hour.
 * Instead: three retries, 0.5 s then 1 s then 2 s apart (each up to twice that, randomised so
 * replicas do not retry in step), and none started later than 10 s after the first attempt.
 * A call that still fails is reported to its caller, and the jobs (draft delivery, reminders,
 * backfill) try again on their own schedule.
 *
 * A 429 is waited out for the Retry-After Slack sends before the retry (the client does that
 * inside the attempt), so a rate-limited call also ends within the same window plus one wait.
 */
export const SLACK_RETRY_POLICY: Readonly<SlackRetryPolicy> = Object.freeze({
  retries: 3,
  factor: 2,
  minTimeout: 500,
  maxTimeout: 2000,
  randomize: true,
  maxRetryTime: 10_000,
});

/**
 * The longest the client can sleep between attempts under `policy`, computed the way node-retry
 * computes its timeouts: min(maxTimeout, minTimeout × factor^n), doubled at most by randomize.
 */
export function longestBackoffMs(policy: SlackRetryPolicy): number {
  const retries = policy.retries ?? 10;
  const min = policy.minTimeout ?? 1000;
  const max = policy.maxTimeout ?? Number.POSITIVE_INFINITY;
  const factor = policy.factor ?? 2;
  const spread = policy.randomize ? 2 : 1;
  let total = 0;
  for (let attempt = 0; attempt < retries; attempt++) {
    total += Math.min(max, Math.round(spread * min * factor ** attempt));
  }
  return total;
}
