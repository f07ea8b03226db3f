import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// Signed cookies (ADR 0014): the session lives in the cookie itself, HMAC-SHA256 with
// SESSION_SECRET, so replicas share sessions without a table and a restart signs nobody out.

export interface Session {
  /** Slack user id (OpenID Connect `sub` / `https://slack.com/user_id`). */
  userId: string;
  teamId: string;
  name: string;
  /** Epoch ms after which the cookie is refused. */
  expiresAt: number;
  /** The CSRF token every state-changing form carries. */
  csrf: string;
}

export const SESSION_COOKIE = 'scribe_session';
/** Twelve hours: one working day, then Slack is asked again. */
export const SESSION_MS = 12 * 3_600_000;

function mac(secret: string, purpose: string, payload: string): string {
  return createHmac('sha256', secret).update(`${purpose}.${payload}`).digest('base64url');
}

/** `payload.mac`, the payload base64url JSON; `purpose` keeps one cookie's value out of another. */
export function seal(secret: string, purpose: string, value: unknown): string {
  const payload = Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${payload}.${mac(secret, purpose, payload)}`;
}

/** The value sealed with this secret and purpose, or null when anything is off. */
export function unseal(secret: string, purpose: string, sealed: string): unknown {
  const dot = sealed.lastIndexOf('.');
  if (dot <= 0) return null;
  const payload = sealed.slice(0, dot);
  const given = Buffer.from(sealed.slice(dot + 1));
  const expected = Buffer.from(mac(secret, purpose, payload));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
}

export function newSession(
  person: { userId: string; teamId: string; name: string },
  now: number,
): Session {
  return { ...person, expiresAt: now + SESSION_MS, csrf: randomBytes(18).toString('base64url') };
}

export function sealSession(secret: string, session: Session): string {
  return seal(secret, SESSION_COOKIE, session);
}

/** The session in a cookie value, or null when it is forged, malformed or expired. */
export function openSession(secret: string, sealed: string, now: number): Session | null {
  const value = unseal(secret, SESSION_COOKIE, sealed) as Partial<Session> | null;
  if (
    value === null ||
    typeof value !== 'object' ||
    typeof value.userId !== 'string' ||
    typeof value.teamId !== 'string' ||
    typeof value.name !== 'string' ||
    typeof value.csrf !== 'string' ||
    typeof value.expiresAt !== 'number' ||
    value.expiresAt <= now
  ) {
    return null;
  }
  return value as Session;
}

/** Cookies of a request, by name (the first of a repeated name wins). */
export function cookiesOf(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (name !== '' && !cookies.has(name)) cookies.set(name, part.slice(eq + 1).trim());
  }
  return cookies;
}

/** A Set-Cookie value: HttpOnly, SameSite=Lax (the sign-in comes back from Slack), Path=/. */
export function cookie(
  name: string,
  value: string,
  options: { secure: boolean; maxAgeSeconds: number },
): string {
  return [
    `${name}=${value}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${options.maxAgeSeconds}`,
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}
