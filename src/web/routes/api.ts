import type { CustomRoute } from '@slack/bolt';
import type { SiteAuth, SiteDeps } from '../site-deps.ts';

export function apiRoutes(_deps: SiteDeps, _auth: SiteAuth): CustomRoute[] {
  return [];
}
