import type { Octokit } from '@octokit/rest';
import type { Logger } from '../../logger.ts';

/**
 * How GitHub calls are retried. The tracker's per-call deadline (`timeoutMs`) covers the retries
 * too: once it has passed nothing is retried, so a call ends by the deadline or, when a
 * rate-limit wait had begun before it, at most `maxRateLimitWaitSeconds` later.
 */
export interface GitHubRetryPolicy {
  /** Retries after a 5xx or a connection failure, waiting 1, 4, 9 … × `baseMs` (Octokit's). */
  retries: number;
  /** Retries after a primary or secondary rate limit, each waiting what GitHub asks. */
  rateLimitRetries: number;
  /** A rate limit that asks for a longer wait fails at once; the next sync pass tries again. */
  maxRateLimitWaitSeconds: number;
  /** One unit of waiting: 1000 (a second) in production; tests make it a few ms. */
  baseMs: number;
}

export const GITHUB_RETRY_POLICY: Readonly<GitHubRetryPolicy> = Object.freeze({
  retries: 2,
  rateLimitRetries: 2,
  maxRateLimitWaitSeconds: 10,
  baseMs: 1000,
});

// 4xx answers that mean "this request is wrong" are never retried. 403 and 429 are rate limits
// only when GitHub says so; the throttling plugin decides those.
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451];

let trackers = 0;

/** Octokit with bounded retries and rate-limit handling, loaded on first use. */
export async function createOctokit(options: {
  token: string;
  baseUrl: string;
  policy: GitHubRetryPolicy;
  logger?: Logger;
}): Promise<Octokit> {
  const [{ Octokit }, { retry }, { throttling }] = await Promise.all([
    import('@octokit/rest'),
    import('@octokit/plugin-retry'),
    import('@octokit/plugin-throttling'),
  ]);
  const { policy, logger } = options;
  const onLimit =
    (kind: 'primary' | 'secondary') =>
    (retryAfter: number, request: { method: string; url: string }, _: unknown, count: number) => {
      const retrying =
        count < policy.rateLimitRetries && retryAfter <= policy.maxRateLimitWaitSeconds;
      logger?.warn(
        {
          kind,
          retryAfter,
          attempt: count + 1,
          retrying,
          method: request.method,
          url: request.url,
        },
        retrying ? 'GitHub rate limit: waiting, then retrying' : 'GitHub rate limit: giving up',
      );
      return retrying;
    };
  // First, so its error hook runs before the retry plugin's.
  const Client = Octokit.plugin(noRetryPastDeadline, retry, throttling);
  return new Client({
    auth: options.token,
    baseUrl: options.baseUrl,
    userAgent: 'incident-scribe',
    // Octokit logs request failures itself; the callers report them.
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    retry: {
      retries: policy.retries,
      retryAfterBaseValue: policy.baseMs,
      doNotRetry: DO_NOT_RETRY,
    },
    throttle: {
      // Each tracker keeps its own write spacing (GitHub asks for a second between writes).
      id: `incident-scribe-${++trackers}`,
      retryAfterBaseValue: policy.baseMs,
      fallbackSecondaryRateRetryAfter: 60,
      onRateLimit: onLimit('primary'),
      onSecondaryRateLimit: onLimit('secondary'),
    },
  });
}

/** A request whose deadline (its abort signal) has passed is not retried: it would fail at once. */
function noRetryPastDeadline(octokit: {
  hook: { error(name: 'request', hook: (error: unknown, options: RequestLike) => never): void };
}) {
  octokit.hook.error('request', (error, options) => {
    if (options.request?.signal?.aborted) options.request.retries = 0;
    throw error;
  });
}

interface RequestLike {
  request?: { signal?: AbortSignal | null; retries?: number };
}
