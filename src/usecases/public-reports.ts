import { writtenSections } from '../domain/postmortem/filled-sections.ts';
import { renderPostmortemHtml } from '../domain/postmortem/html.ts';
import { publicRedactorOf } from '../domain/postmortem/html-text.ts';
import type { PostmortemDraft } from '../domain/postmortem/model.ts';
import { condense, slackToPlain } from '../domain/slack-text.ts';
import type { PeopleDirectory, Severity } from '../domain/types.ts';
import { composeDraft } from './compose-draft.ts';
import type { PublishedFacets, PublishedIncident } from './library-port.ts';
import type { Deps } from './ports.ts';

// The public incident reports (PUBLIC_REPORTS=true, docs/public-reports.md). Everyone may read
// them, so everything here starts from the published post-mortems of public channels and every
// text goes out rewritten for the public: roles instead of names, no links, no Slack ids.

/** A published report as lists, the feed and the history show it: public text only. */
export interface PublicReport {
  id: number;
  /** The title, names replaced by roles. */
  title: string;
  severity: Severity;
  declaredAt: number;
  resolvedAt: number | null;
  publishedAt: number;
  category: string | null;
  services: string[];
}

/** A feed entry: the report and a short public summary (null when none was written). */
export interface PublicFeedEntry {
  report: PublicReport;
  summary: string | null;
}

type ReportDeps = Pick<Deps, 'store' | 'timeZone' | 'clock'>;

const TITLE_MAX = 150;
const SUMMARY_MAX = 400;

/** One page of the public list, and what the page shows around it. */
export interface PublicReportsPage {
  /** This page's reports, newest published first. */
  reports: PublicReport[];
  /** Reports in the list shown (the category's, or all). */
  total: number;
  /** 1-based; past the last page `reports` is empty. */
  page: number;
  /** At least 1. */
  pages: number;
  /** Every published report counted, per category, and the services they name. */
  facets: PublishedFacets;
  /** Reports active at or after `historySince` (the per-service history's window). */
  history: PublicReport[];
}

/**
 * One page of the published reports (`perPage` a page), of one category or all, with the reports
 * the history needs: only those, not every report ever published, are read and rewritten.
 */
export async function publicReportsPage(
  deps: Pick<Deps, 'store'>,
  options: { category: string | null; page: number; perPage: number; historySince: number | null },
): Promise<PublicReportsPage> {
  const { category, page, perPage, historySince } = options;
  if (!Number.isSafeInteger(page) || page < 1)
    throw new RangeError(`page must be 1 or more: ${page}`);
  const [facets, listed, active, people] = await Promise.all([
    deps.store.library.publishedFacets(),
    deps.store.library.published({
      ...(category === null ? {} : { category }),
      offset: (page - 1) * perPage,
      limit: perPage,
    }),
    historySince === null
      ? Promise.resolve([])
      : deps.store.library.published({ activeSince: historySince }),
    deps.store.people.directory(),
  ]);
  const total =
    category === null
      ? facets.total
      : (facets.categories.find((c) => c.category === category)?.reports ?? 0);
  const reportOf = reporter(people);
  return {
    reports: listed.filter(isPublic).map(reportOf),
    total,
    page,
    pages: Math.max(1, Math.ceil(total / perPage)),
    facets,
    history: active.filter(isPublic).map(reportOf),
  };
}

/**
 * The public HTML page of one report (`scribe export --public --format html`'s renderer, with
 * everyone in the workspace hidden), or null when it is unknown, unpublished or private: the
 * caller cannot tell those apart.
 */
export async function publicReportHtml(deps: ReportDeps, id: number): Promise<string | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const listed = (await deps.store.library.published({ id })).some(isPublic);
  if (!listed) return null;
  const names = [...(await deps.store.people.directory()).values()];
  const draft = await stillPublishedDraft(deps, id);
  return draft && renderPostmortemHtml(draft, { public: true, knownNames: names });
}

