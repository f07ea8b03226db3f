import type { Clock } from '../clock.ts';

/** When Slack last answered, and when a request last got no answer; epoch ms, null = never. */
export interface SlackContact {
  lastAnsweredAt: number | null;
  lastFailedAt: number | null;
}

type Fetch = typeof globalThis.fetch;

// Slack's error codes are snake_case words; anything else is kept out of the label values.
const ERROR_CODE = /^[a-z][a-z0-9_]{0,63}$/;

/**
 * A `fetch` for the Web API clients (ours and Bolt's, through `clientOptions.fetch`), so every
 * request is counted whichever client makes it, retries and 429s included. Requests to other
 * URLs (response_url replies, file upload URLs) pass through uncounted.
 */
export function instrumentSlackFetch(options: {
  apiUrl: string;
  clock: Clock;
  count: (method: string, outcome: string) => void;
  contact: SlackContact;
  inner?: Fetch;
}): Fetch {
  const inner = options.inner ?? globalThis.fetch;
  const { contact } = options;
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith(options.apiUrl)) return inner(input, init);
    const method = methodName(url.slice(options.apiUrl.length));
    let response: Response;
    try {
      response = await inner(input, init);
    } catch (error) {
      contact.lastFailedAt = options.clock.now();
      options.count(method, 'unreachable');
      throw error;
    }
    if (response.status === 429) {
      contact.lastAnsweredAt = options.clock.now();
      options.count(method, 'rate_limited');
      return response;
    }
    if (response.status !== 200) {
      contact.lastFailedAt = options.clock.now();
      options.count(method, 'http_error');
      return response;
    }
    contact.lastAnsweredAt = options.clock.now();
    options.count(method, await outcomeOf(response));
    return response;
  };
}

function methodName(path: string): string {
  const name = path.split(/[?#]/)[0] ?? '';
  return /^[a-zA-Z]+(\.[a-zA-Z]+)+$/.test(name) ? name : 'other';
}

/** `ok`, or Slack's error code (its `ratelimited` code counted as `rate_limited`). */
async function outcomeOf(response: Response): Promise<string> {
  try {
    const body = (await response.clone().json()) as { ok?: unknown; error?: unknown };
    if (body.ok === true) return 'ok';
    if (body.error === 'ratelimited') return 'rate_limited';
    return typeof body.error === 'string' && ERROR_CODE.test(body.error) ? body.error : 'error';
  } catch {
    // Not JSON (a gzip download, say): Slack answered, which is what counts here.
    return 'ok';
  }
}
