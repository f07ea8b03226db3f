import { describe, expect, it } from 'vitest';
import { slackError, useStandIn } from './test-fixture.ts';

const fx = useStandIn();

describe('conversations.create and conversations.invite', () => {
  it('creates a channel with the bot in it, and refuses taken or invalid names', async () => {
    const web = fx.client();
    const created = await web.conversations.create({ name: 'inc-20261121-db' });
    expect(created.channel).toMatchObject({ name: 'inc-20261121-db', is_private: false });
    expect(created.channel?.id).toMatch(/^C/);
    expect(await slackError(web.conversations.create({ name: 'inc-20261121-db' }))).toBe(
      'name_taken',
    );
    expect(await slackError(web.conversations.create({ name: 'Has Spaces' }))).toBe(
      'invalid_name_specials',
    );
  });

  it('invites known users once', async () => {
    fx.slack.addUser({ id: 'U1', name: 'ana' });
    const web = fx.client();
    const id = (await web.conversations.create({ name: 'inc-x' })).channel?.id ?? '';
    await web.conversations.invite({ channel: id, users: 'U1' });
    expect(await slackError(web.conversations.invite({ channel: id, users: 'U1' }))).toBe(
      'already_in_channel',
    );
    expect(await slackError(web.conversations.invite({ channel: id, users: 'U404' }))).toBe(
      'user_not_found',
    );
    expect(await slackError(web.conversations.invite({ channel: 'C404', users: 'U1' }))).toBe(
      'channel_not_found',
    );
  });
});
