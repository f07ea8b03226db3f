import type { DraftRow, MessageRows, VisibleRow } from '../domain/postmortem/message-rows.ts';
import type { RecordedMessage } from '../domain/types.ts';
import type { IncidentSnapshot } from '../usecases/store-records.ts';
import type { Db } from './db.ts';
import { describeIn } from './descriptions.ts';
import type { Repositories } from './repositories.ts';
import { alertOf } from './rows-incidents.ts';

// A long incident's draft reads its messages once, a row at a time (.iterate()), in the draft
// order MessageRows names; SQLite sorts them in its own memory, spilling to disk, so no copy of
// them is held here. Run inside the draft's read transaction, with the few anchored rows.

// Each value better-sqlite3 hands over costs about as much as the next (~60 ns, null or not):
// the columns most rows leave empty (a bot's, an edit's, a deletion's, an alert's) come as one
// JSON array, null for most rows, and the channel (the incident's own, nearly always) as null.
const COLUMNS = `
  nullif(m.channel_id, @channel) as channelId, m.ts, m.thread_ts as threadTs,
  m.posted_at as postedAt, m.user_id as userId, m.is_bot as isBot, m.text,
  case when coalesce(m.bot_id, m.bot_name, m.subtype, m.edited_at, m.deleted_at, m.alert_state)
    is null then null
    else json_array(m.bot_id, m.bot_name, m.subtype, m.edited_at, m.deleted_at, m.alert_state,
      m.alert_title, m.alert_source, m.alert_name, m.alert_severity, m.alert_fired_at)
  end as rare,
  exists (select 1 from key_marks k where k.channel_id = m.channel_id and k.ts = m.ts) as key`;
/** The columns COLUMNS names, in its order. */
const COLUMN_COUNT = 9;

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
  select channelId, ts, threadTs, postedAt, userId, isBot, text, rare, key, parentVisible
  from rows
  order by coalesce(rootAt, postedAt), case when rootAt is null then ts else threadTs end,
    rootAt is not null, postedAt, ts`;

const ANCHORED_BY = `
  select ${COLUMNS} from messages m
  where m.incident_id = @incident and ${VISIBLE('m')} and (
    (coalesce(m.thread_ts, m.ts) = m.ts and m.ts in (select value from json_each(@anchors)))
    or (m.thread_ts != m.ts and m.thread_ts in (select value from json_each(@anchors)))
  )
  order by m.posted_at, m.ts`;

/**
 * The SQLite reader of a draft's messages; call inside the draft's read transaction. With
 * `firstRows`, only that many of them, the first in the draft order (a standby worker's warm-up).
 */
export function draftRowsOf(db: Db, incidentId: number, firstRows?: number): MessageRows {
  const { $client: sqlite } = db;
  const incident = sqlite
    .prepare<[number], { channelId: string }>(
      'select channel_id as channelId from incidents where id = ?',
    )
    .get(incidentId);
  const channel = incident?.channelId ?? '';
  const limit = firstRows === undefined ? '' : ` limit ${Math.max(0, Math.floor(firstRows))}`;
  const inDraftOrder = sqlite
    .prepare<[{ incident: number; channel: string }], unknown[]>(IN_DRAFT_ORDER + limit)
    .raw();
  const anchoredBy = sqlite
    .prepare<[{ incident: number; channel: string; anchors: string }], unknown[]>(ANCHORED_BY)
    .raw();
  return {
    *inDraftOrder(): Generator<DraftRow> {
      for (const row of inDraftOrder.iterate({ incident: incidentId, channel })) {
        // 1 or 0 when the message is a reply under a recorded parent, null when it is not.
        const parentVisible = row[COLUMN_COUNT] as number | null;
        const parent = parentVisible === null ? null : parentVisible ? 'visible' : 'hidden';
        yield { message: messageOf(row, channel), parent };
      }
    },
    *anchoredBy(anchors): Generator<VisibleRow> {
      const params = { incident: incidentId, channel, anchors: JSON.stringify([...anchors]) };
      for (const row of anchoredBy.iterate(params)) {
        yield { message: messageOf(row, channel), depth: 0 };
      }
    },
  };
}

/** The `rare` column of a row that has none of its values: every one null. */
const NO_RARE: readonly null[] = Array.from({ length: 11 }, () => null);

/** A raw row of COLUMNS as the message it is. */
function messageOf(r: readonly unknown[], channel: string): RecordedMessage {
  const rare = r[7] === null ? NO_RARE : (JSON.parse(r[7] as string) as readonly unknown[]);
  return {
    channelId: (r[0] as string | null) ?? channel,
    ts: r[1] as string,
    threadTs: r[2] as string | null,
    postedAt: r[3] as number,
    userId: r[4] as string | null,
    botId: rare[0] as string | null,
    botName: rare[1] as string | null,
    isBot: Boolean(r[5]),
    subtype: rare[2] as string | null,
    text: r[6] as string,
    editedAt: rare[3] as number | null,
    deleted: rare[4] !== null,
    // Null unless the message is (still) an alert.
    alert: alertOf(
      rare[5] as string | null,
      rare[6] as string | null,
      rare[7] as string | null,
      rare[8] as string | null,
      rare[9] as string | null,
      rare[10] as number | null,
    ),
    key: Boolean(r[8]),
  };
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
