import { describe, expect, it } from 'vitest';
import { buildPostmortem, type PostmortemDraft } from '../../../src/domain/postmortem/model.ts';
import type { TimelineEntry } from '../../../src/domain/timeline.ts';
import { postmortemBlocks, type SlackBlock } from '../../../src/slack/blocks/postmortem.ts';
import { aMessage, anAction, anEvent, anIncident, at, people } from '../../domain/builders.ts';
import { checkoutIncident } from '../../domain/postmortem/fixture.ts';

type Message = { text: string; blocks: SlackBlock[] };
type Text = { type: string; text: string };

function expectWithinSlackLimits(message: Message): void {
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
      for (const element of block.elements as Text[]) {
        expect(element.text.length).toBeLessThanOrEqual(3000);
      }
    }
  }
}

const entry = (
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

function hugeDraft(entries: number, text: string, actor = 'Alice'): PostmortemDraft {
  const draft = buildPostmortem(checkoutIncident());
  const timeline = Array.from({ length: entries }, (_, i) =>
    entry(at(14, 0) + i * 1000, `${i} ${text}`, {
      actor,
      kind: i % 50 === 0 ? 'status' : 'message',
      key: i % 50 === 0,
      replies: i % 7 === 0 ? [entry(at(14, 0) + i * 1000 + 500, `reply ${text}`, { actor })] : [],
    }),
  );
  const actions = Array.from({ length: 300 }, (_, i) => ({
    id: i + 1,
    text: `fix ${text}`,
    owner: actor,
    due: '2026-12-01',
    status: 'open',
  }));
  return { ...draft, title: 'T'.repeat(400), timeline, actions };
}

describe('postmortemBlocks', () => {
  it('renders a tiny draft exactly', () => {
    const draft = buildPostmortem({
      incident: anIncident({ mitigatedAt: at(14, 20) }),
      events: [anEvent()],
      messages: [aMessage({ text: '<!channel> rolling back' })],
      actions: [anAction({ ownerId: 'U0BOB' })],
      alerts: [],
      sections: [],
      people,
      timeZone: 'UTC',
      generatedAt: at(14, 30),
    });
    const declared = '<!date^1795269900^{date_short} {time_secs}|2026-11-21 14:05:00 UTC>';
    const field = (text: string) => ({ type: 'mrkdwn', text });
    expect(postmortemBlocks(draft, people)).toEqual({
      text: 'Post-mortem draft for Checkout returns 500s (sev2): TTD 0s, TTM 15m',
      blocks: [
        {
          type: 'header',
          text: {
            type: 'plain_text',
            text: 'Post-mortem draft: Checkout returns 500s',
            emoji: true,
          },
        },
        {
          type: 'section',
          fields: [
            field('*Severity*\nsev2'),
            field('*Lead*\nnot set'),
            field('*Reporter*\nAlice'),
            field(`*Impact start*\n${declared}\n_declared by /incident start_`),
            field(`*Detected*\n${declared}\n_declared by /incident start_`),
            field(
              '*Mitigated*\n<!date^1795270800^{date_short} {time_secs}|2026-11-21 14:20:00 UTC>\n_/incident mitigated_',
            ),
            field('*Resolved*\nnot yet'),
            field('*TTD*\n0s'),
            field('*TTM*\n15m'),
            field('*Total (TTD + TTM)*\n15m'),
          ],
        },
        { type: 'divider' },
        {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text:
              `*Timeline*\n${declared} 🚨 *Alice*: Incident declared: Checkout returns 500s (sev2)\n` +
              '<!date^1795270200^{time_secs}|14:10:00 UTC> *Alice*: @\u200Bchannel rolling back',
          },
        },
        { type: 'divider' },
        {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text: '*Action items*\n• *#1* Add a canary stage to the checkout deploy — Bob, due 2026-12-05, open',
          },
        },
        {
          type: 'context',
          elements: [
            {
              type: 'mrkdwn',
              text:
                'Still to write in the full draft: Impact · Root cause (five whys) · ' +
                'How could we detect it sooner? · How do we prevent it? · Three key learnings',
            },
          ],
        },
      ],
    });
  });

  it('fits a representative incident in one message with every entry', () => {
    const message = postmortemBlocks(buildPostmortem(checkoutIncident()), people);
    expectWithinSlackLimits(message);
    const json = JSON.stringify(message);
    expect(json).not.toContain('more timeline entries');
    expect(json).toContain('      ↳ <!date^');
    expect(json).toContain('_(edited)_');
  });

  it('keeps a 5,000-entry draft within every Slack limit', () => {
    const message = postmortemBlocks(hugeDraft(5000, 'x'.repeat(300)), people);
    expectWithinSlackLimits(message);
    expect((message.blocks[0]?.text as Text | undefined)?.text).toMatch(/^Post-mortem draft: T+…$/);
  });

  it('stays within limits even when every character needs escaping', () => {
    const message = postmortemBlocks(hugeDraft(5000, '&'.repeat(1000), '&'.repeat(500)), people);
    expectWithinSlackLimits(message);
  });

  it('shows key entries first when the timeline does not fit, and counts the rest', () => {
    const message = postmortemBlocks(hugeDraft(5000, 'x'.repeat(300)), people);
    const sections = message.blocks
      .filter((b) => b.type === 'section' && b.text !== undefined)
      .map((b) => (b.text as Text).text);
    const timeline = sections.filter((t) => t.includes('<!date^')).join('\n');
    expect(timeline).toContain('*Timeline* (key entries only)');
    expect(timeline).toContain('📣 *Alice*: 0 xxx');
    expect(timeline).toContain('📣 *Alice*: 4950 xxx');
    expect(timeline).not.toMatch(/\*Alice\*: 1 x/);
    // 5,000 entries plus 715 replies, of which the 100 key entries are shown.
    const more = message.blocks.find(
      (b) => b.type === 'context' && JSON.stringify(b).includes('more timeline'),
    );
    expect((more?.elements as Text[] | undefined)?.[0]?.text).toBe(
      '…and 5615 more timeline entries in the full draft',
    );
    expect(message.blocks.at(-1)?.type).toBe('context');
  });

  it('caps the action items and says how many were left out', () => {
    const message = postmortemBlocks(hugeDraft(3, 'y'.repeat(300)), people);
    const actions = message.blocks
      .map((b) => (b.text as Text | undefined)?.text ?? '')
      .find((t) => t.startsWith('*Action items*'));
    expect(actions).toMatch(/\n…and \d+ more action items in the full draft$/);
  });

  it('never turns recorded text into a mention', () => {
    const nasty = '<!channel> <!here> <@U0BOB> <!subteam^S1|@oncall> <!everyone> @here';
    const input = checkoutIncident({
      messages: [
        aMessage({ text: nasty }),
        aMessage({
          postedAt: at(14, 20),
          userId: 'U0BOB',
          text: `&lt;!channel&gt; &lt;@U1&gt; ${nasty}`,
        }),
      ],
      events: [anEvent({ kind: 'status_update', text: nasty })],
      actions: [anAction({ text: nasty })],
    });
    const draft = buildPostmortem(input);
    const json = JSON.stringify(
      postmortemBlocks({ ...draft, title: nasty, lead: '<!here>' }, people),
    );
    for (const sequence of ['<@', '<!channel', '<!here', '<!everyone', '<!subteam']) {
      expect(json).not.toContain(sequence);
    }
    expect(json).not.toMatch(/(^|[^\w])@(channel|here|everyone)\b/);
  });

  it('warns about out-of-order times', () => {
    const input = checkoutIncident();
    const incident = anIncident({ mitigatedAt: at(14, 0) });
    const message = postmortemBlocks(buildPostmortem({ ...input, incident, messages: [] }), people);
    const texts = message.blocks.map((b) => (b.text as Text | undefined)?.text ?? '');
    expect(texts).toContainEqual(
      expect.stringMatching(
        /^:warning: \*Check these times.*\n• Mitigated \(\/incident mitigated by Bob\)/,
      ),
    );
  });
});
