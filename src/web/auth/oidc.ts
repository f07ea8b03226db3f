import { randomBytes, timingSafeEqual } from 'node:crypto';
import { seal, unseal } from '../session.ts';

// The browser's half of Sign in with Slack: where to send the person, and what we remember
// (state, nonce, where they were going) until Slack sends them back.

export const SIGN_IN_COOKIE = 'scribe_sign_in';
/** Long enough to read Slack's consent page, short enough that a stolen cookie soon expires. */
export const SIGN_IN_MS = 10 * 60_000;
export const DEFAULT_NEXT = '/incidents';

export interface SignInAttempt {
  state: string;
  nonce: string;
  /** A same-site path to go to once signed in. */
  next: string;
  expiresAt: number;
}

/**
 * Slack's authorize page: slack.com's, or the same path on SLACK_API_URL's origin when that is
 * set (a proxy or the stand-in serves both).
 */
export function authorizeUrl(input: {
  slackOrigin: string;
  clientId: string;
  redirectUri: string;
  state: string;
  nonce: string;
  /** The bot's workspace, so Slack skips its workspace picker. */
  teamId: string | null;
}): string {
  const url = new URL('/openid/connect/authorize', input.slackOrigin);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', 'openid profile');
  url.searchParams.set('client_id', input.clientId);
  url.searchParams.set('redirect_uri', input.redirectUri);
  url.searchParams.set('state', input.state);
  url.searchParams.set('nonce', input.nonce);
  if (input.teamId) url.searchParams.set('team', input.teamId);
  return url.toString();
}

/**
 * `next` when it is a path on this site, else the incident list: never another host (`//evil`,
 * `/\evil`, `https:`), so the sign-in cannot be used to send someone elsewhere.
 */
export function safeNext(next: string | null | undefined): string {
  if (typeof next !== 'string' || next.length > 2000) return DEFAULT_NEXT;
  // Browsers read a backslash as a slash and drop tabs and newlines inside URLs.
  if (!next.startsWith('/') || /[\\\s]/.test(next) || next.startsWith('//')) return DEFAULT_NEXT;
  const resolved = new URL(next, 'http://site.invalid');
  if (resolved.origin !== 'http://site.invalid') return DEFAULT_NEXT;
  // Back to the sign-in pages would loop.
  if (resolved.pathname.startsWith('/auth/')) return DEFAULT_NEXT;
  return `${resolved.pathname}${resolved.search}`;
}

export function newAttempt(next: string, now: number): SignInAttempt {
  return {
    state: randomBytes(18).toString('base64url'),
    nonce: randomBytes(18).toString('base64url'),
    next: safeNext(next),
    expiresAt: now + SIGN_IN_MS,
  };
}

export function sealAttempt(secret: string, attempt: SignInAttempt): string {
  return seal(secret, SIGN_IN_COOKIE, attempt);
}

/** The attempt in the sign-in cookie, or null when it is forged, malformed or expired. */
export function openAttempt(secret: string, sealed: string, now: number): SignInAttempt | null {
  const value = unseal(secret, SIGN_IN_COOKIE, sealed) as Partial<SignInAttempt> | null;
  if (
    value === null ||
    typeof value !== 'object' ||
    typeof value.state !== 'string' ||
    typeof value.nonce !== 'string' ||
    typeof value.next !== 'string' ||
    typeof value.expiresAt !== 'number' ||
    value.expiresAt <= now
  ) {
    return null;
  }
  return { ...(value as SignInAttempt), next: safeNext(value.next) };
}

/** Compares two secrets without telling through timing how much of them matched. */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && b.length > 0 && timingSafeEqual(a, b);
}
