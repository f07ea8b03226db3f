import { compareTs } from './timestamps.ts';

/** A message only one person sees, in one conversation; it never enters history. */
export interface StandInEphemeral {
  channel: string;
  ts: string;
  /** The only person who sees it. */
  viewer: string;
  /** Who it comes from: the bot user, or Slackbot for Slack's own notices. */
  user: string;
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
  thread_ts?: string;
}

/** Ephemeral messages per conversation, as the client that received them would show them. */
export class Ephemerals {
  private readonly byChannel = new Map<string, StandInEphemeral[]>();

  constructor(private readonly changed: () => void) {}

  add(message: StandInEphemeral): void {
    const list = this.byChannel.get(message.channel) ?? [];
    list.push(message);
    this.byChannel.set(message.channel, list);
    this.changed();
  }

  find(channel: string, ts: string): StandInEphemeral | undefined {
    return this.byChannel.get(channel)?.find((m) => compareTs(m.ts, ts) === 0);
  }

  /** Replaces the content in place (keeps ts, viewer and channel), as replace_original does. */
  replace(target: StandInEphemeral, content: Partial<StandInEphemeral>): void {
    const { channel: _c, ts: _t, viewer: _v, ...rest } = content;
    Object.assign(target, rest);
    const fields = target as unknown as Record<string, unknown>;
    for (const key of Object.keys(fields)) if (fields[key] === undefined) delete fields[key];
    this.changed();
  }

  remove(target: StandInEphemeral): void {
    const list = this.byChannel.get(target.channel) ?? [];
    const at = list.indexOf(target);
    if (at >= 0) list.splice(at, 1);
    this.changed();
  }

  /** What `viewer` sees in `channel`, oldest first. */
  visibleTo(channel: string, viewer: string): StandInEphemeral[] {
    return (this.byChannel.get(channel) ?? []).filter((m) => m.viewer === viewer);
  }
}
