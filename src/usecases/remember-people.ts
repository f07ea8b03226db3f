import type { Deps } from './ports.ts';

type PeopleDeps = Pick<Deps, 'store' | 'notifier' | 'clock' | 'logger'>;

// One fetch per person at a time, per store: a second caller waits for the same answer instead
// of going on without it (a reminder must not fall back to the wrong time zone).
const inFlight = new WeakMap<object, Map<string, Promise<void>>>();

async function fetchProfile(deps: PeopleDeps, id: string): Promise<void> {
  try {
    const person = await deps.notifier.profile(id);
    if (person) await deps.store.people.upsert(person, deps.clock.now());
  } catch (error) {
    deps.logger.warn(
      { err: error, userId: id },
      'could not fetch a profile; the draft shows the id',
    );
  }
}

/**
 * Fetches and stores profiles we have not seen. Callers that only want names eventually do not
 * await it; callers that need the profile now (time zones) do. It never rejects: a profile that
 * could not be learnt is logged, and the draft shows the id.
 */
export async function rememberPeople(deps: PeopleDeps, ids: readonly string[]): Promise<void> {
  let pending = inFlight.get(deps.store);
  if (!pending) {
    pending = new Map();
    inFlight.set(deps.store, pending);
  }
  const running = pending;
  let unknown: string[];
  try {
    unknown = await deps.store.people.unknown(ids);
  } catch (error) {
    deps.logger.warn({ err: error }, 'could not look up stored profiles');
    return;
  }
  // Looked up and registered with nothing awaited in between: a second caller joins the fetch.
  const work = unknown.map((id) => {
    const existing = running.get(id);
    if (existing) return existing;
    const fetching = fetchProfile(deps, id).finally(() => running.delete(id));
    running.set(id, fetching);
    return fetching;
  });
  await Promise.all(work);
}
