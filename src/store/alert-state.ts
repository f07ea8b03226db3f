import type { StorableChange } from '../usecases/store-records.ts';

type Shown = Extract<StorableChange, { kind: 'posted' | 'edited' }>;

/**
 * The alert state a change shows, stamped with when the channel showed it: a post at its own
 * time, an edit at the edit's (tools edit their message in place as the alert moves on). Both
 * engines record exactly this, so detection reads the same history whichever stores it.
 */
export function alertStateShown(change: Shown) {
  const { message } = change;
  if (!message.alert) return null;
  return {
    channelId: message.channelId,
    ts: message.ts,
    at: change.kind === 'posted' ? message.postedAt : change.at,
    alert: message.alert,
  };
}
