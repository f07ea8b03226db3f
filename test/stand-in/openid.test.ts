import { describe, expect, it } from 'vitest';
import { CALLBACK, CLIENT, useOpenIdStandIn } from './openid-fixture.ts';
import { START } from './test-fixture.ts';

// Sign in with Slack: the code flow, the exchange's refusals, userInfo and a person of another
// workspace (the authorize page's refusals are in openid-authorize.test.ts).

const {
  fx,
  setUp,
  authorizeParams,
  authorizePage,
  formFields,
  submit,
  signIn,
  callApi,
  exchange,
  verifiedClaims,
} = useOpenIdStandIn();

describe('Sign in with Slack: the code flow', () => {
  it('shows a consent page, redirects with a code, and exchanges it for a verified id_token', async () => {
    setUp();
    fx.slack.actingUser = 'U0BOB';
    const page = await authorizePage(authorizeParams());
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('<label for="user">Sign in to Stand-in Workspace as</label>');
    expect(html).toMatch(/<option value="U0BOB" selected>Bob Okafor<\/option>/);
    expect(html).toContain('<option value="U0ALICE">Alice Moreau</option>');
    expect(html).not.toContain('UBOT');

    fx.clockMs = START + 5_000;
    const answer = await submit(formFields(html), { decision: 'allow', user: 'U0ALICE' });
    expect(answer.status).toBe(303);
    const back = new URL(answer.headers.get('location') ?? '');
    expect(`${back.origin}${back.pathname}`).toBe(CALLBACK);
    expect(back.searchParams.get('state')).toBe('state-123');
    const code = back.searchParams.get('code') ?? '';
    expect(code).not.toBe('');

    fx.clockMs = START + 9_000;
    const token = await exchange(code);
    expect(token).toMatchObject({ ok: true, token_type: 'Bearer' });
    expect(String(token.access_token)).toMatch(/^xoxp-/);
    const claims = await verifiedClaims(String(token.id_token));
    expect(claims).toMatchObject({
      iss: 'https://slack.com',
      sub: 'U0ALICE',
      aud: CLIENT.clientId,
      iat: Math.floor((START + 9_000) / 1000),
      auth_time: Math.floor((START + 5_000) / 1000),
      nonce: 'nonce-456',
      'https://slack.com/user_id': 'U0ALICE',
      'https://slack.com/team_id': 'T0001',
      'https://slack.com/team_name': 'Stand-in Workspace',
      name: 'Alice Moreau',
      given_name: 'Alice',
      family_name: 'Moreau',
      email: 'alice@stand-in.example.com',
      locale: 'en-US',
    });
    expect(Number(claims.exp)).toBeGreaterThan(Number(claims.iat));

    const info = await callApi(
      'openid.connect.userInfo',
      {},
      { authorization: `Bearer ${token.access_token}` },
    );
    expect(info).toMatchObject({
      ok: true,
      sub: 'U0ALICE',
      'https://slack.com/user_id': 'U0ALICE',
      'https://slack.com/team_id': 'T0001',
      name: 'Alice Moreau',
      email: 'alice@stand-in.example.com',
    });
  });

  it('preselects the first person when nobody acts, and takes client credentials as HTTP Basic', async () => {
    setUp();
    const html = await (await authorizePage(authorizeParams())).text();
    expect(html).toMatch(/<option value="U0ALICE" selected>/);
    const code = (await signIn('U0BOB')).searchParams.get('code') ?? '';
    const basic = Buffer.from(`${CLIENT.clientId}:${CLIENT.clientSecret}`).toString('base64');
    const token = await callApi(
      'openid.connect.token',
      { code, redirect_uri: CALLBACK },
      { authorization: `Basic ${basic}` },
    );
    expect(token.ok).toBe(true);
    expect((await verifiedClaims(String(token.id_token))).sub).toBe('U0BOB');
  });

  it('publishes a discovery document that points at its own endpoints', async () => {
    const response = await fetch(`${fx.slack.baseUrl}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      issuer: 'https://slack.com',
      authorization_endpoint: `${fx.slack.baseUrl}/openid/connect/authorize`,
      token_endpoint: `${fx.slack.apiUrl}openid.connect.token`,
      jwks_uri: `${fx.slack.baseUrl}/openid/connect/keys`,
    });
  });
});

describe('Sign in with Slack: openid.connect.token refuses', () => {
  it('an unknown app and a wrong secret', async () => {
    setUp();
    const code = (await signIn('U0ALICE')).searchParams.get('code') ?? '';
    expect(await exchange(code, { client_id: '9999.0000' })).toEqual({
      ok: false,
      error: 'invalid_client_id',
    });
    expect(await exchange(code, { client_id: '' })).toMatchObject({ error: 'invalid_client_id' });
    expect(await exchange(code, { client_secret: 'guess' })).toMatchObject({
      error: 'bad_client_secret',
    });
    expect(await exchange(code, { client_secret: '' })).toMatchObject({
      error: 'bad_client_secret',
    });
    const wrongBasic = Buffer.from(`${CLIENT.clientId}:guess`).toString('base64');
    expect(
      await callApi('openid.connect.token', { code }, { authorization: `Basic ${wrongBasic}` }),
    ).toMatchObject({ error: 'bad_client_secret' });
    expect(await exchange(code, { grant_type: 'refresh_token' })).toMatchObject({
      error: 'invalid_grant_type',
    });
    // None of these used the code up.
    expect((await exchange(code)).ok).toBe(true);
  });

  it('a redirect URL other than the one the code was issued for', async () => {
    setUp();
    const code = (await signIn('U0ALICE')).searchParams.get('code') ?? '';
    expect(await exchange(code, { redirect_uri: `${CALLBACK}/team` })).toMatchObject({
      error: 'bad_redirect_uri',
    });
    expect(await exchange(code, { redirect_uri: '' })).toMatchObject({
      error: 'bad_redirect_uri',
    });
    expect((await exchange(code)).ok).toBe(true);
  });

  it('a code that is unknown, missing, used, expired or issued to another app', async () => {
    setUp();
    expect(await exchange('1.made-up')).toMatchObject({ error: 'invalid_code' });
    expect(await exchange('')).toMatchObject({ error: 'invalid_code' });

    const code = (await signIn('U0ALICE')).searchParams.get('code') ?? '';
    expect((await exchange(code)).ok).toBe(true);
    expect(await exchange(code)).toMatchObject({ error: 'invalid_code' });

    const late = (await signIn('U0ALICE')).searchParams.get('code') ?? '';
    const justInTime = (await signIn('U0ALICE')).searchParams.get('code') ?? '';
    fx.clockMs += 10 * 60_000 - 1;
    expect((await exchange(justInTime)).ok).toBe(true);
    fx.clockMs += 1;
    expect(await exchange(late)).toMatchObject({ error: 'invalid_code' });

    fx.slack.registerOidcClient({
      clientId: '3333.4444',
      clientSecret: 'other-secret',
      redirectUris: [CALLBACK],
    });
    const theirs = (await signIn('U0ALICE')).searchParams.get('code') ?? '';
    expect(
      await exchange(theirs, { client_id: '3333.4444', client_secret: 'other-secret' }),
    ).toMatchObject({ error: 'invalid_code' });
  });

  it('fails as queued, like any other method', async () => {
    setUp();
    fx.slack.failNext('openid.connect.token', { error: 'ratelimited' });
    const code = (await signIn('U0ALICE')).searchParams.get('code') ?? '';
    expect(await exchange(code)).toEqual({ ok: false, error: 'ratelimited' });
    expect((await exchange(code)).ok).toBe(true);
  });
});

describe('Sign in with Slack: openid.connect.userInfo', () => {
  it('wants the user token the exchange handed out', async () => {
    setUp();
    expect(await callApi('openid.connect.userInfo', {})).toEqual({
      ok: false,
      error: 'not_authed',
    });
    const bot = { authorization: 'Bearer xoxb-test-token' };
    expect(await callApi('openid.connect.userInfo', {}, bot)).toMatchObject({
      error: 'invalid_auth',
    });
    const madeUp = { authorization: 'Bearer xoxp-T0001-made-up' };
    expect(await callApi('openid.connect.userInfo', {}, madeUp)).toMatchObject({
      error: 'invalid_auth',
    });
    const code = (await signIn('U0BOB')).searchParams.get('code') ?? '';
    const token = String((await exchange(code)).access_token);
    // Slack also takes the token as a form field.
    expect(await callApi('openid.connect.userInfo', { token })).toMatchObject({
      ok: true,
      sub: 'U0BOB',
    });
  });
});

describe('Sign in with Slack: a person of another workspace', () => {
  it('is offered only when configured, and signs in with that workspace in the claims', async () => {
    setUp();
    expect(await (await authorizePage(authorizeParams())).text()).not.toContain('U0GUEST');
    fx.slack.otherTeamUser = {
      id: 'U0GUEST',
      name: 'gus',
      realName: 'Gus Guest',
      teamId: 'T0OTHER',
      teamName: 'Other Company',
    };
    const html = await (await authorizePage(authorizeParams())).text();
    expect(html).toContain('<option value="U0GUEST">Gus Guest, of Other Company</option>');
    const code = (await signIn('U0GUEST')).searchParams.get('code') ?? '';
    const token = await exchange(code);
    expect(await verifiedClaims(String(token.id_token))).toMatchObject({
      sub: 'U0GUEST',
      'https://slack.com/user_id': 'U0GUEST',
      'https://slack.com/team_id': 'T0OTHER',
      'https://slack.com/team_name': 'Other Company',
      email: 'gus@other.company.example.com',
    });
    fx.slack.otherTeamUser = null;
    expect(await (await authorizePage(authorizeParams())).text()).not.toContain('U0GUEST');
  });
});
