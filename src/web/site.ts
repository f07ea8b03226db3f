import type { CustomRoute } from '@slack/bolt';
import { actionRoutes } from './routes/actions.ts';
import { apiRoutes } from './routes/api.ts';
import { assetRoutes } from './routes/assets.ts';
import { incidentRoutes } from './routes/incidents.ts';
import { insightRoutes } from './routes/insights.ts';
import { reportRoutes } from './routes/reports.ts';
import type { SiteDeps } from './site-deps.ts';

/**
 * Every route of the site, mounted on the bot's own server (same process, same port): the team
 * pages when sign-in is configured, the API when sign-in or WEB_API_TOKEN is, and the public
 * reports when PUBLIC_REPORTS=true (docs/site.md).
 */
export function siteRoutes(deps: SiteDeps): CustomRoute[] {
  const { auth } = deps;
  const team = auth !== null && deps.web.team !== null;
  if (!team && auth === null && !deps.web.publicReports) return [];
  return [
    ...assetRoutes(deps),
    ...(auth ? auth.routes : []),
    ...(team && auth
      ? [...incidentRoutes(deps, auth), ...insightRoutes(deps, auth), ...actionRoutes(deps, auth)]
      : []),
    ...(auth ? apiRoutes(deps, auth) : []),
    ...(deps.web.publicReports ? reportRoutes(deps) : []),
  ];
}
