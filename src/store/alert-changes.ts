import { and, asc, eq, isNull } from 'drizzle-orm';
import type { AlertOccurrence, AlertSignal } from '../domain/types.ts';
import type { Db } from './db.ts';
import { preparedOnce } from './prepared.ts';
import { alertChangeValues, toMessageAlert } from './rows-incidents.ts';
import { alertChanges, messages } from './schema.ts';

// On the record path of every alert message: prepared once.
const RECORD = `
  insert into alert_changes (incident_id, channel_id, message_ts, at, source, name, state, title,
    severity, fired_at)
  values (@incidentId, @channelId, @messageTs, @at, @source, @name, @state, @title, @severity,
    @firedAt)
  on conflict do nothing`;

export function createAlertChangeRepository(db: Db) {
  const recordStatement = preparedOnce<[Record<string, unknown>]>(db, RECORD);
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
      return db
        .select({ change: alertChanges })
        .from(alertChanges)
        .innerJoin(
          messages,
          and(
            eq(messages.channelId, alertChanges.channelId),
            eq(messages.ts, alertChanges.messageTs),
          ),
        )
        .where(and(eq(alertChanges.incidentId, incidentId), isNull(messages.deletedAt)))
        .orderBy(asc(alertChanges.at), asc(alertChanges.id))
        .all()
        .map(({ change }) => toMessageAlert(change));
    },
  };
}

export type AlertChangeRepository = ReturnType<typeof createAlertChangeRepository>;
