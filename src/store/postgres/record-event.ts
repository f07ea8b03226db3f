import type { RecordedEvent, StorableChange } from '../../usecases/store-records.ts';
import { alertStateShown } from '../alert-state.ts';
import { alertChangeValues, messageValues } from '../rows-incidents.ts';
import type { PgDb } from './db.ts';

// A live message event as one statement: the open incident, the event id's claim, the change and
// its alert state in one round trip, where a transaction of separate statements took six or
// seven (BEGIN, each statement, COMMIT). Ingest's throughput on PostgreSQL is set by those round
// trips and the work of building and parsing each (docs/performance.md). A single statement is
// atomic on its own, every part of it sees one snapshot, and a data-modifying WITH part always
// runs to completion. Each kind's text is a named prepared statement: every pooled connection
// parses and plans it once.
//
// Same outcome as the transaction in ./message-changes.ts (contract tests on both engines):
// nothing is claimed or written without an open incident; a claimed event id stops a retry
// before anything is written; two replicas meeting on an event id or a (channel, ts) wait on the
// unique key, and the second stores nothing.

type Column = readonly [name: string, type: string, key: string];

/** The message columns after incident_id: the $4 … $22 parameters, from messageValues. */
const MESSAGE: readonly Column[] = [
  ['channel_id', 'text', 'channelId'],
  ['ts', 'text', 'ts'],
  ['thread_ts', 'text', 'threadTs'],
  ['posted_at', 'bigint', 'postedAt'],
  ['user_id', 'text', 'userId'],
  ['bot_id', 'text', 'botId'],
  ['bot_name', 'text', 'botName'],
  ['is_bot', 'boolean', 'isBot'],
  ['subtype', 'text', 'subtype'],
  ['text', 'text', 'text'],
  ['edited_at', 'bigint', 'editedAt'],
  ['alert_state', 'text', 'alertState'],
  ['alert_title', 'text', 'alertTitle'],
  ['alert_source', 'text', 'alertSource'],
  ['alert_name', 'text', 'alertName'],
  ['alert_severity', 'text', 'alertSeverity'],
  ['alert_fired_at', 'bigint', 'alertFiredAt'],
  ['raw', 'text', 'raw'],
  ['recorded_at', 'bigint', 'recordedAt'],
];
/** alert_changes after incident_id, channel_id and message_ts (the message's): all null when
 * the change shows no alert state, and then nothing is inserted. */
const ALERT: readonly Column[] = [
  ['at', 'bigint', 'at'],
  ['source', 'text', 'source'],
  ['name', 'text', 'name'],
  ['state', 'text', 'state'],
  ['title', 'text', 'title'],
  ['severity', 'text', 'severity'],
  ['fired_at', 'bigint', 'firedAt'],
];
/** Not rewritten by an edit: which incident, the key, and when the row was first recorded. */
const KEPT_ON_EDIT = new Set(['channel_id', 'ts', 'recorded_at']);

// $1 the channel, $2 the event id (null: nothing to claim), $3 now; from $4 on, the change's.
const PREFIX = `with incident as (
    select id from incidents where channel_id = $1::text and status <> 'resolved' limit 1
  ), claim as (
    insert into processed_events (event_id, received_at)
      select $2::text, $3::bigint from incident where $2::text is not null
      on conflict do nothing
      returning 1
  ), go as (
    select id from incident where $2::text is null or exists (select 1 from claim)
  )`;
const SUFFIX = `select (select id from incident) as incident, exists (select 1 from go) as go,
  exists (select 1 from written) as written`;

const casts = (columns: readonly Column[], from: number) =>
  columns.map(([, type], i) => `$${from + i}::${type}`).join(', ');
const names = (columns: readonly Column[]) => columns.map(([name]) => name).join(', ');

const ALERT_FROM = 4 + MESSAGE.length;
function writeMessage(onConflict: string): string {
  return `${PREFIX}, written as (
    insert into messages (incident_id, ${names(MESSAGE)})
      select go.id, ${casts(MESSAGE, 4)} from go
      ${onConflict}
      returning 1
  ), alert as (
    insert into alert_changes (incident_id, channel_id, message_ts, ${names(ALERT)})
      select go.id, $4::text, $5::text, ${casts(ALERT, ALERT_FROM)} from go
      where $${ALERT_FROM}::bigint is not null
      on conflict do nothing
  )
  ${SUFFIX}`;
}

const STATEMENTS = {
  posted: { name: 'scribe_record_posted', text: writeMessage('on conflict do nothing') },
  edited: {
    name: 'scribe_record_edited',
    text: writeMessage(
      `on conflict (channel_id, ts) do update set ${MESSAGE.filter(([n]) => !KEPT_ON_EDIT.has(n))
        .map(([n]) => `${n} = excluded.${n}`)
        .join(', ')}`,
    ),
  },
  deleted: {
    name: 'scribe_record_deleted',
    text: `${PREFIX}, written as (
      update messages set deleted_at = $4::bigint
        where channel_id = $5::text and ts = $6::text and exists (select 1 from go)
        returning 1
    )
    ${SUFFIX}`,
  },
} as const;

/** The change's own parameters, from $4 on. */
function parametersOf(change: StorableChange, now: number): unknown[] {
  if (change.kind === 'deleted') return [change.at, change.channelId, change.ts];
  const row: Record<string, unknown> = messageValues(0, change.message, change.raw, now);
  const shown = alertStateShown(change);
  const alert: Record<string, unknown> = shown
    ? alertChangeValues(0, shown.channelId, shown.ts, shown.at, shown.alert)
    : {};
  return [...MESSAGE.map(([, , key]) => row[key]), ...ALERT.map(([, , key]) => alert[key] ?? null)];
}

export async function recordEventOnce(
  db: PgDb,
  input: { channelId: string; eventId: string | null; change: StorableChange; now: number },
): Promise<RecordedEvent> {
  const { channelId, eventId, change, now } = input;
  const statement = STATEMENTS[change.kind];
  const { rows } = await db.$client.query<{
    incident: number | null;
    go: boolean;
    written: boolean;
  }>({
    ...statement,
    values: [channelId, eventId, now, ...parametersOf(change, now)],
  });
  const [outcome] = rows;
  if (outcome === undefined || outcome.incident === null) return 'no-incident';
  if (!outcome.go) return 'duplicate';
  if (change.kind !== 'posted') return change.kind;
  return outcome.written ? 'recorded' : 'duplicate';
}
