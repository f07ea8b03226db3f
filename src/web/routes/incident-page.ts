import type { ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import {
  DOWNLOADS,
  incidentDownload,
  incidentTranscript,
  incidentView,
  isDownloadName,
} from '../../usecases/incident-view.ts';
import { get, param, queryOf, sendDownload, sendHtml } from '../http.ts';
import type { SiteAuth, SiteDeps } from '../site-deps.ts';
import { canSee, type Viewer } from '../viewer.ts';
import { esc } from '../views/html.ts';
import { incidentNotFoundPage, incidentPage } from '../views/incident-page.ts';
import { transcriptPage, transcriptPages } from '../views/incident-transcript.ts';
import { page } from '../views/layout.ts';

// One incident's page, its transcript and its downloads. Each asks who is reading first; an id
// that is not a number, a missing incident and one the viewer may not see all get the same 404.

/** A positive whole number as typed in the path (no signs, no leading zeros), else null. */
export function incidentIdOf(raw: string): number | null {
  if (!/^[1-9][0-9]{0,14}$/.test(raw)) return null;
  return Number(raw);
}

export function incidentPageRoutes(deps: SiteDeps, auth: SiteAuth): CustomRoute[] {
  const notFound = (res: ServerResponse, viewer: Viewer) =>
    sendHtml(res, incidentNotFoundPage(viewer), { status: 404 });
  const visibleTo = (viewer: Viewer) => (incident: Parameters<typeof canSee>[1]) =>
    canSee(viewer, incident);

  return [
    get('/incidents/:id', deps.logger, async (req, res) => {
      const viewer = await auth.viewer(req, res, 'page');
      if (viewer === null) return;
      const id = incidentIdOf(param(req, 'id'));
      const view = id === null ? null : await incidentView(deps, id, visibleTo(viewer));
      if (view === null) return notFound(res, viewer);
      sendHtml(res, incidentPage(view, viewer));
    }),

    get('/incidents/:id/transcript', deps.logger, async (req, res) => {
      const viewer = await auth.viewer(req, res, 'page');
      if (viewer === null) return;
      const id = incidentIdOf(param(req, 'id'));
      const transcript = id === null ? null : await incidentTranscript(deps, id, visibleTo(viewer));
      if (transcript === null) return notFound(res, viewer);
      const pages = transcriptPages(transcript.lines.length);
      const raw = queryOf(req).get('page') ?? '1';
      const wanted = /^[1-9][0-9]{0,6}$/.test(raw) ? Number(raw) : null;
      if (wanted === null || wanted > pages) {
        const body = `<h1>No such page</h1>
<p class="error" role="alert">The transcript's page must be a whole number from 1 to ${pages} (got “${esc(raw)}”).</p>
<p><a href="/incidents/${transcript.incident.id}/transcript">The transcript's first page</a></p>`;
        sendHtml(res, page({ title: 'No such page', section: 'incidents', viewer, body }), {
          status: 400,
        });
        return;
      }
      sendHtml(res, transcriptPage(transcript, wanted, deps.timeZone, viewer));
    }),

    get('/incidents/:id/download/:file', deps.logger, async (req, res) => {
      const viewer = await auth.viewer(req, res, 'page');
      if (viewer === null) return;
      const id = incidentIdOf(param(req, 'id'));
      const file = param(req, 'file');
      if (id === null || !isDownloadName(file)) return notFound(res, viewer);
      const body = await incidentDownload(deps, id, file, visibleTo(viewer));
      if (body === null) return notFound(res, viewer);
      // The file name is built from the id and a fixed name, never from user text.
      sendDownload(res, DOWNLOADS[file].type, `incident-${id}-${file}`, body);
    }),
  ];
}
