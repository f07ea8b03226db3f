import type { ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import type { Clock } from '../../clock.ts';
import { checkBearer } from '../../http/bearer.ts';
import type { TeamSiteSettings } from '../../web-config.ts';
import { redirect, sendJson, type WebRequest } from '../http.ts';
import { cookiesOf, openSession, SESSION_COOKIE } from '../session.ts';
import type { SiteAuth } from '../site-deps.ts';
import type { Viewer } from '../viewer.ts';

export interface SiteAuthOptions {
  /** Null when sign-in is not configured (then only the API token is taken). */
  team: TeamSiteSettings | null;
  apiToken: string | null;
  clock: Clock;
  /** Private channels the person is a member of now (asked of Slack, cached briefly). */
  privateChannelsOf(userId: string): Promise<ReadonlySet<string>>;
  /** Sign in, its callback and sign out. */
  routes: CustomRoute[];
}

const NO_CHANNELS: ReadonlySet<string> = new Set();

/**
 * Who is asking: a signed session cookie (pages and API), or for the API the WEB_API_TOKEN
 * bearer. A token holder is nobody in Slack, so it sees no private incident.
 */
export function createSiteAuth(options: SiteAuthOptions): SiteAuth {
  return {
    routes: options.routes,
    async viewer(
      req: WebRequest,
      res: ServerResponse,
      kind: 'page' | 'api',
    ): Promise<Viewer | null> {
      if (kind === 'api' && options.apiToken !== null && req.headers.authorization !== undefined) {
        if (checkBearer(req.headers.authorization, options.apiToken) === 'ok') {
          return { userId: null, name: 'API token', privateChannels: NO_CHANNELS, csrfToken: '' };
        }
        sendJson(res, { error: 'The bearer token is not WEB_API_TOKEN.' }, { status: 401 });
        return null;
      }
      const sealed = cookiesOf(req.headers.cookie).get(SESSION_COOKIE);
      const session =
        options.team && sealed
          ? openSession(options.team.sessionSecret, sealed, options.clock.now())
          : null;
      if (session !== null) {
        return {
          userId: session.userId,
          name: session.name,
          privateChannels: await options.privateChannelsOf(session.userId),
          csrfToken: session.csrf,
        };
      }
      if (kind === 'api') {
        sendJson(
          res,
          { error: 'Sign in on the site, or send Authorization: Bearer <WEB_API_TOKEN>.' },
          { status: 401, headers: { 'www-authenticate': 'Bearer' } },
        );
      } else {
        redirect(res, `/auth/sign-in?next=${encodeURIComponent(req.url ?? '/incidents')}`);
      }
      return null;
    },
  };
}
