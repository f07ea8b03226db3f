import { type ArgReader, fail, type MethodResult, ok } from './method-kit.ts';
import type { OpenIdProvider } from './openid-provider.ts';
import { profileClaims } from './openid-tokens.ts';

// The two Web API methods of Sign in with Slack. Neither takes the bot token: the code exchange
// authenticates the app by its client id and secret, userInfo takes the user token it handed out.

export interface OpenIdMethodContext {
  provider: OpenIdProvider;
  args: ArgReader;
  /** A Bearer token from the header or the body's `token` field. */
  token: string | null;
  /** The raw Authorization header, for client credentials sent as HTTP Basic. */
  authorization: string | undefined;
}

export type OpenIdMethod = (ctx: OpenIdMethodContext) => MethodResult;

/** client_id and client_secret from HTTP Basic, else from the arguments. */
function credentials(ctx: OpenIdMethodContext): { id?: string; secret?: string } {
  const basic = /^Basic\s+(\S+)\s*$/i.exec(ctx.authorization ?? '');
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) {
      return {
        id: decodeURIComponent(decoded.slice(0, colon)),
        secret: decodeURIComponent(decoded.slice(colon + 1)),
      };
    }
  }
  const found: { id?: string; secret?: string } = {};
  const id = ctx.args.string('client_id');
  const secret = ctx.args.string('client_secret');
  if (id !== undefined) found.id = id;
  if (secret !== undefined) found.secret = secret;
  return found;
}

// The app first, then the code, then the redirect URL it was issued for. A refused exchange does
// not use the code up; only a successful one does.
const token: OpenIdMethod = (ctx) => {
  const { provider, args } = ctx;
  const grantType = args.string('grant_type');
  if (grantType !== undefined && grantType !== 'authorization_code') {
    return fail('invalid_grant_type');
  }
  const client = credentials(ctx);
  if (client.id === undefined || !provider.hasClient(client.id)) return fail('invalid_client_id');
  if (client.secret === undefined || !provider.secretMatches(client.id, client.secret)) {
    return fail('bad_client_secret');
  }
  const code = args.string('code');
  const grant = code === undefined ? undefined : provider.peekCode(code, client.id);
  if (code === undefined || !grant) return fail('invalid_code');
  const redirectUri = args.string('redirect_uri');
  if (grant.redirectUri !== null) {
    if (redirectUri !== grant.redirectUri) return fail('bad_redirect_uri');
  } else if (redirectUri !== undefined && !provider.redirectAllowed(client.id, redirectUri)) {
    return fail('bad_redirect_uri');
  }
  return ok({
    access_token: provider.redeem(code, grant),
    token_type: 'Bearer',
    id_token: provider.idToken(grant),
  });
};

const userInfo: OpenIdMethod = ({ provider, token: presented }) => {
  if (presented === null) return fail('not_authed');
  const signIn = provider.signInFor(presented);
  if (!signIn) return fail('invalid_auth');
  return ok({ sub: signIn.identity.userId, ...profileClaims(signIn.identity, signIn.authTime) });
};

export const OPENID_METHODS: ReadonlyMap<string, OpenIdMethod> = new Map(
  Object.entries({
    'openid.connect.token': token,
    'openid.connect.userInfo': userInfo,
  }),
);
