import type { MessageRows, ThreadRow, VisibleRow } from '../domain/postmortem/message-rows.ts';
import type { RecordedMessage } from '../domain/types.ts';
import type { IncidentSnapshot } from '../usecases/store-records.ts';
import type { Db } from './db.ts';
import { describeIn } from './descriptions.ts';
import type { Repositories } from './repositories.ts';
import { type RecordedColumns, toRecordedMessage } from './rows-incidents.ts';

// A long incident's draft reads its messages three times, a row at a time (.iterate()), in
// the orders MessageRows names; none of them holds the rows (SQLite sorts in its own memory,
// spilling to disk). Run inside one read transaction, the three reads see the same rows.

const COLUMNS = `
  m.channel_id as channelId, m.ts, m.thread_ts as threadTs, m.posted_at as postedAt,
  m.user_id as userId, m.bot_id as botId, m.bot_name as botName, m.is_bot as isBot, m.subtype,
  m.text, m.edited_at as editedAt, m.deleted_at as deletedAt, m.alert_state as alertState,
  m.alert_title as alertTitle, m.alert_source as alertSource, m.alert_name as alertName,
  m.alert_severity as alertSeverity, m.alert_fired_at as alertFiredAt,
  exists (select 1 from key_marks k where k.channel_id = m.channel_id and k.ts = m.ts) as key`;

const IN_TIME_ORDER = `select ${COLUMNS} from messages m where m.incident_id = ?
  order by m.posted_at, m.ts`;

// What the timeline shows: neither deleted nor an alert (alerts appear as their occurrences).
const VISIBLE = (alias: string) =>
  `${alias}.deleted_at is null and (coalesce(${alias}.alert_state, '') = '' or ${alias}.alert_title is null)`;

/**
 * Each reply right after its parent: the non-reply message its thread_ts names (found through
 * the (channel_id, ts) index), the parent's time its place; a reply without one keeps its own.
 * The visible rows also carry their place in time order (`idx`), numbered over ids alone: a
 * window function's input is materialized, and over every column that was a copy of the
 * incident's rows (texts included) in SQLite's memory while the draft was read.
 */
function threadOrder(visibleOnly: boolean): string {
  const only = (alias: string) => (visibleOnly ? ` and ${VISIBLE(alias)}` : '');
  const ranks = `ranks as (
    select m.id, row_number() over (order by m.posted_at, m.ts) - 1 as idx
    from messages m where m.incident_id = ?${only('m')}
  ),`;
  const from = visibleOnly
    ? 'ranks r join messages m on m.id = r.id'
    : 'messages m where m.incident_id = ?';
  return `
  with ${visibleOnly ? ranks : ''} rows as (
    select ${COLUMNS},
      ${visibleOnly ? 'r.idx' : '0'} as idx,
      case when m.thread_ts is not null and m.thread_ts != m.ts then (
        select p.posted_at from messages p
        where p.channel_id = m.channel_id and p.ts = m.thread_ts and p.incident_id = m.incident_id
          and (p.thread_ts is null or p.thread_ts = p.ts)${only('p')}
      ) end as rootAt
    from ${from}
  )
  select *, rootAt is not null as depth from rows
  order by coalesce(rootAt, postedAt), case when rootAt is null then ts else threadTs end,
    depth, postedAt, ts`;
}

type ThreadColumns = RecordedColumns & { idx: number; depth: number };

/** The SQLite reader of a draft's messages; call inside the draft's read transaction. */
export function draftRowsOf(db: Db, incidentId: number): MessageRows {
  const { $client: sqlite } = db;
  const inTime = sqlite.prepare<[number], RecordedColumns>(IN_TIME_ORDER);
  const inThread = sqlite.prepare<[number], ThreadColumns>(threadOrder(false));
  const visible = sqlite.prepare<[number], ThreadColumns>(threadOrder(true));
  return {
    *inTimeOrder(): Generator<RecordedMessage> {
      for (const row of inTime.iterate(incidentId)) yield toRecordedMessage(row);
    },
    *inThreadOrder(): Generator<ThreadRow> {
      for (const row of inThread.iterate(incidentId)) yield threadRow(row);
    },
    *visibleInThreadOrder(): Generator<VisibleRow> {
      for (const row of visible.iterate(incidentId)) yield { ...threadRow(row), index: row.idx };
    },
  };
}

function threadRow(row: ThreadColumns): ThreadRow {
  return { message: toRecordedMessage(row), depth: row.depth ? 1 : 0 };
}

/** What a draft reads besides the messages, as the store's snapshot reads it (messages empty). */
export function draftHeadOf(
  db: Db,
  repos: Repositories,
  incidentId: number,
): IncidentSnapshot | null {
  const incident = repos.incidents.get(incidentId);
  if (!incident) return null;
  return {
    incident,
    events: repos.incidents.events(incidentId),
    messages: [],
    actions: repos.actions.forIncident(incidentId),
    messageAlerts: repos.alertChanges.forIncident(incidentId),
    webhookAlerts: repos.webhookAlerts.forIncident(incidentId),
    sections: repos.sections.forIncident(incidentId),
    people: repos.people.directory(),
    description: describeIn(db, incidentId),
  };
}
