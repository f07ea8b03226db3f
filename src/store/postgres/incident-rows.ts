import { and, asc, desc, eq, ne, type SQL } from 'drizzle-orm';
import type { Incident, IncidentEvent } from '../../domain/types.ts';
import { toEvent, toIncident } from '../rows-incidents.ts';
import type { PgExec } from './incident-tx.ts';
import { incidentEvents, incidents } from './schema.ts';

// The incidents and incident_events statements, on the pool or inside a transaction. `lock`
// reads FOR UPDATE: the row stays as read until the transaction that read it ends.

async function first(
  exec: PgExec,
  where: SQL | undefined,
  lock: boolean,
  newestFirst = false,
): Promise<Incident | null> {
  const query = exec.select().from(incidents).where(where).$dynamic();
  if (newestFirst) query.orderBy(desc(incidents.declaredAt), desc(incidents.id));
  query.limit(1);
  const [row] = lock ? await query.for('update') : await query;
  return row ? toIncident(row) : null;
}

export function findOpenInChannel(exec: PgExec, channelId: string, lock = false) {
  return first(
    exec,
    and(eq(incidents.channelId, channelId), ne(incidents.status, 'resolved')),
    lock,
  );
}

export function findLatestInChannel(exec: PgExec, channelId: string, lock = false) {
  return first(exec, eq(incidents.channelId, channelId), lock, true);
}

export function findLatestByChannelName(exec: PgExec, name: string) {
  return first(exec, eq(incidents.channelName, name), false, true);
}

export function getIncident(exec: PgExec, id: number) {
  return first(exec, eq(incidents.id, id), false);
}

/** Oldest first, as SQLite reads them (in id order). */
export async function listOpen(exec: PgExec): Promise<Incident[]> {
  const rows = await exec
    .select()
    .from(incidents)
    .where(ne(incidents.status, 'resolved'))
    .orderBy(asc(incidents.id));
  return rows.map(toIncident);
}

/** Stores a new incident; its id comes from the table's identity, whatever `incident.id` says. */
export async function insertIncident(exec: PgExec, incident: Incident): Promise<Incident> {
  const { id: _ignored, ...values } = incident;
  const [row] = await exec.insert(incidents).values(values).returning();
  if (!row) throw new Error('inserting an incident returned no row');
  return toIncident(row);
}

export async function updateIncident(exec: PgExec, incident: Incident): Promise<void> {
  const { id, ...values } = incident;
  await exec.update(incidents).set(values).where(eq(incidents.id, id));
}

export async function addEvent(exec: PgExec, event: IncidentEvent): Promise<void> {
  await exec.insert(incidentEvents).values(event);
}

/** Timeline events, oldest first. */
export async function eventsOf(exec: PgExec, incidentId: number): Promise<IncidentEvent[]> {
  const rows = await exec
    .select()
    .from(incidentEvents)
    .where(eq(incidentEvents.incidentId, incidentId))
    .orderBy(asc(incidentEvents.at), asc(incidentEvents.id));
  return rows.map(toEvent);
}
