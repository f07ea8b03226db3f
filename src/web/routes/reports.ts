import type { CustomRoute } from '@slack/bolt';
import type { SiteDeps } from '../site-deps.ts';

export function reportRoutes(_deps: SiteDeps): CustomRoute[] {
  return [];
}
