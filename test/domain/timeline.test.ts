import { describe, expect, it } from 'vitest';
import { buildTimeline, type TimelineEntry } from '../../src/domain/timeline.ts';
import type { IncidentEvent, RecordedMessage } from '../../src/domain/types.ts';
import {
  aMessage,
  anAlert,
  anEvent,
  anIncident,
  at,
  occurrencesOf,
  people,
  tsOf,
} from './builders.ts';

function timeline(
  events: IncidentEvent[],
  messages: RecordedMessage[],
  maxTextLength?: number,
): TimelineEntry[] {
  return buildTimeline({
    incident: anIncident(),
    events,
    messages,
    alerts: occurrencesOf(messages),
    people,
    maxTextLength,
  });
}

const brief = (entries: TimelineEntry[]) => entries.map((e) => [e.kind, e.actor, e.text]);

describe('buildTimeline: events', () => {
  it('describes each kind of incident event', () => {
    const entries = timeline(
      [
        anEvent({ kind: 'declared', at: at(14, 5), text: 'Checkout returns 500s' }),
        anEvent({ kind: 'lead_changed', at: at(14, 6), subjectId: 'U0BOB' }),
        anEvent({ kind: 'status_update', at: at(14, 7), text: 'Rolling back 4.2.0' }),
        anEvent({ kind: 'mitigated', at: at(14, 8), text: 'rollback done' }),
        anEvent({ kind: 'resolved', at: at(14, 9), text: null }),
        anEvent({ kind: 'action_added', at: at(14, 10), text: 'Add canary', subjectId: 'U0CAROL' }),
        anEvent({ kind: 'action_added', at: at(14, 11), text: 'Write runbook' }),
      ],
      [],
    );
    expect(brief(entries)).toEqual([
      ['declared', 'Alice', 'Incident declared: Checkout returns 500s (sev2)'],
      ['lead', 'Alice', 'Bob is now the lead'],
      ['status', 'Alice', 'Rolling back 4.2.0'],
      ['mitigated', 'Alice', 'Mitigated: rollback done'],
      ['resolved', 'Alice', 'Resolved'],
      ['action', 'Alice', 'Action: Add canary (owner Carol)'],
      ['action', 'Alice', 'Action: Write runbook'],
    ]);
    expect(entries.every((e) => e.key && !e.edited && e.replies.length === 0)).toBe(true);
  });

  it('falls back to the incident title and shows unknown people by id', () => {
    const [entry] = timeline([anEvent({ actorId: 'U0NEW', text: null })], []);
    expect(entry?.actor).toBe('U0NEW');
    expect(entry?.text).toBe('Incident declared: Checkout returns 500s (sev2)');
  });
});

describe('buildTimeline: messages', () => {
  it('shows people by name, with plain text', () => {
    const [entry] = timeline([], [aMessage({ text: '<@U0BOB> &lt;3 see <#C1|ops>' })]);
    expect(entry).toMatchObject({
      kind: 'message',
      actor: 'Alice',
      text: '@Bob <3 see #ops',
      key: false,
    });
  });

  it('leaves deleted messages out entirely', () => {
    expect(timeline([], [aMessage({ deleted: true })])).toEqual([]);
  });

  it('marks edited messages', () => {
    expect(timeline([], [aMessage({ editedAt: at(14, 20) })])[0]?.edited).toBe(true);
  });

  it('shows alerts by title and other bot messages as bot entries', () => {
    const entries = timeline(
      [],
      [
        anAlert({ state: 'firing', title: '[FIRING:1] HighErrorRate' }, { postedAt: at(14, 1) }),
        anAlert({ state: 'resolved', title: '[RESOLVED] HighErrorRate' }, { postedAt: at(14, 2) }),
        aMessage({
          postedAt: at(14, 3),
          isBot: true,
          userId: null,
          botName: 'Deploy Bot',
          text: 'Rolled back',
        }),
        aMessage({ postedAt: at(14, 4), isBot: true, userId: null, botName: null, text: 'beep' }),
        aMessage({ postedAt: at(14, 5), userId: null, text: 'from a workflow' }),
      ],
    );
    expect(entries.map((e) => [e.kind, e.actor, e.text, e.key])).toEqual([
      ['alert_firing', 'Alertmanager', '[FIRING:1] HighErrorRate', true],
      ['alert_resolved', 'Alertmanager', '[RESOLVED] HighErrorRate (firing for 1m)', true],
      ['bot', 'Deploy Bot', 'Rolled back', false],
      ['bot', 'bot', 'beep', false],
      ['message', 'someone', 'from a workflow', false],
    ]);
  });

  it('condenses message text to the limit', () => {
    const [entry] = timeline([], [aMessage({ text: `line one\n\n${'x'.repeat(500)}` })], 20);
    expect(entry?.text).toBe('line one xxxxxxxxxx…');
  });

  it('caps text at 300 characters by default', () => {
    expect(timeline([], [aMessage({ text: 'y'.repeat(1000) })])[0]?.text).toHaveLength(300);
  });
});

