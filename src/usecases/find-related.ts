import { RECURRENCE_DAYS, rankRelated } from '../domain/related/score.ts';
import { searchTerms } from '../domain/related/terms.ts';
import type { IncidentProfile } from '../domain/related/types.ts';
import { claimsOf } from './claims.ts';
import type { Deps } from './ports.ts';
import { recordAndPost } from './post-related.ts';
import type { RelatedSearch } from './related-records.ts';

/** What looking for related incidents needs; the alert paths pass their own narrower deps. */
export type RelatedDeps = Pick<Deps, 'store' | 'notifier' | 'clock' | 'logger' | 'timeZone'> &
  Pick<Partial<Deps>, 'replica'>;

export type RelatedOutcome =
  /** A post named relations not posted before. */
  | 'posted'
  /** Nothing related, or only relations already posted. */
  | 'nothing-new'
  /** An alert added nothing to what this process last looked with: not looked again. */
  | 'unchanged'
  /** Another trigger (this replica's or another's) is looking right now. */
  | 'busy'
  | 'no-incident'
  /** Found and stored, but Slack refused the post: the next trigger posts them. */
  | 'not-posted';

export interface RelatedTrigger {
  /**
   * An alert's trigger: skip the lookup when the incident's search (its alert names, tags, words,
   * declaration) is the one this process's last finished lookup used. A repeated alert (the same
   * one firing or resolving again, a name the incident already had) cannot find anything new.
   */
  onlyIfChanged?: boolean;
}

const DAY_MS = 86_400_000;
/** How many text matches the engine ranks: only the best few can score. */
const TEXT_LIMIT = 10;
/** Searches remembered per store: open incidents are few; an old one only costs a lookup more. */
const REMEMBERED = 1_000;

/** The claim that keeps two triggers (alerts at once, two replicas) from posting twice. */
export const relatedClaimKey = (incidentId: number) => `related:${incidentId}`;

/**
 * Finds past incidents related to this one, stores them with the open or dropped follow-ups they
 * left (prevention matches), and posts in the incident's channel the ones not posted before: at
 * most one post per call, none when nothing is new. Called when an incident starts and when new
 * alerts, tags or services arrive; safe to call as often as that happens.
 */
export function findRelated(
  deps: RelatedDeps,
  incidentId: number,
  trigger: RelatedTrigger = {},
): Promise<RelatedOutcome> {
  // Lookups of one incident in this process run one after the other: a lookup triggered while
  // another runs (an alert message and the services it suggests) may see more, so it waits
  // rather than meeting the claim and skipping. Across replicas the claim decides.
  // A trigger that finds a lookup already waiting joins it instead of queueing one more: that
  // lookup has not read anything yet, so it sees whatever this trigger stored. A burst of alerts
  // in one incident thus costs one lookup while one runs, not one per alert.
  const state = stateOf(deps.store);
  const incidents = state.turns;
  const turn = incidents.get(incidentId) ?? { running: null, waiting: null, always: false };
  // A trigger that must look makes the waiting lookup one that looks.
  if (!trigger.onlyIfChanged) turn.always = true;
  if (turn.waiting !== null) return turn.waiting;
  const run: Promise<RelatedOutcome> = (turn.running ?? Promise.resolve())
    .catch(() => undefined)
    .then(() => {
      const always = turn.always;
      turn.waiting = null;
      turn.always = false;
      turn.running = run;
      return lookOnce(deps, state.searched, incidentId, always);
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
  /** Whether the waiting lookup must look even when the search is unchanged. */
  always: boolean;
}

interface LookupState {
  turns: Map<number, Turn>;
  /**
   * Per incident, the search of this process's last lookup that finished (found nothing new, or
   * posted). Per process on purpose: another replica's alerts change the stored profile, which
   * every lookup reads first, so a stale entry here costs at most one lookup, never a missed one.
   */
  searched: Map<number, string>;
}

/** Lookups per store (a process may run several bots in tests). */
const states = new WeakMap<object, LookupState>();

function stateOf(store: object): LookupState {
  let state = states.get(store);
  if (state === undefined) {
    state = { turns: new Map(), searched: new Map() };
    states.set(store, state);
  }
  return state;
}

async function lookOnce(
  deps: RelatedDeps,
  searched: Map<number, string>,
  incidentId: number,
  always: boolean,
): Promise<RelatedOutcome> {
  const profile = await deps.store.related.profile(incidentId);
  if (profile === null) {
    searched.delete(incidentId);
    return 'no-incident';
  }
  const search = searchFor(profile);
  const key = JSON.stringify(search);
  if (!always && searched.get(incidentId) === key) {
    deps.logger.debug({ incidentId }, 'related search unchanged, lookup skipped');
    return 'unchanged';
  }
  searched.delete(incidentId);
  const outcome = await findAndPost(deps, profile, search);
  deps.logger.debug({ incidentId, outcome }, 'looked for related incidents');
  // Only a lookup that finished counts: after 'busy' or 'not-posted' the next alert looks again.
  if (outcome === 'posted' || outcome === 'nothing-new') {
    searched.set(incidentId, key);
    if (searched.size > REMEMBERED) searched.delete(searched.keys().next().value as number);
  }
  return outcome;
}

/** What the engine is asked: everything in it comes from the profile. */
function searchFor(profile: IncidentProfile): RelatedSearch {
  const { incident } = profile;
  return {
    incidentId: incident.id,
    before: incident.declaredAt,
    alertNames: profile.alertNames,
    tags: profile.tags,
    terms: searchTerms([incident.title, ...profile.texts]),
    countSince: incident.declaredAt - RECURRENCE_DAYS * DAY_MS,
    textLimit: TEXT_LIMIT,
  };
}

/** The same for the channel's open incident (alert paths know the channel, not the incident). */
export async function findRelatedInChannel(
  deps: RelatedDeps,
  channelId: string,
  trigger: RelatedTrigger = {},
): Promise<RelatedOutcome> {
  const incident = await deps.store.incidents.findOpenInChannel(channelId);
  return incident === null ? 'no-incident' : findRelated(deps, incident.id, trigger);
}

/** For triggers that must not fail because of this: logs instead of throwing. */
export async function findRelatedQuietly(
  deps: RelatedDeps,
  target: { incidentId: number } | { channelId: string },
  trigger: RelatedTrigger = {},
): Promise<RelatedOutcome | null> {
  try {
    return 'incidentId' in target
      ? await findRelated(deps, target.incidentId, trigger)
      : await findRelatedInChannel(deps, target.channelId, trigger);
  } catch (error) {
    deps.logger.warn({ err: error, ...target }, 'looking for related incidents failed');
    return null;
  }
}

/**
 * Reads (the profile, the candidates) need no claim; storing and posting do. Most lookups find
 * nothing, and then write nothing, not even a claim.
 */
async function findAndPost(
  deps: RelatedDeps,
  profile: IncidentProfile,
  search: RelatedSearch,
): Promise<RelatedOutcome> {
  const { store } = deps;
  const { incident } = profile;
  const findings = await store.related.candidates(search);
  const ranked = rankRelated(findings.candidates);
  if (ranked.length === 0) return 'nothing-new';
  let outcome: RelatedOutcome = 'busy';
  await claimsOf(deps).holding(relatedClaimKey(incident.id), async () => {
    outcome = await recordAndPost(deps, incident, ranked, findings);
  });
  return outcome;
}
