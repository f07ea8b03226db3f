import type { DraftRow, MessageRows, VisibleRow } from '../domain/postmortem/message-rows.ts';
import type { IncidentSnapshot } from '../usecases/store-records.ts';
import type { Db } from './db.ts';
import { describeIn } from './descriptions.ts';
import type { Repositories } from './repositories.ts';
import { RECORDED_COLUMN_COUNT, recordedFromRaw } from './rows-incidents.ts';

// A long incident's draft reads its messages once, a row at a time (.iterate()), in the draft
// order MessageRows names; SQLite sorts them in its own memory, spilling to disk, so no copy of
// them is held here. Run inside the draft's read transaction, with the few anchored rows.

const COLUMNS = `
  m.channel_id as channelId, m.ts, m.thread_ts as threadTs, m.posted_at as postedAt,
  m.user_id as userId, m.bot_id as botId, m.bot_name as botName, m.is_bot as isBot, m.subtype,
  m.text, m.edited_at as editedAt, m.deleted_at as deletedAt, m.alert_state as alertState,
  m.alert_title as alertTitle, m.alert_source as alertSource, m.alert_name as alertName,
  m.alert_severity as alertSeverity, m.alert_fired_at as alertFiredAt,
  exists (select 1 from key_marks k where k.channel_id = m.channel_id and k.ts = m.ts) as key`;

// What the timeline shows: neither deleted nor an alert (alerts appear as their occurrences).
const VISIBLE = (alias: string) =>
  `(${alias}.deleted_at is null and (coalesce(${alias}.alert_state, '') = '' or ${alias}.alert_title is null))`;

// A reply's parent: the non-reply message of the incident with its channel and its thread_ts,
// found through the (channel_id, ts) index. Joined, not a subquery: the order reads it several
// times, and a correlated subquery would be run for each.
const PARENT = `left join messages p on m.thread_ts != m.ts and p.channel_id = m.channel_id
  and p.ts = m.thread_ts and p.incident_id = m.incident_id
  and (p.thread_ts is null or p.thread_ts = p.ts)`;

// The draft order: a visible row under a visible parent, a hidden one under any parent, each
// keyed by its parent's time and ts, then by its own.
const IN_DRAFT_ORDER = `
  with rows as (
    select ${COLUMNS},
      case when p.id is null then null else ${VISIBLE('p')} end as parentVisible,
      case when p.id is null or (${VISIBLE('m')} and not ${VISIBLE('p')}) then null
        else p.posted_at end as rootAt
    from messages m ${PARENT}
    where m.incident_id = @incident
  )
  select * from rows
  order by coalesce(rootAt, postedAt), case when rootAt is null then ts else threadTs end,
    rootAt is not null, postedAt, ts`;

const ANCHORED_BY = `
  select ${COLUMNS} from messages m
  where m.incident_id = @incident and ${VISIBLE('m')} and (
    (coalesce(m.thread_ts, m.ts) = m.ts and m.ts in (select value from json_each(@anchors)))
    or (m.thread_ts != m.ts and m.thread_ts in (select value from json_each(@anchors)))
  )
  order by m.posted_at, m.ts`;

// Raw rows (arrays): RecordedColumns' columns in order (recordedFromRaw), then the draft's own.
const PARENT_VISIBLE_COLUMN = RECORDED_COLUMN_COUNT;

/** The SQLite reader of a draft's messages; call inside the draft's read transaction. */
export function draftRowsOf(db: Db, incidentId: number): MessageRows {
  const { $client: sqlite } = db;
  const inDraftOrder = sqlite.prepare<[{ incident: number }], unknown[]>(IN_DRAFT_ORDER).raw();
  const anchoredBy = sqlite
    .prepare<[{ incident: number; anchors: string }], unknown[]>(ANCHORED_BY)
    .raw();
  return {
    *inDraftOrder(): Generator<DraftRow> {
      for (const row of inDraftOrder.iterate({ incident: incidentId })) yield draftRow(row);
    },
    *anchoredBy(anchors): Generator<VisibleRow> {
      const params = { incident: incidentId, anchors: JSON.stringify([...anchors]) };
      for (const row of anchoredBy.iterate(params)) {
        yield { message: recordedFromRaw(row), depth: 0 };
      }
    },
  };
}

function draftRow(row: unknown[]): DraftRow {
  // 1 or 0 when the message is a reply under a recorded parent, null when it is not.
  const parentVisible = row[PARENT_VISIBLE_COLUMN] as number | null;
  const parent = parentVisible === null ? null : parentVisible ? 'visible' : 'hidden';
  return { message: recordedFromRaw(row), parent };
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
