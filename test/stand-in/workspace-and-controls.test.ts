import { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { START, slackError, TOKEN, useStandIn } from './test-fixture.ts';

const fx = useStandIn();

describe('users and conversations', () => {
  it('answers users.info for known users and user_not_found otherwise', async () => {
    fx.slack.addUser({ id: 'U1', name: 'ana', realName: 'Ana Lima', tz: 'America/Sao_Paulo' });
    const web = fx.client();
    const res = await web.users.info({ user: 'U1' });
    expect(res.user).toMatchObject({
      id: 'U1',
      name: 'ana',
      real_name: 'Ana Lima',
      tz: 'America/Sao_Paulo',
      tz_offset: -3 * 3600,
      is_bot: false,
      profile: { real_name: 'Ana Lima', display_name: '' },
    });
    expect(await slackError(web.users.info({ user: 'U404' }))).toBe('user_not_found');
    expect(() => fx.slack.addUser({ id: 'U2', name: 'x', tz: 'Mars/Olympus' })).toThrow();
  });

  it('describes channels and opens one stable DM per user set', async () => {
    fx.slack.addChannel({ id: 'C9', name: 'inc-42', isPrivate: true, members: ['U1'] });
    const web = fx.client();
    const info = await web.conversations.info({ channel: 'C9' });
    expect(info.channel).toMatchObject({ id: 'C9', name: 'inc-42', is_private: true });
    expect(await slackError(web.conversations.info({ channel: 'C404' }))).toBe('channel_not_found');
    const first = await web.conversations.open({ users: 'U1' });
    const again = await web.conversations.open({ users: 'U1' });
    expect(first.channel?.id).toMatch(/^D/);
    expect(again.channel?.id).toBe(first.channel?.id);
    const dm = first.channel?.id ?? '';
    await web.chat.postMessage({ channel: dm, text: 'hi' });
    expect(fx.slack.history(dm)).toHaveLength(1);
    expect((await web.conversations.join({ channel: 'C9' })).channel?.id).toBe('C9');
  });
});

describe('failure injection', () => {
  it('fails the next calls with a Slack error code, then recovers', async () => {
    fx.slack.failNext('chat.postMessage', { error: 'ratelimited' }, 2);
    const web = fx.client();
    expect(await slackError(web.chat.postMessage({ channel: 'C1', text: 'a' }))).toBe(
      'ratelimited',
    );
    expect(await slackError(web.chat.postMessage({ channel: 'C1', text: 'b' }))).toBe(
      'ratelimited',
    );
    await expect(web.chat.postMessage({ channel: 'C1', text: 'c' })).resolves.toMatchObject({
      ok: true,
    });
    expect(fx.slack.callsTo('chat.postMessage')).toHaveLength(3);
  });

  it('fails with an HTTP status, including 429 with Retry-After', async () => {
    fx.slack.failNext('auth.test', { status: 500 });
    fx.slack.failNext('auth.test', { status: 429, retryAfter: 7 });
    const web = fx.client();
    await expect(web.auth.test()).rejects.toMatchObject({
      code: webApi.ErrorCode.HTTPError,
      statusCode: 500,
    });
    await expect(web.auth.test()).rejects.toMatchObject({
      code: webApi.ErrorCode.RateLimitedError,
      retryAfter: 7,
    });
    await expect(web.auth.test()).resolves.toMatchObject({ ok: true });
  });
});

describe('late answers and message metadata', () => {
  it('acts on a call at once and answers it late, or never to a caller that gave up', async () => {
    fx.slack.addChannel({ id: 'C7', name: 'inc-late' });
    fx.slack.failNext('chat.postMessage', { answerAfterMs: 60_000 });
    const impatient = new webApi.WebClient(TOKEN, {
      slackApiUrl: fx.slack.apiUrl,
      timeout: 200,
      retryConfig: { retries: 0 },
    });
    await expect(impatient.chat.postMessage({ channel: 'C7', text: 'sent' })).rejects.toThrow();
    // Slack posted it although the caller never heard so.
    expect(fx.slack.history('C7').map((m) => m.text)).toEqual(['sent']);
    expect(() => fx.slack.failNext('chat.postMessage', { answerAfterMs: -1 })).toThrow(RangeError);
  });

  it('returns message metadata from history only when asked for all of it', async () => {
    fx.slack.addChannel({ id: 'C8', name: 'inc-meta' });
    const web = fx.client();
    const metadata = { event_type: 'thing_done', event_payload: { id: 7 } };
    await web.chat.postMessage({ channel: 'C8', text: 'with metadata', metadata });
    const plain = await web.conversations.history({ channel: 'C8' });
    expect(plain.messages?.[0]).not.toHaveProperty('metadata');
    const all = await web.conversations.history({ channel: 'C8', include_all_metadata: true });
    expect(all.messages?.[0]?.metadata).toEqual(metadata);
  });
});

describe('response URLs, waiting and reset', () => {
  it('records JSON posted to a response URL', async () => {
    const url = fx.slack.responseUrl();
    expect(fx.slack.responseUrl()).not.toBe(url);
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response_type: 'ephemeral', text: 'Recorded.' }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect(fx.slack.responses).toEqual([
      {
        path: new URL(url).pathname,
        body: { response_type: 'ephemeral', text: 'Recorded.' },
        at: START,
      },
    ]);
  });

  it('waits for calls that arrive later and times out with a clear message', async () => {
    const web = fx.client();
    setTimeout(() => void web.chat.postMessage({ channel: 'C1', text: 'late' }), 30);
    const call = await fx.slack.waitForCall('chat.postMessage');
    expect(call.args.text).toBe('late');
    await expect(fx.slack.waitForCall('chat.update', 1, 50)).rejects.toThrow(
      /1 call\(s\) to chat\.update \(got 0; calls so far: chat\.postMessage\) not met within 50ms/,
    );
    await expect(fx.slack.waitFor(() => false, 30)).rejects.toThrow(/not met within 30ms/);
  });

  it('reset forgets calls and failures but keeps the workspace', async () => {
    const web = fx.client();
    await web.chat.postMessage({ channel: 'C1', text: 'kept' });
    fx.slack.failNext('auth.test', { error: 'fatal_error' });
    const calls = fx.slack.calls;
    fx.slack.reset();
    expect(calls).toEqual([]);
    await expect(web.auth.test()).resolves.toMatchObject({ ok: true });
    expect(fx.slack.history('C1').map((m) => m.text)).toEqual(['kept']);
  });
});

