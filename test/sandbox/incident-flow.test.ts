import { describe, expect, it } from 'vitest';
import { type ApiMessage, useSandbox } from './fixture.ts';

// The page's JSON API against the real bot: what a person does becomes what Slack would send
// the app, and what the bot does shows up in the page and the database.

const fx = useSandbox();
const CHECKOUT = 'C0CHECKOUT';

const byBot = (m: ApiMessage) => m.user === 'U0SCRIBE' && !m.ephemeral;

describe('an incident run through the sandbox API', () => {
  it('starts, records, marks, resolves and posts the draft with its file', async () => {
    const before = await fx.post('api/send', {
      channel: CHECKOUT,
      as: 'U0BOB',
      text: 'Seeing 500s on /pay since the deploy',
    });
    expect(before.body).toMatchObject({ ok: true, ts: expect.any(String) });

    expect(
      (
        await fx.post('api/send', {
          channel: CHECKOUT,
          as: 'U0ALICE',
          text: '/incident start Checkout errors sev2',
        })
      ).body,
    ).toEqual({ ok: true });
    const announcement = await fx.until(
      async () =>
        (await fx.messages(CHECKOUT, 'U0DANA')).find(
          (m) => byBot(m) && m.text.includes('Incident declared: Checkout errors'),
        ),
      'the announcement',
    );
    expect(announcement).toMatchObject({ isBot: true, username: 'incident-scribe' });
    // INCIDENTS_CHANNEL defaults to #incidents in the sandbox.
    await fx.until(
      async () =>
        (await fx.messages('C0INCIDENTS', 'U0DANA')).find(
          (m) => byBot(m) && m.text.includes('Checkout errors'),
        ),
      'the announcement in #incidents',
    );
    const channel = (await fx.get('api/state?as=U0ALICE')).body.channels as Array<{
      id: string;
      botIsMember: boolean;
    }>;
    expect(channel.find((c) => c.id === CHECKOUT)?.botIsMember).toBe(true);
    // The look-back read the message from before the start.
    await fx.until(
      () => fx.rows('select 1 from messages where ts = ?', before.body.ts)[0],
      'the earlier message',
    );

    const live = await fx.post('api/send', {
      channel: CHECKOUT,
      as: 'U0BOB',
      text: 'Rolling back, @alice is watching the graphs',
    });
    const recorded = await fx.until(
      () => fx.rows('select user_id, text, is_bot from messages where ts = ?', live.body.ts)[0],
      'the live message in the database',
    );
    expect(recorded).toEqual({
      user_id: 'U0BOB',
      text: 'Rolling back, <@U0ALICE> is watching the graphs',
      is_bot: 0,
    });

    const alert = await fx.post('api/alert', {
      channel: CHECKOUT,
      source: 'alertmanager',
      state: 'firing',
    });
    expect(alert.body).toMatchObject({ ok: true, ts: expect.any(String) });
    const alertRow = await fx.until(
      () =>
        fx.rows(
          'select alert_source, alert_state, bot_name from messages where ts = ?',
          alert.body.ts,
        )[0],
      'the alert in the database',
    );
    expect(alertRow).toEqual({
      alert_source: 'alertmanager',
      alert_state: 'firing',
      bot_name: 'Alertmanager',
    });

    expect(
      (
        await fx.post('api/react', {
          channel: CHECKOUT,
          ts: live.body.ts,
          as: 'U0ALICE',
          name: 'pushpin',
        })
      ).body,
    ).toEqual({ ok: true });
    await fx.until(
      () =>
        fx.rows(
          "select 1 from key_marks where ts = ? and kind = 'reaction' and user_id = 'U0ALICE'",
          live.body.ts,
        )[0],
      'the 📌 key mark',
    );
    const pinned = (await fx.messages(CHECKOUT, 'U0CHEN')).find((m) => m.ts === live.body.ts);
    expect(pinned?.reactions).toEqual([{ name: 'pushpin', users: ['U0ALICE'] }]);

    await fx.post('api/send', { channel: CHECKOUT, as: 'U0ALICE', text: '/incident resolve' });
    const draft = await fx.until(
      async () =>
        (await fx.messages(CHECKOUT, 'U0ALICE')).find(
          (m) =>
            byBot(m) &&
            JSON.stringify(m.blocks ?? []).includes('Post-mortem draft: Checkout errors'),
        ),
      'the draft summary',
    );
    const fileMessage = (await fx.messages(CHECKOUT, 'U0ALICE')).find((m) => m.files !== undefined);
    const file = fileMessage?.files?.[0];
    expect(file?.title).toBe('Post-mortem draft: Checkout errors');
    const download = await fetch(`${fx.sandbox.url}/files/${file?.id}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const markdown = await download.text();
    expect(markdown).toContain('Checkout errors');
    expect(markdown).toContain('Rolling back');
    expect(fx.rows('select status from postmortems')).toEqual([{ status: 'posted' }]);

    // Regenerate on the summary: the bot answers the clicker alone, through the response URL.
    const regenerate = await fx.post('api/action', {
      channel: CHECKOUT,
      ts: draft.ts,
      as: 'U0ALICE',
      actionId: 'postmortem_regenerate',
      blockId: blockIdOf(draft, 'postmortem_regenerate'),
    });
    expect(regenerate.body).toEqual({ ok: true });
    const reply = await fx.until(
      async () =>
        (await fx.messages(CHECKOUT, 'U0ALICE')).find((m) => m.ephemeral && m.ts > draft.ts),
      'the answer to Regenerate',
    );
    expect(reply).toMatchObject({ user: 'U0SCRIBE', isBot: true });
    expect((await fx.messages(CHECKOUT, 'U0BOB')).some((m) => m.ephemeral)).toBe(false);
  }, 30_000);
});

function blockIdOf(message: ApiMessage, actionId: string): string {
  const block = (message.blocks ?? []).find((b) =>
    JSON.stringify(b.elements ?? []).includes(`"action_id":"${actionId}"`),
  );
  return typeof block?.block_id === 'string' ? block.block_id : 'any';
}
