import type { CustomRoute } from '@slack/bolt';
import { formatDay } from '../../domain/time-format.ts';
import { libraryActions } from '../../usecases/library.ts';
import { get, queryOf, sendHtml } from '../http.ts';
import type { SiteAuth, SiteDeps } from '../site-deps.ts';
import {
  type ActionRow,
  matchesAction,
  orderActions,
  parseActionFilter,
  renderActionsPage,
} from '../views/actions-page.ts';

/** `/actions`: the follow-ups of every incident the viewer may see; a bad filter answers 400. */
export function actionRoutes(deps: SiteDeps, auth: SiteAuth): CustomRoute[] {
  return [
    get('/actions', deps.logger, async (req, res) => {
      const viewer = await auth.viewer(req, res, 'page');
      if (viewer === null) return;
      const params = queryOf(req);
      const [visible, people] = await Promise.all([
        libraryActions(deps, viewer),
        deps.store.people.directory(),
      ]);
      const rows: ActionRow[] = visible.map(({ action, incident, purpose }) => ({
        action,
        incident,
        purpose,
        ownerName: action.ownerId === null ? null : (people.get(action.ownerId) ?? action.ownerId),
      }));
      const owners = [
        ...new Map(
          rows.flatMap((r) =>
            r.action.ownerId === null ? [] : [[r.action.ownerId, r.ownerName ?? r.action.ownerId]],
          ),
        ),
      ]
        .map(([id, name]) => ({ id, name }))
        .sort((a, b) => a.name.localeCompare(b.name));
      const now = deps.clock.now();
      const common = { viewer, timeZone: deps.timeZone, now, params, owners };
      const parsed = parseActionFilter(params);
      const pageText = params.get('page')?.trim() || '1';
      const pageNumber = /^[1-9][0-9]{0,5}$/.test(pageText) ? Number(pageText) : null;
      if (!parsed.ok || pageNumber === null) {
        const errors = [
          ...(parsed.ok ? [] : parsed.errors),
          ...(pageNumber === null ? [`page: "${pageText}" is not a page number (1, 2, …).`] : []),
        ];
        sendHtml(res, renderActionsPage({ ...common, result: { errors } }), {
          status: 400,
        });
        return;
      }
      const { filter } = parsed;
      const shown = orderActions(
        rows.filter((r) => matchesAction(r, filter)),
        formatDay(now, deps.timeZone),
      );
      const filtered =
        filter.owner !== null ||
        filter.states.length > 0 ||
        filter.purpose !== null ||
        filter.kind !== null;
      sendHtml(
        res,
        renderActionsPage({ ...common, result: { rows: shown, filtered, page: pageNumber } }),
      );
    }),
  ];
}
