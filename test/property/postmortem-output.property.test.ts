import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderPostmortemHtml } from '../../src/domain/postmortem/html.ts';
import { toPostmortemJson } from '../../src/domain/postmortem/json.ts';
import { renderPostmortemMarkdown } from '../../src/domain/postmortem/markdown.ts';
import { buildPostmortem, type PostmortemInput } from '../../src/domain/postmortem/model.ts';
import { summaryOf } from '../../src/domain/postmortem/summary.ts';
import type { SectionKind } from '../../src/domain/types.ts';
import { postmortemBlocks, type SlackBlock } from '../../src/slack/blocks/postmortem.ts';
import { LIMITS } from '../../src/slack/blocks/slack-block.ts';
import { aMessage, anAction, anAlert, anEvent, at } from '../domain/builders.ts';
import { checkoutIncident } from '../domain/postmortem/fixture.ts';
import { LONG_INPUTS, nastyText, settings } from './arbitraries.ts';
import {
  expectSafeHtml,
  expectSafeMarkdown,
  expectSafeMrkdwn,
  expectSafePlainText,
} from './invariants.ts';

// Blaming phrases put user text into the Blameless review's table and quotes as well.
const userText = fc.oneof(
  { weight: 5, arbitrary: nastyText(16) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(nastyText(4), fc.constantFrom('human error', 'Who pushed it?', 'Bob should have'))
      .map(([a, b]) => `${a} ${b}`),
  },
);
const userIds = ['U0ALICE', 'U0BOB', 'U0CAROL'] as const;
const userId = fc.constantFrom(...userIds);
const minute = fc.integer({ min: 0, max: 180 }).map((m) => at(13, 0) + m * 60_000);

const message = fc
  .record({
    postedAt: minute,
    userId,
    text: userText,
    key: fc.boolean(),
    deleted: fc.boolean(),
    edited: fc.boolean(),
    bot: fc.option(fc.record({ title: userText, name: userText, severity: fc.option(userText) })),
  })
  .map(({ postedAt, userId: user, text, key, deleted, edited, bot }) =>
    bot === null
      ? aMessage({ postedAt, userId: user, text, key, deleted, editedAt: edited ? postedAt : null })
      : anAlert(
          {
            state: key ? 'resolved' : 'firing',
            title: bot.title,
            name: bot.name,
            severity: bot.severity,
          },
          { postedAt, botName: text, text },
        ),
  );

const action = fc.record({
  text: userText,
  ownerId: fc.option(userId),
  dueDate: fc.option(fc.constantFrom('2026-12-05', '2027-01-31')),
  status: fc.constantFrom('open', 'done', 'dropped' as const),
  kind: fc.constantFrom('task', 'follow_up' as const),
  priority: fc.option(fc.constantFrom('p1', 'p2', 'p3' as const)),
});

const section = fc.record({
  kind: fc.constantFrom<SectionKind>('summary', 'impact', 'cause', 'learning'),
  text: fc.array(userText, { minLength: 1, maxLength: 3 }).map((lines) => lines.join('\n')),
  authorId: userId,
  at: minute,
});

const event = fc
  .record({
    kind: fc.constantFrom('note', 'status_update', 'action_added' as const),
    at: minute,
    actorId: userId,
    text: userText,
  })
  .map((e) => anEvent(e));

/** The checkout incident with every piece of text people or tools typed replaced by arbitrary text. */
const postmortemInput: fc.Arbitrary<PostmortemInput> = fc
  .record({
    title: userText,
    names: fc.tuple(userText, userText, userText),
    messages: fc.array(message, { maxLength: 8 }),
    actions: fc.array(action, { maxLength: 5 }),
    sections: fc.array(section, { maxLength: 5 }),
    events: fc.array(event, { maxLength: 4 }),
  })
  .map(({ title, names, messages, actions, sections, events }) => {
    const base = checkoutIncident();
    const sorted = [...base.messages, ...messages].sort((a, b) => a.postedAt - b.postedAt);
    // Distinct ts per message, as the store guarantees.
    const unique = sorted.map((m, i) => ({
      ...m,
      ts: `${Math.floor(m.postedAt / 1000)}.${String(i).padStart(6, '0')}`,
    }));
    return checkoutIncident({
      incident: { ...base.incident, title },
      people: new Map(userIds.map((id, i) => [id, names[i] ?? id])),
      messages: unique,
      actions: actions.map((a, i) => anAction({ ...a, id: i + 1 })),
      sections,
      events: [...base.events, ...events],
    });
  });

