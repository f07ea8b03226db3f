import { newSession, SESSION_COOKIE, sealSession } from '../../src/web/session.ts';

// Settings and sign-in for tests of the team site.

export const SESSION_SECRET = 'test-session-secret-that-is-long-enough-0123';
export const CLIENT_ID = '1111.2222';
export const CLIENT_SECRET = 'test-client-secret';
export const API_TOKEN = 'test-web-api-token-0123456789';

/** Environment for a harness with the team site on (and the API token, and public reports). */
export function siteEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    SLACK_CLIENT_ID: CLIENT_ID,
    SLACK_CLIENT_SECRET: CLIENT_SECRET,
    WEB_BASE_URL: 'http://127.0.0.1',
    SESSION_SECRET,
    WEB_API_TOKEN: API_TOKEN,
    ...extra,
  };
}

/**
 * A `Cookie` header for a signed-in person, sealed as the site seals it after a Slack sign-in
 * (the whole sign-in flow has its own tests); `now` is the bot's clock.
 */
export function sessionCookie(
  person: { userId: string; name?: string; teamId?: string },
  now: number,
): string {
  const session = newSession(
    {
      userId: person.userId,
      name: person.name ?? person.userId,
      teamId: person.teamId ?? 'T0TEST',
    },
    now,
  );
  return `${SESSION_COOKIE}=${sealSession(SESSION_SECRET, session)}`;
}
