import { parseTag } from '../domain/description/tags.ts';
import { formatTag, SERVICE_KEY } from '../domain/description/types.ts';
import {
  type DetectionSource,
  type IncidentStatus,
  SEVERITIES,
  type Severity,
} from '../domain/types.ts';
import type { IncidentQuery } from '../usecases/library-port.ts';
import { type Day, dayText, isCalendarDay, nextDay, startOfDay } from './filter-days.ts';

// The incident list's filters as they live in the URL (`/incidents?severity=sev1&q=disk`), so a
// view can be shared; the page and the API (`/api/v1/incidents`) read them the same way.

export interface IncidentFilter {
  query: Omit<IncidentQuery, 'privateChannels'>;
  detectedBy: DetectionSource | null;
  page: number;
  perPage: number;
  /** The days as typed (`YYYY-MM-DD`): `query.since`/`until` cannot be read back without the zone. */
  from: string | null;
  to: string | null;
}

export type ParsedFilter = { ok: true; filter: IncidentFilter } | { ok: false; errors: string[] };

export const STATUSES: readonly IncidentStatus[] = ['declared', 'mitigated', 'resolved'];
export const DETECTION_SOURCES: readonly DetectionSource[] = ['monitoring', 'customer', 'person'];
export const DEFAULT_PER_PAGE = 50;
export const MAX_PER_PAGE = 200;
/** Longer searches are not sentences anyone types; the cap keeps the query cheap. */
export const MAX_SEARCH_LENGTH = 200;
const MAX_PAGE = 1_000_000;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const CATEGORY = /^[a-z][a-z0-9_-]{0,31}$/;
const USER_ID = /^[UW][A-Z0-9]{2,20}$/;
const WHOLE = /^\d{1,9}$/;

/** Every bad value gives its own error naming the parameter; unknown parameters are ignored. */
export function parseIncidentFilter(
  params: URLSearchParams,
  options: { timeZone: string },
): ParsedFilter {
  const errors: string[] = [];
  const read = new Reader(params, errors);

  const statuses = read.many('status', STATUSES, 'a status');
  const severities = read.many('severity', SEVERITIES, 'a severity') as Severity[];

  let service: string | null = null;
  const serviceText = read.one('service');
  if (serviceText !== null) {
    const parsed = parseTag(`${SERVICE_KEY}:${serviceText}`);
    if (parsed.ok) service = parsed.tag.value;
    else errors.push(`service: ${shown(serviceText)} is not a service name: ${parsed.error}`);
  }

  const categoryText = read.one('category')?.toLowerCase() ?? null;
  if (categoryText !== null && !CATEGORY.test(categoryText)) {
    errors.push(
      `category: ${shown(categoryText)} is not a category: a letter then up to 31 letters, digits, - or _.`,
    );
  }

  let tag: IncidentFilter['query']['tag'] = null;
  const tagText = read.one('tag');
  if (tagText !== null) {
    const parsed = parseTag(tagText);
    if (parsed.ok) tag = parsed.tag;
    else errors.push(`tag: ${parsed.error}`);
  }

  const from = read.day('from');
  const to = read.day('to');
  const since = from === null ? null : startOfDay(from, options.timeZone);
  const until = to === null ? null : startOfDay(nextDay(to), options.timeZone);
  if (from !== null && to !== null && dayText(from) > dayText(to)) {
    errors.push(
      `from: ${dayText(from)} is after to (${dayText(to)}); the range would hold no day.`,
    );
  }

  const lead = read.one('lead');
  if (lead !== null && !USER_ID.test(lead)) {
    errors.push(`lead: ${shown(lead)} is not a Slack user id (like U024BE7LH).`);
  }

  const detected = read.many('detected', DETECTION_SOURCES, 'a detection source', true);

  const text = read.one('q');
  if (text !== null && Array.from(text).length > MAX_SEARCH_LENGTH) {
    errors.push(`q: keep the search to ${MAX_SEARCH_LENGTH} characters.`);
  }

  const page = read.whole('page', 1, MAX_PAGE) ?? 1;
  const perPage = read.whole('per', 1, MAX_PER_PAGE) ?? DEFAULT_PER_PAGE;

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    filter: {
      query: {
        statuses,
        severities,
        service,
        category: categoryText,
        tag,
        since,
        until,
        leadId: lead,
        text,
      },
      detectedBy: detected[0] ?? null,
      page,
      perPage,
      from: from === null ? null : dayText(from),
      to: to === null ? null : dayText(to),
    },
  };
}