function blockTexts(block: SlackBlock): { mrkdwn: string[]; plain: string[] } {
  const mrkdwn: string[] = [];
  const plain: string[] = [];
  const visit = (value: unknown): void => {
    if (typeof value !== 'object' || value === null) return;
    const v = value as Record<string, unknown>;
    if (typeof v.text === 'string') (v.type === 'plain_text' ? plain : mrkdwn).push(v.text);
    for (const child of Object.values(v)) visit(child);
  };
  visit(block);
  return { mrkdwn, plain };
}

describe('the draft, rendered from hostile text', () => {
  it('Markdown keeps its structure: no raw HTML, links, fences, extra columns or formulas', () => {
    fc.assert(
      fc.property(postmortemInput, (input) => {
        expectSafeMarkdown(renderPostmortemMarkdown(buildPostmortem(input)));
      }),
      settings(501, 150),
    );
  }, 30_000);

  it('HTML (internal and public) holds only the template’s markup and http(s) links', () => {
    fc.assert(
      fc.property(postmortemInput, (input) => {
        const draft = buildPostmortem(input);
        expectSafeHtml(renderPostmortemHtml(draft, { public: false }));
        const published = renderPostmortemHtml(draft, { public: true });
        expectSafeHtml(published);
        expect(published).not.toMatch(/<a\s/);
      }),
      settings(502, 80),
    );
  }, 30_000);

  it('the Slack summary pings nobody and stays within Block Kit limits', () => {
    fc.assert(
      fc.property(postmortemInput, (input) => {
        const draft = buildPostmortem(input);
        const { text, blocks } = postmortemBlocks(summaryOf(draft), {
          incidentId: 1,
          file: { permalink: 'https://files.example/F1' },
          uploadFailed: false,
        });
        expectSafeMrkdwn(text);
        expect(text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
        expect(blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
        for (const block of blocks) {
          const { mrkdwn, plain } = blockTexts(block);
          for (const t of mrkdwn) {
            expectSafeMrkdwn(t);
            expect(t.length).toBeLessThanOrEqual(LIMITS.sectionText);
          }
          for (const t of plain) {
            expectSafePlainText(t);
            if (block.type === 'header') expect(t.length).toBeLessThanOrEqual(LIMITS.headerText);
          }
        }
      }),
      settings(503, 150),
    );
  }, 30_000);

  it('the JSON export round-trips every string exactly', () => {
    fc.assert(
      fc.property(postmortemInput, (input) => {
        const json = toPostmortemJson(buildPostmortem(input), {
          incidentId: 1,
          channelId: 'C0INC',
        });
        expect(JSON.parse(JSON.stringify(json))).toEqual(json);
      }),
      settings(504, 60),
    );
  }, 30_000);

  it('renders 100k-character text in bounded time', () => {
    for (const long of LONG_INPUTS.slice(0, 6)) {
      const input = checkoutIncident({
        incident: { ...checkoutIncident().incident, title: long },
        messages: [aMessage({ postedAt: at(14, 10), text: long })],
        actions: [anAction({ text: long })],
        sections: [{ kind: 'summary', text: long, authorId: 'U0ALICE', at: at(15, 0) }],
      });
      const draft = buildPostmortem(input);
      expectSafeMarkdown(renderPostmortemMarkdown(draft));
      expectSafeHtml(renderPostmortemHtml(draft, { public: true }));
      postmortemBlocks(summaryOf(draft), { incidentId: 1, file: null, uploadFailed: true });
    }
  }, 60_000);
});
