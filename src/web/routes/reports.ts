import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import { HTML_STYLE } from '../../domain/postmortem/html-style.ts';
import { HISTORY_DAYS, serviceHistories } from '../../domain/service-history.ts';
import { publicFeed, publicReportHtml, publicReportsPage } from '../../usecases/public-reports.ts';
import { atomFeed } from '../feed.ts';
import { get, param, queryOf, sendHtml, sendText, type WebRequest } from '../http.ts';
import type { SiteDeps } from '../site-deps.ts';
import {
  badCategoryPage,
  badPageNumberPage,
  FEED_PATH,
  reportNotFoundPage,
  reportsPage,
} from '../views/reports-list.ts';

// The public incident reports (PUBLIC_REPORTS=true, docs/public-reports.md): no sign-in, so
// only what the public-reports use case hands out is shown, and everything it shows was
// published; a shared cache may keep it for five minutes.

const PUBLIC_CACHE = 'public, max-age=300';
const FEED_ENTRIES = 50;
/** Reports a page of the list shows: the page stays small however many were published. */
export const REPORTS_PER_PAGE = 50;
const PAGE_NUMBER = /^[1-9][0-9]{0,5}$/;
const DAY = 86_400_000;
const CATEGORY = /^[a-z][a-z0-9_-]{0,31}$/;
const REPORT_ID = /^[1-9][0-9]{0,14}$/;
// A host name, IPv4 or [IPv6] address, and an optional port: nothing that could break out of a
// URL in the feed.
const HOST = /^(?:[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?|\[[0-9a-f:.]{2,45}\])(?::[0-9]{1,5})?$/i;

/**
 * The report page is the post-mortem's own self-contained HTML (the renderer of `scribe export
 * --public`), styled inline: the site's policy, plus exactly that stylesheet by its hash.
 */
const REPORT_CSP = `default-src 'none'; style-src 'self' 'sha256-${createHash('sha256')
  .update(`\n${HTML_STYLE}\n`)
  .digest(
    'base64',
  )}'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`;

const BACK_LINK = '<main>\n<p class="muted"><a href="/reports">All incident reports</a></p>';

export function reportRoutes(deps: SiteDeps): CustomRoute[] {
  const notFound = (res: ServerResponse) =>
    sendHtml(res, reportNotFoundPage(), { status: 404, cache: PUBLIC_CACHE });
  return [
    get('/reports', deps.logger, async (req, res) => {
      const given = queryOf(req).get('category');
      const category = given === null || given.trim() === '' ? null : given.trim().toLowerCase();
      if (category !== null && !CATEGORY.test(category)) {
        sendHtml(res, badCategoryPage(given ?? ''), { status: 400, cache: PUBLIC_CACHE });
        return;
      }
      const pageText = queryOf(req).get('page')?.trim() ?? '';
      if (pageText !== '' && !PAGE_NUMBER.test(pageText)) {
        sendHtml(res, badPageNumberPage(pageText), { status: 400, cache: PUBLIC_CACHE });
        return;
      }
      const now = deps.clock.now();
      const list = await publicReportsPage(deps, {
        category,
        page: pageText === '' ? 1 : Number(pageText),
        perPage: REPORTS_PER_PAGE,
        // The history is drawn on the unfiltered list only; its days are calendar days in the
        // zone, so two days' margin covers any offset (serviceHistories cuts them exactly).
        historySince: category === null ? now - (HISTORY_DAYS + 2) * DAY : null,
      });
      const histories = serviceHistories(list.history, {
        now,
        timeZone: deps.timeZone,
        services: list.facets.services,
      });
      const html = reportsPage({
        reports: list.reports,
        total: list.total,
        page: list.page,
        pages: list.pages,
        counts: list.facets,
        category,
        histories,
        historyDays: HISTORY_DAYS,
        timeZone: deps.timeZone,
        now,
      });
      sendHtml(res, html, { cache: PUBLIC_CACHE });
    }),
    // Before `/reports/:id`: the first route that matches answers.
    get(FEED_PATH, deps.logger, async (req, res) => {
      const baseUrl = deps.web.baseUrl ?? originOf(req);
      if (baseUrl === null) {
        sendText(res, 'text/plain; charset=utf-8', 'The Host header is not a host name.\n', {
          status: 400,
        });
        return;
      }
      const entries = await publicFeed(deps, FEED_ENTRIES);
      const updated = Math.max(...entries.map((e) => e.report.publishedAt), 0) || deps.clock.now();
      const xml = atomFeed({ baseUrl, entries, updated, timeZone: deps.timeZone });
      sendText(res, 'application/atom+xml; charset=utf-8', xml, { cache: PUBLIC_CACHE });
    }),
    get('/reports/:id', deps.logger, async (req, res) => {
      const id = param(req, 'id');
      const html = REPORT_ID.test(id) ? await publicReportHtml(deps, Number(id)) : null;
      if (html === null) {
        notFound(res);
        return;
      }
      sendHtml(res, html.replace('<main>', BACK_LINK), {
        cache: PUBLIC_CACHE,
        headers: { 'content-security-policy': REPORT_CSP },
      });
    }),
  ];
}

/**
 * Without WEB_BASE_URL the feed's links take the address the request came to (plain http: behind
 * a TLS proxy, set WEB_BASE_URL). Null when the Host header is missing or not a host.
 */
function originOf(req: WebRequest): string | null {
  const host = req.headers.host ?? '';
  return HOST.test(host) ? `http://${host.toLowerCase()}` : null;
}
