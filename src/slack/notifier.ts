import type { webApi } from '@slack/bolt';
import type { Person } from '../domain/types.ts';
import {
  type HistoryPage,
  type HistoryQuery,
  type Notifier,
  NotifierError,
  type OutgoingMessage,
  type SlackHistoryMessage,
} from '../usecases/ports.ts';
import { postmortemBlocks } from './blocks/postmortem.ts';
import { reminderMessage } from './blocks/reminder.ts';
import { draftMetadata, isDraftSummary } from './draft-metadata.ts';
import { slackErrorCode } from './errors.ts';
import { signInMethods } from './notifier-sign-in.ts';
import { completeUpload, sendInParts } from './upload.ts';

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

export interface BotIdentity {
  userId: string | null;
  botId: string | null;
}

function pageOf(
  self: BotIdentity,
  result: { messages?: unknown[]; response_metadata?: { next_cursor?: string } },
): HistoryPage {
  // Our own posts are already in the timeline as incident events; never record them twice.
  const messages = ((result.messages ?? []) as SlackHistoryMessage[]).filter(
    (m) => !(self.userId && m.user === self.userId) && !(self.botId && m.bot_id === self.botId),
  );
  return { messages, nextCursor: result.response_metadata?.next_cursor ?? '' };
}

function query(q: HistoryQuery) {
  return {
    inclusive: true,
    limit: q.limit ?? 200,
    ...(q.oldest ? { oldest: q.oldest } : {}),
    ...(q.latest ? { latest: q.latest } : {}),
    ...(q.cursor ? { cursor: q.cursor } : {}),
  };
}

/**
 * The port's promise: whatever a method throws is a NotifierError carrying Slack's error code, so
 * the use cases can tell people why without knowing how Slack reports failures.
 */
function withNotifierErrors(notifier: Notifier): Notifier {
  const wrapped: Record<string, (...args: never[]) => Promise<unknown>> = {};
  for (const [name, method] of Object.entries(notifier)) {
    wrapped[name] = async (...args: never[]) => {
      try {
        return await method(...args);
      } catch (error) {
        throw error instanceof NotifierError
          ? error
          : new NotifierError(slackErrorCode(error), error);
      }
    };
  }
  return wrapped as unknown as Notifier;
}

/** The one place that calls the Slack Web API. */
/**
 * `once` (default: `client`) posts what must never be posted twice, the draft summaries: without
 * the client's own retries, since a timed-out call may have been acted on. A failed summary is
 * retried by the draft-delivery job, which first looks for it in the channel. `tokenless` (no
 * token, no retries) exchanges Sign in with Slack codes.
 */
export function createSlackNotifier(
  client: webApi.WebClient,
  self: BotIdentity,
  once: webApi.WebClient = client,
  tokenless: webApi.WebClient | null = null,
): Notifier {
  const post = async (channelId: string, message: OutgoingMessage, via = client) => {
    const result = await via.chat.postMessage({
      channel: channelId,
      text: message.text,
      ...(message.blocks ? { blocks: message.blocks as never } : {}),
      ...(message.metadata ? { metadata: message.metadata } : {}),
      unfurl_links: false,
      unfurl_media: false,
    });
    return { ts: result.ts ?? '' };
  };
  return withNotifierErrors({
    post,
    ...signInMethods(client, tokenless),

    postReminder: (channelId, { items, weekly, postmortems }) =>
      post(channelId, reminderMessage(items, { weekly: weekly === true, postmortems })),

    postDraftSummary: (channelId, { draft, postmortemId, ...options }) =>
      post(
        channelId,
        {
          ...postmortemBlocks(draft, options),
          ...(postmortemId !== undefined ? { metadata: draftMetadata(postmortemId) } : {}),
        },
        once,
      ),

    async findDraftSummary(channelId, postmortemId, sinceMs) {
      let cursor = '';
      do {
        const page = await client.conversations.history({
          channel: channelId,
          oldest: (sinceMs / 1000).toFixed(6),
          include_all_metadata: true,
          limit: 200,
          ...(cursor ? { cursor } : {}),
        });
        const found = (page.messages ?? []).find((m) =>
          isDraftSummary(m as Record<string, unknown>, self, postmortemId),
        );
        if (found?.ts) return found.ts;
        cursor = page.response_metadata?.next_cursor ?? '';
      } while (cursor);
      return null;
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

    async history(channelId, q) {
      return pageOf(self, await client.conversations.history({ channel: channelId, ...query(q) }));
    },

    async replies(channelId, threadTs, q) {
      const result = await client.conversations.replies({
        channel: channelId,
        ts: threadTs,
        ...query(q),
      });
      return pageOf(self, result);
    },

    async channelInfo(channelId) {
      const result = await client.conversations.info({ channel: channelId });
      const channel = result.channel;
      if (!channel) throw new Error('conversations.info returned no channel');
      // Only a plain "public" answer counts as public; anything missing or odd fails closed.
      const isPublic =
        channel.is_private === false &&
        channel.is_im !== true &&
        channel.is_mpim !== true &&
        channel.is_group !== true;
      return { isPrivate: !isPublic };
    },

    async members(channelId) {
      const members: string[] = [];
      let cursor = '';
      do {
        const page = await client.conversations.members({
          channel: channelId,
          limit: 200,
          ...(cursor ? { cursor } : {}),
        });
        members.push(...(page.members ?? []));
        cursor = page.response_metadata?.next_cursor ?? '';
      } while (cursor !== '');
      return members;
    },

    async createChannel(name, options = {}) {
      try {
        const result = await client.conversations.create({
          name,
          ...(options.isPrivate ? { is_private: true } : {}),
        });
        return result.channel?.id ? { id: result.channel.id } : null;
      } catch (error) {
        if (slackErrorCode(error) === 'name_taken') return null;
        throw error;
      }
    },

    async invite(channelId, userIds) {
      try {
        await client.conversations.invite({ channel: channelId, users: userIds.join(',') });
      } catch (error) {
        // Already there (the creator, say) is the outcome we wanted.
        if (slackErrorCode(error) !== 'already_in_channel') throw error;
      }
    },

    async openDm(userId) {
      const result = await client.conversations.open({ users: userId });
      if (!result.channel?.id) throw new Error('conversations.open returned no channel');
      return result.channel.id;
    },

    async update(channelId, ts, message) {
      await client.chat.update({
        channel: channelId,
        ts,
        text: message.text,
        ...(message.blocks ? { blocks: message.blocks as never } : {}),
      });
    },

    async sendFile(file) {
      return { id: await sendInParts(client, file) };
    },

    async shareFile(channelId, file, title) {
      const id = await completeUpload(client, channelId, file.id, title);
      // The permalink only feeds a "View full draft" button; its absence is no failure.
      const info = await client.files.info({ file: id }).catch(() => null);
      return { id, permalink: info?.file?.permalink ?? null };
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
  });
}
