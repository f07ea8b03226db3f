import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderPostmortemMarkdown } from '../../src/domain/postmortem/markdown.ts';
import { TEXT_PARTS } from '../../src/domain/postmortem/markdown-parts.ts';
import { byTime, messageRowsOf } from '../../src/domain/postmortem/message-rows.ts';
import { buildPostmortem, type PostmortemInput } from '../../src/domain/postmortem/model.ts';
import { streamPostmortem } from '../../src/domain/postmortem/streamed.ts';
import { keyEntriesOf } from '../../src/domain/postmortem/summary.ts';
import type { AlertOccurrence, IncidentEvent } from '../../src/domain/types.ts';
import { aMessage, anEvent, aSignal, at, occurrencesOf } from '../domain/builders.ts';
import { checkoutIncident } from '../domain/postmortem/fixture.ts';
import { nastyText, settings } from './arbitraries.ts';

// Channels as a long incident has them: threads under recorded, missing, deleted and alert
// parents, late replies, edits, deletions, 📌 marks, bots, alerts (edited in place, and from
// webhooks), bursts by one person, and events in the same millisecond as messages.
const START = at(14, 0);
const tsOf = (i: number) => `1763733600.${String(i).padStart(6, '0')}`;
const when = fc.oneof(
  // Few distinct times: ties between events, alerts and messages are the hard part.
  fc.integer({ min: -1, max: 3 }).map((m) => START + m * 60_000),
  fc.integer({ min: -3, max: 12 }).map((m) => START + m * 60_000),
  fc.integer({ min: 0, max: 40 }).map((s) => START + s * 20_000),
  fc.constant(at(14, 5)),
  fc.integer({ min: 1, max: 3 }).map((d) => START + d * 24 * 3600_000),
);
// One message in four: with each a coin toss (and most messages alerts), two plain messages by
// one person in a row, a burst the timeline merges, were too rare to be drawn.
const rarely = fc.nat(3).map((n) => n === 0);
const message = fc.record({
  postedAt: when,
  text: fc.oneof(
    nastyText(5),
    fc.constantFrom('🔥 on fire', 'plain words', 'Bob broke it'),
    // Read by the blameless review, which lists what it finds in time order.
    fc.constant('Carol forgot the flag, careless'),
  ),
  userId: fc.constantFrom('U0ALICE', 'U0BOB', 'U0CAROL', null),
  parent: fc.option(fc.integer({ min: 0, max: 8 }), { freq: 2 }),
  deleted: rarely,
  edited: fc.boolean(),
  key: rarely,
  bot: rarely,
  // One in three (fc.option's `freq` is the odds of null: 4 made three messages in four alerts).
  alert: fc.oneof(
    { arbitrary: fc.constant(null), weight: 2 },
    { arbitrary: fc.constantFrom('firing', 'resolved'), weight: 1 },
  ),
});
const extra = fc.record({
  on: fc.option(fc.integer({ min: 0, max: 6 }), { freq: 4 }),
  at: when,
  state: fc.constantFrom('firing', 'resolved', 'acknowledged') as fc.Arbitrary<'firing'>,
});
const event = fc.record({
  at: when,
  kind: fc.constantFrom('status_update', 'note', 'mitigated', 'lead_changed') as fc.Arbitrary<
    IncidentEvent['kind']
  >,
});

const channel = fc
  .record({
    messages: fc.array(message, { maxLength: 16 }),
    extras: fc.array(extra, { maxLength: 6 }),
    events: fc.array(event, { maxLength: 4 }),
  })
  .map(({ messages: drawn, extras, events }): PostmortemInput => {
    const messages = drawn.map((m, i) =>
      aMessage({
        ts: tsOf(i),
        postedAt: m.postedAt,
        threadTs: m.parent === null ? null : tsOf(m.parent),
        userId: m.bot ? null : m.userId,
        isBot: m.bot,
        botName: m.bot ? 'Deploy Bot' : null,
        text: m.text,
        deleted: m.deleted,
        editedAt: m.edited ? m.postedAt : null,
        key: m.key,
        alert: m.alert === null ? null : aSignal({ state: m.alert, title: 'HighErrorRate' }),
      }),
    );
    const occurrences: AlertOccurrence[] = [
      ...occurrencesOf(messages),
      ...extras.map((x) => ({
        at: x.at,
        alert: aSignal({ state: x.state, title: 'HighErrorRate' }),
        origin: x.on === null ? ('webhook' as const) : ('message' as const),
        messageTs: x.on === null ? null : tsOf(x.on),
      })),
    ];
    const base = checkoutIncident();
    return {
      ...base,
      // As the store reads them: by time, then ts.
      messages: [...messages].sort(byTime),
      alerts: occurrences,
      events: [
        ...base.events,
        ...events.map((e) => anEvent({ kind: e.kind, at: e.at, actorId: 'U0BOB', text: 'ok' })),
      ],
    };
  });

function streamedMarkdown(input: PostmortemInput, partChars: number) {
  const maker = { ...TEXT_PARTS, partSize: partChars };
  const streamed = streamPostmortem(input, messageRowsOf(input.messages), maker);
  // Parts end between lines: each but the first starts with the line break before its line.
  for (const part of streamed.markdown.slice(1)) expect(part.startsWith('\n')).toBe(true);
  return { text: streamed.markdown.join(''), streamed };
}

describe('the draft streamed from the rows', () => {
  it('renders exactly the Markdown of the draft built in memory', () => {
    fc.assert(
      fc.property(channel, fc.integer({ min: 1, max: 2000 }), (input, partChars) => {
        const whole = buildPostmortem(input);
        const { text, streamed } = streamedMarkdown(input, partChars);
        expect(text).toBe(renderPostmortemMarkdown(whole));
        // The timeline's key entries, gathered as it was rendered, are what the summary shows.
        expect(streamed.keys).toEqual(keyEntriesOf(whole.timeline));
        expect({ ...streamed.draft, timeline: [] }).toEqual({
          ...whole,
          timeline: [],
          transcript: [],
        });
      }),
      settings(1503, 400),
    );
  }, 120_000);
});
