import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

// The PostgreSQL twin of ../schema.ts (SQLite): the same tables, column names, nullability,
// defaults, keys and indexes, so that one set of row-mapping code serves both engines
// (test/store/postgres/schema-parity.test.ts keeps them from drifting). What differs is only
// what the engines need: timestamps (UTC epoch ms) overflow a 32-bit integer, so they are
// `bigint` read as JS numbers; SQLite's 0/1 flags are real booleans; raw Slack JSON stays text.

/** UTC epoch milliseconds. */
const epochMs = (name: string) => bigint(name, { mode: 'number' });

/**
 * Like SQLite's AUTOINCREMENT: never reused. "By default" rather than "always" so that moving an
 * install from SQLite keeps every id (people type action ids in commands).
 */
const serialId = () => integer('id').primaryKey().generatedByDefaultAsIdentity();

export const incidents = pgTable(
  'incidents',
  {
    id: serialId(),
    channelId: text('channel_id').notNull(),
    channelName: text('channel_name'),
    title: text('title').notNull(),
    severity: text('severity').notNull(),
    status: text('status').notNull(),
    reporterId: text('reporter_id').notNull(),
    leadId: text('lead_id'),
    declaredAt: epochMs('declared_at').notNull(),
    mitigatedAt: epochMs('mitigated_at'),
    resolvedAt: epochMs('resolved_at'),
    isPrivate: boolean('is_private').notNull().default(false),
    category: text('category'),
    postmortemState: text('postmortem_state').notNull().default('draft'),
    postmortemStateAt: epochMs('postmortem_state_at'),
    postmortemStateBy: text('postmortem_state_by'),
    postmortemSkipReason: text('postmortem_skip_reason'),
  },
  (t) => [
    // At most one open incident per channel, whichever replica asks.
    uniqueIndex('incidents_one_open_per_channel')
      .on(t.channelId)
      .where(sql`${t.status} <> 'resolved'`),
    index('incidents_channel').on(t.channelId, t.declaredAt),
  ],
);

export const incidentEvents = pgTable(
  'incident_events',
  {
    id: serialId(),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    kind: text('kind').notNull(),
    at: epochMs('at').notNull(),
    actorId: text('actor_id').notNull(),
    text: text('text'),
    subjectId: text('subject_id'),
    valueAt: epochMs('value_at'),
  },
  (t) => [index('incident_events_incident').on(t.incidentId, t.at)],
);

export const messages = pgTable(
  'messages',
  {
    id: serialId(),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    channelId: text('channel_id').notNull(),
    ts: text('ts').notNull(),
    threadTs: text('thread_ts'),
    postedAt: epochMs('posted_at').notNull(),
    userId: text('user_id'),
    botId: text('bot_id'),
    botName: text('bot_name'),
    isBot: boolean('is_bot').notNull(),
    subtype: text('subtype'),
    text: text('text').notNull(),
    editedAt: epochMs('edited_at'),
    deletedAt: epochMs('deleted_at'),
    alertState: text('alert_state'),
    alertTitle: text('alert_title'),
    alertSource: text('alert_source'),
    alertName: text('alert_name'),
    alertSeverity: text('alert_severity'),
    alertFiredAt: epochMs('alert_fired_at'),
    /** The latest raw Slack message object, as JSON text (as in SQLite, so mapping is shared). */
    raw: text('raw').notNull(),
    recordedAt: epochMs('recorded_at').notNull(),
  },
  (t) => [
    uniqueIndex('messages_channel_ts').on(t.channelId, t.ts),
    index('messages_incident').on(t.incidentId, t.postedAt),
    // The people of an incident (authorsOf, before each draft) read from the index alone.
    index('messages_incident_user').on(t.incidentId, t.userId),
  ],
);

export const processedEvents = pgTable(
  'processed_events',
  {
    eventId: text('event_id').primaryKey(),
    receivedAt: epochMs('received_at').notNull(),
  },
  (t) => [index('processed_events_received').on(t.receivedAt)],
);

export const actions = pgTable(
  'actions',
  {
    id: serialId(),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    text: text('text').notNull(),
    ownerId: text('owner_id'),
    /** `YYYY-MM-DD`, text as in SQLite. */
    dueDate: text('due_date'),
    createdBy: text('created_by').notNull(),
    createdAt: epochMs('created_at').notNull(),
    status: text('status').notNull(),
    kind: text('kind').notNull().default('task'),
    priority: text('priority'),
    closedAt: epochMs('closed_at'),
    closedBy: text('closed_by'),
    dropReason: text('drop_reason'),
    sourceTs: text('source_ts'),
    purpose: text('purpose'),
  },
  (t) => [
    index('actions_incident').on(t.incidentId),
    index('actions_owner').on(t.ownerId, t.status),
  ],
);

export const people = pgTable('people', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  tz: text('tz'),
  fetchedAt: epochMs('fetched_at').notNull(),
});

