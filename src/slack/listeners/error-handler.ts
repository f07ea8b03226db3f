import type { App } from '@slack/bolt';
import type { ExtendedErrorHandlerArgs } from '@slack/bolt/dist/App.js';
import { isEventCallback } from './event-ack.ts';
import { describeStorageProblem, type FailureReport } from './failures.ts';

/**
 * The one error handler for listeners. A failed event is thrown back so Bolt answers with an
 * error and Slack delivers it again; other failures are only logged.
 */
export function handleListenerErrors(app: App, failures: FailureReport): void {
  const { logger } = failures;
  app.error(async ({ error, body }: ExtendedErrorHandlerArgs) => {
    const problem = failures.storageProblem?.(error) ?? null;
    if (isEventCallback(body)) {
      logger.error(
        { err: error, ...(problem ? { storage: problem } : {}) },
        problem
          ? `could not store a Slack event: ${describeStorageProblem(problem)}; answering with an error so Slack delivers it again`
          : 'a Slack event listener failed; answering with an error so Slack delivers it again',
      );
      throw error;
    }
    logger.error({ err: error }, 'unhandled error in a Slack listener');
  });
}
