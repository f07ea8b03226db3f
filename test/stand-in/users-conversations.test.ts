import { describe, expect, it } from 'vitest';
import { slackError, useStandIn } from './test-fixture.ts';

// users.conversations through the real Web API client: whose conversations, which types, archived
// or not, page by page.

const fx = useStandIn();

function setUp(): void {
  const { slack } = fx;
  slack.addUser({ id: 'U0ALICE', name: 'alice' });
  slack.addUser({ id: 'U0BOB', name: 'bob' });
  slack.addChannel({ id: 'C01', name: 'general', members: ['U0ALICE', 'U0BOB'] });
  slack.addChannel({ id: 'C02', name: 'random', members: ['U0BOB'] });
  slack.addChannel({ id: 'C03', name: 'old-launch', members: ['U0ALICE'], isArchived: true });
  slack.addChannel({
    id: 'G01',
    name: 'inc-secret',
    isPrivate: true,
    members: ['UBOT', 'U0ALICE'],
  });
  // A private channel the app was never invited to: it cannot know Alice is in it.
  slack.addChannel({ id: 'G02', name: 'hr', isPrivate: true, members: ['U0ALICE'] });
  slack.workspace.openDirect(['U0ALICE']);
}

async function ids(args: Record<string, unknown>): Promise<string[]> {
  const answer = await fx.client().users.conversations(args);
  return (answer.channels ?? []).map((c) => c.id ?? '');
}

describe('users.conversations', () => {
  it('lists the public channels a person is in by default, archived ones included', async () => {
    setUp();
    expect(await ids({ user: 'U0ALICE' })).toEqual(['C01', 'C03']);
    expect(await ids({ user: 'U0BOB' })).toEqual(['C01', 'C02']);
    const answer = await fx.client().users.conversations({ user: 'U0ALICE' });
    expect(answer.channels?.find((c) => c.id === 'C03')).toMatchObject({
      name: 'old-launch',
      is_archived: true,
      is_private: false,
    });
  });

  it('filters by type and leaves archived channels out when asked', async () => {
    setUp();
    expect(await ids({ user: 'U0ALICE', types: 'private_channel' })).toEqual(['G01']);
    expect(await ids({ user: 'U0ALICE', types: 'im' })).toHaveLength(1);
    expect(
      await ids({
        user: 'U0ALICE',
        types: 'public_channel,private_channel',
        exclude_archived: true,
      }),
    ).toEqual(['C01', 'G01']);
    expect(await ids({ user: 'U0BOB', types: 'private_channel,mpim' })).toEqual([]);
  });

  it("lists the app's own conversations when no user is named", async () => {
    setUp();
    expect(await ids({ types: 'public_channel,private_channel' })).toEqual(['G01']);
  });

  it('pages with next_cursor until it is empty', async () => {
    const { slack } = fx;
    slack.addUser({ id: 'U0ALICE', name: 'alice' });
    for (let i = 1; i <= 5; i += 1) {
      slack.addChannel({ id: `C0${i}`, name: `c${i}`, members: ['U0ALICE'] });
      slack.addChannel({
        id: `G0${i}`,
        name: `g${i}`,
        isPrivate: true,
        members: ['U0ALICE', 'UBOT'],
      });
    }
    const web = fx.client();
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const answer = await web.users.conversations({
        user: 'U0ALICE',
        types: 'public_channel,private_channel',
        limit: 4,
        ...(cursor ? { cursor } : {}),
      });
      pages.push((answer.channels ?? []).map((c) => c.id ?? ''));
      cursor = answer.response_metadata?.next_cursor || undefined;
    } while (cursor);
    expect(pages).toEqual([
      ['C01', 'C02', 'C03', 'C04'],
      ['C05', 'G01', 'G02', 'G03'],
      ['G04', 'G05'],
    ]);
  });

  it('refuses an unknown person, an unknown type and a made-up cursor', async () => {
    setUp();
    const web = fx.client();
    expect(await slackError(web.users.conversations({ user: 'U404' }))).toBe('user_not_found');
    expect(await slackError(web.users.conversations({ user: 'U0ALICE', types: 'rooms' }))).toBe(
      'invalid_types',
    );
    expect(await slackError(web.users.conversations({ user: 'U0ALICE', cursor: 'bm9wZQ==' }))).toBe(
      'invalid_cursor',
    );
    expect(await slackError(fx.client('xoxb-wrong').users.conversations({}))).toBe('invalid_auth');
  });
});
