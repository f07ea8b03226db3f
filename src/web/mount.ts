import type { CustomRoute } from '@slack/bolt';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { Notifier, Store } from '../usecases/ports.ts';
import type { WebSettings } from '../web-config.ts';
import type { SiteAuth } from './site-deps.ts';

/** What the site needs from Slack; parts of it are known only once the bot has started. */
export interface SiteSlack {
  /** Where Slack's authorize page lives: https://slack.com, or SLACK_API_URL's origin. */
  origin: string;
  notifier: Pick<Notifier, 'exchangeSignInCode' | 'privateChannelsOf'>;
  /** The bot's workspace (auth.test); null until the bot has started. */
  teamId(): string | null;
  /** WEB_BASE_URL, or the loopback URL of a bot listening on a port picked at start. */
  baseUrl(): string;
}

export interface SiteParts {
  store: Store;
  clock: Clock;
  timeZone: string;
  logger: Logger;
  web: WebSettings;
  slack: SiteSlack;
}

/** True when any part of the site is configured: sign-in, the API token or public reports. */
export function siteEnabled(web: WebSettings): boolean {
  return web.team !== null || web.apiToken !== null || web.publicReports;
}

/**
 * The site's routes for the bot's server (src/bot.ts), with sign-in wired when configured. The
 * site's modules (about fifty: routes, views, charts, sign-in) are loaded only here, and only
 * when some part of it is on: a bot without a site never pays for them at start or in memory.
 */
export async function mountSite(parts: SiteParts): Promise<CustomRoute[]> {
  const { web, slack, clock, logger } = parts;
  if (!siteEnabled(web)) return [];
  const [{ membershipCache }, { signInRoutes }, { createSiteAuth }, { siteRoutes }] =
    await Promise.all([
      import('./auth/membership.ts'),
      import('./auth/sign-in-routes.ts'),
      import('./auth/site-auth.ts'),
      import('./site.ts'),
    ]);
  const auth: SiteAuth | null =
    web.team !== null || web.apiToken !== null
      ? createSiteAuth({
          team: web.team,
          apiToken: web.apiToken,
          clock,
          privateChannelsOf: membershipCache({
            ask: (userId) => slack.notifier.privateChannelsOf(userId),
            clock,
            logger,
          }),
          routes:
            web.team === null
              ? []
              : signInRoutes({
                  team: web.team,
                  clock,
                  logger,
                  slackOrigin: slack.origin,
                  baseUrl: slack.baseUrl,
                  teamId: slack.teamId,
                  exchangeCode: (input) => slack.notifier.exchangeSignInCode(input),
                }),
        })
      : null;
  // The feed's links follow the base URL the bot ends up with (a port picked at start).
  const siteWeb: WebSettings = {
    team: web.team,
    apiToken: web.apiToken,
    publicReports: web.publicReports,
    get baseUrl() {
      return slack.baseUrl() || web.baseUrl;
    },
  };
  return siteRoutes({ ...parts, web: siteWeb, auth });
}
