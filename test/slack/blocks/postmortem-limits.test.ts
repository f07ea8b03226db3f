import { describe, expect, it } from 'vitest';
import { buildPostmortem } from '../../../src/domain/postmortem/model.ts';
import { summaryOf } from '../../../src/domain/postmortem/summary.ts';
import { postmortemBlocks } from '../../../src/slack/blocks/postmortem.ts';
import { aMessage, anAction, anEvent, at } from '../../domain/builders.ts';
import { checkoutIncident } from '../../domain/postmortem/fixture.ts';
import {
  expectWithinSlackLimits,
  hugeDraft,
  posted,
  type Text,
  texts,
  uploaded,
} from './blocks-helpers.ts';

// The summary is how people learn the draft exists: Slack must accept it whatever the draft holds.
describe('postmortemBlocks within Slack limits', () => {
  it('keeps a 5,000-entry draft within every Slack limit and counts the key events left out', () => {
    const message = postmortemBlocks(summaryOf(hugeDraft(5000, 'x'.repeat(300))), uploaded);
    expectWithinSlackLimits(message);
    expect((message.blocks[0]?.text as Text | undefined)?.text).toMatch(/^Post-mortem draft: T+…$/);
    const timeline = texts(message)
      .filter((t) => t.includes('<!date^'))
      .join('\n');
    expect(timeline).toContain('📣 *Alice*: 0 xxx');
    expect(timeline).not.toMatch(/\*Alice\*: 1 x/);
    const more = texts(message).find((t) => t.includes('more key events')) ?? '';
    const hidden = Number(/^…and (\d+) more key events in the full draft$/.exec(more)?.[1]);
    const shown = timeline.match(/📣/g)?.length ?? 0;
    expect(shown + hidden).toBe(500);
    expect(hidden).toBeGreaterThan(0);
    expect(message.blocks.at(-1)?.type).toBe('actions');
  });

  it('counts the key events beyond the summary with those that did not fit', () => {
    const summary = summaryOf(hugeDraft(5000, 'x'.repeat(300), 'Alice', 1));
    expect(summary.keys).toHaveLength(500);
    expect(summary.keysMore).toBe(4500);
    const message = postmortemBlocks(summary, uploaded);
    expectWithinSlackLimits(message);
    const shown = texts(message).join('\n').match(/📣/g)?.length ?? 0;
    const more = texts(message).find((t) => t.includes('more key events')) ?? '';
    const hidden = Number(/^…and (\d+) more key events in the full draft$/.exec(more)?.[1]);
    expect(shown).toBeGreaterThan(0);
    expect(shown + hidden).toBe(5000);
  });

  it('stays within limits when every character needs escaping', () => {
    const message = postmortemBlocks(
      summaryOf(hugeDraft(5000, '&'.repeat(1000), '&'.repeat(500))),
      {
        ...uploaded,
        uploadFailed: true,
      },
    );
    expectWithinSlackLimits(message);
    expect(message.blocks.at(-1)?.type).toBe('actions');
  });

  it('stays within limits with a 10,000-character summary of broadcasts', () => {
    const draft = { ...buildPostmortem(checkoutIncident()), summary: '@here <&>\n'.repeat(1000) };
    const message = postmortemBlocks(summaryOf(draft), posted);
    expectWithinSlackLimits(message);
    const summary = texts(message).find((t) => t.startsWith('*Summary*')) ?? '';
    expect(summary).toMatch(/…$/);
    expect(summary).not.toMatch(/&(?!amp;|lt;|gt;)/);
  });

  it('caps the action items and says how many were left out', () => {
    const message = postmortemBlocks(summaryOf(hugeDraft(3, 'y'.repeat(300))), posted);
    const actions = texts(message).find((t) => t.startsWith('*Action items*'));
    expect(actions).toMatch(/\n…and \d+ more action items in the full draft$/);
  });

  it('never turns recorded text into a mention', () => {
    const nasty = '<!channel> <!here> <@U0BOB> <!subteam^S1|@oncall> <!everyone> @here';
    const input = checkoutIncident({
      messages: [
        aMessage({ text: nasty, key: true }),
        aMessage({
          postedAt: at(14, 20),
          userId: 'U0BOB',
          text: `&lt;!channel&gt; &lt;@U1&gt; ${nasty}`,
          key: true,
        }),
      ],
      events: [anEvent({ kind: 'status_update', text: nasty })],
      actions: [anAction({ text: nasty })],
      sections: [
        { kind: 'summary', text: nasty, authorId: 'U0ALICE', at: at(15, 0) },
        { kind: 'cause', text: `${nasty} careless`, authorId: 'U0ALICE', at: at(15, 0) },
      ],
    });
    const draft = buildPostmortem(input);
    const hostile = '<!here> <@U0BOB> &lt;!channel&gt;';
    const json = JSON.stringify(
      postmortemBlocks(
        {
          ...summaryOf(draft),
          title: nasty,
          lead: hostile,
          severity: hostile,
          metrics: {
            ...draft.metrics,
            warnings: [nasty],
            detection: { ...draft.metrics.detection, summary: nasty },
          },
        },
        { ...uploaded, uploadFailed: true },
      ),
    );
    for (const sequence of ['<@', '<!channel', '<!here', '<!everyone', '<!subteam']) {
      expect(json).not.toContain(sequence);
    }
    expect(json).not.toMatch(/(^|[^\w])@(channel|here|everyone)\b/);
  });

  it('leaves out a link Slack would refuse', () => {
    const message = postmortemBlocks(summaryOf(buildPostmortem(checkoutIncident())), {
      incidentId: 7,
      file: { permalink: `https://files.example/${'x'.repeat(3000)}` },
      uploadFailed: false,
    });
    expect(JSON.stringify(message.blocks.at(-1))).not.toContain('postmortem_view');
  });
});
