import { randomUUID } from 'node:crypto';
import type { AckFn, RespondArguments, RespondFn } from '@slack/bolt';
import type { Parsed } from '../../../domain/commands/index.ts';
import type { CommandMetricOutcome, CommandOutcome } from '../../../usecases/ports.ts';
import { describeStorageProblem, type FailureReport } from '../failures.ts';

/**
 * Runs a command's use case after the ack and tells the caller the outcome ephemerally.
 * Unexpected failures get an error id the operator can find in the log. Returns whether the use
 * case ran or threw, for the metrics.
 */
export async function replyWith(
  respond: RespondFn,
  failures: FailureReport,
  work: () => Promise<CommandOutcome> | CommandOutcome,
): Promise<CommandMetricOutcome> {
  let text: string | null;
  let outcome: CommandMetricOutcome = 'ok';
  try {
    text = (await work()).reply;
  } catch (error) {
    text = failureText(error, failures);
    outcome = 'error';
  }
  if (text === null) return outcome;
  try {
    await respond({ response_type: 'ephemeral', text });
  } catch (error) {
    failures.logger.warn({ err: error }, 'could not send the ephemeral reply');
  }
  return outcome;
}

/**
 * Logs an unexpected failure with an error id and returns what to tell the person. A write the
 * database refused (locked, full…) says so: the person should try again, and the operator has
 * something to fix.
 */
export function failureText(error: unknown, failures: FailureReport): string {
  const { logger } = failures;
  const errorId = randomUUID().slice(0, 8);
  const problem = failures.storageProblem?.(error) ?? null;
  if (problem) {
    const reason = describeStorageProblem(problem);
    logger.error({ err: error, errorId, storage: problem }, `could not save: ${reason}`);
    return `:warning: I could not save that: ${reason} (error id \`${errorId}\`). Please try again in a minute; if it keeps failing, tell whoever runs incident-scribe.`;
  }
  logger.error({ err: error, errorId }, 'command failed');
  return `Something went wrong on my side (error id \`${errorId}\`). Please try again; if it keeps failing, tell whoever runs incident-scribe.`;
}

/** Returns the parsed command, or acks with the error and usage (privately) and returns null. */
export async function commandOrUsage<T>(
  parsed: Parsed<T>,
  ack: AckFn<string | RespondArguments>,
): Promise<T | null> {
  if (parsed.ok) return parsed.command;
  await ack({ response_type: 'ephemeral', text: `${parsed.error}\n\n${parsed.usage}` });
  return null;
}
