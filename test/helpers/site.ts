import { newSession, SESSION_COOKIE, sealSession } from '../../src/web/session.ts';
import type { Harness } from './harness.ts';

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

/** Cookies as a browser keeps them across responses (name → value; Max-Age=0 forgets one). */
export class CookieJar {
  readonly cookies = new Map<string, string>();

  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(eq + 1).trim());
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** One request as a browser sends it with this jar, redirects not followed; the jar learns. */
export async function browse(
  jar: CookieJar,
  url: string,
  init: RequestInit = {},
): Promise<Response> {
  const response = await fetch(url, {
    ...init,
    redirect: 'manual',
    headers: { ...(init.headers as Record<string, string>), cookie: jar.header() },
  });
  jar.take(response);
  return response;
}

/** The `href` of the page's "Sign in with Slack" link, unescaped. */
export function signInLink(html: string): string {
  const href = /<a class="button primary" href="([^"]+)">Sign in with Slack<\/a>/.exec(html)?.[1];
  if (href === undefined) throw new Error(`no Sign in with Slack link in:\n${html}`);
  return href.replaceAll('&amp;', '&').replaceAll('&#39;', "'").replaceAll('&quot;', '"');
}

/** Lets the harness's bot use Sign in with Slack at the stand-in (again after a restart). */
export function registerSite(h: Harness): void {
  h.slack.registerOidcClient({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUris: [`${h.baseUrl}/auth/callback`],
  });
}

export interface SignInSteps {
  jar: CookieJar;
  /** Slack's authorize URL the sign-in page linked to. */
  authorize: URL;
  /** Where Slack sent the browser back: the site's callback with code and state. */
  callback: string;
}

/**
 * A browser signing in through the stand-in's consent page as `userId`, up to Slack's redirect
 * back to the site; the callback itself is left to the test (`browse(jar, steps.callback)`).
 */
export async function consentAs(
  h: Harness,
  userId: string,
  options: { next?: string; jar?: CookieJar; decision?: 'allow' | 'cancel' } = {},
): Promise<SignInSteps> {
  registerSite(h);
  const jar = options.jar ?? new CookieJar();
  const next = options.next ?? '/incidents';
  const page = await browse(jar, `${h.baseUrl}/auth/sign-in?next=${encodeURIComponent(next)}`);
  if (page.status !== 200) throw new Error(`sign-in page answered ${page.status}`);
  const authorize = new URL(signInLink(await page.text()));
  // The consent form posts back what the authorize request carried, with the choice made.
  const form = new URLSearchParams(authorize.searchParams);
  form.set('user', userId);
  form.set('decision', options.decision ?? 'allow');
  const consent = await browse(jar, new URL(authorize.pathname, authorize).toString(), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  const callback = consent.headers.get('location');
  if (consent.status !== 303 || callback === null) {
    throw new Error(`Slack's consent answered ${consent.status}: ${await consent.text()}`);
  }
  return { jar, authorize, callback };
}

/** Signs in through the whole flow and returns the browser's jar holding the session. */
export async function signIn(h: Harness, userId: string): Promise<CookieJar> {
  const steps = await consentAs(h, userId);
  const landed = await browse(steps.jar, steps.callback);
  if (landed.status !== 303) throw new Error(`the callback answered ${landed.status}`);
  return steps.jar;
}
