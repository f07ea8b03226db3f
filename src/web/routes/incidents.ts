import type { CustomRoute } from '@slack/bolt';
import { listIncidents } from '../../usecases/library.ts';
import { get, queryOf, sendHtml } from '../http.ts';
import { parseIncidentFilter } from '../incident-filter.ts';
import type { SiteAuth, SiteDeps } from '../site-deps.ts';
import type { Viewer } from '../viewer.ts';
import type { FilterFacets } from '../views/filter-form.ts';
import { renderIncidentList } from '../views/incident-list.ts';
import { incidentPageRoutes } from './incident-page.ts';

export function incidentRoutes(deps: SiteDeps, auth: SiteAuth): CustomRoute[] {
  return [...incidentListRoute(deps, auth), ...incidentPageRoutes(deps, auth)];
}

/** `/incidents`: the filtered, paged list; a filter that cannot be read answers 400 with why. */
export function incidentListRoute(deps: SiteDeps, auth: SiteAuth): CustomRoute[] {
  return [
    get('/incidents', deps.logger, async (req, res) => {
      const viewer = await auth.viewer(req, res, 'page');
      if (viewer === null) return;
      const params = queryOf(req);
      const facets = await facetsFor(deps, viewer);
      const parsed = parseIncidentFilter(params, { timeZone: deps.timeZone });
      if (!parsed.ok) {
        const html = renderIncidentList({
          viewer,
          timeZone: deps.timeZone,
          params,
          facets,
          result: { errors: parsed.errors },
        });
        sendHtml(res, html, { status: 400 });
        return;
      }
      const { filter } = parsed;
      const list = await listIncidents(
        deps,
        { ...filter.query, privateChannels: [...viewer.privateChannels] },
        { detectedBy: filter.detectedBy, page: filter.page, perPage: filter.perPage },
      );
      const html = renderIncidentList({
        viewer,
        timeZone: deps.timeZone,
        params,
        facets,
        result: { filter, list },
      });
      sendHtml(res, html);
    }),
  ];
}

/** The form's choices come only from incidents this viewer may see. */
async function facetsFor(deps: SiteDeps, viewer: Viewer): Promise<FilterFacets> {
  const facets = await deps.store.library.facets([...viewer.privateChannels]);
  const people = facets.leads.length > 0 ? await deps.store.people.directory() : new Map();
  const leads = facets.leads
    .map((id) => ({ id, name: people.get(id) ?? id }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { services: facets.services, categories: facets.categories, tags: facets.tags, leads };
}
