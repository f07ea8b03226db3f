import type { CustomRoute } from '@slack/bolt';
import { get, sendText } from '../http.ts';
import type { SiteDeps } from '../site-deps.ts';
import { SITE_CSS } from '../views/style.ts';

export function assetRoutes(deps: SiteDeps): CustomRoute[] {
  return [
    get('/assets/site.css', deps.logger, async (_req, res) => {
      sendText(res, 'text/css; charset=utf-8', SITE_CSS, { cache: 'public, max-age=3600' });
    }),
  ];
}
