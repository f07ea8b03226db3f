import { describe, expect, it } from 'vitest';
import { CALLBACK, CLIENT, useOpenIdStandIn } from './openid-fixture.ts';

// Sign in with Slack: what the authorize page refuses, and which redirect URLs it takes.

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
  refusedPage,
} = useOpenIdStandIn();

describe('Sign in with Slack: the authorize page refuses', () => {
  it('an unknown app, and a redirect URL the app did not register, with an error page', async () => {
    setUp();
    const refused = async (extra: Record<string, string>) =>
      refusedPage(await authorizePage(authorizeParams(extra)));
    expect(await refused({ client_id: '9999.0000' })).toBe('invalid_client_id');
    expect(await refused({ client_id: '' })).toBe('invalid_client_id');
    expect(await refused({ redirect_uri: 'https://evil.example/auth/slack/callback' })).toBe(
      'bad_redirect_uri',
    );
    expect(await refused({ redirect_uri: 'http://127.0.0.1:4001/auth/slack/callback' })).toBe(
      'bad_redirect_uri',
    );
    expect(await refused({ redirect_uri: `${CALLBACK}evil` })).toBe('bad_redirect_uri');
    expect(await refused({ redirect_uri: `${CALLBACK}#x` })).toBe('bad_redirect_uri');
    expect(await refused({ redirect_uri: 'not a url' })).toBe('bad_redirect_uri');
  });

  it('anything but response_type=code, and scopes without openid or beyond profile and email', async () => {
    setUp();
    const refused = async (extra: Record<string, string>) =>
      refusedPage(await authorizePage(authorizeParams(extra)));
    expect(await refused({ response_type: 'token' })).toBe('unsupported_response_type');
    expect(await refused({ scope: 'profile email' })).toBe('invalid_scope');
    expect(await refused({ scope: 'openid channels:history' })).toBe('invalid_scope');
    expect(await refused({ scope: '' })).toBe('invalid_scope');
  });

  it('a submitted form whose parameters were changed, a person not on the list, and the bot', async () => {
    setUp();
    const fields = formFields(await (await authorizePage(authorizeParams())).text());
    const tampered = new URLSearchParams(fields);
    tampered.set('redirect_uri', 'https://evil.example/callback');
    expect(await refusedPage(await submit(tampered, { decision: 'allow', user: 'U0ALICE' }))).toBe(
      'bad_redirect_uri',
    );
    expect(await refusedPage(await submit(fields, { decision: 'allow', user: 'U404' }))).toBe(
      'user_not_found',
    );
    expect(await refusedPage(await submit(fields, { decision: 'allow', user: 'UBOT' }))).toBe(
      'user_not_found',
    );
    expect(await refusedPage(await submit(fields, { decision: 'allow' }))).toBe('user_not_found');
  });

  it('answers Cancel with access_denied and the state, and no code', async () => {
    setUp();
    const fields = formFields(await (await authorizePage(authorizeParams())).text());
    const answer = await submit(fields, { decision: 'cancel' });
    expect(answer.status).toBe(303);
    const back = new URL(answer.headers.get('location') ?? '');
    expect(`${back.origin}${back.pathname}`).toBe(CALLBACK);
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe('state-123');
    expect(back.searchParams.has('code')).toBe(false);
  });

  it('escapes what people wrote, and hands a state with markup back unchanged', async () => {
    setUp();
    fx.slack.addUser({ id: 'U0EVE', name: 'eve', realName: '<b>Eve</b> "&"' });
    const state = '"><script>alert(1)</script>&x=1';
    const html = await (await authorizePage(authorizeParams({ state }))).text();
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>Eve');
    expect(html).toContain('&lt;b&gt;Eve&lt;/b&gt; &quot;&amp;&quot;');
    const answer = await submit(formFields(html), { decision: 'allow', user: 'U0EVE' });
    expect(new URL(answer.headers.get('location') ?? '').searchParams.get('state')).toBe(state);
  });

  it('offers only Cancel when the workspace has nobody to sign in as', async () => {
    fx.slack.registerOidcClient({ ...CLIENT, redirectUris: [CALLBACK] });
    const response = await authorizePage(authorizeParams());
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).not.toContain('<select');
    expect(html).toContain('value="cancel"');
    expect(html).not.toContain('value="allow"');
  });

  it('serves nothing else under /openid/connect/, and the keys only to GET', async () => {
    const unknown = await fetch(`${fx.slack.baseUrl}/openid/connect/nope`);
    expect(unknown.status).toBe(404);
    const posted = await fetch(`${fx.slack.baseUrl}/openid/connect/keys`, { method: 'POST' });
    expect(posted.status).toBe(405);
    const put = await fetch(`${fx.slack.baseUrl}/openid/connect/authorize`, { method: 'PUT' });
    expect(put.status).toBe(405);
  });
});

describe('Sign in with Slack: redirect URLs', () => {
  it('sends the answer to the first registered URL when none is named; the exchange then needs none', async () => {
    setUp();
    const params = authorizeParams();
    params.delete('redirect_uri');
    const page = await authorizePage(params);
    const answer = await submit(formFields(await page.text()), {
      decision: 'allow',
      user: 'U0ALICE',
    });
    const back = new URL(answer.headers.get('location') ?? '');
    expect(`${back.origin}${back.pathname}`).toBe(CALLBACK);
    const code = back.searchParams.get('code') ?? '';
    const token = await callApi('openid.connect.token', {
      client_id: CLIENT.clientId,
      client_secret: CLIENT.clientSecret,
      code,
    });
    expect(token.ok).toBe(true);
  });

  it('takes a path below a registered URL, and URLs registered after start', async () => {
    setUp();
    const below = `${CALLBACK}/team`;
    const code = (await signIn('U0ALICE', { redirect_uri: below })).searchParams.get('code') ?? '';
    expect((await exchange(code, { redirect_uri: below })).ok).toBe(true);

    const later = 'http://127.0.0.1:4999/auth/slack/callback';
    expect(await refusedPage(await authorizePage(authorizeParams({ redirect_uri: later })))).toBe(
      'bad_redirect_uri',
    );
    fx.slack.registerOidcClient({ ...CLIENT, redirectUris: [later] });
    const second = (await signIn('U0ALICE', { redirect_uri: later })).searchParams.get('code');
    expect((await exchange(second ?? '', { redirect_uri: later })).ok).toBe(true);
    // The first URL still works.
    expect((await signIn('U0ALICE')).searchParams.has('code')).toBe(true);
  });

  it('refuses to register a client without an id or secret, or with a URL that is not http(s)', () => {
    const register = (client: Partial<typeof CLIENT> & { redirectUris: string[] }) => () =>
      fx.slack.registerOidcClient({ ...CLIENT, ...client });
    expect(register({ clientId: ' ', redirectUris: [CALLBACK] })).toThrow(RangeError);
    expect(register({ clientSecret: '', redirectUris: [CALLBACK] })).toThrow(RangeError);
    expect(register({ redirectUris: ['javascript:alert(1)'] })).toThrow(RangeError);
    expect(register({ redirectUris: [`${CALLBACK}#frag`] })).toThrow(RangeError);
    expect(register({ redirectUris: ['/relative'] })).toThrow(RangeError);
  });
});
