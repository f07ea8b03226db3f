import { relatedPost } from '../domain/related/post.ts';
import { recurrence } from '../domain/related/score.ts';
import type { ScoredRelation } from '../domain/related/types.ts';
import { relatedView } from '../domain/related/view.ts';
import type { Incident } from '../domain/types.ts';
import type { RelatedDeps, RelatedOutcome } from './find-related.ts';
import { failureCode } from './ports.ts';
import type { RelatedFindings } from './related-records.ts';

/**
 * Stores what a lookup ranked (relations, prevention matches) and posts the relations not posted
 * before. The caller holds the incident's related claim, so two lookups never post the same one.
 */
export async function recordAndPost(
  deps: RelatedDeps,
  incident: Incident,
  ranked: readonly ScoredRelation[],
  findings: RelatedFindings,
): Promise<RelatedOutcome> {
  const { store } = deps;
  const incidentId = incident.id;
  const followUps = await store.related.unfinishedActions(ranked.map((r) => r.incident.id));
  const now = deps.clock.now();
  const posted = await store.related.record(
    incidentId,
    ranked.map((r) => ({ relatedId: r.incident.id, reasons: r.reasons, score: r.score })),
    followUps.map((f) => f.action.id),
    now,
  );
  const fresh = ranked.filter((r) => (posted.get(r.incident.id) ?? null) === null);
  if (fresh.length === 0) return 'nothing-new';
  const freshIds = new Set(fresh.map((r) => r.incident.id));
  const view = relatedView({
    current: incident,
    relations: fresh.map((r) => ({ related: r.incident, reasons: r.reasons, score: r.score })),
    followUps: followUps.filter((f) => freshIds.has(f.incident.id)),
    recurrence: recurrence(findings.alertIncidents),
    people: await store.people.directory(),
    now,
    timeZone: deps.timeZone,
  });
  const text = relatedPost(view, deps.timeZone);
  if (text === null) return 'nothing-new';
  let ts: string;
  try {
    ({ ts } = await deps.notifier.post(incident.channelId, { text }));
  } catch (error) {
    deps.logger.warn(
      { err: error, incidentId, code: failureCode(error) },
      'could not post related incidents; the next alert, tag or service tries again',
    );
    return 'not-posted';
  }
  await store.related.markPosted(incidentId, [...freshIds], ts);
  return 'posted';
}
