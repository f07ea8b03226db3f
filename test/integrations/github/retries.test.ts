import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGitHubTracker } from '../../../src/integrations/github/client.ts';
import { GITHUB_RETRY_POLICY } from '../../../src/integrations/github/octokit.ts';
import { createLogger } from '../../../src/logger.ts';
import { IssueTrackerError } from '../../../src/usecases/tracker-port.ts';
import { type GitHubStandIn, startGitHubStandIn } from '../../helpers/github-stand-in.ts';
import { captureLogs } from '../../helpers/harness.ts';

const TOKEN = 'ghp_retry_token';
const REPO = 'acme/app';
// The production policy with every wait counted in milliseconds instead of seconds.
const BASE_MS = 2;
const SECONDARY = 'You have exceeded a secondary rate limit. Please wait a few minutes.';

let github: GitHubStandIn;
let logs: string[];

beforeEach(async () => {
  github = await startGitHubStandIn({ token: TOKEN, repo: REPO });
});
afterEach(async () => {
  await github.close();
});

function tracker() {
  const captured = captureLogs();
  logs = captured.lines;
  return createGitHubTracker({
    token: TOKEN,
    repo: REPO,
    apiUrl: github.apiUrl,
    logger: createLogger('debug', captured.sink),
    retry: { baseMs: BASE_MS },
  });
}

const issue = { title: 'Add an alert on checkout errors', body: 'From the incident', labels: [] };
const posts = () => github.requests.filter((r) => r.method === 'POST').length;
const reads = () => github.requests.filter((r) => r.method === 'GET').length;

async function failure(promise: Promise<unknown>): Promise<IssueTrackerError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(IssueTrackerError);
  return error as IssueTrackerError;
}

describe('GitHub calls under the production retry policy', () => {
  it('retries a server error and succeeds, creating the issue once', async () => {
    github.failNext(500);
    github.failNext(502);
    expect(await tracker().createIssue(issue)).toMatchObject({ number: 1 });
    expect(posts()).toBe(3);
    expect(github.issues.size).toBe(1);
  });

  it('gives up after its retries, with the last answer', async () => {
    for (let i = 0; i <= GITHUB_RETRY_POLICY.retries; i++) github.failNext(503);
    const error = await failure(tracker().createIssue(issue));
    expect(error).toMatchObject({
      status: 503,
      message: 'GitHub answered 503: Service Unavailable',
    });
    expect(posts()).toBe(GITHUB_RETRY_POLICY.retries + 1);
    expect(github.issues.size).toBe(0);
  });

  it.each([
    [401, 'Bad credentials'],
    [403, 'Resource not accessible by personal access token'],
    [404, 'Not Found'],
    [422, 'Validation Failed'],
  ])('does not retry a permanent %i', async (status, message) => {
    github.failNext(status);
    const error = await failure(tracker().createIssue(issue));
    expect(error).toMatchObject({ status, message: `GitHub answered ${status}: ${message}` });
    expect(posts()).toBe(1);
  });

  // Rate limits are shown on reads: a retried write would also wait out Octokit's spacing of
  // writes that notify people (three seconds), which says nothing about the policy.
  it('waits out a secondary rate limit for its retry-after, then retries', async () => {
    const number = await seedIssue();
    github.failNext(403, SECONDARY, { 'retry-after': '3' });
    github.failNext(429, SECONDARY, { 'retry-after': '1' });
    expect(await tracker().issueState(number)).toBe('open');
    expect(reads()).toBe(3);
    const waits = logs.filter((l) => l.includes('GitHub rate limit: waiting, then retrying'));
    expect(waits.map((l) => JSON.parse(l))).toMatchObject([
      { kind: 'secondary', retryAfter: 3, attempt: 1, method: 'GET' },
      { kind: 'secondary', retryAfter: 1, attempt: 2, method: 'GET' },
    ]);
  });

  it('waits for a primary rate limit to reset, then retries', async () => {
    const number = await seedIssue();
    // GitHub gives the reset as epoch seconds; the plugin waits until then, plus a second.
    const reset = String(Math.ceil(Date.now() / 1000));
    github.failNext(403, 'API rate limit exceeded for user.', {
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': reset,
    });
    expect(await tracker().issueState(number)).toBe('open');
    expect(reads()).toBe(2);
    expect(logs.join('')).toContain('"kind":"primary"');
  });

  it('gives up on a rate limit that asks for longer than it may wait, or comes too often', async () => {
    const number = await seedIssue();
    const tooLong = String(GITHUB_RETRY_POLICY.maxRateLimitWaitSeconds + 1);
    github.failNext(429, SECONDARY, { 'retry-after': tooLong });
    const error = await failure(tracker().issueState(number));
    expect(error.status).toBe(429);
    expect(reads()).toBe(1);
    expect(logs.join('')).toContain('GitHub rate limit: giving up');

    for (let i = 0; i <= GITHUB_RETRY_POLICY.rateLimitRetries; i++) {
      github.failNext(403, SECONDARY, { 'retry-after': '1' });
    }
    expect((await failure(tracker().issueState(number))).status).toBe(403);
    expect(reads()).toBe(1 + GITHUB_RETRY_POLICY.rateLimitRetries + 1);
  });
});

/** An issue to read back, created before any failure is queued. */
async function seedIssue(): Promise<number> {
  const created = await tracker().createIssue(issue);
  return created.number;
}
