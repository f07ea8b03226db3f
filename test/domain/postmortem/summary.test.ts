import { describe, expect, it } from 'vitest';
import { buildPostmortem } from '../../../src/domain/postmortem/model.ts';
import {
  keyEntriesOf,
  SUMMARY_KEYS,
  summaryFrom,
  summaryOf,
} from '../../../src/domain/postmortem/summary.ts';
import type { TimelineEntry } from '../../../src/domain/timeline.ts';
import { at } from '../builders.ts';
import { checkoutIncident } from './fixture.ts';

const entry = (when: number, text: string, key = true, replies: TimelineEntry[] = []) => ({
  at: when,
  kind: 'message' as const,
  actor: 'Alice',
  text,
  edited: false,
  key,
  beforeDeclaration: false,
  replies,
});

describe('the Slack summary of a draft', () => {
  it('keeps the first 500 key events by time, ties in timeline order, and counts the rest', () => {
    expect(SUMMARY_KEYS).toBe(500);
    // 501 key entries at 250 moments (three at the first, two at each other), out of time order.
    const timeline = Array.from({ length: 501 }, (_, i) =>
      entry(at(14, 0) + (i % 250) * 1000, `${i}`),
    );
    const draft = { ...buildPostmortem(checkoutIncident()), timeline };
    const summary = summaryOf(draft);
    const expected: string[] = [];
    for (let moment = 0; moment < 250; moment++) {
      for (let i = moment; i < 501; i += 250) expected.push(`${i}`);
    }
    expect(summary.keys.map((e) => e.text)).toEqual(expected.slice(0, 500));
    // The last of them by time, the second entry of the last moment, is the one left out.
    expect(expected[500]).toBe('499');
    expect(summary.keysMore).toBe(1);
  });

  it('lifts key replies out of their threads, leaves other entries, and keeps every key when few', () => {
    const timeline = [
      entry(at(14, 0), 'parent', false, [
        entry(at(14, 5), 'pinned reply'),
        entry(at(14, 6), 'chat', false),
      ]),
      entry(at(14, 2), 'declared'),
      entry(at(14, 3), 'chatter', false),
    ];
    const summary = summaryOf({ ...buildPostmortem(checkoutIncident()), timeline });
    expect(summary.keys).toEqual([entry(at(14, 2), 'declared'), entry(at(14, 5), 'pinned reply')]);
    expect(summary.keysMore).toBe(0);
  });

  it('holds no timeline, transcript or alert episodes, and is the same from a streamed head', () => {
    const draft = buildPostmortem(checkoutIncident());
    expect(draft.transcript.length).toBeGreaterThan(0);
    expect(draft.episodes.length).toBeGreaterThan(0);
    const summary = summaryOf(draft);
    expect(Object.keys(summary)).not.toContain('timeline');
    expect(Object.keys(summary)).not.toContain('transcript');
    expect(Object.keys(summary)).not.toContain('episodes');
    const head = { ...draft, timeline: [], transcript: [] };
    expect(summaryFrom(head, keyEntriesOf(draft.timeline))).toEqual(summary);
  });
});
