import { fail, type MethodHandler, ok } from './method-kit.ts';
import { channelView } from './methods-conversations.ts';

// Slack's rule for channel names: lowercase letters, digits, hyphens and underscores, ≤ 80.
const VALID_NAME = /^[a-z0-9_-]{1,80}$/;

const create: MethodHandler = ({ workspace, args }) => {
  const name = args.string('name');
  if (!name) return fail('invalid_name_required');
  if (!VALID_NAME.test(name)) return fail('invalid_name_specials');
  if ([...workspace.channels.values()].some((c) => c.name === name)) return fail('name_taken');
  const isPrivate = args.bool('is_private');
  const channel = workspace.putChannel({
    id: workspace.nextId(isPrivate ? 'G' : 'C'),
    name,
    isPrivate,
    members: [workspace.identity.botUserId],
  });
  return ok({ channel: channelView(workspace, channel) });
};

const invite: MethodHandler = ({ workspace, args }) => {
  const channel = workspace.findChannel(args.string('channel') ?? '');
  if (!channel) return fail('channel_not_found');
  const users = args.list('users');
  if (!users || users.length === 0) return fail('no_user');
  if (users.some((u) => !workspace.users.has(u))) return fail('user_not_found');
  if (users.length === 1 && channel.members.has(users[0] ?? '')) return fail('already_in_channel');
  for (const user of users) workspace.addMember(channel, user);
  return ok({ channel: channelView(workspace, channel) });
};

export const channelMethods: Record<string, MethodHandler> = {
  'conversations.create': create,
  'conversations.invite': invite,
};