describe('buildTimeline: ordering', () => {
  it('orders by time and puts events before messages at the same moment', () => {
    const entries = timeline(
      [anEvent({ kind: 'status_update', at: at(14, 10), text: 'update' })],
      [
        aMessage({ postedAt: at(14, 10), userId: 'U0BOB', text: 'same ms' }),
        aMessage({ postedAt: at(14, 1), userId: 'U0CAROL', text: 'earlier' }),
      ],
    );
    expect(entries.map((e) => e.text)).toEqual(['earlier', 'update', 'same ms']);
  });

  it('keeps input order for messages at the same moment', () => {
    const entries = timeline(
      [],
      [
        aMessage({ ts: '1.1', postedAt: at(14, 10), userId: 'U0BOB', text: 'first' }),
        aMessage({ ts: '1.2', postedAt: at(14, 10), userId: 'U0CAROL', text: 'second' }),
      ],
    );
    expect(entries.map((e) => e.text)).toEqual(['first', 'second']);
  });

  it('puts an alert before a message of the same millisecond, however many came before', () => {
    // The alert is the third occurrence, the message the first visible message: numbered apart,
    // neither number says which came first.
    const entries = timeline(
      [],
      [
        anAlert({ state: 'firing', title: 'Early' }, { ts: tsOf(1), postedAt: at(14, 1) }),
        anAlert({ state: 'firing', title: 'Earlier' }, { ts: tsOf(2), postedAt: at(14, 2) }),
        aMessage({ ts: tsOf(3), postedAt: at(14, 10), userId: 'U0BOB', text: 'seen it' }),
        anAlert({ state: 'firing', title: 'DiskFull' }, { ts: tsOf(4), postedAt: at(14, 10) }),
      ],
    );
    expect(entries.map((e) => e.text)).toEqual(['Early', 'Earlier', 'DiskFull', 'seen it']);
  });
});

describe('buildTimeline: threads', () => {
  const parent = aMessage({ postedAt: at(14, 10), userId: 'U0BOB', text: 'is it the deploy?' });

  it('nests replies under their parent in time order', () => {
    const entries = timeline(
      [],
      [
        aMessage({ postedAt: at(14, 13), threadTs: parent.ts, userId: 'U0ALICE', text: 'yes' }),
        parent,
        aMessage({ postedAt: at(14, 11), threadTs: parent.ts, userId: 'U0CAROL', text: 'maybe' }),
        aMessage({ postedAt: at(14, 12), userId: 'U0ALICE', text: 'top level' }),
      ],
    );
    expect(brief(entries)).toEqual([
      ['message', 'Bob', 'is it the deploy?'],
      ['message', 'Alice', 'top level'],
    ]);
    expect(brief(entries[0]?.replies ?? [])).toEqual([
      ['message', 'Carol', 'maybe'],
      ['message', 'Alice', 'yes'],
    ]);
  });

  it('shows a reply whose parent was not recorded at top level', () => {
    const entries = timeline(
      [],
      [aMessage({ postedAt: at(14, 11), threadTs: tsOf(at(9, 0)), text: 'orphan' })],
    );
    expect(brief(entries)).toEqual([['message', 'Alice', 'orphan']]);
  });

  it('shows replies to a deleted parent at top level', () => {
    const entries = timeline(
      [],
      [
        { ...parent, deleted: true },
        aMessage({ postedAt: at(14, 11), threadTs: parent.ts, text: 'reply' }),
      ],
    );
    expect(brief(entries)).toEqual([['message', 'Alice', 'reply']]);
  });
});

describe('buildTimeline: merging bursts', () => {
  it('merges consecutive messages by one person within two minutes', () => {
    const entries = timeline(
      [],
      [
        aMessage({ postedAt: at(14, 10, 0), text: 'rolling back' }),
        aMessage({ postedAt: at(14, 10, 30), text: 'now', editedAt: at(14, 15) }),
        aMessage({ postedAt: at(14, 12, 0), text: 'done' }),
        aMessage({ postedAt: at(14, 12, 1), text: 'too late for the burst' }),
      ],
    );
    expect(entries.map((e) => [e.at, e.text, e.edited])).toEqual([
      [at(14, 10), 'rolling back / now / done', true],
      [at(14, 12, 1), 'too late for the burst', false],
    ]);
  });

  it('does not merge across other people, events, bots or threads', () => {
    const parent = aMessage({ postedAt: at(14, 10, 20), text: 'thread parent' });
    const entries = timeline(
      [anEvent({ kind: 'status_update', at: at(14, 10, 40), text: 'update' })],
      [
        aMessage({ postedAt: at(14, 10, 0), text: 'a' }),
        aMessage({ postedAt: at(14, 10, 10), userId: 'U0BOB', text: 'b' }),
        aMessage({ postedAt: at(14, 10, 15), text: 'c' }),
        parent,
        aMessage({ postedAt: at(14, 10, 30), threadTs: parent.ts, userId: 'U0BOB', text: 'r' }),
        aMessage({ postedAt: at(14, 10, 35), text: 'd' }),
        aMessage({ postedAt: at(14, 10, 45), text: 'e' }),
      ],
    );
    expect(entries.map((e) => e.text)).toEqual([
      'a',
      'b',
      'c',
      'thread parent',
      'd',
      'update',
      'e',
    ]);
  });

  it('keeps a merged text within the limit', () => {
    const entries = timeline(
      [],
      [
        aMessage({ postedAt: at(14, 10, 0), text: 'x'.repeat(15) }),
        aMessage({ postedAt: at(14, 10, 1), text: 'y'.repeat(15) }),
      ],
      20,
    );
    expect(entries[0]?.text).toBe(`${'x'.repeat(15)} / y…`);
  });
});
