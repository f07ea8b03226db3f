import { deleteAsPerson, editAsPerson, postAsPerson, reactAsPerson } from './people.ts';
import {
  type AppAccess,
  type ClickInput,
  clickControl,
  runCommand,
  runShortcut,
} from './people-app.ts';
import type { StandInMessage } from './types.ts';

/** What the people of the workspace do in their Slack client; refusals throw a Refusal. */
export interface PeopleActions {
  /** A message or thread reply; @name and #channel become mentions as the client makes them. */
  post(input: { channel: string; user: string; text: string; threadTs?: string }): StandInMessage;
  edit(input: { channel: string; ts: string; user: string; text: string }): void;
  delete(input: { channel: string; ts: string; user: string }): void;
  react(input: { channel: string; ts: string; user: string; name: string; remove?: boolean }): void;
  /** `/command text`, sent to the app; its answer shows up as Slack would show it. */
  command(input: { channel: string; user: string; text: string }): Promise<void>;
  /** A click on a button (or a choice in a users_select) of a message, ephemeral or not. */
  click(input: ClickInput): Promise<void>;
  shortcut(input: { channel: string; ts: string; user: string; callbackId: string }): Promise<void>;
}

export function peopleActions(access: AppAccess): PeopleActions {
  const { workspace } = access;
  return {
    post: (input) => postAsPerson(workspace, input),
    edit: (input) => editAsPerson(workspace, input),
    delete: (input) => deleteAsPerson(workspace, input),
    react: (input) => reactAsPerson(workspace, input),
    command: (input) => runCommand(access, input),
    click: (input) => clickControl(access, input),
    shortcut: (input) => runShortcut(access, input),
  };
}
