import { slackToPlain } from '../slack-text.ts';
import type { PeopleDirectory, RecordedMessage } from '../types.ts';
import { mayBlame } from './blameless.ts';
import type { WrittenSections } from './filled-sections.ts';
import { zoneTimes } from './zone-times.ts';

export interface BlamelessSourcesInput {
  messages: readonly RecordedMessage[];
  written: WrittenSections;
  people: PeopleDirectory;
  timeZone: string;
}

/**
 * What a review reads for blame: the write-up first (it is what the final document keeps), then
 * what people said in the channel. Bots repeat what tools say, and deleted messages are not
 * part of the record any more.
 */
export function blamelessSources(
  input: BlamelessSourcesInput,
  /** What messageSource made of each message in time order; given, `messages` is not read. */
  fromMessages?: readonly BlameSource[],
): BlameSource[] {
  const { written } = input;
  const sections = [
    { where: 'Summary', text: written.summary },
    { where: 'Impact', text: written.impact },
    { where: 'Root cause', text: written.cause },
    ...written.learnings.map((text, i) => ({ where: `Learning ${i + 1}`, text })),
  ].filter((s): s is BlameSource => s.text !== null);
  if (fromMessages !== undefined) return [...sections, ...fromMessages];
  const read = messageSource(input.people, input.timeZone);
  const messages = [...input.messages]
    .sort((a, b) => a.postedAt - b.postedAt)
    .flatMap((m) => read(m) ?? []);
  return [...sections, ...messages];
}

export interface BlameSource {
  where: string;
  text: string;
}

/**
 * A message as the review reads it, or null when it cannot hold blame (most do not): bots'
 * and deleted messages are left out. Fed the messages in time order.
 */
export function messageSource(
  people: PeopleDirectory,
  timeZone: string,
): (m: RecordedMessage) => BlameSource | null {
  const blame = messageBlame(people, timeZone);
  return (m) => {
    const text = blame.text(m);
    // Only texts that can hold blame need the (costly) description of where they were said.
    return text === null ? null : { where: blame.where(m), text };
  };
}

/**
 * messageSource in its two steps, for a reader that quotes only some of the messages it reads:
 * the text the review reads (null when the message cannot hold blame), and where it was said.
 */
export function messageBlame(
  people: PeopleDirectory,
  timeZone: string,
): { text(m: RecordedMessage): string | null; where(m: RecordedMessage): string } {
  const times = zoneTimes(timeZone);
  return {
    text(m) {
      if (m.isBot || m.deleted) return null;
      const text = slackToPlain(m.text, people);
      return mayBlame(text) ? text : null;
    },
    where(m) {
      const name = m.userId === null ? 'someone' : (people.get(m.userId) ?? m.userId);
      const time = `${times.clock(m.postedAt)} ${times.zone(m.postedAt)}`;
      return `${name}'s message at ${time}`;
    },
  };
}
