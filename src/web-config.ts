// The team site and the public reports (docs/site.md): read apart from config.ts, like the database.

type Env = Readonly<Record<string, string | undefined>>;

/** Sign in with Slack and the signed-in pages; null when any of the four settings is missing. */
export interface TeamSiteSettings {
  readonly clientId: string;
  readonly clientSecret: string;
  /** The site's public origin and path prefix, without a trailing slash (https://scribe.example). */
  readonly baseUrl: string;
  /** Signs the session and sign-in cookies (HMAC-SHA256); at least 32 characters. */
  readonly sessionSecret: string;
  /** Cookies get `Secure` when the base URL is https. */
  readonly secureCookies: boolean;
}

export interface WebSettings {
  readonly team: TeamSiteSettings | null;
  /** WEB_BASE_URL without a trailing slash; null when unset (the public feed then uses Host). */
  readonly baseUrl: string | null;
  /** `Authorization: Bearer` token for /api/v1/*; null: the API takes signed-in sessions only. */
  readonly apiToken: string | null;
  /** PUBLIC_REPORTS=true serves /reports to everyone. */
  readonly publicReports: boolean;
}

/** Sign-in needs all of these; WEB_BASE_URL may also stand alone (the public reports' links). */
const TEAM_SETTINGS = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'WEB_BASE_URL', 'SESSION_SECRET'];
const SIGN_IN_SETTINGS = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SESSION_SECRET'];

function value(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw === '' ? undefined : raw;
}

export function readWebSettings(env: Env): { settings: WebSettings; problems: string[] } {
  const problems: string[] = [];
  const given = TEAM_SETTINGS.filter((name) => value(env, name) !== undefined);
  const signIn = SIGN_IN_SETTINGS.some((name) => given.includes(name));
  // Half a configuration is a mistake worth stopping for: the site would silently stay off.
  if (signIn && given.length < TEAM_SETTINGS.length) {
    const missing = TEAM_SETTINGS.filter((name) => !given.includes(name));
    problems.push(
      `The team site needs ${TEAM_SETTINGS.join(', ')} together; missing: ${missing.join(', ')}`,
    );
  }
  let baseUrl: string | null = null;
  const baseText = value(env, 'WEB_BASE_URL');
  if (baseText !== undefined) {
    if (URL.canParse(baseText) && /^https?:$/.test(new URL(baseText).protocol)) {
      const url = new URL(baseText);
      if (url.search !== '' || url.hash !== '') {
        problems.push('WEB_BASE_URL must not have a query or fragment');
      }
      baseUrl = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
    } else {
      problems.push('WEB_BASE_URL must be an http(s) URL, e.g. https://scribe.example.com');
    }
  }
  const sessionSecret = value(env, 'SESSION_SECRET');
  if (sessionSecret !== undefined && sessionSecret.length < 32) {
    problems.push('SESSION_SECRET must be at least 32 characters (it signs the session cookies)');
  }
  const apiToken = value(env, 'WEB_API_TOKEN') ?? null;
  if (apiToken !== null && apiToken.length < 16) {
    problems.push('WEB_API_TOKEN must be at least 16 characters (it guards /api/v1/*)');
  }
  const publicText = (value(env, 'PUBLIC_REPORTS') ?? 'false').toLowerCase();
  if (!['true', 'false', '1', '0', 'yes', 'no'].includes(publicText)) {
    problems.push(`PUBLIC_REPORTS must be true or false (got "${publicText}")`);
  }
  const clientId = value(env, 'SLACK_CLIENT_ID');
  const clientSecret = value(env, 'SLACK_CLIENT_SECRET');
  const team =
    clientId && clientSecret && baseUrl && sessionSecret && sessionSecret.length >= 32
      ? {
          clientId,
          clientSecret,
          baseUrl,
          sessionSecret,
          secureCookies: baseUrl.startsWith('https:'),
        }
      : null;
  return {
    settings: {
      team: team === null ? null : Object.freeze(team),
      baseUrl,
      apiToken,
      publicReports: ['true', '1', 'yes'].includes(publicText),
    },
    problems,
  };
}
