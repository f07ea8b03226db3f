import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { signInMethods } from '../../src/slack/notifier-sign-in.ts';
import { signInRoutes } from '../../src/web/auth/sign-in-routes.ts';
import { type RouteServer, serveRoutes } from '../helpers/route-server.ts';
import {
  browse,
  CLIENT_ID,
  CLIENT_SECRET,
  CookieJar,
  SESSION_SECRET,
  signInLink,
} from '../helpers/site.ts';
import { type SlackStandIn, startSlackStandIn } from '../helpers/slack-stand-in.ts';
import { TestClock } from '../helpers/test-clock.ts';

// The sign-in routes behind an https WEB_BASE_URL (a TLS proxy in front of the bot): every cookie
// they set is Secure. Served on loopback with Slack's stand-in; the browser's steps go to the
// loopback address where the proxy would have taken them.

const PUBLIC_BASE = 'https://scribe.example';

describe('sign-in behind an https base URL', () => {
  let slack: SlackStandIn;
  let site: RouteServer;
  beforeAll(async () => {
    const clock = new TestClock(Date.UTC(2026, 10, 21, 14, 0, 0));
    slack = await startSlackStandIn({ token: 'xoxb-test', now: clock.now });
    slack.addUser({ id: 'UANN', name: 'ann', realName: 'Ann Example' });
    slack.registerOidcClient({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      redirectUris: [`${PUBLIC_BASE}/auth/callback`],
    });
    const client = new webApi.WebClient('xoxb-test', { slackApiUrl: slack.apiUrl });
    const tokenless = new webApi.WebClient(undefined, {
      slackApiUrl: slack.apiUrl,
      retryConfig: { retries: 0 },
    });
    const slackSide = signInMethods(client, tokenless);
    site = await serveRoutes(
      signInRoutes({
        team: {
          clientId: CLIENT_ID,
          clientSecret: CLIENT_SECRET,
          baseUrl: PUBLIC_BASE,
          sessionSecret: SESSION_SECRET,
          secureCookies: true,
        },
        clock,
        logger: createLogger('silent'),
        slackOrigin: new URL(slack.apiUrl).origin,
        baseUrl: () => PUBLIC_BASE,
        teamId: () => slack.workspace.identity.teamId,
        exchangeCode: (input) => slackSide.exchangeSignInCode(input),
      }),
    );
  });
  afterAll(async () => {
    await site.close();
    await slack.close();
  });

  it('sets the sign-in and session cookies Secure, and clears them Secure', async () => {
    const jar = new CookieJar();
    const page = await browse(jar, `${site.baseUrl}/auth/sign-in`);
    expect(page.headers.getSetCookie()).toEqual([
      expect.stringMatching(/^scribe_sign_in=.*; Secure$/),
    ]);
    const authorize = new URL(signInLink(await page.text()));
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${PUBLIC_BASE}/auth/callback`);

    const form = new URLSearchParams(authorize.searchParams);
    form.set('user', 'UANN');
    form.set('decision', 'allow');
    const consent = await fetch(new URL(authorize.pathname, authorize), {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    const back = new URL(consent.headers.get('location') ?? '');
    expect(back.origin).toBe(PUBLIC_BASE);

    const landed = await browse(jar, `${site.baseUrl}${back.pathname}${back.search}`);
    expect(landed.status).toBe(303);
    const cookies = landed.headers.getSetCookie();
    expect(cookies).toHaveLength(2);
    for (const set of cookies) expect(set).toMatch(/; HttpOnly; SameSite=Lax; .*Secure$/);
    expect(cookies[1]).toMatch(/^scribe_sign_in=; .*Max-Age=0; Secure$/);
  });
});
