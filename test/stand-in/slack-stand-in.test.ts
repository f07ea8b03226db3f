import { beforeEach, describe, expect, it } from 'vitest';
import { slackError, TOKEN, useStandIn } from './test-fixture.ts';

const fx = useStandIn();

describe('authentication', () => {
  it('answers auth.test for the expected token', async () => {
    const res = await fx.client().auth.test();
    expect(res).toMatchObject({
      ok: true,
      team_id: 'T0001',
      user_id: 'UBOT',
      bot_id: 'BBOT',
      is_enterprise_install: false,
    });
    expect(fx.slack.callsTo('auth.test')[0]?.token).toBe(TOKEN);
  });

  it('rejects a wrong token with invalid_auth and a missing one with not_authed', async () => {
    expect(await slackError(fx.client('xoxb-wrong').auth.test())).toBe('invalid_auth');
    expect(await slackError(fx.client(null).auth.test())).toBe('not_authed');
    expect(fx.slack.calls.map((c) => c.token)).toEqual(['xoxb-wrong', null]);
  });

  it('answers unknown_method for methods it does not implement', async () => {
    expect(await slackError(fx.client().apiCall('admin.nothing.here'))).toBe('unknown_method');
  });

  it('accepts JSON bodies with a bearer token', async () => {
    const res = await fetch(`${fx.slack.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${TOKEN}`,
        'content-type': 'application/json; charset=utf-8',
      },
      body: JSON.stringify({ channel: 'C1', blocks: [{ type: 'divider' }] }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, channel: 'C1' });
    expect(fx.slack.calls[0]?.args).toEqual({ channel: 'C1', blocks: [{ type: 'divider' }] });
  });
});

describe('chat.postMessage and conversations.history', () => {
  it('records decoded arguments and stores the post as the bot', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*[1] done*' } }];
    const res = await fx.client().chat.postMessage({ channel: 'C1', text: '[1] done', blocks });
    expect(res).toMatchObject({ ok: true, channel: 'C1', message: { text: '[1] done', blocks } });
    expect(fx.slack.callsTo('chat.postMessage')[0]?.args).toEqual({
      channel: 'C1',
      text: '[1] done',
      blocks,
    });
    expect(fx.slack.history('C1')).toEqual([
      expect.objectContaining({ channel: 'C1', ts: res.ts, user: 'UBOT', bot_id: 'BBOT', blocks }),
    ]);
  });

  it('issues Slack-shaped, strictly increasing ts even when the clock stands still', async () => {
    const web = fx.client();
    const first = await web.chat.postMessage({ channel: 'C1', text: 'a' });
    const second = await web.chat.postMessage({ channel: 'C1', text: 'b' });
    fx.clockMs += 1500;
    const third = await web.chat.postMessage({ channel: 'C1', text: 'c' });
    expect([first.ts, second.ts, third.ts]).toEqual([
      '1795269600.000000',
      '1795269600.000001',
      '1795269601.500000',
    ]);
  });

  it('pages history newest first with has_more and next_cursor', async () => {
    const web = fx.client();
    for (const text of ['m1', 'm2', 'm3', 'm4', 'm5']) {
      await web.chat.postMessage({ channel: 'C1', text });
      fx.clockMs += 1000;
    }
    const texts = (r: { messages?: Array<{ text?: string }> }) => r.messages?.map((m) => m.text);
    const page1 = await web.conversations.history({ channel: 'C1', limit: 2 });
    expect(texts(page1)).toEqual(['m5', 'm4']);
    expect(page1.has_more).toBe(true);
    // A post between page requests must not shift the pages already promised.
    await web.chat.postMessage({ channel: 'C1', text: 'late' });
    const cursor1 = page1.response_metadata?.next_cursor ?? '';
    const page2 = await web.conversations.history({ channel: 'C1', limit: 2, cursor: cursor1 });
    expect(texts(page2)).toEqual(['m3', 'm2']);
    const cursor2 = page2.response_metadata?.next_cursor ?? '';
    const page3 = await web.conversations.history({ channel: 'C1', limit: 2, cursor: cursor2 });
    expect(texts(page3)).toEqual(['m1']);
    expect(page3.has_more).toBe(false);
    expect(page3.response_metadata?.next_cursor).toBe('');
  });

  it('filters history by oldest/latest, exclusive unless inclusive is set', async () => {
    for (const [i, text] of ['a', 'b', 'c'].entries()) {
      fx.slack.addHistory({ channel: 'C1', ts: `1795269600.00000${i}`, text, user: 'U1' });
    }
    const web = fx.client();
    const bounds = { channel: 'C1', oldest: '1795269600.000000', latest: '1795269600.000002' };
    const exclusive = await web.conversations.history(bounds);
    expect(exclusive.messages?.map((m) => m.text)).toEqual(['b']);
    const inclusive = await web.conversations.history({ ...bounds, inclusive: true });
    expect(inclusive.messages?.map((m) => m.text)).toEqual(['c', 'b', 'a']);
    expect(await slackError(web.conversations.history({ channel: 'C1', cursor: 'junk' }))).toBe(
      'invalid_cursor',
    );
  });

  it('refuses an empty message and a missing channel', async () => {
    const web = fx.client();
    expect(await slackError(web.chat.postMessage({ channel: 'C1', text: '' }))).toBe('no_text');
    expect(await slackError(web.chat.postMessage({ channel: 'CMISSING1', text: 'x' }))).toBe(
      'channel_not_found',
    );
    expect(await slackError(web.conversations.history({ channel: 'CNEVER' }))).toBe(
      'channel_not_found',
    );
  });
});

