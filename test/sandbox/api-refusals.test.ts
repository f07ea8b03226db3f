import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { useSandbox } from './fixture.ts';

// Bad input is refused with a readable error, and nothing reaches the workspace or the bot.

const fx = useSandbox();
const C = 'C0CHECKOUT';

async function state() {
  const version = (await fx.get('api/version')).body.version;
  const messages = await fx.messages(C, 'U0ALICE');
  return { version, messages: messages.length };
}

describe('refusals', () => {
  it('refuses bad bodies with 400 or 404 and a readable error, changing nothing', async () => {
    const posted = await fx.post('api/send', { channel: C, as: 'U0ALICE', text: 'mine' });
    const ts = String(posted.body.ts);
    const before = await state();
    const cases: Array<[string, unknown, number, RegExp]> = [
      ['send', { as: 'U0ALICE', text: 'x' }, 400, /"channel" is required/],
      ['send', { channel: C, as: 'U0ALICE', text: '   ' }, 400, /"text" is required/],
      ['send', { channel: C, as: 'U0ALICE', text: 7 }, 400, /"text" is required/],
      ['send', { channel: 'C0NOPE', as: 'U0ALICE', text: 'x' }, 404, /no conversation "C0NOPE"/],
      ['send', { channel: C, as: 'U0NOBODY', text: 'x' }, 404, /no person/],
      ['send', { channel: C, as: 'U0SCRIBE', text: 'x' }, 404, /no person/],
      ['send', { channel: C, as: 'U0ALICE', text: 'x', threadTs: '1.000001' }, 404, /no message/],
      ['send', { channel: C, as: 'U0ALICE', text: 'x'.repeat(40_001) }, 400, /longer than/],
      ['alert', { channel: C, source: 'nagios', state: 'firing' }, 400, /Unknown alert source/],
      ['alert', { channel: C, source: 'grafana', state: 'angry' }, 400, /"state" must be/],
      ['alert', { channel: 'C0NOPE', source: 'grafana', state: 'firing' }, 404, /no channel/],
      ['react', { channel: C, ts, as: 'U0BOB', name: 'not an emoji!' }, 400, /not an emoji name/],
      ['react', { channel: C, ts: '1.000001', as: 'U0BOB', name: 'pushpin' }, 404, /no message/],
      [
        'react',
        { channel: C, ts, as: 'U0BOB', name: 'pushpin', remove: 'yes' },
        400,
        /true or false/,
      ],
      ['edit', { channel: C, ts, as: 'U0BOB', text: 'not mine' }, 400, /Only the author/],
      ['delete', { channel: C, ts, as: 'U0BOB' }, 400, /Only the author/],
      [
        'action',
        { channel: C, ts, as: 'U0ALICE', actionId: 'go', blockId: 'b' },
        400,
        /no control/,
      ],
      ['action', { channel: C, ts, as: 'U0ALICE', blockId: 'b' }, 400, /"actionId" is required/],
      [
        'shortcut',
        { channel: C, ts, as: 'U0ALICE', callbackId: 'nope' },
        404,
        /no message shortcut/,
      ],
      ['nothing', {}, 404, /no sandbox API "nothing"/],
    ];
    for (const [route, body, status, error] of cases) {
      const answer = await fx.post(`api/${route}`, body);
      expect({ route, body, status: answer.status }).toEqual({ route, body, status });
      expect(answer.body.ok).toBe(false);
      expect(answer.body.error).toMatch(error);
    }
    expect(await state()).toEqual(before);
  });

  it('wants JSON objects, the right method and the loopback host name', async () => {
    const before = await state();
    const url = `${fx.sandbox.url}/api/send`;
    const body = JSON.stringify({ channel: C, as: 'U0ALICE', text: 'sneaky' });
    const asForm = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body,
    });
    expect(asForm.status).toBe(400);
    expect(((await asForm.json()) as { error: string }).error).toMatch(
      /Content-Type: application\/json/,
    );
    const notJson = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect(((await notJson.json()) as { error: string }).error).toMatch(/not valid JSON/);
    expect((await fx.post('api/send', [1, 2])).body.error).toMatch(/JSON object/);
    expect((await fetch(url)).status).toBe(405);
    expect(await statusWithHost(`${fx.sandbox.url}/api/version`, 'evil.example')).toBe(403);
    expect(
      await statusWithHost(`${fx.sandbox.url}/api/version`, `localhost:${fx.sandbox.port}`),
    ).toBe(200);
    expect((await fx.get('api/state')).status).toBe(400);
    expect((await fx.get('api/messages?channel=GNOPE&as=U0ALICE')).status).toBe(404);
    expect(await state()).toEqual(before);
  });

  it('serves the page and its assets, nothing outside that folder, and only uploaded files', async () => {
    const page = await fetch(fx.sandbox.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('/sandbox/assets/');
    const css = await fetch(`${fx.sandbox.url}/assets/style.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const js = await fetch(`${fx.sandbox.url}/assets/app.js`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    for (const path of [
      'assets/..%2F..%2Fstart.ts',
      'assets/%2e%2e/start.ts',
      'assets/../api.ts',
      'assets/.hidden.js',
      'assets/missing.js',
      'files/F0NOPE',
      'files/%E0%A4%A',
    ]) {
      const res = await fetch(`${fx.sandbox.url}/${path}`);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
  });
});

/** fetch will not send another Host header; a page that rebinds its name to 127.0.0.1 does. */
function statusWithHost(url: string, host: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', reject);
    req.end();
  });
}
