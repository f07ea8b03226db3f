import { afterEach, describe, expect, it } from 'vitest';
import { type GitHubStandIn, startGitHubStandIn } from '../helpers/github-stand-in.ts';
import { type Harness, startHarness } from '../helpers/harness.ts';

const CHANNEL = 'CGH00001';
const T0 = Date.UTC(2026, 10, 21, 14, 0, 0);
const TOKEN = 'ghp_testtoken1234567890';

let h: Harness;
let gh: GitHubStandIn;

async function boot(extra: Record<string, string> = {}) {
  gh = await startGitHubStandIn({ token: TOKEN, repo: 'acme/platform' });
  h = await startHarness({
    start: T0,
    env: { GITHUB_TOKEN: TOKEN, GITHUB_REPO: 'acme/platform', GITHUB_API_URL: gh.apiUrl, ...extra },
  });
  h.slack.addUser({ id: 'UANN', name: 'ann', displayName: 'Ann' });
  await cmd('/incident', 'start Checkout errors sev2');
}

afterEach(async () => {
  await h.close();
  await gh.close();
});

async function cmd(command: string, text: string) {
  const before = h.slack.callsTo('chat.postMessage').length;
  const result = await h.command({ userId: 'UANN', channelId: CHANNEL, command, text });
  return { result, before };
}

async function posting(command: string, text: string, posts = 1) {
  const { result, before } = await cmd(command, text);
  await h.slack.waitForCall('chat.postMessage', before + posts);
  return result;
}

describe('exporting actions to GitHub', () => {
  it('/action export creates one labelled issue that links back, and closing it marks the action done', async () => {
    await boot();
    await posting('/incident', 'mitigated');
    await posting('/action', 'Add a pool-size alert <@UANN|ann> p1');
    const reply = await h.replyTo((await cmd('/action', 'export 1')).result);
    expect(reply).toContain('/acme/platform/issues/1');
    const issue = gh.issues.get(1);
    expect(issue?.labels).toContain('post-mortem');
    expect(issue?.body).toContain('Checkout errors');
    expect(issue?.body).toContain(`channel=${CHANNEL}`);
    expect(h.rows('select number from action_issues')).toEqual([{ number: 1 }]);

    // A second export points at the same issue.
    expect(await h.replyTo((await cmd('/action', 'export 1')).result)).toContain('/issues/1');
    expect(gh.issues.size).toBe(1);

    gh.closeIssue(1);
    await h.bot.github.runNow();
    expect(h.rows('select status, closed_by from actions')).toEqual([
      { status: 'done', closed_by: 'github' },
    ]);
    await h.bot.github.runNow();
    const closedPosts = h.slack
      .callsTo('chat.postMessage')
      .filter((c) => String(c.args.text).includes('GitHub'));
    expect(closedPosts.length).toBeGreaterThanOrEqual(1);
  });

  it('ACTIONS_EXPORT=auto exports the open follow-ups when the incident resolves', async () => {
    await boot({ ACTIONS_EXPORT: 'auto' });
    await posting('/incident', 'mitigated');
    await posting('/action', 'Follow-up one');
    await posting('/action', 'Follow-up two');
    await cmd('/incident', 'resolve');
    // Stored once GitHub answered, which is after the issue exists there.
    await h.slack.waitFor(() => h.count('action_issues') === 2);
    expect(gh.issues.size).toBe(2);
  });

  it('says so, and stores nothing, when GitHub refuses', async () => {
    await boot();
    await posting('/action', 'Something');
    gh.failNext(401);
    const reply = await h.replyTo((await cmd('/action', 'export 1')).result);
    expect(reply.toLowerCase()).toContain('github');
    expect(h.count('action_issues')).toBe(0);
    expect(h.logLines.join('')).not.toContain(TOKEN);
  });
});
