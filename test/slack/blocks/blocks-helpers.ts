import { expect } from 'vitest';
import { buildPostmortem, type PostmortemDraft } from '../../../src/domain/postmortem/model.ts';
import type { TimelineEntry } from '../../../src/domain/timeline.ts';
import type { PostmortemBlocksOptions, SlackBlock } from '../../../src/slack/blocks/postmortem.ts';
import { at } from '../../domain/builders.ts';
import { checkoutIncident } from '../../domain/postmortem/fixture.ts';

export type Message = { text: string; blocks: SlackBlock[] };
export type Text = { type: string; text: string };
type Button = { type: string; text: Text; action_id: string; value?: string; url?: string };

export const posted: PostmortemBlocksOptions = { incidentId: 7, file: null, uploadFailed: false };
export const uploaded: PostmortemBlocksOptions = {
  incidentId: 7,
  file: { permalink: 'https://files.example/F1/postmortem.md' },
  uploadFailed: false,
};

export function expectWithinSlackLimits(message: Message): void {
  expect(message.text.length).toBeLessThanOrEqual(3000);
  expect(message.blocks.length).toBeLessThanOrEqual(50);
  for (const block of message.blocks) {
    if (block.type === 'header') {
      const text = block.text as Text;
      expect(text.type).toBe('plain_text');
      expect(text.text.length).toBeLessThanOrEqual(150);
    }
    if (block.type === 'section') {
      const text = block.text as Text | undefined;
      const fields = block.fields as Text[] | undefined;
      expect(text !== undefined || fields !== undefined).toBe(true);
      if (text) expect(text.text.length).toBeLessThanOrEqual(3000);
      if (fields) {
        expect(fields.length).toBeLessThanOrEqual(10);
        for (const field of fields) expect(field.text.length).toBeLessThanOrEqual(2000);
      }
    }
    if (block.type === 'context') {
      const elements = block.elements as Text[];
      expect(elements.length).toBeLessThanOrEqual(10);
      for (const element of elements) expect(element.text.length).toBeLessThanOrEqual(3000);
    }
    if (block.type === 'actions') {
      const elements = block.elements as Button[];
      expect(elements.length).toBeLessThanOrEqual(25);
      for (const button of elements) {
        expect(button.text.text.length).toBeLessThanOrEqual(75);
        expect(button.action_id.length).toBeLessThanOrEqual(255);
        expect((button.value ?? '').length).toBeLessThanOrEqual(2000);
        expect((button.url ?? '').length).toBeLessThanOrEqual(3000);
      }
    }
  }
}

export const texts = (message: Message) =>
  message.blocks.flatMap((b) => {
    if (b.type === 'section' && b.text) return [(b.text as Text).text];
    if (b.type === 'context') return (b.elements as Text[]).map((e) => e.text);
    return [];
  });

export const entry = (
  at: number,
  text: string,
  overrides: Partial<TimelineEntry> = {},
): TimelineEntry => ({
  at,
  kind: 'message',
  actor: 'Alice',
  text,
  edited: false,
  key: false,
  beforeDeclaration: false,
  replies: [],
  ...overrides,
});

/** Everything at once, as large and as hostile as a draft can get. */
export function hugeDraft(
  entries: number,
  text: string,
  actor = 'Alice',
  keyEvery = 10,
): PostmortemDraft {
  const draft = buildPostmortem(checkoutIncident());
  const timeline = Array.from({ length: entries }, (_, i) =>
    entry(at(14, 0) + i * 1000, `${i} ${text}`, {
      actor,
      kind: i % keyEvery === 0 ? 'status' : 'message',
      key: i % keyEvery === 0,
      replies: i % 7 === 0 ? [entry(at(14, 0) + i * 1000 + 500, `reply ${text}`, { actor })] : [],
    }),
  );
  const actions = Array.from({ length: 500 }, (_, i) => ({
    id: i + 1,
    text: `fix ${text}`,
    owner: actor,
    due: '2026-12-01',
    status: 'open',
    kind: 'follow_up',
    priority: null,
    purpose: null,
  }));
  const long = text.repeat(Math.ceil(10_000 / text.length)).slice(0, 10_000);
  return {
    ...draft,
    title: 'T'.repeat(400),
    lead: actor,
    severity: text,
    summary: long,
    timeline,
    actions,
    metrics: {
      ...draft.metrics,
      warnings: Array.from({ length: 100 }, () => text),
      detection: { ...draft.metrics.detection, summary: long },
      detected: { ...draft.metrics.detected, detail: long },
    },
    blameless: Array.from({ length: 300 }, () => ({
      where: actor,
      quote: text,
      phrase: text,
      suggestion: text,
    })),
  };
}
