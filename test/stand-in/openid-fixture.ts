import { createPublicKey, type JsonWebKey, verify } from 'node:crypto';
import { expect } from 'vitest';
import { type StandInFixture, useStandIn } from './test-fixture.ts';

// Sign in with Slack on a fresh stand-in per test, spoken to in plain HTTP as a browser and an
// app would: the consent page, its form, the code exchange and the id_token's signature.

export const CLIENT = { clientId: '1111.2222', clientSecret: 'client-secret' };
export const CALLBACK = 'http://127.0.0.1:4000/auth/slack/callback';

export function useOpenIdStandIn() {
  const fx: StandInFixture = useStandIn();

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
  /** An error page, never a redirect; the Slack error code it names. */
  async function refusedPage(response: Response): Promise<string> {
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    return /<code>([a-z_]+)<\/code>/.exec(await response.text())?.[1] ?? 'no code on the page';
  }

  return {
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
    refusedPage,
  };
}
