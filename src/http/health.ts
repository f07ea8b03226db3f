import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import type { Store } from '../store/index.ts';

/** `GET /healthz`: 200 once the database answers, 503 when it does not. */
export function healthRoute(store: Store, mode: string): CustomRoute {
  return {
    path: '/healthz',
    method: ['GET'],
    handler: (_req: IncomingMessage, res: ServerResponse) => {
      let body: Record<string, unknown>;
      let status = 200;
      try {
        body = {
          status: 'ok',
          database: 'ok',
          mode,
          openIncidents: store.incidents.listOpen().length,
        };
      } catch {
        status = 503;
        body = { status: 'unavailable', database: 'error', mode };
      }
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    },
  };
}
