import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, type SlackMode, startHarness } from '../helpers/harness.ts';
import {
  API_TOKEN,
  browse,
  CLIENT_ID,
  CookieJar,
  consentAs,
  signIn,
  signInLink,
  siteEnv,
} from '../helpers/site.ts';

// Sign in with Slack end to end: a browser (fetch and a cookie jar) goes from the site to the
// stand-in's consent page and back, and every way the sign-in can go wrong sets nothing.

const SESSION = 'scribe_session';
const SIGN_IN = 'scribe_sign_in';

function addPeople(h: Harness): void {
  h.slack.addUser({ id: 'UANN', name: 'ann', realName: 'Ann Example', tz: 'UTC' });
  h.slack.addUser({ id: 'UBOB', name: 'bob', realName: 'Bob Example', tz: 'UTC' });
}

function setCookies(response: Response): string[] {
  return response.headers.getSetCookie();
}

describe.each<SlackMode>(['http', 'socket'])('signing in (%s mode)', (mode) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ mode, env: siteEnv(), people: true });
    addPeople(h);
  });
  afterAll(async () => {
    await h.close();
  });

  it('goes from a signed-out page through Slack and back to it, signed in', async () => {
    const jar = new CookieJar();
    const first = await browse(jar, `${h.baseUrl}/incidents?q=db`);
    expect(first.status).toBe(303);
    const signInPath = first.headers.get('location') ?? '';
    expect(signInPath).toBe('/auth/sign-in?next=%2Fincidents%3Fq%3Ddb');

    const page = await browse(jar, `${h.baseUrl}${signInPath}`);
    expect(page.status).toBe(200);
    const attemptCookie = setCookies(page).find((c) => c.startsWith(`${SIGN_IN}=`)) ?? '';
    expect(attemptCookie).toMatch(/; Path=\/; HttpOnly; SameSite=Lax; Max-Age=600$/);
    const authorize = new URL(signInLink(await page.text()));
    expect(authorize.origin).toBe(new URL(h.slack.apiUrl).origin);
    expect(authorize.pathname).toBe('/openid/connect/authorize');
    const query = Object.fromEntries(authorize.searchParams);
    expect(query).toMatchObject({
      response_type: 'code',
      scope: 'openid profile',
      client_id: CLIENT_ID,
      redirect_uri: `${h.baseUrl}/auth/callback`,
      team: h.slack.workspace.identity.teamId,
    });
    expect(query.state).toMatch(/^[\w-]{24}$/);
    expect(query.nonce).toMatch(/^[\w-]{24}$/);
    expect(query.nonce).not.toBe(query.state);

    const steps = await consentAs(h, 'UANN', { next: '/incidents?q=db', jar });
    const landed = await browse(jar, steps.callback);
    expect(landed.status).toBe(303);
    expect(landed.headers.get('location')).toBe('/incidents?q=db');
    const session = setCookies(landed).find((c) => c.startsWith(`${SESSION}=`)) ?? '';
    expect(session).toMatch(/; Path=\/; HttpOnly; SameSite=Lax; Max-Age=43200$/);
    expect(session).not.toMatch(/Secure/);
    expect(jar.cookies.has(SIGN_IN)).toBe(false);

    const list = await browse(jar, `${h.baseUrl}/incidents?q=db`);
    expect(list.status).toBe(200);
    expect(await list.text()).toContain('Signed in as Ann Example');
  });

  it('skips Slack when the browser is signed in already', async () => {
    const jar = await signIn(h, 'UBOB');
    const again = await browse(jar, `${h.baseUrl}/auth/sign-in?next=%2Finsights`);
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe('/insights');
  });
});

