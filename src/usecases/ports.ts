import type { Clock } from '../clock.ts';
import type { Person } from '../domain/types.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/index.ts';

export interface OutgoingMessage {
  text: string;
  blocks?: ReadonlyArray<Record<string, unknown>>;
}

/** Everything the use cases need from Slack. The only implementation wraps the Web API client. */
export interface Notifier {
  post(channelId: string, message: OutgoingMessage): Promise<{ ts: string }>;
  /** Joins a public channel so its messages reach us; false when Slack says we must be invited. */
  join(channelId: string): Promise<boolean>;
  profile(userId: string): Promise<Person | null>;
}

export interface Deps {
  store: Store;
  notifier: Notifier;
  clock: Clock;
  logger: Logger;
  timeZone: string;
}

/** What a command tells the person who typed it (ephemerally); null when the channel post says it all. */
export interface CommandOutcome {
  reply: string | null;
}

export const NO_OPEN_INCIDENT =
  'There is no open incident in this channel. Start one with `/incident start <title> [sev1-4]`.';
