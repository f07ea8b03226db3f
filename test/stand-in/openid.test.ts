import { createPublicKey, type JsonWebKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { START, useStandIn } from './test-fixture.ts';

// Sign in with Slack on the stand-in, spoken to in plain HTTP as a browser and an app would.

const fx = useStandIn();

const CLIENT = { clientId: '1111.2222', clientSecret: 'client-secret' };
const CALLBACK = 'http://127.0.0.1:4000/auth/slack/callback';

function setUp(): void {
  fx.slack.registerOidcClient({ ...CLIENT, redirectUris: [CALLBACK] });
  fx.slack.addUser({ id: 'U0ALICE', name: 'alice', realName: 'Alice Moreau' });
  fx.slack.addUser({ id: 'U0BOB', name: 'bob', realName: 'Bob Okafor' });
}

function authorizeParams(extra: Record<string, string> = {}): URLSearchParams {
  return new URLSearchParams({
    response_type: 'code',
    scope: 'openid profile email',
    client_id: CLIENT.clientId,
    state: 'state-123',
    nonce: 'nonce-456',
    redirect_uri: CALLBACK,
    ...extra,
  });
}

function authorizePage(params: URLSearchParams): Promise<Response> {
  return fetch(`${fx.slack.baseUrl}/openid/connect/authorize?${params}`, { redirect: 'manual' });
}

/** The consent form's fields, as a browser would submit them. */
function formFields(html: string): URLSearchParams {
  const fields = new URLSearchParams();
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields.set(unescapeHtml(match[1] ?? ''), unescapeHtml(match[2] ?? ''));
  }
  return fields;
}

function unescapeHtml(text: string): string {
  return text
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

async function submit(
  fields: URLSearchParams,
  choice: { decision: 'allow' | 'cancel'; user?: string },
): Promise<Response> {
  const body = new URLSearchParams(fields);
  body.set('decision', choice.decision);
  if (choice.user !== undefined) body.set('user', choice.user);
  return fetch(`${fx.slack.baseUrl}/openid/connect/authorize`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
    redirect: 'manual',
  });
}

/** Through the consent page as `user`; the redirect's query. */
async function signIn(user: string, extra: Record<string, string> = {}): Promise<URL> {
  const page = await authorizePage(authorizeParams(extra));
  expect(page.status).toBe(200);
  const answer = await submit(formFields(await page.text()), { decision: 'allow', user });
  expect(answer.status).toBe(303);
  return new URL(answer.headers.get('location') ?? '');
}

async function callApi(
  method: string,
  form: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Record<string, unknown>> {
  const response = await fetch(`${fx.slack.apiUrl}${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

function exchange(code: string, extra: Record<string, string> = {}) {
  return callApi('openid.connect.token', {
    client_id: CLIENT.clientId,
    client_secret: CLIENT.clientSecret,
    code,
    redirect_uri: CALLBACK,
    grant_type: 'authorization_code',
    ...extra,
  });
}

function decodePart(part: string | undefined): Record<string, unknown> {
  return JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'));
}

/** Checks the JWT's RS256 signature against the published key set; its claims. */
async function verifiedClaims(jwt: string): Promise<Record<string, unknown>> {
  const [header, payload, signature] = jwt.split('.');
  const { alg, kid } = decodePart(header);
  expect(alg).toBe('RS256');
  const keys = await fetch(`${fx.slack.baseUrl}/openid/connect/keys`);
  expect(keys.status).toBe(200);
  const jwks = (await keys.json()) as { keys: Array<JsonWebKey & { kid: string }> };
  const jwk = jwks.keys.find((k) => k.kid === kid);
  expect(jwk).toBeDefined();
  const key = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
  const valid = verify(
    'sha256',
    Buffer.from(`${header}.${payload}`),
    key,
    Buffer.from(signature ?? '', 'base64url'),
  );
  expect(valid).toBe(true);
  return decodePart(payload);
}

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
