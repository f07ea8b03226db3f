import type { CustomRoute } from '@slack/bolt';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../usecases/ports.ts';
import type { WebSettings } from '../web-config.ts';
import { createSiteAuth } from './auth/site-auth.ts';
import { siteRoutes } from './site.ts';
import type { SiteAuth } from './site-deps.ts';

export interface SiteParts {
  store: Store;
  clock: Clock;
  timeZone: string;
  logger: Logger;
  web: WebSettings;
}

/** The site's routes for the bot's server (src/bot.ts), with sign-in wired when configured. */
export function mountSite(parts: SiteParts): CustomRoute[] {
  const { web } = parts;
  const auth: SiteAuth | null =
    web.team !== null || web.apiToken !== null
      ? createSiteAuth({
          team: web.team,
          apiToken: web.apiToken,
          clock: parts.clock,
          privateChannelsOf: async () => new Set(),
          routes: [],
        })
      : null;
  return siteRoutes({ ...parts, auth });
}
