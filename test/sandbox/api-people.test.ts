import { describe, expect, it } from 'vitest';
import { useSandbox } from './fixture.ts';

// What people do through the page reaches the bot as Slack would deliver it.

const fx = useSandbox();
const GENERAL = 'C0GENERAL';

async function startIncident(channel: string, title: string): Promise<void> {
  await fx.post('api/send', { channel, as: 'U0DANA', text: `/incident start ${title}` });
  await fx.until(
    () => fx.rows('select 1 from incidents where channel_id = ?', channel)[0],
    `the incident in ${channel}`,
  );
}

describe('people in the sandbox', () => {
  it('shows a command’s ack only to the person who typed it, and records nothing', async () => {
    const version = (await fx.get('api/version')).body.version as number;
    expect(
      (await fx.post('api/send', { channel: GENERAL, as: 'U0CHEN', text: '/incident help' })).body,
    ).toEqual({ ok: true });
    const seen = await fx.messages(GENERAL, 'U0CHEN');
    expect(seen).toMatchObject([
      {
        ephemeral: true,
        user: 'U0SCRIBE',
        isBot: true,
        text: expect.stringContaining('/incident start'),
      },
    ]);
    expect(await fx.messages(GENERAL, 'U0DANA')).toEqual([]);
    expect((await fx.get('api/version')).body.version).toBeGreaterThan(version);
    expect(fx.rows('select count(*) as n from incidents')).toEqual([{ n: 0 }]);
  });

  it('tells the person about a command the app does not have', async () => {
    await fx.post('api/send', { channel: GENERAL, as: 'U0BOB', text: '/deploy now' });
    const notice = (await fx.messages(GENERAL, 'U0BOB')).at(-1);
    expect(notice).toMatchObject({ ephemeral: true, user: 'USLACKBOT', username: 'Slackbot' });
    expect(notice?.text).toContain('is not a valid command');
  });

  it('records thread replies, edits and deletes of the incident channel', async () => {
    await startIncident(GENERAL, 'Queue backlog sev3');
    const parent = await fx.post('api/send', {
      channel: GENERAL,
      as: 'U0BOB',
      text: 'Queue depth at 40k',
    });
    const reply = await fx.post('api/send', {
      channel: GENERAL,
      as: 'U0CHEN',
      text: 'Consumers are stuck',
      threadTs: parent.body.ts,
    });
    await fx.until(
      () => fx.rows('select thread_ts from messages where ts = ?', reply.body.ts)[0],
      'the reply',
    );
    expect(fx.rows('select thread_ts from messages where ts = ?', reply.body.ts)).toEqual([
      { thread_ts: parent.body.ts },
    ]);
    const listed = await fx.messages(GENERAL, 'U0ALICE');
    expect(listed.find((m) => m.ts === parent.body.ts)).toMatchObject({ replyCount: 1 });
    expect(listed.find((m) => m.ts === reply.body.ts)).toMatchObject({ threadTs: parent.body.ts });

    expect(
      (
        await fx.post('api/edit', {
          channel: GENERAL,
          ts: parent.body.ts,
          as: 'U0BOB',
          text: 'Queue depth at 45k',
        })
      ).body,
    ).toEqual({ ok: true });
    const edited = await fx.until(
      () =>
        fx.rows("select text from messages where ts = ? and text like '%45k%'", parent.body.ts)[0],
      'the edit',
    );
    expect(edited).toEqual({ text: 'Queue depth at 45k' });
    expect((await fx.messages(GENERAL, 'U0BOB')).find((m) => m.ts === parent.body.ts)?.edited).toBe(
      true,
    );

    await fx.post('api/delete', { channel: GENERAL, ts: reply.body.ts, as: 'U0CHEN' });
    await fx.until(
      () =>
        fx.rows('select 1 from messages where ts = ? and deleted_at is not null', reply.body.ts)[0],
      'the delete',
    );
    expect((await fx.messages(GENERAL, 'U0BOB')).some((m) => m.ts === reply.body.ts)).toBe(false);
  });

  it('lets Sentry resolve its issue by editing its firing message', async () => {
    await startIncident('C0INCIDENTS', 'Checkout TypeError sev2');
    const firing = await fx.post('api/alert', {
      channel: 'C0INCIDENTS',
      source: 'sentry',
      state: 'firing',
    });
    const resolved = await fx.post('api/alert', {
      channel: 'C0INCIDENTS',
      source: 'sentry',
      state: 'resolved',
    });
    expect(resolved.body.ts).toBe(firing.body.ts);
    const states = await fx.until(() => {
      const rows = fx.rows(
        'select state from alert_changes where message_ts = ? order by at',
        firing.body.ts,
      );
      return rows.length === 2 ? rows : undefined;
    }, 'both alert states');
    expect(states).toEqual([{ state: 'firing' }, { state: 'resolved' }]);
  });

  it('runs a message shortcut and shows its answer to the caller', async () => {
    await startIncident('C0CHECKOUT', 'Slow pages sev3');
    const said = await fx.post('api/send', {
      channel: 'C0CHECKOUT',
      as: 'U0ALICE',
      text: 'CDN purge done',
    });
    await fx.until(
      () => fx.rows('select 1 from messages where ts = ?', said.body.ts)[0],
      'the message',
    );
    const answer = await fx.post('api/shortcut', {
      channel: 'C0CHECKOUT',
      ts: said.body.ts,
      as: 'U0BOB',
      callbackId: 'add_to_timeline',
    });
    expect(answer.body).toEqual({ ok: true });
    await fx.until(
      () =>
        fx.rows(
          "select 1 from key_marks where ts = ? and kind = 'shortcut' and user_id = 'U0BOB'",
          said.body.ts,
        )[0],
      'the key mark',
    );
    const reply = await fx.until(
      async () => (await fx.messages('C0CHECKOUT', 'U0BOB')).find((m) => m.ephemeral),
      'the shortcut’s answer',
    );
    expect(reply.text).toContain('Added to the incident timeline');
  });
});
