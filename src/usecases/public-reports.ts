import { renderPostmortemHtml } from '../domain/postmortem/html.ts';
import { publicTextOf } from '../domain/postmortem/html-context.ts';
import { publicRedactor } from '../domain/postmortem/html-text.ts';
import type { PostmortemDraft } from '../domain/postmortem/model.ts';
import { condense, slackToPlain } from '../domain/slack-text.ts';
import type { PeopleDirectory, Severity } from '../domain/types.ts';
import { composeDraft } from './compose-draft.ts';
import type { PublishedIncident } from './library-port.ts';
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

/** Every published report, newest published first. */
export async function publicReports(deps: Pick<Deps, 'store'>): Promise<PublicReport[]> {
  const [published, people] = await Promise.all([
    deps.store.library.published(),
    deps.store.people.directory(),
  ]);
  return published.filter(isPublic).map((p) => reportOf(p, people));
}

/**
 * The public HTML page of one report (`scribe export --public --format html`'s renderer, with
 * everyone in the workspace hidden), or null when it is unknown, unpublished or private: the
 * caller cannot tell those apart.
 */
export async function publicReportHtml(deps: ReportDeps, id: number): Promise<string | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const listed = (await deps.store.library.published()).some(
    (p) => p.incident.id === id && isPublic(p),
  );
  if (!listed) return null;
  const names = [...(await deps.store.people.directory()).values()];
  const draft = await stillPublishedDraft(deps, id);
  return draft && renderPostmortemHtml(draft, { public: true, knownNames: names });
}

/** The newest `limit` reports with a short summary each, for the Atom feed. */
export async function publicFeed(deps: ReportDeps, limit: number): Promise<PublicFeedEntry[]> {
  const reports = (await publicReports(deps)).slice(0, limit);
  const names = [...(await deps.store.people.directory()).values()];
  const entries: PublicFeedEntry[] = [];
  // One at a time: a few dozen drafts, each one store read, are not worth a burst.
  for (const report of reports) {
    const draft = await stillPublishedDraft(deps, report.id);
    if (draft === null) continue;
    const summary =
      draft.summary === null
        ? null
        : condense(publicTextOf(draft, names)(draft.summary), SUMMARY_MAX);
    entries.push({ report, summary });
  }
  return entries;
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

function reportOf(published: PublishedIncident, people: PeopleDirectory): PublicReport {
  const { incident } = published;
  return {
    id: incident.id,
    title: condense(redactorFor(incident, people)(slackToPlain(incident.title, people)), TITLE_MAX),
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
 * half by the `…` cannot slip through.
 */
function redactorFor(
  incident: PublishedIncident['incident'],
  people: PeopleDirectory,
): (plain: string) => string {
  const roles = new Map<string, string>();
  const name = (id: string) => people.get(id) ?? id;
  if (incident.leadId !== null) roles.set(name(incident.leadId), 'the incident lead');
  if (!roles.has(name(incident.reporterId))) roles.set(name(incident.reporterId), 'the reporter');
  for (const person of people.values()) {
    if (person.trim() !== '' && !roles.has(person)) roles.set(person, 'a responder');
  }
  return publicRedactor(roles);
}
