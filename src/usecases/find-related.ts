import { relatedPost } from '../domain/related/post.ts';
import { RECURRENCE_DAYS, rankRelated, recurrence } from '../domain/related/score.ts';
import { searchTerms } from '../domain/related/terms.ts';
import { relatedView } from '../domain/related/view.ts';
import { claimsOf } from './claims.ts';
import { type Deps, failureCode } from './ports.ts';

/** What looking for related incidents needs; the alert paths pass their own narrower deps. */
export type RelatedDeps = Pick<Deps, 'store' | 'notifier' | 'clock' | 'logger' | 'timeZone'> &
  Pick<Partial<Deps>, 'replica'>;

export type RelatedOutcome =
  /** A post named relations not posted before. */
  | 'posted'
  /** Nothing related, or only relations already posted. */
  | 'nothing-new'
  /** Another trigger (this replica's or another's) is looking right now. */
  | 'busy'
  | 'no-incident'
  /** Found and stored, but Slack refused the post: the next trigger posts them. */
  | 'not-posted';

const DAY_MS = 86_400_000;
/** How many text matches the engine ranks: only the best few can score. */
const TEXT_LIMIT = 10;

/** The claim that keeps two triggers (alerts at once, two replicas) from posting twice. */
export const relatedClaimKey = (incidentId: number) => `related:${incidentId}`;

/**
 * Finds past incidents related to this one, stores them with the open or dropped follow-ups they
 * left (prevention matches), and posts in the incident's channel the ones not posted before: at
 * most one post per call, none when nothing is new. Called when an incident starts and when new
 * alerts, tags or services arrive; safe to call as often as that happens.
 */
export function findRelated(deps: RelatedDeps, incidentId: number): Promise<RelatedOutcome> {
  // Lookups of one incident in this process run one after the other: a lookup triggered while
  // another runs (an alert message and the services it suggests) may see more, so it waits
  // rather than meeting the claim and skipping. Across replicas the claim decides.
  // A trigger that finds a lookup already waiting joins it instead of queueing one more: that
  // lookup has not read anything yet, so it sees whatever this trigger stored. A burst of alerts
  // in one incident thus costs one lookup while one runs, not one per alert.
  let line = lines.get(deps.store);
  if (line === undefined) {
    line = new Map();
    lines.set(deps.store, line);
  }
  const incidents = line;
  const turn = incidents.get(incidentId) ?? { running: null, waiting: null };
  if (turn.waiting !== null) return turn.waiting;
  const run: Promise<RelatedOutcome> = (turn.running ?? Promise.resolve())
    .catch(() => undefined)
    .then(() => {
      turn.waiting = null;
      turn.running = run;
      return lookOnce(deps, incidentId);
    });
  turn.waiting = run;
  incidents.set(incidentId, turn);
  const forget = () => {
    if (turn.running === run) turn.running = null;
    if (turn.running === null && turn.waiting === null && incidents.get(incidentId) === turn) {
      incidents.delete(incidentId);
    }
  };
  run.then(forget, forget);
  return run;
}

/** Per incident: the lookup running now, and the one waiting for it (which later triggers join). */
interface Turn {
  running: Promise<RelatedOutcome> | null;
  waiting: Promise<RelatedOutcome> | null;
}

/** Lookups per incident, per store (a process may run several bots in tests). */
const lines = new WeakMap<object, Map<number, Turn>>();

async function lookOnce(deps: RelatedDeps, incidentId: number): Promise<RelatedOutcome> {
  let outcome: RelatedOutcome = 'busy';
  await claimsOf(deps).holding(relatedClaimKey(incidentId), async () => {
    outcome = await findAndPost(deps, incidentId);
  });
  deps.logger.debug({ incidentId, outcome }, 'looked for related incidents');
  return outcome;
}

/** The same for the channel's open incident (alert paths know the channel, not the incident). */
export async function findRelatedInChannel(
  deps: RelatedDeps,
  channelId: string,
): Promise<RelatedOutcome> {
  const incident = await deps.store.incidents.findOpenInChannel(channelId);
  return incident === null ? 'no-incident' : findRelated(deps, incident.id);
}

/** For triggers that must not fail because of this: logs instead of throwing. */
export async function findRelatedQuietly(
  deps: RelatedDeps,
  target: { incidentId: number } | { channelId: string },
): Promise<RelatedOutcome | null> {
  try {
    return 'incidentId' in target
      ? await findRelated(deps, target.incidentId)
      : await findRelatedInChannel(deps, target.channelId);
  } catch (error) {
    deps.logger.warn({ err: error, ...target }, 'looking for related incidents failed');
    return null;
  }
}

async function findAndPost(deps: RelatedDeps, incidentId: number): Promise<RelatedOutcome> {
  const { store } = deps;
  const profile = await store.related.profile(incidentId);
  if (profile === null) return 'no-incident';
  const { incident } = profile;
  const findings = await store.related.candidates({
    incidentId,
    before: incident.declaredAt,
    alertNames: profile.alertNames,
    tags: profile.tags,
    terms: searchTerms([incident.title, ...profile.texts]),
    countSince: incident.declaredAt - RECURRENCE_DAYS * DAY_MS,
    textLimit: TEXT_LIMIT,
  });
  const ranked = rankRelated(findings.candidates);
  if (ranked.length === 0) return 'nothing-new';
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
