import type { Deps } from './ports.ts';

const inFlight = new Set<string>();

/**
 * Fetches and stores profiles we have not seen, in the background: names make the draft readable,
 * but a slow users.info must never hold up recording or a command.
 */
export function rememberPeople(
  deps: Pick<Deps, 'store' | 'notifier' | 'clock' | 'logger'>,
  ids: readonly string[],
): Promise<void> {
  const missing = deps.store.people.unknown(ids).filter((id) => !inFlight.has(id));
  const work = missing.map(async (id) => {
    inFlight.add(id);
    try {
      const person = await deps.notifier.profile(id);
      if (person) deps.store.people.upsert(person, deps.clock.now());
    } catch (error) {
      deps.logger.warn(
        { err: error, userId: id },
        'could not fetch a profile; the draft shows the id',
      );
    } finally {
      inFlight.delete(id);
    }
  });
  return Promise.all(work).then(() => undefined);
}
