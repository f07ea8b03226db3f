import { describe, expect, it } from 'vitest';
import { newAttempt, openAttempt, safeNext, sealAttempt } from '../../src/web/auth/oidc.ts';
import {
  cookie,
  cookiesOf,
  newSession,
  openSession,
  SESSION_MS,
  seal,
  sealSession,
  unseal,
} from '../../src/web/session.ts';

const SECRET = 'a-session-secret-that-is-long-enough-0123456';
const NOW = Date.UTC(2026, 10, 21, 14, 0, 0);
const ALICE = { userId: 'U0ALICE', teamId: 'T0TEST', name: 'Alice' };

describe('sessions in signed cookies', () => {
  it('opens what it sealed until it expires, with a fresh CSRF token per session', () => {
    const session = newSession(ALICE, NOW);
    const sealed = sealSession(SECRET, session);
    expect(openSession(SECRET, sealed, NOW + SESSION_MS - 1)).toEqual(session);
    expect(openSession(SECRET, sealed, NOW + SESSION_MS)).toBeNull();
    expect(session.csrf).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(newSession(ALICE, NOW).csrf).not.toBe(session.csrf);
  });

  it('refuses a cookie signed with another secret', () => {
    const sealed = sealSession(`${SECRET}-other`, newSession(ALICE, NOW));
    expect(openSession(SECRET, sealed, NOW)).toBeNull();
  });

  it('refuses a tampered payload, even one that is still valid JSON', () => {
    const sealed = sealSession(SECRET, newSession(ALICE, NOW));
    const [payload, mac] = sealed.split('.') as [string, string];
    const forged = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    forged.userId = 'U0MALLORY';
    const swapped = `${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${mac}`;
    expect(openSession(SECRET, swapped, NOW)).toBeNull();
    expect(openSession(SECRET, `${payload}.${mac.slice(0, -2)}AA`, NOW)).toBeNull();
  });

  it.each([
    ['an empty value', ''],
    ['no signature', 'eyJ1c2VySWQiOiJVMSJ9'],
    ['a bare dot', '.'],
    ['an empty payload', '.abc'],
    ['garbage', '%%%.!!!'],
  ])('refuses %s without throwing', (_name, value) => {
    expect(openSession(SECRET, value, NOW)).toBeNull();
  });

  it('refuses a correctly signed value of the wrong shape', () => {
    const noCsrf = seal(SECRET, 'scribe_session', { ...ALICE, expiresAt: NOW + 1000 });
    expect(openSession(SECRET, noCsrf, NOW)).toBeNull();
    const textExpiry = seal(SECRET, 'scribe_session', {
      ...ALICE,
      csrf: 'x',
      expiresAt: String(NOW + 1000),
    });
    expect(openSession(SECRET, textExpiry, NOW)).toBeNull();
  });

  it('keeps one purpose apart from another: a sign-in cookie is not a session', () => {
    const attempt = sealAttempt(SECRET, newAttempt('/insights', NOW));
    expect(openSession(SECRET, attempt, NOW)).toBeNull();
    const session = sealSession(SECRET, newSession(ALICE, NOW));
    expect(openAttempt(SECRET, session, NOW)).toBeNull();
    expect(unseal(SECRET, 'another', seal(SECRET, 'one', { a: 1 }))).toBeNull();
  });

  it('opens a sign-in attempt for ten minutes', () => {
    const attempt = newAttempt('/incidents?status=open', NOW);
    const sealed = sealAttempt(SECRET, attempt);
    expect(openAttempt(SECRET, sealed, NOW + 599_999)).toEqual(attempt);
    expect(openAttempt(SECRET, sealed, NOW + 600_000)).toBeNull();
    expect(attempt.state).not.toBe(attempt.nonce);
  });
});

describe('cookie headers', () => {
  it('are HttpOnly, SameSite=Lax, site-wide, Secure only when asked', () => {
    expect(cookie('s', 'v', { secure: false, maxAgeSeconds: 60 })).toBe(
      's=v; Path=/; HttpOnly; SameSite=Lax; Max-Age=60',
    );
    expect(cookie('s', 'v', { secure: true, maxAgeSeconds: 60 })).toMatch(/; Secure$/);
  });

  it('reads cookies by name; the first of a repeated name wins; junk is skipped', () => {
    const cookies = cookiesOf('a=1; junk; =x; b = 2 ; a=3');
    expect([...cookies]).toEqual([
      ['a', '1'],
      ['b', '2'],
    ]);
    expect(cookiesOf(undefined).size).toBe(0);
  });
});

describe('where to go after signing in', () => {
  it.each([
    ['/incidents/12', '/incidents/12'],
    ['/incidents?status=open&q=db', '/incidents?status=open&q=db'],
    ['/insights#ttd', '/insights'],
  ])('keeps the site path %s', (next, kept) => {
    expect(safeNext(next)).toBe(kept);
  });

  it.each([
    ['another host', 'https://evil.example/incidents'],
    ['a scheme-relative URL', '//evil.example/x'],
    ['a backslash browsers read as a slash', '/\\evil.example'],
    ['a tab inside', '/\t/evil.example'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a relative path', 'incidents'],
    ['the sign-in itself', '/auth/sign-in?next=/x'],
    ['nothing', null],
    ['an overlong path', `/${'a'.repeat(3000)}`],
  ])('drops %s for the incident list', (_name, next) => {
    expect(safeNext(next)).toBe('/incidents');
  });
});
