import { randomUUID } from 'node:crypto';
import type { AckFn, RespondArguments, RespondFn } from '@slack/bolt';
import type { Parsed } from '../../../domain/commands/index.ts';
import type { Logger } from '../../../logger.ts';
import type { CommandOutcome } from '../../../usecases/ports.ts';

/**
 * Runs a command's use case after the ack and tells the caller the outcome ephemerally.
 * Unexpected failures get an error id the operator can find in the log.
 */
export async function replyWith(
  respond: RespondFn,
  logger: Logger,
  work: () => Promise<CommandOutcome> | CommandOutcome,
): Promise<void> {
  let text: string | null;
  try {
    text = (await work()).reply;
  } catch (error) {
    const errorId = randomUUID().slice(0, 8);
    logger.error({ err: error, errorId }, 'command failed');
    text = `Something went wrong on my side (error id \`${errorId}\`). Please try again; if it keeps failing, tell whoever runs incident-scribe.`;
  }
  if (text === null) return;
  try {
    await respond({ response_type: 'ephemeral', text });
  } catch (error) {
    logger.warn({ err: error }, 'could not send the ephemeral reply');
  }
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
