import { describe, expect, it } from 'vitest';
import { type ApiMessage, useSandbox } from './fixture.ts';

// `scribe sandbox --socket`: the same page and workspace, the bot connected over Socket Mode.
// What people do reaches it as envelopes over its connection; its answers show up as before.

const fx = useSandbox({}, { socket: true });
const CHECKOUT = 'C0CHECKOUT';

const byBot = (m: ApiMessage) => m.user === 'U0SCRIBE' && !m.ephemeral;

describe('the sandbox in Socket Mode', () => {
  it('starts, records, resolves and posts the draft, all over the socket', async () => {
    const health = await fetch(`http://127.0.0.1:${fx.sandbox.bot.port}/healthz`);
    expect(await health.json()).toMatchObject({ status: 'ok', mode: 'socket' });
    expect(fx.sandbox.slack.socket.connections).toBe(1);

    const start = await fx.post('api/send', {
      channel: CHECKOUT,
      as: 'U0ALICE',
      text: '/incident start Socket checkout sev2',
    });
    expect(start.body).toEqual({ ok: true });
    await fx.until(
      async () =>
        (await fx.messages(CHECKOUT, 'U0BOB')).find(
          (m) => byBot(m) && m.text.includes('Incident declared: Socket checkout'),
        ),
      'the announcement',
    );
    const live = await fx.post('api/send', {
      channel: CHECKOUT,
      as: 'U0BOB',
      text: 'Rolling back',
    });
    await fx.until(
      () => fx.rows('select 1 from messages where ts = ?', live.body.ts)[0],
      'the live message in the database',
    );
    await fx.post('api/send', { channel: CHECKOUT, as: 'U0ALICE', text: '/incident resolve' });
    await fx.until(
      async () =>
        (await fx.messages(CHECKOUT, 'U0ALICE')).find(
          (m) => byBot(m) && JSON.stringify(m.blocks ?? []).includes('Post-mortem draft'),
        ),
      'the draft summary',
    );
    const types = new Set(fx.sandbox.slack.socket.sent.map((e) => e.type));
    expect([...types].sort()).toEqual(['events_api', 'slash_commands']);
    expect(fx.rows('select count(*) as n from messages where ts = ?', live.body.ts)).toEqual([
      { n: 1 },
    ]);
  }, 30_000);
});
