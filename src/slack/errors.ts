/**
 * Slack's error code from a Web API failure ("channel_not_found"); the message when Slack gave
 * none (a timeout, a refused connection).
 */
export function slackErrorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'data' in error) {
    const data = (error as { data?: { error?: unknown } }).data;
    if (typeof data?.error === 'string') return data.error;
  }
  return error instanceof Error ? error.message : 'unknown error';
}