export const postmortems = pgTable(
  'postmortems',
  {
    id: serialId(),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    createdAt: epochMs('created_at').notNull(),
    status: text('status').notNull(),
    postedTs: text('posted_ts'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: epochMs('next_attempt_at'),
    fileId: text('file_id'),
    filePermalink: text('file_permalink'),
    fingerprint: text('fingerprint'),
  },
  (t) => [index('postmortems_incident').on(t.incidentId)],
);

/** In parts, as in SQLite, so that both engines store and read a draft the same way. */
export const postmortemDocuments = pgTable(
  'postmortem_documents',
  {
    postmortemId: integer('postmortem_id')
      .notNull()
      .references(() => postmortems.id),
    part: integer('part').notNull(),
    markdown: text('markdown').notNull(),
  },
  (t) => [primaryKey({ columns: [t.postmortemId, t.part] })],
);

export const keyMarks = pgTable(
  'key_marks',
  {
    id: serialId(),
    channelId: text('channel_id').notNull(),
    ts: text('ts').notNull(),
    kind: text('kind').notNull(),
    userId: text('user_id').notNull(),
    markedAt: epochMs('marked_at').notNull(),
  },
  (t) => [uniqueIndex('key_marks_unique').on(t.channelId, t.ts, t.kind, t.userId)],
);

export const webhookAlerts = pgTable(
  'webhook_alerts',
  {
    id: serialId(),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    source: text('source').notNull(),
    fingerprint: text('fingerprint').notNull(),
    name: text('name').notNull(),
    state: text('state').notNull(),
    severity: text('severity'),
    startsAt: epochMs('starts_at'),
    endsAt: epochMs('ends_at'),
    summary: text('summary').notNull(),
    url: text('url'),
    receivedAt: epochMs('received_at').notNull(),
    raw: text('raw').notNull(),
  },
  (t) => [
    // NULLs stay distinct here, as in SQLite: the same rows are duplicates in both engines.
    uniqueIndex('webhook_alerts_unique').on(t.incidentId, t.fingerprint, t.state, t.startsAt),
    index('webhook_alerts_incident').on(t.incidentId, t.receivedAt),
  ],
);

export const alertChanges = pgTable(
  'alert_changes',
  {
    id: serialId(),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    channelId: text('channel_id').notNull(),
    messageTs: text('message_ts').notNull(),
    at: epochMs('at').notNull(),
    source: text('source').notNull(),
    name: text('name').notNull(),
    state: text('state').notNull(),
    title: text('title').notNull(),
    severity: text('severity'),
    firedAt: epochMs('fired_at'),
  },
  (t) => [
    uniqueIndex('alert_changes_unique').on(t.channelId, t.messageTs, t.at),
    index('alert_changes_incident').on(t.incidentId, t.at),
  ],
);

export const sections = pgTable(
  'sections',
  {
    id: serialId(),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    kind: text('kind').notNull(),
    text: text('text').notNull(),
    authorId: text('author_id').notNull(),
    at: epochMs('at').notNull(),
  },
  (t) => [index('sections_incident').on(t.incidentId, t.at)],
);

export const actionReminders = pgTable('action_reminders', {
  actionId: integer('action_id')
    .primaryKey()
    .references(() => actions.id),
  lastRemindedAt: epochMs('last_reminded_at'),
  snoozedUntil: epochMs('snoozed_until'),
});

export const reminderDms = pgTable(
  'reminder_dms',
  {
    id: serialId(),
    ownerId: text('owner_id').notNull(),
    day: text('day').notNull(),
    channelId: text('channel_id').notNull(),
    ts: text('ts').notNull(),
    sentAt: epochMs('sent_at').notNull(),
  },
  (t) => [uniqueIndex('reminder_dms_owner_day').on(t.ownerId, t.day)],
);

export const actionIssues = pgTable(
  'action_issues',
  {
    actionId: integer('action_id')
      .primaryKey()
      .references(() => actions.id),
    /** The GitHub issue number. */
    number: integer('number').notNull(),
    url: text('url').notNull(),
    state: text('state').notNull(),
    createdAt: epochMs('created_at').notNull(),
    checkedAt: epochMs('checked_at'),
  },
  (t) => [index('action_issues_state').on(t.state)],
);

/** Which replica works on an item of a periodic job, until when (ADR 0013; see the SQLite twin). */
export const jobClaims = pgTable(
  'job_claims',
  {
    key: text('key').primaryKey(),
    holder: text('holder').notNull(),
    expiresAt: epochMs('expires_at').notNull(),
    lapsedHolder: text('lapsed_holder'),
  },
  (t) => [index('job_claims_holder').on(t.holder)],
);

/** Tags and affected services of an incident (see the SQLite twin). */
export const incidentTags = pgTable(
  'incident_tags',
  {
    id: serialId(),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    key: text('key').notNull(),
    value: text('value').notNull(),
    source: text('source').notNull(),
    addedBy: text('added_by'),
    addedAt: epochMs('added_at').notNull(),
    removedAt: epochMs('removed_at'),
    removedBy: text('removed_by'),
  },
  (t) => [
    uniqueIndex('incident_tags_unique').on(t.incidentId, t.key, t.value),
    index('incident_tags_key_value').on(t.key, t.value),
  ],
);

/** A past incident found related to an incident (see the SQLite twin). */
export const incidentRelations = pgTable(
  'incident_relations',
  {
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    relatedId: integer('related_id')
      .notNull()
      .references(() => incidents.id),
    reasons: text('reasons').notNull(),
    score: integer('score').notNull(),
    foundAt: epochMs('found_at').notNull(),
    postedTs: text('posted_ts'),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.relatedId] })],
);

/** A follow-up of a related incident that could have prevented this one (see the SQLite twin). */
export const preventionMatches = pgTable(
  'prevention_matches',
  {
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    actionId: integer('action_id')
      .notNull()
      .references(() => actions.id),
    foundAt: epochMs('found_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.actionId] })],
);

/** The weekly review posted for an ISO week (see the SQLite twin). */
export const weeklyReviews = pgTable('weekly_reviews', {
  week: text('week').primaryKey(),
  channelId: text('channel_id').notNull(),
  postedTs: text('posted_ts').notNull(),
  postedAt: epochMs('posted_at').notNull(),
});
