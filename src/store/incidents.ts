import { asc, desc, eq, ne } from 'drizzle-orm';
import type { Incident, IncidentEvent } from '../domain/types.ts';
import type { Db } from './db.ts';
import { preparedOnce } from './prepared.ts';
import { incidentColumns, toEvent, toIncident } from './rows-incidents.ts';
import { incidentEvents, incidents } from './schema.ts';

type IncidentRow = typeof incidents.$inferSelect;

// Every message event asks this first: prepared once (columns named as drizzle's select names them).
const FIND_OPEN = `
  select ${incidentColumns('i')}
  from incidents i where i.channel_id = ? and i.status <> 'resolved'`;

export function createIncidentRepository(db: Db) {
  const findOpenStatement = preparedOnce<[string], IncidentRow>(db, FIND_OPEN);
  return {
    findOpenInChannel(channelId: string): Incident | null {
      const row = findOpenStatement().get(channelId);
      return row ? toIncident(row) : null;
    },

    findLatestInChannel(channelId: string): Incident | null {
      const row = db
        .select()
        .from(incidents)
        .where(eq(incidents.channelId, channelId))
        .orderBy(desc(incidents.declaredAt), desc(incidents.id))
        .get();
      return row ? toIncident(row) : null;
    },

    /** Channel names get reused after archiving, so the newest incident is the one meant. */
    findLatestByChannelName(name: string): Incident | null {
      const row = db
        .select()
        .from(incidents)
        .where(eq(incidents.channelName, name))
        .orderBy(desc(incidents.declaredAt), desc(incidents.id))
        .get();
      return row ? toIncident(row) : null;
    },

    get(id: number): Incident | null {
      const row = db.select().from(incidents).where(eq(incidents.id, id)).get();
      return row ? toIncident(row) : null;
    },

    listOpen(): Incident[] {
      return db
        .select()
        .from(incidents)
        .where(ne(incidents.status, 'resolved'))
        .all()
        .map(toIncident);
    },

    insert(incident: Incident): Incident {
      const { id: _ignored, ...values } = incident;
      const row = db.insert(incidents).values(values).returning().get();
      return toIncident(row);
    },

    update(incident: Incident): void {
      const { id, ...values } = incident;
      db.update(incidents).set(values).where(eq(incidents.id, id)).run();
    },

    /** Records what Slack said about the channel's privacy. */
    setPrivate(id: number, isPrivate: boolean): void {
      db.update(incidents).set({ isPrivate }).where(eq(incidents.id, id)).run();
    },

    addEvent(event: IncidentEvent): void {
      db.insert(incidentEvents).values(event).run();
    },

    events(incidentId: number): IncidentEvent[] {
      return db
        .select()
        .from(incidentEvents)
        .where(eq(incidentEvents.incidentId, incidentId))
        .orderBy(asc(incidentEvents.at), asc(incidentEvents.id))
        .all()
        .map(toEvent);
    },
  };
}

export type IncidentRepository = ReturnType<typeof createIncidentRepository>;
