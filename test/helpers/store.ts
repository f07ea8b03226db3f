import { isRefusal } from '../../src/domain/incident.ts';
import type { Incident } from '../../src/domain/types.ts';
import type { Store } from '../../src/usecases/ports.ts';
import { anIncident } from '../domain/builders.ts';

/** An incident stored through the Store port (its `declared` event with it); returns the row. */
export async function storedIncident(
  store: Store,
  overrides: Partial<Incident> = {},
): Promise<Incident> {
  const incident = anIncident({ id: 0, ...overrides });
  const saved = await store.incidents.open(incident.channelId, () => ({
    incident,
    event: {
      kind: 'declared',
      at: incident.declaredAt,
      actorId: incident.reporterId,
      text: incident.title,
      subjectId: null,
      valueAt: null,
    },
  }));
  if (isRefusal(saved)) throw new Error(saved.refused);
  return saved;
}
