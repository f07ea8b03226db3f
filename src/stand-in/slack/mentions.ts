import { escapeMrkdwn } from '../../domain/slack-text.ts';
import type { Workspace } from './workspace.ts';

// What the Slack client does to text before sending it: &, < and > are escaped, and @name,
// @here and #channel become mention tokens. Slash commands with "escape users" on get the
// `<@U…|name>` form.

const SPECIAL = new Set(['here', 'channel', 'everyone']);

export function encodeTyped(
  workspace: Workspace,
  typed: string,
  form: 'message' | 'command',
): string {
  return escapeMrkdwn(typed)
    .replace(/(^|[\s(])@([\w-]+(?:\.[\w-]+)*)/g, (whole, before: string, name: string) => {
      const token = userToken(workspace, name, form);
      return token === null ? whole : `${before}${token}`;
    })
    .replace(/(^|[\s(])#([a-z0-9_-]+)/g, (whole, before: string, name: string) => {
      const channel = [...workspace.channels.values()].find(
        (c) => !c.isIm && !c.isMpim && c.name === name,
      );
      return channel ? `${before}<#${channel.id}|${channel.name}>` : whole;
    });
}

function userToken(workspace: Workspace, name: string, form: 'message' | 'command'): string | null {
  const lower = name.toLowerCase();
  if (SPECIAL.has(lower)) return `<!${lower}>`;
  const user = [...workspace.users.values()].find((u) => u.name.toLowerCase() === lower);
  if (!user) return null;
  return form === 'command' ? `<@${user.id}|${user.name}>` : `<@${user.id}>`;
}
