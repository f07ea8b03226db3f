import type { ReminderCandidate } from '../domain/reminders.ts';
import type { ActionItem, ActionKind, ActionPriority, ActionStatus } from '../domain/types.ts';
import {
  type ActionIssue,
  draftClaimKey,
  type IssueState,
  type StoredPostmortem,
} from '../usecases/store-records.ts';

// Rows → domain objects for actions, their issues and drafts, shared by both engines: their
// schemas read the same columns as the same JS types (PostgreSQL's bigint as a number), so the
// same mapping keeps them alike row for row. The enums are text in both, checked by the domain.

type Widened<T, K extends keyof T> = Omit<T, K> & { [P in K]: string | Extract<T[P], null> };

export type ActionRow = Widened<ActionItem, 'status' | 'kind' | 'priority'>;

/** The domain's action from a row: columns the domain does not name yet are left out. */
export function toAction(row: ActionRow & { purpose?: unknown }): ActionItem {
  const { purpose: _purpose, ...named } = row;
  return {
    ...named,
    status: row.status as ActionStatus,
    kind: row.kind as ActionKind,
    priority: row.priority as ActionPriority | null,
  };
}

export type ActionIssueRow = Widened<ActionIssue, 'state'>;

export function toIssue(row: ActionIssueRow): ActionIssue {
  return { ...row, state: row.state as IssueState };
}

/** A postmortems row: the delivery state, with the columns only the store itself reads. */
export type PostmortemRow = Widened<StoredPostmortem, 'status'> & {
  nextAttemptAt: number | null;
};

export function toStoredPostmortem(row: PostmortemRow): StoredPostmortem {
  return {
    id: row.id,
    incidentId: row.incidentId,
    status: row.status as StoredPostmortem['status'],
    postedTs: row.postedTs,
    attempts: row.attempts,
    lastError: row.lastError,
    createdAt: row.createdAt,
    fileId: row.fileId,
    filePermalink: row.filePermalink,
    fingerprint: row.fingerprint,
  };
}

/** A draft's Markdown is stored in parts of this many characters (both engines alike). */
export const POSTMORTEM_PART_CHARS = 1 << 18;

/** The row of the claim a draft's writer takes on it with the draft's own row (ADR 0013). */
export function writerClaim(postmortemId: number, claim: { holder: string; until: number }) {
  return { key: draftClaimKey(postmortemId), holder: claim.holder, expiresAt: claim.until };
}

/** A new draft's row: 'storing', which nothing delivers until its last part is written. */
export function draftValues(incidentId: number, now: number, fingerprint: string | null) {
  return { incidentId, createdAt: now, status: 'storing', nextAttemptAt: now, fingerprint };
}

/** An open action joined with its reminder row (none until it is first reminded or snoozed). */
export interface ReminderCandidateRow {
  action: ActionRow & { purpose?: unknown };
  reminder: { lastRemindedAt: number | null; snoozedUntil: number | null } | null;
  leadId: string;
}

export function toReminderCandidate({
  action,
  reminder,
  leadId,
}: ReminderCandidateRow): ReminderCandidate {
  return {
    leadId,
    action: toAction(action),
    state: {
      lastRemindedAt: reminder?.lastRemindedAt ?? null,
      snoozedUntil: reminder?.snoozedUntil ?? null,
    },
  };
}