/**
 * The filter back as URL pairs, in a fixed order so equal filters give equal links; defaults
 * (page 1, 50 a page) are left out.
 */
export function filterParams(filter: IncidentFilter): Array<[string, string]> {
  const { query } = filter;
  const pairs: Array<[string, string]> = [];
  for (const status of query.statuses) pairs.push(['status', status]);
  for (const severity of query.severities) pairs.push(['severity', severity]);
  if (query.service !== null) pairs.push(['service', query.service]);
  if (query.category !== null) pairs.push(['category', query.category]);
  if (query.tag !== null) pairs.push(['tag', formatTag(query.tag)]);
  if (filter.from !== null) pairs.push(['from', filter.from]);
  if (filter.to !== null) pairs.push(['to', filter.to]);
  if (query.leadId !== null) pairs.push(['lead', query.leadId]);
  if (filter.detectedBy !== null) pairs.push(['detected', filter.detectedBy]);
  if (query.text !== null) pairs.push(['q', query.text]);
  if (filter.page !== 1) pairs.push(['page', String(filter.page)]);
  if (filter.perPage !== DEFAULT_PER_PAGE) pairs.push(['per', String(filter.perPage)]);
  return pairs;
}

/** The same filter on another page. */
export function onPage(filter: IncidentFilter, page: number): IncidentFilter {
  return { ...filter, page };
}

/** Reads parameters; an empty value (an untouched form control) counts as absent. */
class Reader {
  constructor(
    private readonly params: URLSearchParams,
    private readonly errors: string[],
  ) {}

  private values(name: string): string[] {
    return this.params
      .getAll(name)
      .map((v) => v.trim())
      .filter((v) => v !== '');
  }

  one(name: string): string | null {
    const values = this.values(name);
    if (values.length > 1) {
      this.errors.push(`${name}: give it once (got ${values.length} values).`);
      return null;
    }
    return values[0] ?? null;
  }

  many<T extends string>(name: string, allowed: readonly T[], what: string, single = false): T[] {
    const values = single ? [this.one(name)].filter((v) => v !== null) : this.values(name);
    const found: T[] = [];
    for (const raw of values) {
      const value = raw.toLowerCase();
      const known = allowed.find((a) => a === value);
      if (known === undefined) {
        this.errors.push(`${name}: ${shown(raw)} is not ${what}; use ${allowed.join(', ')}.`);
      } else found.push(known);
    }
    // In the allowed order, once each: equal filters then give equal links.
    return allowed.filter((a) => found.includes(a));
  }

  day(name: string): Day | null {
    const text = this.one(name);
    if (text === null) return null;
    const match = DAY.exec(text);
    const [, year, month, date] = match ?? [];
    const day = match ? { year: Number(year), month: Number(month), day: Number(date) } : null;
    if (day === null || !isCalendarDay(day)) {
      this.errors.push(`${name}: ${shown(text)} is not a day; write it as YYYY-MM-DD.`);
      return null;
    }
    return day;
  }

  whole(name: string, min: number, max: number): number | null {
    const text = this.one(name);
    if (text === null) return null;
    const value = WHOLE.test(text) ? Number(text) : Number.NaN;
    if (!(value >= min && value <= max)) {
      this.errors.push(`${name}: ${shown(text)} is not a whole number from ${min} to ${max}.`);
      return null;
    }
    return value;
  }
}

/** A typed value quoted in an error, cut short (the page escapes it). */
function shown(text: string): string {
  const chars = Array.from(text);
  return `"${chars.slice(0, 40).join('')}${chars.length > 40 ? '…' : ''}"`;
}
