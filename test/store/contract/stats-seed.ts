// Seeding for the stats and review contract tests: incidents declared through the port, and the
// columns whose store operations belong to other features written with the engine's raw `sql`.
import { declareIncident } from '../../../src/domain/incident.ts';
import type { Incident, Severity } from '../../../src/domain/types.ts';
import type { Store } from '../../../src/usecases/ports.ts';
import type { OpenedEngine } from './engines.ts';

export type SeedableStore = Pick<OpenedEngine, 'store' | 'sql'>;

/** Declares an incident through the port at `at`, in its own channel. */
export async function declaredAt(
  store: Store,
  channelId: string,
  at: number,
  severity: Severity = 'sev2',
): Promise<Incident> {
  const opened = await store.incidents.open(channelId, (open) =>
    declareIncident(
      open,
      {
        channelId,
        channelName: channelId.toLowerCase(),
        title: `Incident in ${channelId}`,
        severity,
        reporterId: 'U0ALICE',
      },
      at,
    ),
  );
  if (!('id' in opened)) throw new Error('not declared');
  return opened;
}

export async function tagService(
  s: SeedableStore,
  incidentId: number,
  value: string,
  removed = false,
) {
  await s.sql(
    `insert into incident_tags (incident_id, key, value, source, added_at, removed_at)
     values ($1, 'service', $2, 'person', 1, $3)`,
    [incidentId, value, removed ? 2 : null],
  );
}
