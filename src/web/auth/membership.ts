import type { Clock } from '../../clock.ts';
import type { Logger } from '../../logger.ts';

// Which private channels a person is in now, asked of Slack and kept briefly: every page asks,
// and someone removed from a channel should stop seeing its incidents within a minute.

export interface MembershipOptions {
  /** The private channels Slack says the person is in (users.conversations, all pages). */
  ask(userId: string): Promise<readonly string[]>;
  clock: Clock;
  logger: Logger;
  /** How long an answer is kept; default 60 s. */
  ttlMs?: number;
  /** How long a failure's empty answer is kept, so an outage is not asked on every request. */
  failureTtlMs?: number;
  /** The most people kept at once; the least recently asked go first. */
  maxPeople?: number;
}

interface Entry {
  /** Until when the answer stands; Infinity while Slack is still being asked. */
  until: number;
  channels: Promise<ReadonlySet<string>>;
}

export const MEMBERSHIP_TTL_MS = 60_000;
const FAILURE_TTL_MS = 5_000;
const MAX_PEOPLE = 1_000;
const NONE: ReadonlySet<string> = new Set();

/**
 * `privateChannelsOf(userId)`, cached per person. A failure fails closed (no private channels:
 * private incidents stay hidden) and is logged; people asking at once share one question.
 */
export function membershipCache(
  options: MembershipOptions,
): (userId: string) => Promise<ReadonlySet<string>> {
  const ttl = options.ttlMs ?? MEMBERSHIP_TTL_MS;
  const failureTtl = options.failureTtlMs ?? FAILURE_TTL_MS;
  const max = options.maxPeople ?? MAX_PEOPLE;
  const entries = new Map<string, Entry>();

  const fresh = (userId: string): Entry => {
    const entry: Entry = { until: Number.POSITIVE_INFINITY, channels: Promise.resolve(NONE) };
    entry.channels = options.ask(userId).then(
      (channels) => {
        entry.until = options.clock.now() + ttl;
        return new Set(channels);
      },
      (error: unknown) => {
        entry.until = options.clock.now() + failureTtl;
        options.logger.warn(
          { err: error, userId },
          'site: could not ask Slack which private channels a person is in; showing none',
        );
        return NONE;
      },
    );
    return entry;
  };

  return (userId) => {
    const known = entries.get(userId);
    // Re-inserted on every use, so the Map's order is least recently asked first.
    entries.delete(userId);
    const entry = known && known.until > options.clock.now() ? known : fresh(userId);
    entries.set(userId, entry);
    while (entries.size > max) {
      const oldest = entries.keys().next().value;
      if (oldest === undefined) break;
      entries.delete(oldest);
    }
    return entry.channels;
  };
}
