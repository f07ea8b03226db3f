import { describe, expect, it } from 'vitest';
import { browse, CookieJar, signInLink } from '../helpers/site.ts';
import { useSandbox } from './fixture.ts';

// The sandbox turns the incident library on with no settings, and its sign-in through the
// stand-in's consent page picks whoever the sandbox page acts as.

const fx = useSandbox({
  // A real app's credentials must not reach the sandbox's made-up Slack.
  SLACK_CLIENT_ID: 'real.app',
  SLACK_CLIENT_SECRET: 'real-secret',
  WEB_BASE_URL: 'https://scribe.example.com',
});

describe('the sandbox site', () => {
  it('links the page to the library and signs in as the person acting on the page', async () => {
    const state = await fx.get('api/state?as=U0CHEN');
    const library = String(state.body.library);
    expect(library).toBe(`http://127.0.0.1:${fx.sandbox.bot.port}/incidents`);

    const jar = new CookieJar();
    const signedOut = await browse(jar, library);
    expect(signedOut.status).toBe(303);
    const page = await browse(jar, new URL(signedOut.headers.get('location') ?? '', library).href);
    const authorize = new URL(signInLink(await page.text()));
    expect(authorize.origin).toBe(new URL(fx.sandbox.slack.apiUrl).origin);
    expect(authorize.searchParams.get('redirect_uri')).toBe(
      `http://127.0.0.1:${fx.sandbox.bot.port}/auth/callback`,
    );

    const consent = await (await fetch(authorize)).text();
    const chosen = /<option value="([^"]+)" selected>/.exec(consent)?.[1];
    expect(chosen).toBe('U0CHEN');
    const form = new URLSearchParams(authorize.searchParams);
    form.set('user', chosen ?? '');
    form.set('decision', 'allow');
    const back = await browse(jar, new URL(authorize.pathname, authorize).href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    const landed = await browse(jar, back.headers.get('location') ?? '');
    expect(landed.status).toBe(303);
    const list = await browse(jar, new URL(landed.headers.get('location') ?? '', library).href);
    expect(list.status).toBe(200);
    expect(await list.text()).toContain('Signed in as Chen Wei');
  });

  it('preselects whoever the page last acted as, also through a post', async () => {
    await fx.post('api/send', { as: 'U0DANA', channel: 'C0GENERAL', text: 'hello' });
    const jar = new CookieJar();
    const base = `http://127.0.0.1:${fx.sandbox.bot.port}`;
    const page = await browse(jar, `${base}/auth/sign-in`);
    const consent = await (await fetch(signInLink(await page.text()))).text();
    expect(/<option value="([^"]+)" selected>/.exec(consent)?.[1]).toBe('U0DANA');
  });
});
