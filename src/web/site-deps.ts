import type { ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { Store } from '../usecases/ports.ts';
import type { WebSettings } from '../web-config.ts';
import type { WebRequest } from './http.ts';
import type { Viewer } from './viewer.ts';

/** Who is asking, for every signed-in page and the API (src/web/auth/). */
export interface SiteAuth {
  /**
   * The viewer of this request; or null after answering it: a page redirects to sign-in, the API
   * answers 401. `kind: 'api'` also takes `Authorization: Bearer <WEB_API_TOKEN>`.
   */
  viewer(req: WebRequest, res: ServerResponse, kind: 'page' | 'api'): Promise<Viewer | null>;
  /** Sign in, its callback, sign out. */
  routes: CustomRoute[];
}

export interface SiteDeps {
  store: Store;
  clock: Clock;
  /** SCRIBE_TIMEZONE: the zone pages show times in. */
  timeZone: string;
  logger: Logger;
  web: WebSettings;
  /** Null when the team site is off (neither sign-in settings nor an API token). */
  auth: SiteAuth | null;
}
