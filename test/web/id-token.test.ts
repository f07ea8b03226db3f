import { describe, expect, it } from 'vitest';
import { checkIdToken, claimsOf } from '../../src/web/auth/id-token.ts';

const NOW = Date.UTC(2026, 10, 21, 14, 0, 0);
const EXPECT = { clientId: '1111.2222', nonce: 'n-123', teamId: 'T0TEST', now: NOW };

/** A compact JWT with these claims (the signature part is not read: ADR 0014). */
function token(claims: Record<string, unknown>, header: Record<string, unknown> = {}): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT', ...header })}.${part(claims)}.c2lnbmF0dXJl`;
}

function slackClaims(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    iss: 'https://slack.com',
    sub: 'U0ALICE',
    aud: '1111.2222',
    exp: Math.floor(NOW / 1000) + 3600,
    iat: Math.floor(NOW / 1000),
    nonce: 'n-123',
    'https://slack.com/user_id': 'U0ALICE',
    'https://slack.com/team_id': 'T0TEST',
    name: 'Alice Example',
    ...extra,
  };
}

describe('checkIdToken', () => {
  it('names the person of a token Slack issued for this app, sign-in and workspace', () => {
    expect(checkIdToken(token(slackClaims()), EXPECT)).toEqual({
      ok: true,
      person: { userId: 'U0ALICE', teamId: 'T0TEST', name: 'Alice Example' },
    });
  });

  it('takes an audience list that includes the client id', () => {
    const check = checkIdToken(token(slackClaims({ aud: ['other', '1111.2222'] })), EXPECT);
    expect(check.ok).toBe(true);
  });

  it('falls back to the user id when the token carries no name', () => {
    const check = checkIdToken(token(slackClaims({ name: '  ' })), EXPECT);
    expect(check).toMatchObject({ ok: true, person: { name: 'U0ALICE' } });
  });

  it.each([
    ['another issuer', { iss: 'https://evil.example' }, 'issuer'],
    ['no issuer', { iss: undefined }, 'issuer'],
    ['another app', { aud: '9999.0000' }, 'audience'],
    ['an empty audience list', { aud: [] }, 'audience'],
    ['an expired token', { exp: Math.floor(NOW / 1000) - 120 }, 'expired'],
    ['no expiry', { exp: undefined }, 'expired'],
    ['an expiry as text', { exp: String(Math.floor(NOW / 1000) + 3600) }, 'expired'],
    ['another sign-in attempt', { nonce: 'n-other' }, 'nonce'],
    ['no nonce', { nonce: undefined }, 'nonce'],
    ['another workspace', { 'https://slack.com/team_id': 'T0OTHER' }, 'workspace'],
    ['no workspace', { 'https://slack.com/team_id': undefined }, 'workspace'],
    ['no subject', { sub: undefined }, 'malformed'],
    ['a numeric subject', { sub: 42, 'https://slack.com/user_id': undefined }, 'malformed'],
  ])('refuses %s', (_name, change, reason) => {
    expect(checkIdToken(token(slackClaims(change)), EXPECT)).toEqual({ ok: false, reason });
  });

  it('allows a minute of clock difference on the expiry, no more', () => {
    const justExpired = slackClaims({ exp: Math.floor(NOW / 1000) - 30 });
    expect(checkIdToken(token(justExpired), EXPECT).ok).toBe(true);
    const longExpired = slackClaims({ exp: Math.floor(NOW / 1000) - 61 });
    expect(checkIdToken(token(longExpired), EXPECT)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses any workspace when the bot does not know its own', () => {
    const check = checkIdToken(token(slackClaims({ 'https://slack.com/team_id': '' })), {
      ...EXPECT,
      teamId: '',
    });
    expect(check).toEqual({ ok: false, reason: 'workspace' });
  });

  it.each([
    ['an empty string', ''],
    ['two parts', 'a.b'],
    ['four parts', 'a.b.c.d'],
    ['claims that are not JSON', 'eyJ.bm90IGpzb24.c2ln'],
    ['claims that are an array', `x.${Buffer.from('[1]').toString('base64url')}.y`],
    ['claims that are null', `x.${Buffer.from('null').toString('base64url')}.y`],
  ])('refuses %s as malformed without throwing', (_name, idToken) => {
    expect(checkIdToken(idToken, EXPECT)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('reads claims of a compact JWT', () => {
    expect(claimsOf(token({ sub: 'U1' }))).toEqual({ sub: 'U1' });
    expect(claimsOf('nope')).toBeNull();
  });
});
