import type { StandInMessage } from './types.ts';
import type { Workspace } from './workspace.ts';

// Changes to conversations that Slack tells apps about. Web API methods and the people in the
// workspace both write through here, so every change reaches the feed (and so the app) once.

export function postMessage(workspace: Workspace, message: StandInMessage): void {
  workspace.putMessage(message);
  workspace.feed.emit({ kind: 'posted', message });
}

/** Replaces a message's content; `editor` signs the `edited` stamp, as Slack does. */
export function editMessage(
  workspace: Workspace,
  previous: StandInMessage,
  content: Partial<StandInMessage>,
  editor: string,
): StandInMessage {
  const eventTs = workspace.nextTs();
  const { channel: _c, ts: _t, ...rest } = content;
  const message: StandInMessage = { ...previous, ...rest, edited: { user: editor, ts: eventTs } };
  // An explicit undefined drops the field (a replacement without blocks has none).
  for (const key of Object.keys(message)) if (message[key] === undefined) delete message[key];
  workspace.putMessage(message);
  workspace.feed.emit({ kind: 'changed', message, previous, eventTs });
  return message;
}

/**
 * Deletes a message. A thread parent with replies stays behind as a tombstone ("This message was
 * deleted."), as on Slack, so the replies keep their thread.
 */
export function deleteMessage(workspace: Workspace, previous: StandInMessage): void {
  const eventTs = workspace.nextTs();
  const hasReplies = workspace.repliesTo(previous).length > 0;
  if (hasReplies) {
    workspace.putMessage({
      channel: previous.channel,
      ts: previous.ts,
      thread_ts: previous.ts,
      subtype: 'tombstone',
      hidden: true,
      text: 'This message was deleted.',
      user: 'USLACKBOT',
    });
  } else {
    workspace.removeMessage(previous.channel, previous.ts);
  }
  workspace.feed.emit({ kind: 'deleted', previous, eventTs });
}

interface Reaction {
  name: string;
  users: string[];
  count: number;
}

/** Adds or removes one person's reaction; false when nothing changed. */
export function setReaction(
  workspace: Workspace,
  message: StandInMessage,
  user: string,
  name: string,
  added: boolean,
): boolean {
  const reactions = ((message.reactions as Reaction[] | undefined) ?? []).map((r) => ({
    ...r,
    users: [...r.users],
  }));
  let reaction = reactions.find((r) => r.name === name);
  if (added === (reaction?.users.includes(user) ?? false)) return false;
  if (!reaction) {
    reaction = { name, users: [], count: 0 };
    reactions.push(reaction);
  }
  reaction.users = added ? [...reaction.users, user] : reaction.users.filter((u) => u !== user);
  reaction.count = reaction.users.length;
  const kept = reactions.filter((r) => r.count > 0);
  const updated: StandInMessage = { ...message };
  if (kept.length > 0) updated.reactions = kept;
  else delete updated.reactions;
  workspace.putMessage(updated);
  workspace.feed.emit({
    kind: 'reaction',
    added,
    user,
    name,
    message: updated,
    eventTs: workspace.nextTs(),
  });
  return true;
}
