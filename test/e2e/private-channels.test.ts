import { afterEach, describe, expect, it } from 'vitest';
import { type GitHubStandIn, startGitHubStandIn } from '../helpers/github-stand-in.ts';
import { type Harness, startHarness } from '../helpers/harness.ts';

// Issue 7: private-channel content is never posted anywhere but its own channel and its members' DMs.
const PRIVATE = 'GPRIV0001';
const PUBLIC = 'CPUB00001';
const INCIDENTS = 'CINCIDENTS';
// Monday 23 November 2026, 10:00 UTC: inside everyone's working hours.
const MONDAY_10 = Date.UTC(2026, 10, 23, 10, 0, 0);
const TOKEN = 'ghp_testtoken1234567890';
// More members than one conversations.members page holds (the notifier asks for 200).
const CROWD = Array.from({ length: 250 }, (_, i) => `U0${String(i).padStart(6, '0')}`);

let h: Harness;
let gh: GitHubStandIn;

async function boot(env: Record<string, string> = {}) {
  gh = await startGitHubStandIn({ token: TOKEN, repo: 'acme/platform' });
  h = await startHarness({
    start: MONDAY_10,
    env: {
      INCIDENTS_CHANNEL: INCIDENTS,
      GITHUB_TOKEN: TOKEN,
      GITHUB_REPO: 'acme/platform',
      GITHUB_API_URL: gh.apiUrl,
      ...env,
    },
  });
  h.slack.addUser({ id: 'UANN', name: 'ann', displayName: 'Ann', tz: 'UTC' });
  h.slack.addUser({ id: 'UBOB', name: 'bob', displayName: 'Bob', tz: 'UTC' });
  // Ann is in the private channel (behind a first page of other members); Bob is not.
  h.slack.addChannel({
    id: PRIVATE,
    name: 'sec-breach',
    isPrivate: true,
    members: [...CROWD, 'UANN'],
  });
  h.slack.addChannel({ id: PUBLIC, name: 'checkout', members: ['UANN'] });
}

afterEach(async () => {
  await h.close();
  await gh.close();
});

async function cmd(channelId: string, command: string, text: string) {
  return h.command({ userId: 'UANN', channelId, command, text });
}

/** Runs a command and waits for its posts in channels. */
async function posting(channelId: string, command: string, text: string, posts = 1) {
  const before = h.slack.callsTo('chat.postMessage').length;
  const result = await cmd(channelId, command, text);
  await h.slack.waitForCall('chat.postMessage', before + posts);
  return result;
}

function postsIn(channelId: string) {
  return h.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === channelId);
}

/** Reminder DMs, without the Monday weekly overviews. */
function dms() {
  return h.slack
    .callsTo('chat.postMessage')
    .filter((c) => String(c.args.channel).startsWith('D') && !isWeekly(c.args));
}

function isWeekly(args: Record<string, unknown>) {
  return String(args.text).startsWith('Your week ahead');
}

function weeklies() {
  return h.slack.callsTo('chat.postMessage').filter((c) => isWeekly(c.args));
}

function privacyOf(channelId: string) {
  return h.rows('select is_private from incidents where channel_id = ?', channelId);
}

async function resolve(channelId: string) {
  await cmd(channelId, '/incident', 'resolve');
  await h.postedDraft();
}

