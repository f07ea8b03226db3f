import { fail, type MethodHandler, ok } from './method-kit.ts';
import { channelView } from './methods-conversations.ts';
import { readLimit } from './pagination.ts';
import type { StandInUser } from './types.ts';
import type { ChannelRecord, Workspace } from './workspace.ts';

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

// users.conversations: Slack's default page is 100, its ceiling 999; public channels only unless
// `types` asks for more.
const CONVERSATIONS_LIMIT = { default: 100, max: 999 };
const CONVERSATION_TYPES = ['public_channel', 'private_channel', 'mpim', 'im'] as const;
const CHANNEL_CURSOR_PREFIX = 'channel:';

function typeOf(channel: ChannelRecord): (typeof CONVERSATION_TYPES)[number] {
  if (channel.isIm) return 'im';
  if (channel.isMpim) return 'mpim';
  return channel.isPrivate ? 'private_channel' : 'public_channel';
}

// The conversations `user` is in. With a bot token, as on Slack, a non-public one is listed only
// when the app is in it too: an app cannot learn of private channels it was never invited to.
const usersConversations: MethodHandler = ({ workspace, args }) => {
  const { botUserId } = workspace.identity;
  const userId = args.string('user') ?? botUserId;
  if (!workspace.users.has(userId)) return fail('user_not_found');
  const types = args.list('types') ?? ['public_channel'];
  if (types.some((t) => !(CONVERSATION_TYPES as readonly string[]).includes(t))) {
    return fail('invalid_types');
  }
  const excludeArchived = args.bool('exclude_archived');
  const listed = [...workspace.channels.values()]
    .filter(
      (c) =>
        c.members.has(userId) &&
        types.includes(typeOf(c)) &&
        (typeOf(c) === 'public_channel' || c.members.has(botUserId)) &&
        !(excludeArchived && c.isArchived),
    )
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // Cursors name the channel the next page starts at, so channels created between two pages do
  // not shift the pages.
  let start = 0;
  const cursor = args.string('cursor');
  if (cursor !== undefined) {
    const text = Buffer.from(cursor, 'base64').toString('utf8');
    if (!text.startsWith(CHANNEL_CURSOR_PREFIX)) return fail('invalid_cursor');
    const from = text.slice(CHANNEL_CURSOR_PREFIX.length);
    start = listed.findIndex((c) => c.id >= from);
    if (start < 0) start = listed.length;
  }
  const limit = readLimit(args, CONVERSATIONS_LIMIT.default, CONVERSATIONS_LIMIT.max);
  const next = listed[start + limit]?.id;
  return ok({
    channels: listed.slice(start, start + limit).map((channel) => ({
      ...channelView(workspace, channel),
      is_member: channel.members.has(botUserId),
    })),
    response_metadata: {
      next_cursor:
        next === undefined ? '' : Buffer.from(CHANNEL_CURSOR_PREFIX + next).toString('base64'),
    },
  });
};

export const userMethods: Record<string, MethodHandler> = {
  'auth.test': authTest,
  'users.info': usersInfo,
  'users.conversations': usersConversations,
};
