import { markKeyEvent, unmarkKeyEvent } from '../../../usecases/mark-key-event.ts';
import type { Deps } from '../../../usecases/ports.ts';
import type { EventRoutes } from '../event-routes.ts';

const KEY_REACTION = 'pushpin';

interface MessageItem {
  type?: string;
  channel?: string;
  ts?: string;
  message?: { ts?: string };
}

/** 📌 reactions and pins mark key events; removing them unmarks. */
export function registerKeyEvents(events: EventRoutes, deps: Deps): void {
  const log = deps.logger.child({ listener: 'key-events' });
  events.on('reaction_added', async ({ event }) => {
    const item = event.item as MessageItem;
    if (event.reaction !== KEY_REACTION || item.type !== 'message' || !item.channel || !item.ts)
      return;
    const result = await markKeyEvent(deps, {
      channelId: item.channel,
      ts: item.ts,
      kind: 'reaction',
      userId: event.user,
    });
    log.debug({ result }, 'pushpin added');
  });
  events.on('reaction_removed', async ({ event }) => {
    const item = event.item as MessageItem;
    if (event.reaction !== KEY_REACTION || item.type !== 'message' || !item.channel || !item.ts)
      return;
    await unmarkKeyEvent(deps, {
      channelId: item.channel,
      ts: item.ts,
      kind: 'reaction',
      userId: event.user,
    });
  });
  events.on('pin_added', async ({ event }) => {
    const item = event.item as MessageItem;
    const ts = item.message?.ts ?? item.ts;
    if (item.type !== 'message' || !ts) return;
    const result = await markKeyEvent(deps, {
      channelId: event.channel_id,
      ts,
      kind: 'pin',
      userId: event.user,
    });
    log.debug({ result }, 'pin added');
  });
  events.on('pin_removed', async ({ event }) => {
    const item = event.item as MessageItem;
    const ts = item.message?.ts ?? item.ts;
    if (item.type !== 'message' || !ts) return;
    await unmarkKeyEvent(deps, {
      channelId: event.channel_id,
      ts,
      kind: 'pin',
      userId: event.user,
    });
  });
}
