import type { CustomRoute } from '@slack/bolt';
import type { SiteAuth, SiteDeps } from '../site-deps.ts';

export function actionRoutes(_deps: SiteDeps, _auth: SiteAuth): CustomRoute[] {
  return [];
}
