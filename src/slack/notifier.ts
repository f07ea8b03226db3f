import type { webApi } from '@slack/bolt';
import type { Person } from '../domain/types.ts';
import { slackErrorCode } from '../usecases/announce.ts';
import type { Notifier, OutgoingMessage } from '../usecases/ports.ts';

// Slack's answers when the bot may not join by itself (private channels, DMs, Connect).
const MUST_BE_INVITED = new Set([
  'method_not_supported_for_channel_type',
  'channel_not_found',
  'missing_scope',
  'is_archived',
]);

interface SlackUser {
  id?: string;
  name?: string;
  real_name?: string;
  tz?: string;
  profile?: { display_name?: string; real_name?: string };
}

function toPerson(user: SlackUser, fallbackId: string): Person {
  const name =
    user.profile?.display_name ||
    user.profile?.real_name ||
    user.real_name ||
    user.name ||
    fallbackId;
  return { id: user.id ?? fallbackId, name, tz: user.tz ?? null };
}

/** The one place that calls the Slack Web API. */
export function createSlackNotifier(client: webApi.WebClient): Notifier {
  return {
    async post(channelId: string, message: OutgoingMessage) {
      const result = await client.chat.postMessage({
        channel: channelId,
        text: message.text,
        ...(message.blocks ? { blocks: message.blocks as never } : {}),
        unfurl_links: false,
        unfurl_media: false,
      });
      return { ts: result.ts ?? '' };
    },

    async join(channelId: string) {
      try {
        await client.conversations.join({ channel: channelId });
        return true;
      } catch (error) {
        if (MUST_BE_INVITED.has(slackErrorCode(error))) return false;
        throw error;
      }
    },

    async profile(userId: string) {
      try {
        const result = await client.users.info({ user: userId });
        return result.user ? toPerson(result.user as SlackUser, userId) : null;
      } catch (error) {
        if (slackErrorCode(error) === 'user_not_found') return null;
        throw error;
      }
    },
  };
}
