import type { StandInMessage } from './types.ts';

/** What happened in the workspace, as the Events API would tell an app about it. */
export type WorkspaceChange =
  | { kind: 'posted'; message: StandInMessage }
  | { kind: 'changed'; message: StandInMessage; previous: StandInMessage; eventTs: string }
  | { kind: 'deleted'; previous: StandInMessage; eventTs: string }
  | {
      kind: 'reaction';
      added: boolean;
      user: string;
      name: string;
      message: StandInMessage;
      eventTs: string;
    };

export type ChangeListener = (change: WorkspaceChange) => void;

/** Listeners of workspace changes, and a counter bumped by every change (pages poll it). */
export class ChangeFeed {
  private readonly listeners = new Set<ChangeListener>();
  private counter = 0;

  get version(): number {
    return this.counter;
  }

  touch(): void {
    this.counter += 1;
  }

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(change: WorkspaceChange): void {
    this.touch();
    for (const listener of this.listeners) listener(change);
  }
}
