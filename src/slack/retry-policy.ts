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
  let total = 0;
  for (let attempt = 0; attempt < (policy.retries ?? 10); attempt++) {
    total += backoffMs(policy, attempt, 1);
  }
  return total;
}

/**
 * The sleep before retry `attempt` (0 for the first retry), as node-retry computes it:
 * min(maxTimeout, minTimeout × factor^attempt × (1 + random) when randomize, else × 1).
 * What calls made outside the Web API client (the upload's POST) wait between their tries.
 */
export function backoffMs(
  policy: Readonly<SlackRetryPolicy>,
  attempt: number,
  random = Math.random(),
): number {
  const spread = policy.randomize ? 1 + random : 1;
  const timeout = Math.round(
    spread * (policy.minTimeout ?? 1000) * (policy.factor ?? 2) ** attempt,
  );
  return Math.min(policy.maxTimeout ?? Number.POSITIVE_INFINITY, timeout);
}
