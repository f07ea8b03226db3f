import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';

// All timestamps are UTC epoch milliseconds.

export const incidents = sqliteTable(
  'incidents',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    channelId: text('channel_id').notNull(),
    /** The channel's name when declared (for `scribe export #name`); null when unknown. */
    channelName: text('channel_name'),
    title: text('title').notNull(),
    severity: text('severity').notNull(),
    status: text('status').notNull(),
    reporterId: text('reporter_id').notNull(),
    leadId: text('lead_id'),
    declaredAt: integer('declared_at').notNull(),
    mitigatedAt: integer('mitigated_at'),
    resolvedAt: integer('resolved_at'),
    /**
     * The channel is private (or a DM/MPIM), or Slack could not say: its content stays inside it
     * (no INCIDENTS_CHANNEL post, no GitHub export, reminders only to members).
     */
    isPrivate: integer('is_private', { mode: 'boolean' }).notNull().default(false),
    /** One of INCIDENT_CATEGORIES, or null until someone says. */
    category: text('category'),
    /** The post-mortem's life: 'draft' → 'in_review' → 'published', or 'skipped'. */
    postmortemState: text('postmortem_state').notNull().default('draft'),
    postmortemStateAt: integer('postmortem_state_at'),
    postmortemStateBy: text('postmortem_state_by'),
    /** Why the post-mortem was skipped (`/incident skip-postmortem <reason>`). */
    postmortemSkipReason: text('postmortem_skip_reason'),
  },
  (t) => [
    // At most one open incident per channel, enforced by the database itself.
    uniqueIndex('incidents_one_open_per_channel')
      .on(t.channelId)
      .where(sql`${t.status} <> 'resolved'`),
    index('incidents_channel').on(t.channelId, t.declaredAt),
  ],
);

export const incidentEvents = sqliteTable(
  'incident_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    kind: text('kind').notNull(),
    at: integer('at').notNull(),
    actorId: text('actor_id').notNull(),
    text: text('text'),
    subjectId: text('subject_id'),
    valueAt: integer('value_at'),
  },
  (t) => [index('incident_events_incident').on(t.incidentId, t.at)],
);

export const messages = sqliteTable(
  'messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    channelId: text('channel_id').notNull(),
    ts: text('ts').notNull(),
    threadTs: text('thread_ts'),
    postedAt: integer('posted_at').notNull(),
    userId: text('user_id'),
    botId: text('bot_id'),
    botName: text('bot_name'),
    isBot: integer('is_bot', { mode: 'boolean' }).notNull(),
    subtype: text('subtype'),
    text: text('text').notNull(),
    editedAt: integer('edited_at'),
    deletedAt: integer('deleted_at'),
    alertState: text('alert_state'),
    alertTitle: text('alert_title'),
    alertSource: text('alert_source'),
    alertName: text('alert_name'),
    alertSeverity: text('alert_severity'),
    alertFiredAt: integer('alert_fired_at'),
    /** The latest raw Slack message object, as JSON. */
    raw: text('raw').notNull(),
    recordedAt: integer('recorded_at').notNull(),
  },
  (t) => [
    uniqueIndex('messages_channel_ts').on(t.channelId, t.ts),
    index('messages_incident').on(t.incidentId, t.postedAt),
    // The people of an incident (authorsOf, before each draft) read from the index alone.
    index('messages_incident_user').on(t.incidentId, t.userId),
  ],
);

/** Slack retries deliveries: an event id seen here is never applied twice. */
export const processedEvents = sqliteTable(
  'processed_events',
  {
    eventId: text('event_id').primaryKey(),
    receivedAt: integer('received_at').notNull(),
  },
  (t) => [index('processed_events_received').on(t.receivedAt)],
);

