import type { Deps } from './ports.ts';

type PeopleDeps = Pick<Deps, 'store' | 'notifier' | 'clock' | 'logger'>;

// One fetch per person at a time, per store: a second caller waits for the same answer instead
// of going on without it (a reminder must not fall back to the wrong time zone).
const inFlight = new WeakMap<object, Map<string, Promise<void>>>();

async function fetchProfile(deps: PeopleDeps, id: string): Promise<void> {
  try {
    const person = await deps.notifier.profile(id);
    if (person) deps.store.people.upsert(person, deps.clock.now());
  } catch (error) {
    deps.logger.warn(
      { err: error, userId: id },
      'could not fetch a profile; the draft shows the id',
    );
  }
}

/**
 * Fetches and stores profiles we have not seen. Callers that only want names eventually do not
 * await it; callers that need the profile now (time zones) do.
 */
export function rememberPeople(deps: PeopleDeps, ids: readonly string[]): Promise<void> {
  let pending = inFlight.get(deps.store);
  if (!pending) {
    pending = new Map();
    inFlight.set(deps.store, pending);
  }
  const running = pending;
  const work = deps.store.people.unknown(ids).map((id) => {
    const existing = running.get(id);
    if (existing) return existing;
    const fetching = fetchProfile(deps, id).finally(() => running.delete(id));
    running.set(id, fetching);
    return fetching;
  });
  return Promise.all(work).then(() => undefined);
}
