import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, SIGNING_SECRET, startHarness } from '../helpers/harness.ts';
import { blockActionBody, postSigned } from '../helpers/slack-signer.ts';

const CHANNEL = 'CREGEN001';
const T0 = Date.UTC(2026, 10, 21, 14, 0, 0);

let h: Harness;

beforeEach(async () => {
  h = await startHarness({ start: T0 });
  h.slack.addUser({ id: 'UANN', name: 'ann', displayName: 'Ann' });
  h.slack.addChannel({ id: CHANNEL, name: 'inc-regen' });
});

afterEach(async () => {
  await h.close();
});

function run(text: string) {
  return h.command({ userId: 'UANN', channelId: CHANNEL, command: '/incident', text });
}

/** Starts and resolves an incident and waits for its first draft. */
async function resolved(): Promise<void> {
  await run('start Checkout errors sev2');
  await h.slack.waitForCall('chat.postMessage');
  await run('resolve');
  await h.postedDraft();
}

function summaryPosts(): number {
  return h.slack
    .history(CHANNEL)
    .filter((m) => JSON.stringify(m.blocks ?? []).includes('postmortem_regenerate')).length;
}

async function clickRegenerate(): Promise<string> {
  const incidentId = String(h.rows('select id from incidents')[0]?.id);
  const responseUrl = h.slack.responseUrl();
  const body = blockActionBody({
    userId: 'UANN',
    channelId: CHANNEL,
    actionId: 'postmortem_regenerate',
    value: incidentId,
    responseUrl,
  });
  const res = await postSigned(h.url, body, {
    secret: SIGNING_SECRET,
    contentType: 'application/x-www-form-urlencoded',
  });
  expect(res.status).toBe(200);
  return h.replyTo({ status: 200, ackText: null, responseUrl });
}

describe('regenerating the draft right after a change (the clock does not move)', () => {
  it.each([
    ['learning', 'Config defaults need a canary too'],
    ['summary', 'A config push broke checkout'],
    ['impact', '12% of checkouts failed'],
    ['cause', 'The pool size default changed in 4.2.0'],
  ])(
    '/incident %s then /incident postmortem at once posts a draft with the new text',
    async (section, text) => {
      await resolved();
      expect(await h.postedDraft()).not.toContain(text);
      expect(await h.replyTo(await run(`${section} ${text}`))).toContain('Saved');
      const again = await run('postmortem');
      expect(await h.replyTo(again)).toContain('fresh draft');
      expect(await h.postedDraft()).toContain(text);
      expect(h.count('postmortems')).toBe(2);
      expect(summaryPosts()).toBe(2);
    },
  );

  it('still drops a quick repeat when nothing changed since the last draft', async () => {
    await resolved();
    expect(await h.replyTo(await run('postmortem'))).toContain('just regenerated');
    expect(await clickRegenerate()).toContain('just regenerated');
    expect(h.count('postmortems')).toBe(1);
    expect(summaryPosts()).toBe(1);
  });

  it('two Regenerate clicks at the same moment after a change post one new draft', async () => {
    await resolved();
    await h.replyTo(await run('learning Page the database owner sooner'));
    const replies = await Promise.all([clickRegenerate(), clickRegenerate()]);
    expect(replies.filter((r) => r.includes('fresh draft'))).toHaveLength(1);
    expect(replies.filter((r) => r.includes('just regenerated'))).toHaveLength(1);
    expect(await h.postedDraft()).toContain('Page the database owner sooner');
    expect(h.count('postmortems')).toBe(2);
  });

  it('after a repeat was dropped, a change made later still gets its draft', async () => {
    await resolved();
    expect(await clickRegenerate()).toContain('just regenerated');
    await h.replyTo(await run('cause A default changed'));
    expect(await clickRegenerate()).toContain('fresh draft');
    expect(await h.postedDraft()).toContain('A default changed');
    expect(h.count('postmortems')).toBe(2);
  });
});
