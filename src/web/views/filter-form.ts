import { SEVERITIES } from '../../domain/types.ts';
import { DEFAULT_PER_PAGE, DETECTION_SOURCES, STATUSES } from '../incident-filter.ts';
import { detectionLabel, statusLabel } from './format.ts';
import { attr, esc } from './html.ts';

// The filter forms (GET, so the result's URL is the filter and can be shared). They show the
// values as typed, also the ones that could not be read, so a mistake can be corrected in place.

/** What the form offers: the values in use among the incidents the viewer can see. */
export interface FilterFacets {
  services: readonly string[];
  categories: readonly string[];
  tags: readonly string[];
  /** Leads by Slack id, with their names. */
  leads: ReadonlyArray<{ id: string; name: string }>;
}

export interface Choice {
  value: string;
  label: string;
}

const PER_PAGE_CHOICES = [10, 25, 50, 100, 200];

/** A labelled `<select>` whose first choice, "Any", sends nothing; the typed value is kept. */
export function selectControl(
  name: string,
  label: string,
  choices: readonly Choice[],
  current: string,
): string {
  const known = choices.some((c) => c.value === current);
  const all = current === '' || known ? choices : [...choices, { value: current, label: current }];
  const options = [{ value: '', label: 'Any' }, ...all]
    .map(
      (c) =>
        `<option value="${attr(c.value)}"${c.value === current ? ' selected' : ''}>${esc(c.label)}</option>`,
    )
    .join('');
  return `<label>${esc(label)}<select name="${attr(name)}">${options}</select></label>`;
}

/** A group of checkboxes sharing one parameter (repeatable: `status=declared&status=resolved`). */
export function checkboxGroup(
  name: string,
  legend: string,
  choices: readonly Choice[],
  checked: readonly string[],
): string {
  const boxes = choices
    .map(
      (c) =>
        `<label><input type="checkbox" name="${attr(name)}" value="${attr(c.value)}"${
          checked.includes(c.value) ? ' checked' : ''
        }> ${esc(c.label)}</label>`,
    )
    .join('');
  return `<fieldset><legend>${esc(legend)}</legend>${boxes}</fieldset>`;
}

export function textControl(
  name: string,
  label: string,
  current: string,
  type: 'search' | 'text' | 'date' = 'text',
  extra = '',
): string {
  return `<label>${esc(label)}<input type="${type}" name="${attr(name)}" value="${attr(current)}"${extra}></label>`;
}

/** Page size: no "Any"; a size typed into the URL that is not offered is kept as a choice. */
function perPageControl(current: string): string {
  const selected = current === '' ? String(DEFAULT_PER_PAGE) : current;
  const sizes = PER_PAGE_CHOICES.map(String);
  if (!sizes.includes(selected)) sizes.push(selected);
  const options = sizes
    .map((n) => `<option value="${attr(n)}"${n === selected ? ' selected' : ''}>${esc(n)}</option>`)
    .join('');
  return `<label>Per page<select name="per">${options}</select></label>`;
}

const plain = (values: readonly string[]): Choice[] => values.map((v) => ({ value: v, label: v }));

/** The incident list's form, filled from the request's parameters. */
export function incidentFilterForm(params: URLSearchParams, facets: FilterFacets): string {
  const one = (name: string) => params.get(name)?.trim() ?? '';
  const many = (name: string) => params.getAll(name).map((v) => v.trim().toLowerCase());
  const controls = [
    textControl('q', 'Search titles, sections and messages', one('q'), 'search'),
    checkboxGroup(
      'status',
      'Status',
      STATUSES.map((s) => ({ value: s, label: statusLabel(s) })),
      many('status'),
    ),
    checkboxGroup(
      'severity',
      'Severity',
      SEVERITIES.map((s) => ({ value: s, label: s.toUpperCase() })),
      many('severity'),
    ),
    selectControl('service', 'Service', plain(facets.services), one('service')),
    selectControl('category', 'Category', plain(facets.categories), one('category')),
    textControl('tag', 'Tag (key:value or a word)', one('tag'), 'text', ' list="known-tags"'),
    `<datalist id="known-tags">${facets.tags.map((t) => `<option value="${attr(t)}">`).join('')}</datalist>`,
    selectControl(
      'lead',
      'Lead',
      facets.leads.map((l) => ({ value: l.id, label: l.name })),
      one('lead'),
    ),
    selectControl(
      'detected',
      'Detected by',
      DETECTION_SOURCES.map((d) => ({ value: d, label: detectionLabel(d) })),
      one('detected'),
    ),
    textControl('from', 'Declared from (day)', one('from'), 'date'),
    textControl('to', 'Declared to (day, included)', one('to'), 'date'),
    perPageControl(one('per')),
  ];
  return `<form class="filters" method="get" action="/incidents" role="search" aria-label="Filter incidents">
${controls.join('\n')}
<div class="actions"><button class="primary" type="submit">Show incidents</button><a href="/incidents">Clear filters</a></div>
</form>`;
}