export const actions = sqliteTable(
  'actions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    text: text('text').notNull(),
    ownerId: text('owner_id'),
    dueDate: text('due_date'),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at').notNull(),
    status: text('status').notNull(),
    /** 'task' while the incident is open, 'follow_up' once it is mitigated or resolved. */
    kind: text('kind').notNull().default('task'),
    priority: text('priority'),
    /** When it was closed (done or dropped), by whom, and why it was dropped. */
    closedAt: integer('closed_at'),
    closedBy: text('closed_by'),
    dropReason: text('drop_reason'),
    /** The message it was created from (message shortcut), if any. */
    sourceTs: text('source_ts'),
    /** What it is for: 'detect', 'mitigate' or 'prevent' (faster, faster, not again); null: unsaid. */
    purpose: text('purpose'),
  },
  (t) => [
    index('actions_incident').on(t.incidentId),
    index('actions_owner').on(t.ownerId, t.status),
  ],
);

export const people = sqliteTable('people', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  tz: text('tz'),
  fetchedAt: integer('fetched_at').notNull(),
});

export const postmortems = sqliteTable(
  'postmortems',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    createdAt: integer('created_at').notNull(),
    /**
     * 'storing' while its Markdown is written (never delivered; left so by a crash mid-write),
     * 'pending' until Slack accepted the post, then 'posted' with the message ts.
     */
    status: text('status').notNull(),
    postedTs: text('posted_ts'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** When a failed delivery is tried again (backoff). */
    nextAttemptAt: integer('next_attempt_at'),
    /** The full draft uploaded as a Markdown file, once Slack accepted it. */
    fileId: text('file_id'),
    filePermalink: text('file_permalink'),
    /**
     * What the draft says, as a hash of its Markdown without the generation time: a quick repeat
     * of "regenerate" is dropped only while nothing the draft shows has changed.
     */
    fingerprint: text('fingerprint'),
  },
  (t) => [index('postmortems_incident').on(t.incidentId)],
);

/**
 * A draft's Markdown (megabytes for a long incident), apart from its delivery state: SQLite
 * rewrites a whole row on any update, and delivery updates its row several times. Stored in
 * parts (0, 1, …; concatenated in order), so that writing a long draft never blocks for long.
 */
export const postmortemDocuments = sqliteTable(
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

/** Who marked which message as a key event, and how; a message is key while any mark exists. */
export const keyMarks = sqliteTable(
  'key_marks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    channelId: text('channel_id').notNull(),
    ts: text('ts').notNull(),
    /** 'reaction' (📌), 'pin', or 'shortcut' (message menu). */
    kind: text('kind').notNull(),
    userId: text('user_id').notNull(),
    markedAt: integer('marked_at').notNull(),
  },
  (t) => [uniqueIndex('key_marks_unique').on(t.channelId, t.ts, t.kind, t.userId)],
);

/** Alerts received directly from monitoring webhooks (not through channel messages). */
export const webhookAlerts = sqliteTable(
  'webhook_alerts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    source: text('source').notNull(),
    fingerprint: text('fingerprint').notNull(),
    name: text('name').notNull(),
    state: text('state').notNull(),
    severity: text('severity'),
    startsAt: integer('starts_at'),
    endsAt: integer('ends_at'),
    summary: text('summary').notNull(),
    url: text('url'),
    receivedAt: integer('received_at').notNull(),
    raw: text('raw').notNull(),
  },
  (t) => [
    // Alertmanager repeats a notification every repeat_interval: the same state of the same
    // alert episode is one row.
    uniqueIndex('webhook_alerts_unique').on(t.incidentId, t.fingerprint, t.state, t.startsAt),
    index('webhook_alerts_incident').on(t.incidentId, t.receivedAt),
  ],
);

/**
 * Every state an alert message has shown: tools edit their message in place, so the message row
 * only holds the latest state while detection needs the first firing.
 */
export const alertChanges = sqliteTable(
  'alert_changes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    channelId: text('channel_id').notNull(),
    messageTs: text('message_ts').notNull(),
    /** When this state was seen: the post's time, or the edit's. */
    at: integer('at').notNull(),
    source: text('source').notNull(),
    name: text('name').notNull(),
    state: text('state').notNull(),
    title: text('title').notNull(),
    severity: text('severity'),
    firedAt: integer('fired_at'),
  },
  (t) => [
    uniqueIndex('alert_changes_unique').on(t.channelId, t.messageTs, t.at),
    index('alert_changes_incident').on(t.incidentId, t.at),
  ],
);

