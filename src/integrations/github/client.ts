import type { Octokit } from '@octokit/rest';
import type { Logger } from '../../logger.ts';
import { type IssueTracker, IssueTrackerError } from '../../usecases/tracker-port.ts';
import { createOctokit, GITHUB_RETRY_POLICY, type GitHubRetryPolicy } from './octokit.ts';

export interface GitHubTrackerOptions {
  token: string;
  /** `owner/name`. */
  repo: string;
  /** GITHUB_API_URL; https://api.github.com unless GitHub Enterprise or a test stand-in. */
  apiUrl?: string;
  /** Per-call limit, retries included: a hanging GitHub cannot stall an export or a sync. */
  timeoutMs?: number;
  /** Where rate limits are logged. */
  logger?: Logger;
  /** Default GITHUB_RETRY_POLICY; tests shorten the waits. */
  retry?: Partial<GitHubRetryPolicy>;
}

const DEFAULT_API_URL = 'https://api.github.com';
const DEFAULT_TIMEOUT_MS = 15_000;

/** Issues in one repository, through the GitHub REST API. */
export function createGitHubTracker(options: GitHubTrackerOptions): IssueTracker {
  const [owner, repo, ...rest] = options.repo.split('/');
  if (!owner || !repo || rest.length > 0) {
    throw new Error(`GITHUB_REPO must be owner/name, got "${options.repo}"`);
  }
  // Loaded on first use: most bots never export an issue in their first seconds, and start-up
  // should not wait for Octokit's modules.
  let client: Promise<Octokit> | null = null;
  const octokit = () => {
    client ??= createOctokit({
      token: options.token,
      baseUrl: (options.apiUrl ?? DEFAULT_API_URL).replace(/\/+$/, ''),
      policy: { ...GITHUB_RETRY_POLICY, ...options.retry },
      ...(options.logger ? { logger: options.logger } : {}),
    });
    return client;
  };
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const request = () => ({ signal: AbortSignal.timeout(timeoutMs) });

  return {
    async createIssue({ title, body, labels }) {
      try {
        const { data } = await (await octokit()).rest.issues.create({
          owner,
          repo,
          title,
          body,
          labels,
          request: request(),
        });
        return { number: data.number, url: data.html_url };
      } catch (error) {
        throw trackerError(error);
      }
    },

    async issueState(number) {
      try {
        const { data } = await (await octokit()).rest.issues.get({
          owner,
          repo,
          issue_number: number,
          request: request(),
        });
        return data.state === 'closed' ? 'closed' : 'open';
      } catch (error) {
        throw trackerError(error);
      }
    },
  };
}

/** Octokit's RequestError carries the status and GitHub's answer; keep only what is safe to show. */
function trackerError(error: unknown): IssueTrackerError {
  if (error instanceof IssueTrackerError) return error;
  const failure = (typeof error === 'object' && error !== null ? error : {}) as {
    status?: unknown;
    response?: { data?: unknown };
    cause?: unknown;
    message?: unknown;
    name?: unknown;
  };
  // Without a response GitHub was never reached (refused, DNS, timeout): Octokit says 500.
  if (failure.response === undefined) {
    const timedOut = [failure.name, (failure.cause as { name?: unknown } | undefined)?.name].some(
      (name) => name === 'TimeoutError' || name === 'AbortError',
    );
    if (timedOut) return new IssueTrackerError('GitHub did not answer in time', null);
    const detail = typeof failure.message === 'string' ? failure.message : 'unknown error';
    return new IssueTrackerError(`GitHub could not be reached (${detail})`, null);
  }
  const status = typeof failure.status === 'number' ? failure.status : null;
  const data = failure.response.data as { message?: unknown } | undefined;
  const apiMessage = typeof data?.message === 'string' ? data.message : null;
  const reason = apiMessage ? `: ${apiMessage}` : '';
  return new IssueTrackerError(`GitHub answered ${status ?? 'an error'}${reason}`, status);
}
