import { describe, expect, it } from 'vitest';
import { renderPostmortemMarkdown } from '../../../src/domain/postmortem/markdown.ts';
import { TEXT_PARTS } from '../../../src/domain/postmortem/markdown-parts.ts';
import { messageRowsOf } from '../../../src/domain/postmortem/message-rows.ts';
import { BLAMELESS_SHOWN, buildPostmortem } from '../../../src/domain/postmortem/model.ts';
import { streamPostmortem } from '../../../src/domain/postmortem/streamed.ts';
import { blameNote } from '../../../src/slack/blocks/postmortem-parts.ts';
import { aMessage, at } from '../builders.ts';
import { checkoutIncident } from './fixture.ts';

// A channel that says "human error" sixty times: the review lists the first fifty and counts the
// rest, in memory and streamed from the rows alike (read in the draft order, not by time).
const tsOf = (i: number) => `1763733600.${String(i).padStart(6, '0')}`;
const input = (count = 60) => {
  const base = checkoutIncident();
  const messages = Array.from({ length: count }, (_, i) =>
    aMessage({
      ts: tsOf(i),
      // Replies under the first message come late in time but early in the draft order.
      threadTs: i % 3 === 0 && i > 0 ? tsOf(0) : null,
      postedAt: at(14, 0) + i * 1000,
      userId: 'U0BOB',
      text: `attempt ${i}: human error again`,
    }),
  );
  return { ...base, messages };
};

describe('the blameless review of a long channel', () => {
  it('lists the first findings by time and counts the others', () => {
    const draft = buildPostmortem(input());
    expect(draft.blameless).toHaveLength(BLAMELESS_SHOWN);
    expect(draft.blameless[0]?.quote).toContain('attempt 0:');
    expect(draft.blameless.at(-1)?.quote).toContain(`attempt ${BLAMELESS_SHOWN - 1}:`);
    expect(draft.blamelessMore).toBe(60 - BLAMELESS_SHOWN);
    expect(renderPostmortemMarkdown(draft)).toContain(
      '_…and 10 more phrases later in the channel, not listed: the transcript has them._',
    );
    expect(blameNote(draft)).toBe(
      '60 phrases may read as blame — see the Blameless review in the full draft',
    );
  });

  it('is the same when the draft is streamed from the rows', () => {
    const whole = buildPostmortem(input());
    const { messages, ...head } = input();
    const streamed = streamPostmortem(head, messageRowsOf(messages), TEXT_PARTS);
    expect(streamed.draft.blameless).toEqual(whole.blameless);
    expect(streamed.draft.blamelessMore).toBe(whole.blamelessMore);
    expect(streamed.markdown.join('')).toBe(renderPostmortemMarkdown(whole));
  });

  it('is the same when hundreds of findings come out of time order (late replies first)', () => {
    // 100 replies under the first message are read before the second message: the fold has
    // trimmed to its earliest fifty by then, and must still list the second one.
    const whole = buildPostmortem(input(300));
    expect(whole.blameless[1]?.quote).toContain('attempt 1:');
    const { messages, ...head } = input(300);
    const streamed = streamPostmortem(head, messageRowsOf(messages), TEXT_PARTS);
    expect(streamed.draft.blameless).toEqual(whole.blameless);
    expect(streamed.draft.blamelessMore).toBe(300 - BLAMELESS_SHOWN);
    expect(streamed.markdown.join('')).toBe(renderPostmortemMarkdown(whole));
  });
});
