import type { AlertOccurrence, AlertSignal } from '../domain/types.ts';
import type { Db } from './db.ts';
import { preparedOnce } from './prepared.ts';
import { type AlertChangeColumns, alertChangeValues, toMessageAlert } from './rows-incidents.ts';

// On the record path of every alert message: prepared once.
const RECORD = `
  insert into alert_changes (incident_id, channel_id, message_ts, at, source, name, state, title,
    severity, fired_at)
  values (@incidentId, @channelId, @messageTs, @at, @source, @name, @state, @title, @severity,
    @firedAt)
  on conflict do nothing`;

// Read by every draft (a long incident's worker starts cold: drizzle's builder and row mapping
// took 50 ms of it for 3,000 changes), so prepared, in the columns toMessageAlert reads.
const OF_INCIDENT = `
  select a.at, a.message_ts as messageTs, a.state, a.title, a.source, a.name, a.severity,
    a.fired_at as firedAt
  from alert_changes a join messages m on m.channel_id = a.channel_id and m.ts = a.message_ts
  where a.incident_id = ? and m.deleted_at is null
  order by a.at, a.id`;

export function createAlertChangeRepository(db: Db) {
  const recordStatement = preparedOnce<[Record<string, unknown>]>(db, RECORD);
  const ofIncident = preparedOnce<[number], AlertChangeColumns>(db, OF_INCIDENT);
  return {
    /** Keeps one row per state an alert message showed; a repeated delivery changes nothing. */
    record(
      incidentId: number,
      channelId: string,
      messageTs: string,
      at: number,
      alert: AlertSignal,
    ): void {
      recordStatement().run(alertChangeValues(incidentId, channelId, messageTs, at, alert));
    },

    /** Alert occurrences from channel messages, leaving out messages that were deleted. */
    forIncident(incidentId: number): AlertOccurrence[] {
      return ofIncident().all(incidentId).map(toMessageAlert);
    },
  };
}

export type AlertChangeRepository = ReturnType<typeof createAlertChangeRepository>;
