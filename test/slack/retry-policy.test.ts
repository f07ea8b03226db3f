import { webApi } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { backoffMs, longestBackoffMs, SLACK_RETRY_POLICY } from '../../src/slack/retry-policy.ts';
import { CHANNEL, type FaultBot, startFaultBot } from '../faults/support.ts';

// The bot's shutdown waits this long for work in flight (DEFAULT_DRAIN_MS in src/bot.ts).
const DRAIN_MS = 20_000;
const RETRIES = SLACK_RETRY_POLICY.retries ?? 0;

let f: FaultBot;
afterEach(async () => {
  await f?.close();
});

/** The real bot with the retry policy production runs: no `slackRetries` override. */
async function boot() {
  f = await startFaultBot({ bot: { slackRetries: undefined } });
}

const announcements = () =>
  f.slack.history(CHANNEL).filter((m) => String(m.text ?? '').includes('Checkout errors'));

describe('the Slack retry policy', () => {
  it('is bounded well inside the shutdown drain, unlike the library default', () => {
    // Every pause between attempts, at its longest (randomised up to twice the base).
    expect(longestBackoffMs(SLACK_RETRY_POLICY)).toBe(1000 + 2000 + 2000);
    // No retry starts after maxRetryTime; the attempt under way then is one more timeout at most.
    expect(SLACK_RETRY_POLICY.maxRetryTime).toBeLessThanOrEqual(DRAIN_MS / 2);
    expect(longestBackoffMs(SLACK_RETRY_POLICY)).toBeLessThan(DRAIN_MS / 2);
    const libraryDefault = webApi.retryPolicies.tenRetriesInAboutThirtyMinutes;
    expect(longestBackoffMs(libraryDefault)).toBeGreaterThan(30 * 60_000);
  });

  it('spaces retries as the client does: randomised, then capped at maxTimeout', () => {
    // What the upload's POST waits between tries, outside the client.
    expect([0, 1, 2].map((n) => backoffMs(SLACK_RETRY_POLICY, n, 0))).toEqual([500, 1000, 2000]);
    expect([0, 1, 2].map((n) => backoffMs(SLACK_RETRY_POLICY, n, 0.5))).toEqual([750, 1500, 2000]);
    expect(backoffMs({ ...SLACK_RETRY_POLICY, randomize: false }, 1, 0.9)).toBe(1000);
  });

  it('retries a call Slack failed once, and it goes through', async () => {
    await boot();
    f.slack.failNext('chat.postMessage', { status: 500 });
    const started = await f.command('start Checkout errors sev2');
    expect(started.status).toBe(200);
    await f.slack.waitFor(() => announcements().length === 1, 15_000);
    expect(f.slack.callsTo('chat.postMessage')).toHaveLength(2);
    expect(announcements()).toHaveLength(1);
  }, 30_000);

  it('waits out a rate limit for its Retry-After, then retries', async () => {
    await boot();
    f.slack.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    await f.command('start Checkout errors sev2');
    await f.slack.waitFor(() => announcements().length === 1, 15_000);
    expect(f.slack.callsTo('chat.postMessage')).toHaveLength(2);
    expect(f.logs.join('')).toContain('Will retry in 1 seconds');
  }, 30_000);

  it(`gives up after ${RETRIES} retries and says so to the person who asked`, async () => {
    await boot();
    f.slack.failNext('chat.postMessage', { status: 503 }, RETRIES + 5);
    const started = await f.command('start Checkout errors sev2');
    const reply = await f.reply(started, 20_000);
    expect(reply).toContain('It is recorded, but I could not post to the channel');
    expect(f.slack.callsTo('chat.postMessage')).toHaveLength(RETRIES + 1);
    // The incident is recorded all the same; only the announcement is missing.
    expect(f.rows('select title from incidents')).toEqual([{ title: 'Checkout errors' }]);
  }, 30_000);
});
