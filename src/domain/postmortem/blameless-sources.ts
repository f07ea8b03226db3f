import { slackToPlain } from '../slack-text.ts';
import { formatClock, formatZone } from '../time-format.ts';
import type { PeopleDirectory, RecordedMessage } from '../types.ts';
import type { WrittenSections } from './filled-sections.ts';

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
): Array<{ where: string; text: string }> {
  const { written, people, timeZone } = input;
  const sections = [
    { where: 'Summary', text: written.summary },
    { where: 'Impact', text: written.impact },
    { where: 'Root cause', text: written.cause },
    ...written.learnings.map((text, i) => ({ where: `Learning ${i + 1}`, text })),
  ].filter((s): s is { where: string; text: string } => s.text !== null);
  const messages = [...input.messages]
    .filter((m) => !m.isBot && !m.deleted)
    .sort((a, b) => a.postedAt - b.postedAt)
    .map((m) => {
      const name = m.userId === null ? 'someone' : (people.get(m.userId) ?? m.userId);
      const time = `${formatClock(m.postedAt, timeZone)} ${formatZone(m.postedAt, timeZone)}`;
      return { where: `${name}'s message at ${time}`, text: slackToPlain(m.text, people) };
    });
  return [...sections, ...messages];
}
