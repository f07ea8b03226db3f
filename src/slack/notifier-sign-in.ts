import { webApi } from '../bolt.ts';
import type { Notifier } from '../usecases/ports.ts';

// The notifier's part for the team site: Sign in with Slack's code exchange and the private
// channels a person is in (src/web/auth/).

/**
 * `client` carries the bot token; `tokenless` carries none and never retries: Slack takes the
 * app's client id and secret for openid.connect.token, and a code works only once.
 */
export function signInMethods(
  client: webApi.WebClient,
  tokenless: webApi.WebClient | null,
): Pick<Notifier, 'exchangeSignInCode' | 'privateChannelsOf'> {
  return {
    async exchangeSignInCode({ clientId, clientSecret, code, redirectUri }) {
      if (tokenless === null) throw new Error('Sign in with Slack has no client here');
      try {
        const result = await tokenless.openid.connect.token({
          client_id: clientId,
          client_secret: clientSecret,
          code,
          redirect_uri: redirectUri,
          grant_type: 'authorization_code',
        });
        if (typeof result.id_token !== 'string' || result.id_token === '') {
          return { ok: false, error: 'no_id_token' };
        }
        return { ok: true, idToken: result.id_token };
      } catch (error) {
        // Slack's own "no" (invalid_code, bad_client_secret …) is an answer, not an outage.
        const platform = error as { code?: unknown; data?: { error?: unknown } };
        if (
          platform.code === webApi.ErrorCode.PlatformError &&
          typeof platform.data?.error === 'string'
        ) {
          return { ok: false, error: platform.data.error };
        }
        throw error;
      }
    },

    async privateChannelsOf(userId) {
      const channels: string[] = [];
      let cursor = '';
      do {
        const page = await client.users.conversations({
          user: userId,
          types: 'private_channel',
          exclude_archived: false,
          limit: 200,
          ...(cursor ? { cursor } : {}),
        });
        for (const channel of page.channels ?? []) if (channel.id) channels.push(channel.id);
        cursor = page.response_metadata?.next_cursor ?? '';
      } while (cursor !== '');
      return channels;
    },
  };
}
