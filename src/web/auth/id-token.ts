// The OpenID Connect id_token Slack returns from openid.connect.token. Its signature is not
// checked: it comes straight from Slack's token endpoint over TLS, in answer to our client
// secret, which OpenID Connect Core 3.1.3.7 accepts in place of the signature (ADR 0014).

export const SLACK_ISSUER = 'https://slack.com';
const TEAM_CLAIM = 'https://slack.com/team_id';
const USER_CLAIM = 'https://slack.com/user_id';
/** Slack's clock and ours may disagree a little; a minute of leeway on `exp`. */
const CLOCK_SKEW_MS = 60_000;

export interface IdTokenExpectations {
  clientId: string;
  /** The nonce sent with the authorize request (kept in the sign-in cookie). */
  nonce: string;
  /** The workspace the bot is installed in (auth.test's team_id). */
  teamId: string;
  now: number;
}

export interface SignedInPerson {
  userId: string;
  teamId: string;
  name: string;
}

export type IdTokenRefusal =
  | 'malformed'
  | 'issuer'
  | 'audience'
  | 'expired'
  | 'nonce'
  | 'workspace';

export type IdTokenCheck =
  | { ok: true; person: SignedInPerson }
  | { ok: false; reason: IdTokenRefusal };

/** The claims of a compact JWT, or null when it is not one. */
export function claimsOf(idToken: string): Record<string, unknown> | null {
  const parts = idToken.split('.');
  if (parts.length !== 3 || parts[1] === undefined) return null;
  try {
    const claims: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    return typeof claims === 'object' && claims !== null && !Array.isArray(claims)
      ? (claims as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

function audienceHas(aud: unknown, clientId: string): boolean {
  return aud === clientId || (Array.isArray(aud) && aud.length > 0 && aud.includes(clientId));
}

/** Who signed in, once every claim we rely on is as expected; else why not. */
export function checkIdToken(idToken: string, expect: IdTokenExpectations): IdTokenCheck {
  const claims = claimsOf(idToken);
  const sub = claims?.sub;
  const userId = claims?.[USER_CLAIM] ?? sub;
  if (claims === null || typeof sub !== 'string' || typeof userId !== 'string' || sub === '') {
    return { ok: false, reason: 'malformed' };
  }
  if (claims.iss !== SLACK_ISSUER) return { ok: false, reason: 'issuer' };
  if (!audienceHas(claims.aud, expect.clientId)) return { ok: false, reason: 'audience' };
  if (typeof claims.exp !== 'number' || claims.exp * 1000 + CLOCK_SKEW_MS <= expect.now) {
    return { ok: false, reason: 'expired' };
  }
  if (typeof claims.nonce !== 'string' || claims.nonce !== expect.nonce) {
    return { ok: false, reason: 'nonce' };
  }
  // A bot that does not know its own workspace lets nobody in.
  if (expect.teamId === '' || claims[TEAM_CLAIM] !== expect.teamId) {
    return { ok: false, reason: 'workspace' };
  }
  const name = typeof claims.name === 'string' && claims.name.trim() !== '' ? claims.name : userId;
  return { ok: true, person: { userId, teamId: expect.teamId, name } };
}