describe('threads', () => {
  beforeEach(() => {
    fx.slack.addHistory({ channel: 'C1', ts: '1795269500.000000', text: 'parent', user: 'U1' });
    fx.slack.addHistory({ channel: 'C1', ts: '1795269501.000000', text: 'top', user: 'U2' });
  });

  it('keeps replies out of history but summarises them on the parent', async () => {
    const web = fx.client();
    await web.chat.postMessage({ channel: 'C1', text: 'r1', thread_ts: '1795269500.000000' });
    await web.chat.postMessage({
      channel: 'C1',
      text: 'r2',
      thread_ts: '1795269500.000000',
      reply_broadcast: true,
    });
    const history = await web.conversations.history({ channel: 'C1' });
    expect(history.messages?.map((m) => m.text)).toEqual(['r2', 'top', 'parent']);
    expect(history.messages?.[0]?.subtype).toBe('thread_broadcast');
    expect(history.messages?.[2]).toMatchObject({
      thread_ts: '1795269500.000000',
      reply_count: 2,
      reply_users: ['UBOT'],
      latest_reply: '1795269600.000001',
    });
  });

  it('returns the parent first, then replies oldest first, paginated', async () => {
    const web = fx.client();
    for (const text of ['r1', 'r2', 'r3']) {
      await web.chat.postMessage({ channel: 'C1', text, thread_ts: '1795269500.000000' });
    }
    const args = { channel: 'C1', ts: '1795269500.000000', limit: 2 };
    const page1 = await web.conversations.replies(args);
    expect(page1.messages?.map((m) => m.text)).toEqual(['parent', 'r1']);
    expect(page1.messages?.[1]).toMatchObject({ parent_user_id: 'U1' });
    const cursor = page1.response_metadata?.next_cursor ?? '';
    const page2 = await web.conversations.replies({ ...args, cursor });
    expect(page2.messages?.map((m) => m.text)).toEqual(['r2', 'r3']);
    expect(page2.has_more).toBe(false);
    const single = await web.conversations.replies({ channel: 'C1', ts: '1795269501.000000' });
    expect(single.messages?.map((m) => m.text)).toEqual(['top']);
    const missing = web.conversations.replies({ channel: 'C1', ts: '1.000000' });
    expect(await slackError(missing)).toBe('thread_not_found');
  });
});

describe('chat.update and chat.postEphemeral', () => {
  it('updates a bot message in place and keeps blocks it was not given', async () => {
    const web = fx.client();
    const blocks = [{ type: 'divider' }];
    const posted = await web.chat.postMessage({ channel: 'C1', text: 'draft', blocks });
    const ts = posted.ts ?? '';
    const res = await web.chat.update({ channel: 'C1', ts, text: 'final' });
    expect(res).toMatchObject({ ok: true, channel: 'C1', ts, text: 'final' });
    expect(fx.slack.history('C1')).toEqual([
      expect.objectContaining({ ts, text: 'final', blocks }),
    ]);
    const missing = web.chat.update({ channel: 'C1', ts: '1.000001', text: 'x' });
    expect(await slackError(missing)).toBe('message_not_found');
    fx.slack.addHistory({ channel: 'C1', ts: '1.000002', text: 'human', user: 'U1' });
    const foreign = web.chat.update({ channel: 'C1', ts: '1.000002', text: 'x' });
    expect(await slackError(foreign)).toBe('cant_update_message');
  });

  it('answers an ephemeral post without adding it to history', async () => {
    const res = await fx.client().chat.postEphemeral({ channel: 'C1', user: 'U1', text: 'psst' });
    expect(res.message_ts).toMatch(/^\d+\.\d{6}$/);
    expect(fx.slack.history('C1')).toEqual([]);
  });
});
