import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendJson } from '../../src/stand-in/slack/routes.ts';

/**
 * A GitHub REST API look-alike on 127.0.0.1 for the two calls the issue tracker makes: creating
 * an issue and reading one. It answers with GitHub's statuses and error bodies, checks the token,
 * and records every request.
 */

export interface StandInIssue {
  number: number;
  title: string;
  body: string;
  labels: string[];
  state: 'open' | 'closed';
}

export interface RecordedGitHubRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** Parsed JSON body, or null for requests without one. */
  body: Record<string, unknown> | null;
}

export interface GitHubStandIn {
  /** For GITHUB_API_URL / the client's `apiUrl`. */
  apiUrl: string;
  /** `owner/name` of the one repository it holds. */
  repo: string;
  requests: RecordedGitHubRequest[];
  issues: Map<number, StandInIssue>;
  closeIssue(number: number): void;
  /**
   * The next request (whatever it is) is answered with this status and GitHub's error body, and
   * any extra headers (retry-after, x-ratelimit-remaining …) a rate limit comes with.
   */
  failNext(status: number, message?: string, headers?: Record<string, string>): void;
  close(): Promise<void>;
}

const DOCS = 'https://docs.github.com/rest';
const STATUS_MESSAGES: Record<number, string> = {
  401: 'Bad credentials',
  403: 'Resource not accessible by personal access token',
  404: 'Not Found',
  422: 'Validation Failed',
  500: 'Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

export async function startGitHubStandIn(
  options: { token?: string; repo?: string } = {},
): Promise<GitHubStandIn> {
  const token = options.token ?? 'ghp_test_token';
  const repo = options.repo ?? 'acme/app';
  const requests: RecordedGitHubRequest[] = [];
  const issues = new Map<number, StandInIssue>();
  const failures: Array<{ status: number; message: string; headers: Record<string, string> }> = [];
  let nextNumber = 1;

  const issueJson = (issue: StandInIssue) => ({
    id: 1000 + issue.number,
    number: issue.number,
    url: `${apiUrl}/repos/${repo}/issues/${issue.number}`,
    html_url: `https://github.com/${repo}/issues/${issue.number}`,
    state: issue.state,
    title: issue.title,
    body: issue.body,
    labels: issue.labels.map((name, i) => ({ id: i + 1, name })),
  });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const raw = await readBody(req);
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://stand-in').pathname;
    let body: Record<string, unknown> | null = null;
    if (raw !== '') {
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        return sendError(res, 400, 'Problems parsing JSON');
      }
    }
    requests.push({ method, path, headers: req.headers, body });

    const failure = failures.shift();
    if (failure) return sendError(res, failure.status, failure.message, failure.headers);
    const auth = /^(?:token|bearer) (.+)$/i.exec(req.headers.authorization ?? '');
    if (auth?.[1] !== token) return sendError(res, 401, 'Bad credentials');

    const match = /^\/repos\/([^/]+\/[^/]+)\/issues(?:\/(\d+))?$/.exec(path);
    if (!match || match[1] !== repo) return sendError(res, 404, 'Not Found');
    const number = match[2] === undefined ? null : Number(match[2]);

    if (method === 'POST' && number === null) {
      const title = body?.title;
      if (typeof title !== 'string' || title.trim() === '') {
        return sendError(res, 422, 'Validation Failed');
      }
      const labels = Array.isArray(body?.labels) ? body.labels.map(String) : [];
      const issue: StandInIssue = {
        number: nextNumber++,
        title,
        body: typeof body?.body === 'string' ? body.body : '',
        labels,
        state: 'open',
      };
      issues.set(issue.number, issue);
      return sendJson(res, 201, issueJson(issue));
    }
    if (method === 'GET' && number !== null) {
      const issue = issues.get(number);
      if (!issue) return sendError(res, 404, 'Not Found');
      return sendJson(res, 200, issueJson(issue));
    }
    return sendError(res, 404, 'Not Found');
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, 500, String(error));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    apiUrl,
    repo,
    requests,
    issues,
    closeIssue(number) {
      const issue = issues.get(number);
      if (!issue) throw new Error(`GitHub stand-in: no issue #${number}`);
      issue.state = 'closed';
    },
    failNext(status, message, headers = {}) {
      failures.push({ status, message: message ?? STATUS_MESSAGES[status] ?? 'Error', headers });
    },
    close() {
      return new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      });
    },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, { message, documentation_url: DOCS, status: String(status) }, headers);
}
