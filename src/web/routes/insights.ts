import type { ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import { type Insights, readInsights } from '../../usecases/insights.ts';
import { toCsv } from '../csv.ts';
import { get, queryOf, sendDownload, sendHtml, sendText, type WebRequest } from '../http.ts';
import type { SiteAuth, SiteDeps } from '../site-deps.ts';
import { parseStatsQuery } from '../stats-query.ts';
import type { Viewer } from '../viewer.ts';
import {
  DEFAULT_INSIGHTS_WINDOW,
  INSIGHT_CHARTS,
  type InsightsForm,
  renderInsightsError,
  renderInsightsPage,
} from '../views/insights-page.ts';
import { tableCsvRows } from '../views/insights-table.ts';

// /insights and /insights/<chart>.csv (docs/site.md): signed-in pages over `scribe stats`.

type Read =
  | { ok: true; viewer: Viewer; form: InsightsForm; insights: Insights }
  | { ok: false; viewer: Viewer; form: InsightsForm; error: string };

export function insightRoutes(deps: SiteDeps, auth: SiteAuth): CustomRoute[] {
  /** The viewer and the numbers; null once the request was answered (sign-in). */
  async function read(req: WebRequest, res: ServerResponse): Promise<Read | null> {
    const viewer = await auth.viewer(req, res, 'page');
    if (viewer === null) return null;
    const query = parseStatsQuery(queryOf(req), DEFAULT_INSIGHTS_WINDOW);
    const form = { ...query.text, services: [] as string[] };
    if (!query.ok) {
      return {
        ok: false,
        viewer,
        form: { ...form, services: await deps.store.stats.knownServices() },
        error: query.error,
      };
    }
    const answer = await readInsights(deps, { window: query.window, service: query.service });
    if (!answer.ok) {
      return {
        ok: false,
        viewer,
        form: { ...form, services: answer.services },
        error: answer.error,
      };
    }
    return {
      ok: true,
      viewer,
      form: { ...form, services: answer.insights.services },
      insights: answer.insights,
    };
  }

  const csvRoutes = Object.entries(INSIGHT_CHARTS).map(([id, build]) =>
    get(`/insights/${id}.csv`, deps.logger, async (req, res) => {
      const got = await read(req, res);
      if (got === null) return;
      if (!got.ok) {
        sendText(res, 'text/plain; charset=utf-8', `${got.error.replace(/`/g, '"')}\n`, {
          status: 400,
        });
        return;
      }
      const chart = build(got.insights, {
        service: got.insights.stats.service,
        timeZone: deps.timeZone,
      });
      // The file name says what and which window; both are ours (ids and a checked label).
      const name = `insights-${id}-${got.insights.stats.window}.csv`;
      sendDownload(
        res,
        'text/csv; charset=utf-8',
        name,
        toCsv(chart.table.csvHeader, tableCsvRows(chart.table)),
      );
    }),
  );

  return [
    get('/insights', deps.logger, async (req, res) => {
      const got = await read(req, res);
      if (got === null) return;
      if (!got.ok) {
        sendHtml(res, renderInsightsError(got.viewer, got.form, got.error), { status: 400 });
        return;
      }
      sendHtml(
        res,
        renderInsightsPage({
          viewer: got.viewer,
          form: got.form,
          insights: got.insights,
          timeZone: deps.timeZone,
        }),
      );
    }),
    ...csvRoutes,
  ];
}