describe('file uploads', () => {
  it('runs the external upload flow and shares the file into the channel', async () => {
    const web = fx.client();
    const content = '# Post-mortem\n\nAll good.\n';
    const res = await web.filesUploadV2({
      channel_id: 'C1',
      filename: 'postmortem.md',
      title: 'Post-mortem',
      content,
      initial_comment: 'Draft attached',
    });
    expect(res.ok).toBe(true);
    const [getUrl] = fx.slack.callsTo('files.getUploadURLExternal');
    expect(getUrl?.args).toMatchObject({ filename: 'postmortem.md', length: '25' });
    const upload = [...fx.slack.uploads.values()][0];
    expect(upload?.bytes?.toString('utf8')).toBe(content);
    expect(upload).toMatchObject({ title: 'Post-mortem', completed: true, channels: ['C1'] });
    expect(fx.slack.callsTo('files.completeUploadExternal')[0]?.args.files).toEqual([
      { id: upload?.id, title: 'Post-mortem' },
    ]);
    const [shared] = fx.slack.history('C1');
    expect(shared).toMatchObject({ subtype: 'file_share', text: 'Draft attached', user: 'UBOT' });
    const files = shared?.files as Array<{ id: string; url_private: string }>;
    expect(files[0]?.id).toBe(upload?.id);
    const download = await fetch(files[0]?.url_private ?? '', {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(await download.text()).toBe(content);
  });

  it('will not complete a file whose bytes never arrived', async () => {
    const web = fx.client();
    const { file_id } = await web.files.getUploadURLExternal({ filename: 'a.txt', length: 1 });
    const complete = web.files.completeUploadExternal({ files: [{ id: file_id ?? '' }] });
    expect(await slackError(complete)).toBe('file_not_found');
  });
});
