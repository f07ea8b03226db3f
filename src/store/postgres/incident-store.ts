import { eq } from 'drizzle-orm';
import { isRefusal } from '../../domain/incident.ts';
import type { IncidentStore } from '../../usecases/store-port.ts';
import { changedFrom } from '../change-target.ts';
import type { PgDb } from './db.ts';
import { importWhole } from './incident-import.ts';
import {
  addEvent,
  eventsOf,
  findLatestByChannelName,
  findLatestInChannel,
  findOpenInChannel,
  getIncident,
  insertIncident,
  listOpen,
  updateIncident,
} from './incident-rows.ts';
import { snapshot } from './incident-snapshot.ts';
import { lockChannel, retryOnceAfterRace } from './incident-tx.ts';
import { incidents } from './schema.ts';

/**
 * The incidents side of the Store port over PostgreSQL. The decide operations take the channel's
 * advisory lock first, so two replicas declaring or changing in one channel take turns and the
 * second decides from what the first stored; the partial unique index on open incidents backs
 * that up (a violation runs the whole operation once more).
 */
export function createPgIncidentStore(db: PgDb): IncidentStore {
  return {
    findOpenInChannel: (channelId) => findOpenInChannel(db, channelId),
    findLatestInChannel: (channelId) => findLatestInChannel(db, channelId),
    findLatestByChannelName: (name) => findLatestByChannelName(db, name),
    get: (id) => getIncident(db, id),
    listOpen: () => listOpen(db),
    events: (incidentId) => eventsOf(db, incidentId),

    async setPrivate(id, isPrivate) {
      await db.update(incidents).set({ isPrivate }).where(eq(incidents.id, id));
    },

    open(channelId, decide) {
      return retryOnceAfterRace(() =>
        db.transaction(async (tx) => {
          await lockChannel(tx, channelId);
          const result = decide(await findOpenInChannel(tx, channelId));
          if (isRefusal(result)) return result;
          const saved = await insertIncident(tx, result.incident);
          await addEvent(tx, { ...result.event, incidentId: saved.id });
          return saved;
        }),
      );
    },

    // FOR UPDATE as well as the lock: setPrivate takes no channel lock, and the whole row is
    // written back from what was read, so its write must wait rather than be overwritten.
    change(channelId, decide) {
      return retryOnceAfterRace(() =>
        db.transaction(async (tx) => {
          await lockChannel(tx, channelId);
          const found = {
            open: await findOpenInChannel(tx, channelId, true),
            latest: await findLatestInChannel(tx, channelId, true),
          };
          const result = decide(found);
          if (isRefusal(result)) return result;
          const before = changedFrom(found, result.incident);
          if (result.incident !== before) await updateIncident(tx, result.incident);
          await addEvent(tx, { ...result.event, incidentId: before.id });
          return { incident: result.incident, before };
        }),
      );
    },

    snapshot: (incidentId) => snapshot(db, incidentId),
    importWhole: (plan, now) => importWhole(db, plan, now),
  };
}
