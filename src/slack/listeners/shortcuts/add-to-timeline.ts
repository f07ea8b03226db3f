import type { App, MessageShortcut } from '@slack/bolt';
import { markKeyEvent } from '../../../usecases/mark-key-event.ts';
import type { Deps, SlackHistoryMessage } from '../../../usecases/ports.ts';
import { NO_OPEN_INCIDENT } from '../../../usecases/ports.ts';
import { replyWith } from '../commands/reply.ts';
import { failureReport } from '../failures.ts';

export const ADD_TO_TIMELINE = 'add_to_timeline';

const REPLIES = {
  marked: ':pushpin: Added to the incident timeline, at the time the message was posted.',
  unchanged: 'That message is already on the timeline as a key event.',
  'no-incident': NO_OPEN_INCIDENT,
  'not-found': 'I could not read that message. Is it in this channel, and am I a member?',
  unmarked: null,
} as const;

/** Message menu → "Add to incident timeline". */
export function registerAddToTimeline(app: App, deps: Deps): void {
  app.shortcut<MessageShortcut>(
    { callback_id: ADD_TO_TIMELINE, type: 'message_action' },
    async ({ shortcut, ack, respond }) => {
      await ack();
      const failures = failureReport(deps, {
        shortcut: ADD_TO_TIMELINE,
        channelId: shortcut.channel.id,
      });
      await replyWith(respond, failures, async () => {
        const result = await markKeyEvent(deps, {
          channelId: shortcut.channel.id,
          ts: shortcut.message_ts,
          kind: 'shortcut',
          userId: shortcut.user.id,
          message: shortcut.message as unknown as SlackHistoryMessage,
        });
        return { reply: REPLIES[result] };
      });
    },
  );
}
