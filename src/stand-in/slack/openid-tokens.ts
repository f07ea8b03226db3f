import { createHash, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import type { CodeGrant, SignInIdentity } from './openid-provider.ts';

// The id_token Sign in with Slack hands out: Slack's claims, an RS256 signature and the key set
// (JWKS) an app checks it with.

export const ISSUER = 'https://slack.com';
const ID_TOKEN_LIFETIME_S = 60 * 60;

interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export class IdTokenSigner {
  private key: SigningKey | undefined;

  sign(claims: Record<string, unknown>): string {
    const key = this.signingKey();
    const header = { alg: 'RS256', typ: 'JWT', kid: key.kid };
    const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
    const signature = sign('sha256', Buffer.from(input), key.privateKey).toString('base64url');
    return `${input}.${signature}`;
  }

  jwks(): { keys: Array<Record<string, unknown>> } {
    const key = this.signingKey();
    const jwk = key.publicKey.export({ format: 'jwk' });
    return { keys: [{ ...jwk, kid: key.kid, alg: 'RS256', use: 'sig' }] };
  }

  // Made on first use, then kept for the stand-in's life: most stand-ins never sign anybody in,
  // and an RSA key costs a noticeable moment on a busy machine.
  private signingKey(): SigningKey {
    if (!this.key) {
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const der = publicKey.export({ format: 'der', type: 'spki' });
      const kid = createHash('sha256').update(der).digest('base64url').slice(0, 16);
      this.key = { kid, privateKey, publicKey };
    }
    return this.key;
  }
}

export function idTokenClaims(grant: CodeGrant, nowMs: number): Record<string, unknown> {
  const iat = Math.floor(nowMs / 1000);
  return {
    iss: ISSUER,
    sub: grant.identity.userId,
    aud: grant.clientId,
    exp: iat + ID_TOKEN_LIFETIME_S,
    iat,
    auth_time: Math.floor(grant.authTime / 1000),
    ...(grant.nonce !== null ? { nonce: grant.nonce } : {}),
    ...profileClaims(grant.identity, grant.authTime),
  };
}

/** The claims openid.connect.userInfo and the id_token share. */
export function profileClaims(
  identity: SignInIdentity,
  verifiedAt: number,
): Record<string, unknown> {
  const [given, ...family] = identity.realName.trim().split(/\s+/);
  return {
    'https://slack.com/user_id': identity.userId,
    'https://slack.com/team_id': identity.teamId,
    'https://slack.com/team_name': identity.teamName,
    'https://slack.com/team_domain': identity.teamDomain,
    email: `${slug(identity.handle) || identity.userId.toLowerCase()}@${identity.teamDomain}.example.com`,
    email_verified: true,
    date_email_verified: Math.floor(verifiedAt / 1000),
    name: identity.realName,
    given_name: given ?? identity.realName,
    ...(family.length > 0 ? { family_name: family.join(' ') } : {}),
    locale: 'en-US',
  };
}

export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '.')
    .replace(/^\.+|\.+$/g, '');
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
