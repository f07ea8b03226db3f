import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OpenIdProvider } from './openid-provider.ts';
import { ISSUER } from './openid-tokens.ts';
import { readBody } from './request-body.ts';
import type { StandInRuntime } from './routes.ts';

// Slack's side of Sign in with Slack in the browser: the consent page at
// /openid/connect/authorize, the signing keys and the discovery document. A request that names an
// unknown app or a redirect URL the app did not register gets an error page, never a redirect:
// sending a code to an address nobody vouched for is what this check is there to stop.

export const AUTHORIZE_PATH = '/openid/connect/authorize';
export const KEYS_PATH = '/openid/connect/keys';
export const DISCOVERY_PATH = '/.well-known/openid-configuration';
const SCOPES = new Set(['openid', 'profile', 'email']);
// Passed through the consent form in hidden fields, as given.
const PASSED_ON = ['response_type', 'scope', 'client_id', 'state', 'nonce', 'redirect_uri', 'team'];

interface AuthorizeRequest {
  clientId: string;
  /** Where the answer goes: the given redirect_uri, or the app's first registered one. */
  target: string;
  redirectUri: string | null;
  state: string | null;
  nonce: string | null;
  params: URLSearchParams;
}

type Checked = { request: AuthorizeRequest } | { error: string; message: string };

function check(provider: OpenIdProvider, params: URLSearchParams): Checked {
  const clientId = params.get('client_id') ?? '';
  if (!provider.hasClient(clientId)) {
    return { error: 'invalid_client_id', message: 'Invalid client_id parameter.' };
  }
  const given = params.get('redirect_uri') || null;
  const target = given ?? provider.firstRedirect(clientId);
  if (target === undefined || (given !== null && !provider.redirectAllowed(clientId, given))) {
    return {
      error: 'bad_redirect_uri',
      message: 'redirect_uri did not match any configured URIs.',
    };
  }
  if (params.get('response_type') !== 'code') {
    return { error: 'unsupported_response_type', message: 'response_type must be code.' };
  }
  const scopes = (params.get('scope') ?? '').split(/[\s,]+/).filter((s) => s !== '');
  if (!scopes.includes('openid') || scopes.some((s) => !SCOPES.has(s))) {
    return {
      error: 'invalid_scope',
      message: 'scope must include openid, and may add only profile and email.',
    };
  }
  return {
    request: {
      clientId,
      target,
      redirectUri: given,
      state: params.get('state'),
      nonce: params.get('nonce') || null,
      params,
    },
  };
}

export async function openIdPages(
  rt: StandInRuntime,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const method = req.method ?? '';
  if (url.pathname === AUTHORIZE_PATH && (method === 'GET' || method === 'POST')) {
    return authorize(rt, req, res, url);
  }
  if (method !== 'GET') return sendPlain(res, 405, 'Method Not Allowed', { allow: 'GET' });
  if (url.pathname === KEYS_PATH) return sendJsonBody(res, rt.openid.jwks());
  if (url.pathname === DISCOVERY_PATH) return sendJsonBody(res, discovery(rt.baseUrl));
  sendPlain(res, 404, 'Not Found');
}

async function authorize(
  rt: StandInRuntime,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const posted = req.method === 'POST';
  const params = posted
    ? new URLSearchParams((await readBody(req)).toString('utf8'))
    : url.searchParams;
  const checked = check(rt.openid, params);
  if ('error' in checked) return sendHtml(res, 400, errorPage(checked.error, checked.message));
  const { request } = checked;
  if (!posted) return sendHtml(res, 200, consentPage(rt, request));
  if (params.get('decision') !== 'allow') {
    return redirect(res, request, { error: 'access_denied' });
  }
  const identity = rt.openid.identity(params.get('user') ?? '');
  if (!identity) {
    return sendHtml(res, 400, errorPage('user_not_found', 'Choose a person from the list.'));
  }
  const code = rt.openid.issueCode({
    clientId: request.clientId,
    redirectUri: request.redirectUri,
    nonce: request.nonce,
    identity,
    authTime: rt.workspace.now(),
  });
  redirect(res, request, { code });
}

// 303: the browser follows a POSTed form's answer with a GET, as OAuth wants for the callback.
function redirect(res: ServerResponse, request: AuthorizeRequest, add: Record<string, string>) {
  const to = new URL(request.target);
  for (const [name, value] of Object.entries(add)) to.searchParams.set(name, value);
  if (request.state !== null) to.searchParams.set('state', request.state);
  res.writeHead(303, { location: to.toString(), 'cache-control': 'no-store' });
  res.end();
}

function consentPage(rt: StandInRuntime, request: AuthorizeRequest): string {
  const { teamName, botName } = rt.workspace.identity;
  const choices = rt.openid.choices();
  const selected = rt.openid.preselected();
  const hidden = PASSED_ON.filter((name) => request.params.has(name))
    .map((name) => {
      const value = request.params.get(name) ?? '';
      return `<input type="hidden" name="${esc(name)}" value="${esc(value)}">`;
    })
    .join('\n');
  const options = choices
    .map((c) => {
      const chosen = c.id === selected ? ' selected' : '';
      return `<option value="${esc(c.id)}"${chosen}>${esc(c.label)}</option>`;
    })
    .join('\n');
  const who =
    choices.length > 0
      ? `<p><label for="user">Sign in to ${esc(teamName)} as</label>
<select id="user" name="user">
${options}
</select></p>
<p><button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="cancel">Cancel</button></p>`
      : `<p>Nobody in ${esc(teamName)} can sign in yet: add a person first.</p>
<p><button type="submit" name="decision" value="cancel">Cancel</button></p>`;
  return frame(
    `Sign in to ${teamName}`,
    `<h1>Sign in to ${esc(teamName)}</h1>
<p>${esc(botName)} wants to confirm who you are with your Slack profile.</p>
<form method="post" action="${AUTHORIZE_PATH}">
${hidden}
${who}
</form>`,
  );
}

function errorPage(code: string, message: string): string {
  return frame(
    'Sign in with Slack: error',
    `<h1>Something went wrong when authorizing this app</h1>
<p>${esc(message)}</p>
<p>Error code: <code>${esc(code)}</code></p>`,
  );
}

function frame(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} | Slack</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:32rem;padding:0 1rem;color:#1d1c1d}select,button{font:inherit;padding:.4rem .8rem}button[value=allow]{background:#007a5a;color:#fff;border:0;border-radius:4px}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

function discovery(baseUrl: string): Record<string, unknown> {
  return {
    issuer: ISSUER,
    authorization_endpoint: `${baseUrl}${AUTHORIZE_PATH}`,
    token_endpoint: `${baseUrl}/api/openid.connect.token`,
    userinfo_endpoint: `${baseUrl}/api/openid.connect.userInfo`,
    jwks_uri: `${baseUrl}${KEYS_PATH}`,
    scopes_supported: [...SCOPES],
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
  };
}

function esc(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    // Nothing from elsewhere, no scripts, not inside someone else's frame. No form-action: a
    // browser would then refuse to follow the Allow button's redirect to the app.
    'content-security-policy':
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
  });
  res.end(html);
}

function sendJsonBody(res: ServerResponse, body: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function sendPlain(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
  res.end(text);
}
