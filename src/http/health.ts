import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import { type Clock, systemClock } from '../clock.ts';
import type { JobStatus } from '../jobs/periodic.ts';
import type { SlackContact } from '../metrics/slack-fetch.ts';
import type { Store } from '../usecases/ports.ts';
import { healthReport } from './health-report.ts';

export interface HealthSources {
  /** The store's engine and a trivial query; without it, the incidents query alone says. */
  database?: { engine: string; ping(): Promise<void> };
  clock: Clock;
  slack: SlackContact;
  /** The periodic jobs; read at each request, since they start after the routes exist. */
  jobs: () => readonly JobStatus[];
  /** This replica's id, shown so an operator knows which replica answered. */
  replica?: string;
}

const NOTHING_KNOWN: HealthSources = {
  clock: systemClock,
  slack: { lastAnsweredAt: null, lastFailedAt: null },
  jobs: () => [],
};

/**
 * `GET /healthz`: the database, Slack and the periodic jobs (see health-report.ts and
 * docs/observability.md for the JSON). 503 only where restarting would help.
 */
export function healthRoute(
  store: Store,
  mode: string,
  sources: HealthSources = NOTHING_KNOWN,
): CustomRoute {
  return {
    path: '/healthz',
    method: ['GET'],
    handler: async (_req: IncomingMessage, res: ServerResponse) => {
      let openIncidents: number | Error;
      try {
        // Either failing means the database does not answer: a restart (or an operator) is due.
        await sources.database?.ping();
        openIncidents = (await store.incidents.listOpen()).length;
      } catch (error) {
        openIncidents = error instanceof Error ? error : new Error(String(error));
      }
      const { status, body } = healthReport({
        now: sources.clock.now(),
        mode,
        ...(sources.database ? { engine: sources.database.engine } : {}),
        ...(sources.replica !== undefined ? { replica: sources.replica } : {}),
        openIncidents,
        slack: sources.slack,
        jobs: sources.jobs(),
      });
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    },
  };
}
