import { ACTION_PURPOSES, type ActionPurpose } from '../../domain/description/types.ts';
import { formatDay } from '../../domain/time-format.ts';
import type { ActionItem, ActionKind, ActionStatus, Incident } from '../../domain/types.ts';
import type { Viewer } from '../viewer.ts';
import { checkboxGroup, selectControl } from './filter-form.ts';
import {
  actionKindLabel,
  actionStatusLabel,
  count,
  day,
  purposeLabel,
  severityBadge,
} from './format.ts';
import { attr, esc, hrefWith, tableBox } from './html.ts';
import { page } from './layout.ts';

// `/actions`: every follow-up and task across the incidents the viewer may see, overdue first.

const STATES: readonly ActionStatus[] = ['open', 'done', 'dropped'];
const KINDS: readonly ActionKind[] = ['follow_up', 'task'];
const PURPOSES: ReadonlyArray<ActionPurpose | 'none'> = [...ACTION_PURPOSES, 'none'];
const USER_ID = /^[UW][A-Z0-9]{2,20}$/;

/** Filters of the follow-ups, from the URL; null means any. `purpose: 'none'` is "nobody said". */
export interface ActionFilter {
  owner: string | null;
  states: ActionStatus[];
  purpose: ActionPurpose | 'none' | null;
  kind: ActionKind | null;
}

export function parseActionFilter(
  params: URLSearchParams,
): { ok: true; filter: ActionFilter } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const values = (name: string) =>
    params
      .getAll(name)
      .map((v) => v.trim())
      .filter((v) => v !== '');
  const one = (name: string): string | null => {
    const all = values(name);
    if (all.length > 1) errors.push(`${name}: give it once (got ${all.length} values).`);
    return all.length === 1 ? (all[0] ?? null) : null;
  };
  const pick = <T extends string>(name: string, raw: string, allowed: readonly T[]) => {
    const found = allowed.find((a) => a === raw.toLowerCase().replace('-', '_'));
    if (found === undefined) {
      errors.push(`${name}: ${shown(raw)} is not one of ${allowed.join(', ')}.`);
    }
    return found ?? null;
  };
  const owner = one('owner');
  if (owner !== null && !USER_ID.test(owner)) {
    errors.push(`owner: ${shown(owner)} is not a Slack user id (like U024BE7LH).`);
  }
  const states = [
    ...new Set(values('state').flatMap((s) => pick('state', s, STATES) ?? [])),
  ] as ActionStatus[];
  const purposeText = one('purpose');
  const purpose = purposeText === null ? null : pick('purpose', purposeText, PURPOSES);
  const kindText = one('kind');
  const kind = kindText === null ? null : pick('kind', kindText, KINDS);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, filter: { owner, states, purpose, kind } };
}

function shown(text: string): string {
  const chars = Array.from(text);
  return `"${chars.slice(0, 40).join('')}${chars.length > 40 ? '…' : ''}"`;
}

/** One follow-up as the page shows it. */
export interface ActionRow {
  action: ActionItem;
  incident: Incident;
  purpose: ActionPurpose | null;
  /** The owner's name, or null without an owner. */
  ownerName: string | null;
}

/** Overdue (open, due date past) first, then by due date, undated last; then oldest first. */
export function orderActions(rows: readonly ActionRow[], today: string): ActionRow[] {
  const late = (r: ActionRow) => lateDays(r.action, today) > 0;
  return [...rows].sort(
    (a, b) =>
      Number(late(b)) - Number(late(a)) ||
      (a.action.dueDate ?? '9999').localeCompare(b.action.dueDate ?? '9999') ||
      a.action.id - b.action.id,
  );
}

export function matchesAction(row: ActionRow, filter: ActionFilter): boolean {
  const { action } = row;
  return (
    (filter.owner === null || action.ownerId === filter.owner) &&
    (filter.states.length === 0 || filter.states.includes(action.status)) &&
    (filter.purpose === null || (row.purpose ?? 'none') === filter.purpose) &&
    (filter.kind === null || action.kind === filter.kind)
  );
}

/** Whole days an open action is past its due date (0 when not overdue). */
function lateDays(action: ActionItem, today: string): number {
  if (action.status !== 'open' || action.dueDate === null || action.dueDate >= today) return 0;
  return Math.round((Date.parse(today) - Date.parse(action.dueDate)) / 86_400_000);
}

export interface ActionsPageModel {
  viewer: Viewer;
  timeZone: string;
  now: number;
  params: URLSearchParams;
  /** Everyone owning a visible action, for the form. */
  owners: ReadonlyArray<{ id: string; name: string }>;
  /** The rows already filtered and ordered; or the errors of a filter that could not be read. */
  result: { rows: ActionRow[]; filtered: boolean; page?: number } | { errors: string[] };
}

/** Rows a page shows: counts above the table still cover every matching row. */
export const ACTIONS_PER_PAGE = 100;