describe('incidents in private channels', () => {
  it('are never announced in INCIDENTS_CHANNEL; public ones still are', async () => {
    await boot();
    await posting(PRIVATE, '/incident', 'start Leaked credentials sev2');
    expect(privacyOf(PRIVATE)).toEqual([{ is_private: 1 }]);
    await posting(PRIVATE, '/incident', 'sev 1');
    await resolve(PRIVATE);
    expect(postsIn(INCIDENTS)).toHaveLength(0);
    expect(h.logLines.join('')).toContain('not announced in INCIDENTS_CHANNEL');
    expect(JSON.stringify(h.slack.callsTo('chat.postMessage'))).not.toContain(INCIDENTS);

    await posting(PUBLIC, '/incident', 'start Checkout errors sev2', 2);
    expect(privacyOf(PUBLIC)).toEqual([{ is_private: 0 }]);
    await posting(PUBLIC, '/incident', 'sev 1', 2);
    await resolve(PUBLIC);
    await h.slack.waitFor(() => postsIn(INCIDENTS).length === 3);
    const texts = postsIn(INCIDENTS).map((c) => String(c.args.text));
    expect(texts.every((t) => t.includes('Checkout errors'))).toBe(true);
    expect(texts.some((t) => t.includes('Leaked credentials'))).toBe(false);
  });

  it('opens a private incident channel for --channel from a private one; a public one from public', async () => {
    await boot();
    await posting(PRIVATE, '/incident', 'start Leaked credentials sev2 --channel', 2);
    await posting(PUBLIC, '/incident', 'start Checkout errors sev2 --channel', 3);
    const created = h.slack.callsTo('conversations.create').map((c) => c.args);
    expect(created).toEqual([
      expect.objectContaining({
        name: expect.stringMatching(/leaked-credentials/),
        is_private: 'true', // form-encoded on the wire, as the Web API client sends it
      }),
      expect.not.objectContaining({ is_private: expect.anything() }),
    ]);
    const incidents = h.rows('select channel_id, is_private from incidents order by id');
    expect(incidents.map((r) => r.is_private)).toEqual([1, 0]);
    expect(String(incidents[0]?.channel_id)).toMatch(/^G/);
    expect(postsIn(INCIDENTS).map((c) => String(c.args.text))).toEqual([
      expect.stringContaining('Checkout errors'),
    ]);
  });

  it('DM reminders only to channel members; a non-member is reminded in the channel, unnamed', async () => {
    await boot();
    await posting(PRIVATE, '/incident', 'start Leaked credentials');
    await posting(PRIVATE, '/lead', '<@UBOB|bob>');
    await posting(PRIVATE, '/action', 'Rotate the keys <@UANN|ann> due today');
    await posting(PRIVATE, '/action', 'Audit the access logs <@UBOB|bob> due today');
    // Nobody owns it, so its lead (Bob, not a member) would hear about it.
    await posting(PRIVATE, '/action', 'Tell the auditors due today');
    const before = postsIn(PRIVATE).length;

    await h.bot.reminders.runNow();
    // Ann, a member, gets her own action by DM, and nothing else.
    expect(dms()).toHaveLength(1);
    const dm = JSON.stringify(dms()[0]?.args);
    expect(dm).toContain('Rotate the keys');
    expect(dm).not.toContain('Audit the access logs');
    expect(dm).not.toContain('Tell the auditors');
    // Her Monday overview lists only her own action; Bob, outside the channel, gets no DM at all.
    expect(weeklies()).toHaveLength(1);
    expect(JSON.stringify(weeklies()[0]?.args)).toContain('Rotate the keys');
    expect(JSON.stringify(weeklies()[0]?.args)).not.toContain('Audit the access logs');
    const opened = h.slack.callsTo('conversations.open').map((c) => String(c.args.users));
    expect(new Set(opened)).toEqual(new Set(['UANN']));
    // Bob's owned action and the unowned one are reminded in the private channel itself.
    const inChannel = postsIn(PRIVATE).slice(before);
    expect(inChannel).toHaveLength(1);
    const text = String(inChannel[0]?.args.text);
    expect(text).toContain('Audit the access logs');
    expect(text).toContain('Tell the auditors');
    expect(text).not.toContain('<@UBOB');
    expect(inChannel[0]?.args.blocks).toBeUndefined();
    expect(h.slack.callsTo('conversations.members').length).toBeGreaterThanOrEqual(2);

    // Recorded like a DM: the same day brings no repeat, anywhere.
    h.clock.set(MONDAY_10 + 2 * 3_600_000);
    await h.bot.reminders.runNow();
    expect(dms()).toHaveLength(1);
    expect(postsIn(PRIVATE).slice(before)).toHaveLength(1);
  });

  it('when Slack will not list the members, reminders stay in the channel', async () => {
    await boot();
    await posting(PRIVATE, '/incident', 'start Leaked credentials');
    await posting(PRIVATE, '/action', 'Rotate the keys <@UANN|ann> due today');
    const before = postsIn(PRIVATE).length;
    h.slack.failNext('conversations.members', { error: 'internal_error' });
    await h.bot.reminders.runNow();
    expect(dms()).toHaveLength(0);
    expect(
      postsIn(PRIVATE)
        .slice(before)
        .map((c) => String(c.args.text)),
    ).toEqual([expect.stringContaining('Rotate the keys')]);
  });

  it('refuses /action export and skips ACTIONS_EXPORT=auto; public incidents still export', async () => {
    await boot({ ACTIONS_EXPORT: 'auto' });
    await posting(PRIVATE, '/incident', 'start Leaked credentials');
    await posting(PRIVATE, '/incident', 'mitigated');
    await posting(PRIVATE, '/action', 'Rotate the keys');
    const reply = await h.replyTo(await cmd(PRIVATE, '/action', 'export 1'));
    expect(reply.toLowerCase()).toContain('this incident is in a private channel');
    expect(reply).toContain('exporting would publish its content outside it');
    await resolve(PRIVATE);
    await h.slack.waitFor(() =>
      h.logLines.join('').includes('follow-ups not exported: the incident is in a private channel'),
    );
    expect(gh.issues.size).toBe(0);
    expect(h.count('action_issues')).toBe(0);

    await posting(PUBLIC, '/incident', 'start Checkout errors', 2);
    await posting(PUBLIC, '/incident', 'mitigated');
    await posting(PUBLIC, '/action', 'Add a pool-size alert');
    expect(await h.replyTo(await cmd(PUBLIC, '/action', 'export 2'))).toContain('/issues/1');
    await posting(PUBLIC, '/action', 'Load-test checkout');
    await resolve(PUBLIC);
    await h.slack.waitFor(() => h.count('action_issues') === 2);
    expect(gh.issues.size).toBe(2);
    expect([...gh.issues.values()].some((i) => i.body.includes('Leaked credentials'))).toBe(false);
  });

  it('fails closed: when conversations.info fails, a public channel is treated as private', async () => {
    await boot();
    h.slack.failNext('conversations.info', { error: 'internal_error' });
    await posting(PUBLIC, '/incident', 'start Checkout errors');
    expect(privacyOf(PUBLIC)).toEqual([{ is_private: 1 }]);
    await posting(PUBLIC, '/action', 'Add a pool-size alert');
    const reply = await h.replyTo(await cmd(PUBLIC, '/action', 'export 1'));
    expect(reply).toContain('private channel');
    expect(gh.issues.size).toBe(0);
    await posting(PUBLIC, '/incident', 'sev 1');
    expect(postsIn(INCIDENTS)).toHaveLength(0);
    expect(h.logLines.join('')).toContain('treating it as private');
  });
});
