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
): Array<{ where: string; text: string }> {
  const { written, people, timeZone } = input;
  const times = zoneTimes(timeZone);
  const sections = [
    { where: 'Summary', text: written.summary },
    { where: 'Impact', text: written.impact },
    { where: 'Root cause', text: written.cause },
    ...written.learnings.map((text, i) => ({ where: `Learning ${i + 1}`, text })),
  ].filter((s): s is { where: string; text: string } => s.text !== null);
  const messages = [...input.messages]
    .filter((m) => !m.isBot && !m.deleted)
    .sort((a, b) => a.postedAt - b.postedAt)
    .map((m) => ({ m, text: slackToPlain(m.text, people) }))
    // Only texts that can hold blame need the (costly) description of where they were said.
    .filter(({ text }) => mayBlame(text))
    .map(({ m, text }) => {
      const name = m.userId === null ? 'someone' : (people.get(m.userId) ?? m.userId);
      const time = `${times.clock(m.postedAt)} ${times.zone(m.postedAt)}`;
      return { where: `${name}'s message at ${time}`, text };
    });
  return [...sections, ...messages];
}
