import type { ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import { toStatsJson } from '../../domain/stats/stats-json.ts';
import { readStats } from '../../usecases/incident-stats.ts';
import { incidentDownload } from '../../usecases/incident-view.ts';
import { listIncidents } from '../../usecases/library.ts';
import { incidentListJson } from '../api-json.ts';
import { get, param, queryOf, safely, sendJson, sendText } from '../http.ts';
import { filterParams, onPage, parseIncidentFilter } from '../incident-filter.ts';
import type { SiteAuth, SiteDeps } from '../site-deps.ts';
import { parseStatsQuery } from '../stats-query.ts';
import { canSee } from '../viewer.ts';
import { hrefWith } from '../views/html.ts';
import { incidentIdOf } from './incident-page.ts';

// The read-only JSON API, /api/v1 (docs/api.md): a session cookie or `Authorization: Bearer
// <WEB_API_TOKEN>`; answers and errors are JSON, never a page. A token holder is nobody in Slack,
// so it sees no private incident; an incident one may not see is answered like a missing one.

/** `scribe stats`' default window: the stats endpoint answers exactly what the CLI prints. */
const STATS_WINDOW = '90d';
const READ_ONLY = ['POST', 'PUT', 'PATCH', 'DELETE'];

/** Messages quote what was typed in backticks (Slack's code); JSON readers get plain quotes. */
const plain = (message: string) => message.replace(/`/g, '"');

function fail(res: ServerResponse, status: number, error: string, extra: object = {}): void {
  sendJson(res, { error: plain(error), ...extra }, { status });
}

export function apiRoutes(deps: SiteDeps, auth: SiteAuth): CustomRoute[] {
  const paths = ['/api/v1/incidents', '/api/v1/incidents/:id', '/api/v1/stats'];
  return [
    get('/api/v1/incidents', deps.logger, async (req, res) => {
      const viewer = await auth.viewer(req, res, 'api');
      if (viewer === null) return;
      const parsed = parseIncidentFilter(queryOf(req), { timeZone: deps.timeZone });
      if (!parsed.ok) {
        fail(res, 400, parsed.errors.join(' '), { errors: parsed.errors.map(plain) });
        return;
      }
      const { filter } = parsed;
      const list = await listIncidents(
        deps,
        { ...filter.query, privateChannels: [...viewer.privateChannels] },
        { detectedBy: filter.detectedBy, page: filter.page, perPage: filter.perPage },
      );
      const at = (page: number) =>
        hrefWith('/api/v1/incidents', filterParams(onPage(filter, page)));
      sendJson(
        res,
        incidentListJson(list, {
          next: list.page < list.pages ? at(list.page + 1) : null,
          prev: list.page > 1 ? at(Math.min(list.page - 1, list.pages)) : null,
        }),
      );
    }),

    get('/api/v1/incidents/:id', deps.logger, async (req, res) => {
      const viewer = await auth.viewer(req, res, 'api');
      if (viewer === null) return;
      const id = incidentIdOf(param(req, 'id'));
      const json =
        id === null
          ? null
          : await incidentDownload(deps, id, 'postmortem.json', (incident) =>
              canSee(viewer, incident),
            );
      if (json === null) {
        fail(res, 404, `No incident ${param(req, 'id').slice(0, 40)}.`);
        return;
      }
      // The bytes `scribe export --format json` writes.
      sendText(res, 'application/json; charset=utf-8', json);
    }),

    get('/api/v1/stats', deps.logger, async (req, res) => {
      const viewer = await auth.viewer(req, res, 'api');
      if (viewer === null) return;
      const query = parseStatsQuery(queryOf(req), STATS_WINDOW);
      if (!query.ok) {
        fail(res, 400, query.error);
        return;
      }
      const answer = await readStats(deps, { window: query.window, service: query.service });
      if (!answer.ok) {
        fail(res, 400, answer.error);
        return;
      }
      sendJson(res, toStatsJson(answer.stats));
    }),

    // The API only reads: anything else is refused in JSON, not left to the server's default.
    ...paths.map((path) => ({
      path,
      method: READ_ONLY,
      handler: safely(deps.logger, async (_req, res) => {
        sendJson(
          res,
          { error: 'The API only reads: use GET.' },
          { status: 405, headers: { allow: 'GET' } },
        );
      }),
    })),
  ];
}
