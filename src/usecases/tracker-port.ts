/** An issue tracker action items can be exported to; the only implementation talks to GitHub. */
export interface IssueTracker {
  createIssue(input: {
    title: string;
    body: string;
    labels: string[];
  }): Promise<{ number: number; url: string }>;
  issueState(number: number): Promise<'open' | 'closed'>;
}

/** A tracker call that failed; `message` is safe to show people (never carries the token). */
export class IssueTrackerError extends Error {
  constructor(
    message: string,
    /** The HTTP status GitHub answered with, or null when it could not be reached. */
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'IssueTrackerError';
  }
}