/**
 * The newest `limit` reports with a short summary each, for the Atom feed: the summary is the
 * latest written summary section, rewritten as the report's title is (roles, no links, no ids),
 * read on its own rather than by composing every report's whole draft.
 */
export async function publicFeed(
  deps: Pick<Deps, 'store'>,
  limit: number,
): Promise<PublicFeedEntry[]> {
  const [published, people] = await Promise.all([
    deps.store.library.published({ limit }),
    deps.store.people.directory(),
  ]);
  const shown = published.filter(isPublic);
  const summaries = await deps.store.library.publishedSummaries(shown.map((p) => p.incident.id));
  const redactorOf = redactors(people);
  return shown.flatMap((p) => {
    // Not listed by the summaries' read: unpublished or made private since the list was read.
    const sections = summaries.get(p.incident.id);
    const written = sections === undefined ? null : writtenSections(sections, people).summary;
    const redact = redactorOf(p.incident);
    return [
      {
        report: reportWith(p, redact, people),
        summary: written === null ? null : condense(redact(written), SUMMARY_MAX),
      },
    ];
  });
}

/**
 * The draft of an incident the store listed as published; checked again once composed, so one
 * unpublished or made private since the list was read is not shown (null).
 */
async function stillPublishedDraft(deps: ReportDeps, id: number): Promise<PostmortemDraft | null> {
  const draft = await composeDraft(deps, id);
  const incident = await deps.store.incidents.get(id);
  if (draft === null || incident === null || incident.isPrivate === true) return null;
  return draft.postmortem.state === 'published' ? draft : null;
}

function isPublic(published: PublishedIncident): boolean {
  return published.incident.isPrivate !== true;
}

/** Reports from published incidents, one redactor pattern for all of them. */
function reporter(people: PeopleDirectory): (published: PublishedIncident) => PublicReport {
  const redactorFor = redactors(people);
  return (published) => reportWith(published, redactorFor(published.incident), people);
}

function reportWith(
  published: PublishedIncident,
  redact: (plain: string) => string,
  people: PeopleDirectory,
): PublicReport {
  const { incident } = published;
  return {
    id: incident.id,
    title: condense(redact(slackToPlain(incident.title, people)), TITLE_MAX),
    severity: incident.severity,
    declaredAt: incident.declaredAt,
    resolvedAt: incident.resolvedAt,
    publishedAt: published.publishedAt,
    category: published.category,
    services: published.services,
  };
}

/**
 * The public page's roles without composing the whole draft: the lead and the reporter by role,
 * everyone else in the workspace as "a responder". Redacted before shortening, so a name cut in
 * half by the `…` cannot slip through. Everyone's names are compiled into one pattern once (per
 * request), then each incident only names its lead and reporter.
 */
function redactors(
  people: PeopleDirectory,
): (incident: PublishedIncident['incident']) => (plain: string) => string {
  const workspace = [...people.values()].filter((person) => person.trim() !== '');
  const name = (id: string) => people.get(id) ?? id;
  const compiled = new Map<string, ReturnType<ReturnType<typeof publicRedactorOf>>>();
  let withNames: ReturnType<typeof publicRedactorOf> | null = null;
  return (incident) => {
    const roles = new Map<string, string>();
    if (incident.leadId !== null) roles.set(name(incident.leadId), 'the incident lead');
    if (!roles.has(name(incident.reporterId))) roles.set(name(incident.reporterId), 'the reporter');
    const key = [...roles].flat().join('\u0000');
    let redact = compiled.get(key);
    if (redact === undefined) {
      // A lead or reporter the directory does not know is named by their id: in the pattern too.
      withNames ??= publicRedactorOf(workspace);
      const known = [...roles.keys()].every((n) => workspace.includes(n));
      redact = (known ? withNames : publicRedactorOf([...workspace, ...roles.keys()]))(roles);
      compiled.set(key, redact);
    }
    return redact;
  };
}