describe('sign-in refusals', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: siteEnv(), people: true });
    addPeople(h);
  });
  afterAll(async () => {
    await h.close();
  });

  /** Asserts the answer set no session and shows `text`. */
  async function refused(response: Response, status: number, text: string): Promise<void> {
    expect(response.status).toBe(status);
    expect(setCookies(response).filter((c) => c.startsWith(`${SESSION}=`))).toEqual([]);
    expect(await response.text()).toContain(text);
  }

  it('refuses a callback whose state is not the one this browser was given', async () => {
    const steps = await consentAs(h, 'UANN');
    const forged = new URL(steps.callback);
    forged.searchParams.set('state', 'someone-elses-state-value');
    await refused(await browse(steps.jar, forged.toString()), 400, 'not valid');
  });

  it('refuses a callback in a browser that never started the sign-in', async () => {
    const steps = await consentAs(h, 'UANN');
    await refused(await browse(new CookieJar(), steps.callback), 400, 'not valid');
  });

  it('refuses a callback without a code', async () => {
    const steps = await consentAs(h, 'UANN');
    const noCode = new URL(steps.callback);
    noCode.searchParams.delete('code');
    await refused(await browse(steps.jar, noCode.toString()), 400, 'not valid');
  });

  it('refuses a code used a second time, even with the sign-in cookie kept', async () => {
    const steps = await consentAs(h, 'UANN');
    const kept = new CookieJar();
    for (const [name, value] of steps.jar.cookies) kept.cookies.set(name, value);
    expect((await browse(steps.jar, steps.callback)).status).toBe(303);
    await refused(await browse(kept, steps.callback), 400, 'Slack did not accept this sign-in');
  });

  it('refuses a person of another workspace', async () => {
    h.slack.otherTeamUser = {
      id: 'UOTHER',
      name: 'olga',
      realName: 'Olga Outsider',
      teamId: 'T0OTHER',
      teamName: 'Elsewhere Inc',
    };
    const steps = await consentAs(h, 'UOTHER');
    await refused(await browse(steps.jar, steps.callback), 403, 'Another workspace');
  });

  it('says so when the person cancels on Slack', async () => {
    const steps = await consentAs(h, 'UANN', { decision: 'cancel' });
    expect(new URL(steps.callback).searchParams.get('error')).toBe('access_denied');
    await refused(await browse(steps.jar, steps.callback), 200, 'Sign-in cancelled');
  });

  it('refuses a sign-in finished more than ten minutes after it began', async () => {
    const steps = await consentAs(h, 'UANN');
    const before = h.clock.now();
    h.clock.advance(10 * 60_000);
    try {
      await refused(await browse(steps.jar, steps.callback), 400, 'not valid');
    } finally {
      h.clock.set(before);
    }
  });

  it('never sends the browser to another site after signing in', async () => {
    const jar = new CookieJar();
    const steps = await consentAs(h, 'UANN', { next: '//evil.example/x', jar });
    const landed = await browse(jar, steps.callback);
    expect(landed.headers.get('location')).toBe('/incidents');
  });

  it('takes a tampered or expired session for no session', async () => {
    const jar = await signIn(h, 'UANN');
    const value = jar.cookies.get(SESSION) ?? '';
    const tampered = new CookieJar();
    tampered.cookies.set(SESSION, `${value.slice(0, -3)}AAA`);
    const page = await browse(tampered, `${h.baseUrl}/incidents`);
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toMatch(/^\/auth\/sign-in\?next=/);

    const before = h.clock.now();
    h.clock.advance(12 * 3_600_000);
    try {
      const expired = await browse(jar, `${h.baseUrl}/incidents`);
      expect(expired.status).toBe(303);
      expect(expired.headers.get('location')).toMatch(/^\/auth\/sign-in\?next=/);
    } finally {
      h.clock.set(before);
    }
  });
});

describe('signing out', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: siteEnv(), people: true });
    addPeople(h);
  });
  afterAll(async () => {
    await h.close();
  });

  const form = (fields: Record<string, string>): RequestInit => ({
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });

  it('needs the session’s CSRF token: without it the session stays', async () => {
    const jar = await signIn(h, 'UANN');
    const page = await (await browse(jar, `${h.baseUrl}/incidents`)).text();
    const token = /name="csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
    expect(token).not.toBe('');

    for (const init of [form({}), form({ csrf: `${token}x` }), form({ csrf: '' })]) {
      const refused = await browse(jar, `${h.baseUrl}/auth/sign-out`, init);
      expect(refused.status).toBe(403);
      expect(setCookies(refused)).toEqual([]);
    }
    const asJson = await browse(jar, `${h.baseUrl}/auth/sign-out`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ csrf: token }),
    });
    expect(asJson.status).toBe(403);
    expect((await browse(jar, `${h.baseUrl}/incidents`)).status).toBe(200);

    const out = await browse(jar, `${h.baseUrl}/auth/sign-out`, form({ csrf: token }));
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/auth/signed-out');
    expect(jar.cookies.has(SESSION)).toBe(false);
    expect((await browse(jar, `${h.baseUrl}/incidents`)).status).toBe(303);
    const signedOut = await browse(jar, `${h.baseUrl}/auth/signed-out`);
    expect(await signedOut.text()).toContain('You are signed out');
  });
});

describe('the API token', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: siteEnv() });
  });
  afterAll(async () => {
    await h.close();
  });

  it.each([
    ['no credentials', {}],
    ['a wrong bearer token', { authorization: `Bearer ${API_TOKEN}x` }],
    ['another scheme', { authorization: `Basic ${API_TOKEN}` }],
  ])('answers 401 to %s', async (_name, headers) => {
    const response = await fetch(`${h.baseUrl}/api/v1/incidents`, { headers });
    expect(response.status).toBe(401);
    expect(await response.json()).toHaveProperty('error');
  });

  it('answers with WEB_API_TOKEN as a bearer', async () => {
    const response = await fetch(`${h.baseUrl}/api/v1/incidents`, {
      headers: { authorization: `Bearer ${API_TOKEN}` },
    });
    expect(response.status).toBe(200);
  });
});