export function renderActionsPage(model: ActionsPageModel): string {
  const form = actionFilterForm(model.params, model.owners);
  const today = formatDay(model.now, model.timeZone);
  const body =
    'errors' in model.result
      ? `<h1>Follow-ups</h1>
<div class="error" role="alert"><h2>These filters could not be read</h2><ul>${model.result.errors
          .map((e) => `<li>${esc(e)}</li>`)
          .join(
            '',
          )}</ul><p>Correct them below, or <a href="/actions">clear every filter</a>.</p></div>
${form}`
      : `<h1>Follow-ups</h1>
${form}
${actionTable(model.result.rows, model.result.filtered, today, model.timeZone, model.result.page ?? 1, model.params)}`;
  return page({ title: 'Follow-ups', section: 'actions', viewer: model.viewer, body });
}

function actionFilterForm(
  params: URLSearchParams,
  owners: ReadonlyArray<{ id: string; name: string }>,
): string {
  const one = (name: string) => params.get(name)?.trim() ?? '';
  const controls = [
    selectControl(
      'owner',
      'Owner',
      owners.map((o) => ({ value: o.id, label: o.name })),
      one('owner'),
    ),
    checkboxGroup(
      'state',
      'State',
      STATES.map((s) => ({ value: s, label: actionStatusLabel(s) })),
      params.getAll('state').map((s) => s.trim().toLowerCase()),
    ),
    selectControl(
      'purpose',
      'Purpose',
      PURPOSES.map((p) => ({ value: p, label: p === 'none' ? 'Not said' : purposeLabel(p) })),
      one('purpose'),
    ),
    selectControl(
      'kind',
      'Kind',
      KINDS.map((k) => ({ value: k, label: actionKindLabel(k) })),
      one('kind'),
    ),
  ];
  return `<form class="filters" method="get" action="/actions" aria-label="Filter follow-ups">
${controls.join('\n')}
<div class="actions"><button class="primary" type="submit">Show follow-ups</button><a href="/actions">Clear filters</a></div>
</form>`;
}

function actionTable(
  rows: ActionRow[],
  filtered: boolean,
  today: string,
  timeZone: string,
  pageNumber: number,
  params: URLSearchParams,
) {
  if (rows.length === 0) {
    return `<p class="notice">${
      filtered
        ? 'No follow-up matches these filters. <a href="/actions">Clear the filters</a> to see them all.'
        : 'No follow-ups yet. They are added in an incident channel with <code>/action add</code>.'
    }</p>`;
  }
  const overdue = rows.filter((r) => lateDays(r.action, today) > 0).length;
  const pages = Math.max(1, Math.ceil(rows.length / ACTIONS_PER_PAGE));
  const shown = rows.slice((pageNumber - 1) * ACTIONS_PER_PAGE, pageNumber * ACTIONS_PER_PAGE);
  if (shown.length === 0) {
    return `<p class="notice">There is no page ${esc(String(pageNumber))}: the follow-ups fill ${esc(count(pages, 'page'))}. <a href="${attr(pageHref(params, 1))}">Go to the first page</a>.</p>`;
  }
  return `<h2>${esc(count(rows.length, 'item'))}, ${esc(count(overdue, 'overdue', 'overdue'))}</h2>
${tableBox('Follow-ups and tasks')}<table>
<caption>Follow-ups and tasks${filtered ? ' matching the filters' : ''}, overdue first, then by due date (overdue as of ${esc(today)}, ${esc(timeZone)})</caption>
<thead><tr><th scope="col">Owner</th><th scope="col">State</th><th scope="col">Due</th><th scope="col">Purpose</th><th scope="col">Action</th><th scope="col">Incident</th></tr></thead>
<tbody>
${shown.map((r) => actionRow(r, today)).join('\n')}
</tbody>
</table></div>
${pageNav(pageNumber, pages, params)}`;
}

function pageHref(params: URLSearchParams, n: number): string {
  const kept = [...params].filter(([name]) => name !== 'page');
  return hrefWith('/actions', n === 1 ? kept : [...kept, ['page', String(n)]]);
}

function pageNav(pageNumber: number, pages: number, params: URLSearchParams): string {
  if (pages === 1) return '';
  const previous =
    pageNumber > 1
      ? `<a href="${attr(pageHref(params, pageNumber - 1))}" rel="prev">Previous</a>`
      : '';
  const next =
    pageNumber < pages
      ? `<a href="${attr(pageHref(params, pageNumber + 1))}" rel="next">Next</a>`
      : '';
  return `<nav class="pages" aria-label="Pages">${previous}<span>Page ${pageNumber} of ${pages}</span>${next}</nav>`;
}

function actionRow(row: ActionRow, today: string): string {
  const { action, incident } = row;
  const late = lateDays(action, today);
  const due =
    action.dueDate === null
      ? '—'
      : `${day(action.dueDate)}${
          late > 0 ? ` <span class="overdue">overdue by ${esc(count(late, 'day'))}</span>` : ''
        }`;
  const kind = action.kind === 'task' ? ' <span class="badge">Task</span>' : '';
  return `<tr><td>${esc(row.ownerName ?? 'Nobody yet')}</td><td>${esc(actionStatusLabel(action.status))}</td><td>${due}</td><td>${esc(purposeLabel(row.purpose))}</td><th scope="row"><span class="muted">#${action.id}</span> ${esc(action.text)}${kind}</th><td>${severityBadge(incident.severity)} <a href="/incidents/${attr(incident.id)}">${esc(incident.title)}</a></td></tr>`;
}
