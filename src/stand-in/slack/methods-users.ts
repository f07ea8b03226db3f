import { fail, type MethodHandler, ok } from './method-kit.ts';
import type { StandInUser } from './types.ts';
import type { Workspace } from './workspace.ts';

export interface ZoneFacts {
  tz: string;
  tz_label: string;
  /** Seconds east of UTC at the given instant. */
  tz_offset: number;
}

/** Throws a RangeError for a zone the platform does not know, which addUser relies on. */
export function zoneFacts(tz: string, atMs: number): ZoneFacts {
  const at = new Date(atMs);
  const part = (style: 'long' | 'longOffset') =>
    new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: style })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value ?? '';
  const offset = /^GMT([+-])(\d{2}):(\d{2})$/.exec(part('longOffset'));
  const seconds = offset ? Number(offset[2]) * 3600 + Number(offset[3]) * 60 : 0;
  return { tz, tz_label: part('long'), tz_offset: offset?.[1] === '-' ? -seconds : seconds };
}

function userView(workspace: Workspace, user: StandInUser): Record<string, unknown> {
  const realName = user.realName ?? user.name;
  const displayName = user.displayName ?? '';
  const isBot = user.isBot ?? false;
  const profile: Record<string, unknown> = {
    real_name: realName,
    real_name_normalized: realName,
    display_name: displayName,
    display_name_normalized: displayName,
    team: workspace.identity.teamId,
  };
  if (user.id === workspace.identity.botUserId) {
    profile.bot_id = workspace.identity.botId;
    profile.api_app_id = workspace.identity.appId;
  }
  return {
    id: user.id,
    team_id: workspace.identity.teamId,
    name: user.name,
    deleted: false,
    real_name: realName,
    ...zoneFacts(user.tz ?? 'UTC', workspace.now()),
    is_admin: false,
    is_owner: false,
    is_primary_owner: false,
    is_restricted: false,
    is_ultra_restricted: false,
    is_bot: isBot,
    is_app_user: false,
    updated: Math.floor(workspace.now() / 1000),
    profile,
  };
}

const authTest: MethodHandler = ({ workspace }) => {
  const { teamDomain, teamName, botName, teamId, botUserId, botId } = workspace.identity;
  return ok({
    url: `https://${teamDomain}.slack.com/`,
    team: teamName,
    user: botName,
    team_id: teamId,
    user_id: botUserId,
    bot_id: botId,
    is_enterprise_install: false,
  });
};

const usersInfo: MethodHandler = ({ workspace, args }) => {
  const id = args.string('user');
  if (id === undefined) return fail('invalid_arguments');
  const user = workspace.users.get(id);
  return user ? ok({ user: userView(workspace, user) }) : fail('user_not_found');
};

export const userMethods: Record<string, MethodHandler> = {
  'auth.test': authTest,
  'users.info': usersInfo,
};
