import { postmortemOwner } from '../domain/postmortem-life.ts';
import { withPostmortemReminders } from '../domain/postmortem-reminders.ts';
import { dueReminders, type OwnerReminder, weekKey, weeklyDigests } from '../domain/reminders.ts';
import type { ActionItem } from '../domain/types.ts';
import { claimKeys, claimsOf } from './claims.ts';
import { type Deps, failureCode } from './ports.ts';
import { postmortemChannelReminder, routePostmortems } from './postmortem-reminders.ts';
import { rememberPeople } from './remember-people.ts';
import {
  channelReminder,
  type MembersOf,
  membersCache,
  type RoutedItem,
  routeItems,
} from './reminder-routing.ts';

/**
 * One pass of the reminder loop: each owner with actions due (in their own working hours and
 * zone) gets one DM — a single item or a digest — at most once a day. State lives in SQLite, so a
 * restart neither repeats nor drops a reminder.
 */
export async function sendReminders(deps: Deps): Promise<number> {
  const { store } = deps;
  const candidates = await store.reminders.candidates();
  const drafts = await store.postmortemStates.drafts();
  // Owners, and leads (who hear about unowned and given-up actions, and overdue drafts).
  const ownerIds = [
    ...new Set([
      ...candidates.flatMap((c) => (c.action.ownerId ? [c.action.ownerId, c.leadId] : [c.leadId])),
      ...drafts.map((d) => postmortemOwner(d.incident)),
    ]),
  ];
  await rememberPeople(deps, ownerIds);
  const now = deps.clock.now();
  const owners = new Map<string, OwnerState>();
  for (const id of ownerIds) {
    const timeZone = (await store.people.timeZoneOf(id)) ?? deps.timeZone;
    // The one weekly key the domain asks about for this owner now, read ahead.
    const week = weekKey(now, timeZone);
    const weekSent = await store.reminders.hasDm(id, week);
    owners.set(id, {
      timeZone,
      dmDays: await store.reminders.dmDays(id),
      sent: (key) => key === week && weekSent,
    });
  }
  const due = withPostmortemReminders(
    dueReminders(candidates, owners, now, deps.settings.reminders),
    drafts,
    owners,
    now,
    deps.settings.reminders.hours,
    deps.settings.postmortemDueDays ?? 5,
  );
  const openByOwner = new Map<string, ActionItem[]>();
  for (const { action } of candidates) {
    if (action.ownerId === null) continue;
    openByOwner.set(action.ownerId, [...(openByOwner.get(action.ownerId) ?? []), action]);
  }
  const weekly = weeklyDigests(openByOwner, owners, now, deps.settings.reminders.hours);
  const membersOf = membersCache(deps);
  let sent = 0;
  for (const reminder of due) if (await deliver(deps, reminder, now, false, membersOf)) sent++;
  for (const digest of weekly) if (await deliver(deps, digest, now, true, membersOf)) sent++;
  return sent;
}

/** Longer than any day or week key is wanted: a claim cut off by a crash outlives its key. */
const REMINDER_CLAIM_MS = 8 * 24 * 60 * 60 * 1000;

interface OwnerState {
  timeZone: string;
  dmDays: ReadonlySet<string>;
  sent: (key: string) => boolean;
}

/**
 * Sends one reminder and records it; nothing is recorded when Slack fails, so the next pass
 * retries. Items of a private incident whose recipient is not in its channel are posted in that
 * channel instead of the DM; the weekly overview leaves them out (the channel hears about them
 * when they are due).
 */
async function deliver(
  deps: Deps,
  reminder: OwnerReminder,
  now: number,
  weekly: boolean,
  membersOf: MembersOf,
) {
  const { store } = deps;
  const items: RoutedItem[] = [];
  for (const [i, action] of reminder.actions.entries()) {
    const incident = await store.incidents.get(action.incidentId);
    items.push({
      action,
      reason: reminder.reasons[i] ?? ('due' as const),
      incidentTitle: incident?.title ?? 'an incident',
      channelId: incident?.channelId ?? '',
      snoozedUntil: null,
      // An action without its incident cannot say where it belongs: keep it out of DMs.
      isPrivate: incident ? incident.isPrivate === true : true,
    });
  }
  const { direct, inChannel } = await routeItems(items, reminder.ownerId, weekly, membersOf);
  const drafts = await routePostmortems(reminder.postmortems ?? [], reminder.ownerId, membersOf);
  const kept = inChannel.size > 0 || drafts.inChannel.length > 0;
  if (items.length > direct.length) {
    deps.logger.info(
      { ownerId: reminder.ownerId, kept: items.length - direct.length, weekly },
      'reminder items of a private incident not sent as a DM: the recipient is not a member',
    );
  }
  const dm = direct.length > 0 || drafts.direct.length > 0;
  if (!dm && !kept) return false;
  // Claimed before sending, for longer than the day lasts: a replica that dies between Slack's
  // answer and recording the DM costs the owner that day's reminder, never a second one.
  let sentTo: { channelId: string; ts: string } | null;
  try {
    sentTo = await claimsOf(deps).once(
      claimKeys.reminder(reminder.ownerId, reminder.day),
      REMINDER_CLAIM_MS,
      () => store.reminders.hasDm(reminder.ownerId, reminder.day),
      async () => {
        let first: { channelId: string; ts: string } | null = null;
        for (const [channelId, posted] of inChannel) {
          const { ts } = await deps.notifier.post(channelId, channelReminder(posted));
          first ??= { channelId, ts };
        }
        for (const channelId of drafts.inChannel) {
          const { ts } = await deps.notifier.post(channelId, postmortemChannelReminder());
          first ??= { channelId, ts };
        }
        if (!dm) return first;
        const channelId = await deps.notifier.openDm(reminder.ownerId);
        const { ts } = await deps.notifier.postReminder(channelId, {
          items: direct,
          weekly,
          ...(drafts.direct.length > 0 ? { postmortems: drafts.direct } : {}),
        });
        return { channelId, ts };
      },
    );
  } catch (error) {
    // Nothing reached the owner, or Slack's answer says so: the claim was given back.
    deps.logger.warn(
      { err: error, ownerId: reminder.ownerId, code: failureCode(error) },
      'reminder DM failed',
    );
    return false;
  }
  if (sentTo === null) return false;
  const reminded = [...direct, ...[...inChannel.values()].flat()].map((i) => i.action.id);
  // Sent: the claim stays, so a failed write here can cost a repeat of the chase, never a DM.
  await store.reminders.recordDm(
    { ownerId: reminder.ownerId, day: reminder.day, ...sentTo },
    // The weekly overview does not count as chasing: due reminders keep their rhythm.
    weekly ? [] : reminded,
    now,
  );
  return true;
}
