import { describe, expect, it } from 'vitest';
import { buildPostmortem } from '../../../src/domain/postmortem/model.ts';
import { summaryOf } from '../../../src/domain/postmortem/summary.ts';
import { timelineLines } from '../../../src/domain/timeline-mrkdwn.ts';
import { postmortemBlocks } from '../../../src/slack/blocks/postmortem.ts';
import { aMessage, anAction, anEvent, anIncident, at, people } from '../../domain/builders.ts';
import { checkoutIncident, writtenCheckoutIncident } from '../../domain/postmortem/fixture.ts';
import { entry, expectWithinSlackLimits, posted, texts, uploaded } from './blocks-helpers.ts';

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
    const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
    const button = (text: string) => ({ type: 'plain_text', text, emoji: true });
    expect(postmortemBlocks(summaryOf(draft), uploaded)).toEqual({
      text: 'Post-mortem draft for Checkout returns 500s (sev2): TTD 0s, TTM 15m',
      blocks: [
        {
          type: 'header',
          text: button('Post-mortem draft: Checkout returns 500s'),
        },
        {
          type: 'section',
          fields: [
            field('*Severity*\nsev2'),
            field('*Lead*\nnot set'),
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
        section('*Detection:* Alice noticed it and declared the incident.'),
        section(
          '*Summary*\n_Not written yet: add two or three sentences with `/incident summary &lt;text&gt;`._',
        ),
        { type: 'divider' },
        section(
          `*Key events*\n${declared} 🚨 *Alice*: Incident declared: Checkout returns 500s (sev2)`,
        ),
        { type: 'divider' },
        section(
          '*Action items*\n• *#1* Add a canary stage to the checkout deploy — Bob, due 2026-12-05, open',
        ),
        {
          type: 'actions',
          elements: [
            {
              type: 'button',
              text: button('Regenerate draft'),
              action_id: 'postmortem_regenerate',
              value: '7',
            },
            {
              type: 'button',
              text: button('View full draft'),
              style: 'primary',
              action_id: 'postmortem_view',
              url: 'https://files.example/F1/postmortem.md',
            },
          ],
        },
      ],
    });
  });

  it('shows only key timeline entries, including a 📌 reply', () => {
    const input = checkoutIncident();
    const parent = aMessage({ postedAt: at(14, 12), text: 'root cause?' });
    const messages = [
      ...input.messages,
      parent,
      aMessage({ postedAt: at(14, 13), threadTs: parent.ts, text: 'pool size!', key: true }),
    ];
    const message = postmortemBlocks(summaryOf(buildPostmortem({ ...input, messages })), posted);
    expectWithinSlackLimits(message);
    const timeline = texts(message).find((t) => t.startsWith('*Key events*')) ?? '';
    expect(timeline).toContain('🚨 *Alice*: Incident declared');
    expect(timeline).toContain('🔥 *Alertmanager*: [FIRING:1] HighErrorRate');
    expect(timeline).toContain('📌 *Alice*: pool size!');
    expect(timeline).not.toContain('should we roll back?');
    expect(timeline).not.toContain('Deploy Bot');
    expect(timeline).not.toContain('↳');
    expect(JSON.stringify(message)).not.toContain('more key events');
  });

  it('counts the key events the summary left out, even when every key it holds fits', () => {
    const summary = summaryOf(buildPostmortem(checkoutIncident()));
    const timeline = (keysMore: number) =>
      texts(postmortemBlocks({ ...summary, keysMore }, posted)).filter(
        (t) => t.startsWith('*Key events*') || t.includes('more key events'),
      );
    const [keys, more] = timeline(42);
    expect(keys).toContain('🚨 *Alice*: Incident declared');
    expect(more).toBe('…and 42 more key events in the full draft');
    expect(timeline(0)).toHaveLength(1);
  });

  it('shows the summary as written, with its line breaks', () => {
    const message = postmortemBlocks(summaryOf(buildPostmortem(writtenCheckoutIncident())), posted);
    expect(texts(message)).toContainEqual(
      '*Summary*\nCheckout returned 500s for 29 minutes after the 4.2.0 deploy.\n' +
        'Rolling back to 4.1.9 &amp; restarting the pods ended it.',
    );
  });

  it('counts phrases that read as blame, and points to the full draft', () => {
    const message = postmortemBlocks(summaryOf(buildPostmortem(writtenCheckoutIncident())), posted);
    expect(texts(message)).toContainEqual(
      '2 phrases may read as blame — see the Blameless review in the full draft',
    );
    const one = { ...buildPostmortem(writtenCheckoutIncident()) };
    one.blameless = one.blameless.slice(0, 1);
    expect(texts(postmortemBlocks(summaryOf(one), posted))).toContainEqual(
      '1 phrase may read as blame — see the Blameless review in the full draft',
    );
    const none = postmortemBlocks(summaryOf(buildPostmortem(checkoutIncident())), posted);
    expect(JSON.stringify(none)).not.toContain('read as blame');
  });

  it('says when the full draft could not be uploaded, and offers only regeneration', () => {
    const message = postmortemBlocks(summaryOf(buildPostmortem(checkoutIncident())), {
      incidentId: 42,
      file: null,
      uploadFailed: true,
    });
    expect(texts(message)).toContainEqual(
      'The full draft could not be uploaded; run `/incident postmortem` to try again.',
    );
    const actions = message.blocks.at(-1);
    expect(actions?.type).toBe('actions');
    expect(actions?.elements).toEqual([
      expect.objectContaining({ action_id: 'postmortem_regenerate', value: '42' }),
    ]);
  });

  it('warns about out-of-order times', () => {
    const input = checkoutIncident();
    const incident = anIncident({ mitigatedAt: at(14, 0) });
    const message = postmortemBlocks(
      summaryOf(buildPostmortem({ ...input, incident, messages: [] })),
      posted,
    );
    expect(texts(message)).toContainEqual(
      expect.stringMatching(
        /^:warning: \*Check these times.*\n• Mitigated \(\/incident mitigated by Bob\)/,
      ),
    );
  });
});

describe('timelineLines', () => {
  it('dates the first line of each day and nests replies when asked', () => {
    const timeline = [
      entry(at(14, 0), 'parent', { replies: [entry(at(14, 1), 'reply')] }),
      entry(at(14, 2), 'next'),
    ];
    expect(timelineLines(timeline, 'UTC', true)).toEqual([
      '<!date^1795269600^{date_short} {time_secs}|2026-11-21 14:00:00 UTC> *Alice*: parent',
      '      ↳ <!date^1795269660^{time_secs}|14:01:00 UTC> *Alice*: reply',
      '<!date^1795269720^{time_secs}|14:02:00 UTC> *Alice*: next',
    ]);
    expect(timelineLines(timeline, 'UTC', false)).toHaveLength(2);
  });
});