/** What people wrote for the post-mortem with /incident summary|impact|cause|learning. */
export const sections = sqliteTable(
  'sections',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    kind: text('kind').notNull(),
    text: text('text').notNull(),
    authorId: text('author_id').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [index('sections_incident').on(t.incidentId, t.at)],
);

/** Reminder state of an action: when its owner was last reminded, and any snooze. */
export const actionReminders = sqliteTable('action_reminders', {
  actionId: integer('action_id')
    .primaryKey()
    .references(() => actions.id),
  lastRemindedAt: integer('last_reminded_at'),
  snoozedUntil: integer('snoozed_until'),
});

/** One reminder DM per owner per day (in the owner's zone), whatever restarts happen. */
export const reminderDms = sqliteTable(
  'reminder_dms',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ownerId: text('owner_id').notNull(),
    /** `YYYY-MM-DD` in the owner's zone. */
    day: text('day').notNull(),
    channelId: text('channel_id').notNull(),
    ts: text('ts').notNull(),
    sentAt: integer('sent_at').notNull(),
  },
  (t) => [uniqueIndex('reminder_dms_owner_day').on(t.ownerId, t.day)],
);

/** An action exported to GitHub as an issue; at most one issue per action. */
export const actionIssues = sqliteTable(
  'action_issues',
  {
    actionId: integer('action_id')
      .primaryKey()
      .references(() => actions.id),
    number: integer('number').notNull(),
    url: text('url').notNull(),
    /** The issue's state when last seen: 'open' or 'closed'. */
    state: text('state').notNull(),
    createdAt: integer('created_at').notNull(),
    /** When the sync last asked GitHub about it; null until the first check. */
    checkedAt: integer('checked_at'),
  },
  (t) => [index('action_issues_state').on(t.state)],
);

/**
 * Which replica works on an item of a periodic job (a draft to post, an owner's reminder day, an
 * incident to backfill), until when (ADR 0013). A live replica renews its claims; a dead one's
 * lapse and a survivor takes the item over. `lapsed_holder` keeps whose lapsed claim was taken.
 */
export const jobClaims = sqliteTable(
  'job_claims',
  {
    key: text('key').primaryKey(),
    holder: text('holder').notNull(),
    expiresAt: integer('expires_at').notNull(),
    lapsedHolder: text('lapsed_holder'),
  },
  (t) => [index('job_claims_holder').on(t.holder)],
);

/**
 * Tags of an incident: free (`key` '') or `key:value`; `service:<name>` marks an affected service.
 * `source` says who put it there: 'person', or a suggestion's origin ('alert:<label>',
 * 'datadog', 'channel'). A removed tag keeps its row (`removed_at`) so nothing suggests it again.
 */
export const incidentTags = sqliteTable(
  'incident_tags',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    key: text('key').notNull(),
    value: text('value').notNull(),
    source: text('source').notNull(),
    addedBy: text('added_by'),
    addedAt: integer('added_at').notNull(),
    removedAt: integer('removed_at'),
    removedBy: text('removed_by'),
  },
  (t) => [
    uniqueIndex('incident_tags_unique').on(t.incidentId, t.key, t.value),
    index('incident_tags_key_value').on(t.key, t.value),
  ],
);

/**
 * A past incident found related to an incident, with why (`reasons`: JSON), and the ts of the
 * channel post that named it (null until posted): each relation is posted once.
 */
export const incidentRelations = sqliteTable(
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
    foundAt: integer('found_at').notNull(),
    postedTs: text('posted_ts'),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.relatedId] })],
);

/** An open (or dropped) follow-up of a related incident that could have prevented this one. */
export const preventionMatches = sqliteTable(
  'prevention_matches',
  {
    incidentId: integer('incident_id')
      .notNull()
      .references(() => incidents.id),
    actionId: integer('action_id')
      .notNull()
      .references(() => actions.id),
    foundAt: integer('found_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.actionId] })],
);

/** The weekly review posted for an ISO week (`2026-W48`): exactly once, whatever restarts. */
export const weeklyReviews = sqliteTable('weekly_reviews', {
  week: text('week').primaryKey(),
  channelId: text('channel_id').notNull(),
  postedTs: text('posted_ts').notNull(),
  postedAt: integer('posted_at').notNull(),
});
