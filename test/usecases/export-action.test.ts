import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActionItem } from '../../src/domain/types.ts';
import { createGitHubTracker } from '../../src/integrations/github/client.ts';
import { startGitHubSync } from '../../src/jobs/github-sync.ts';
import { createLogger } from '../../src/logger.ts';
import { type OpenedDb, openDatabase } from '../../src/store/db.ts';
import { createStore } from '../../src/store/index.ts';
import { createRepositories, type Repositories } from '../../src/store/repositories.ts';
import { exportAction, NO_TRACKER } from '../../src/usecases/export-action.ts';
import { exportAllFollowUps } from '../../src/usecases/export-follow-ups.ts';
import type { GitHubDeps } from '../../src/usecases/export-issue.ts';
import type { Notifier, OutgoingMessage } from '../../src/usecases/ports.ts';
import { syncClosedIssues } from '../../src/usecases/sync-issues.ts';
import { type GitHubStandIn, startGitHubStandIn } from '../helpers/github-stand-in.ts';

const CHANNEL = 'CINC0001';
const NOW = Date.UTC(2026, 10, 21, 14, 30);
const TOKEN = 'ghp_test_token';
const REPO = 'acme/app';
// GitHub's retry policy with its waits in milliseconds rather than seconds.
const RETRY = { baseMs: 1 };

let github: GitHubStandIn;
let opened: OpenedDb;
/** The same database's rows, for laying down incidents and actions directly. */
let rows: Repositories;
let posts: Array<{ channelId: string; message: OutgoingMessage }>;
let deps: GitHubDeps;
let now: number;

beforeEach(async () => {
  github = await startGitHubStandIn({ token: TOKEN, repo: REPO });
  opened = openDatabase(':memory:');
  const store = createStore(opened.db);
  rows = createRepositories(opened.db);
  posts = [];
  now = NOW;
  deps = {
    store,
    clock: { now: () => now },
    logger: createLogger('silent'),
    timeZone: 'UTC',
    settings: {} as GitHubDeps['settings'],
    // Only `post` is used here; the rest of the port would fail loudly if it were called.
    notifier: {
      async post(channelId: string, message: OutgoingMessage) {
        posts.push({ channelId, message });
        return { ts: '1.000' };
      },
    } satisfies Partial<Notifier> as Notifier,
    tracker: createGitHubTracker({ token: TOKEN, repo: REPO, apiUrl: github.apiUrl, retry: RETRY }),
  };
});

afterEach(async () => {
  opened.close();
  await github.close();
});

function anIncident(status: 'declared' | 'mitigated' | 'resolved' = 'resolved') {
  return rows.incidents.insert({
    id: 0,
    channelId: CHANNEL,
    channelName: 'inc-checkout',
    title: 'Checkout errors for <!channel>',
    severity: 'sev2',
    status,
    reporterId: 'UANN',
    leadId: null,
    declaredAt: NOW - 3_600_000,
    mitigatedAt: status === 'declared' ? null : NOW - 1_800_000,
    resolvedAt: status === 'resolved' ? NOW - 600_000 : null,
  });
}

function anAction(incidentId: number, overrides: Partial<ActionItem> = {}): ActionItem {
  return rows.actions.insert({
    incidentId,
    text: 'Add a pool-size alert for <@UBOB>',
    ownerId: 'UBOB',
    dueDate: '2026-12-05',
    createdBy: 'UANN',
    createdAt: NOW - 60_000,
    status: 'open',
    kind: 'follow_up',
    priority: 'p1',
    closedAt: null,
    closedBy: null,
    dropReason: null,
    sourceTs: null,
    ...overrides,
  });
}

const issueRows = () => opened.sqlite.prepare('select * from action_issues').all();
const createCalls = () => github.requests.filter((r) => r.method === 'POST');

describe('exportAction', () => {
  it('creates a labelled issue with a link back, records it and announces it', async () => {
    const incident = anIncident();
    await deps.store.people.upsert({ id: 'UBOB', name: 'Bob', tz: 'UTC' }, NOW);
    const action = anAction(incident.id);

    const outcome = await exportAction(deps, { userId: 'UANN', actionId: action.id });

    const url = 'https://github.com/acme/app/issues/1';
    expect(outcome.reply).toBe(`Exported #${action.id} to GitHub: ${url}`);
    const issue = github.issues.get(1);
    expect(issue).toMatchObject({ state: 'open', labels: ['post-mortem', 'p1'] });
    expect(issue?.title).toBe('[post-mortem] Add a pool-size alert for @\u200BBob');
    expect(issue?.body).toContain(`https://slack.com/app_redirect?channel=${CHANNEL}`);
    expect(issue?.body).toContain('**Owner (Slack):** Bob');
    expect(issue?.body).toContain(`action #${action.id}`);
    // The token went in the authorization header, as GitHub expects it.
    expect(createCalls()[0]?.headers.authorization).toMatch(/^(token|bearer) ghp_test_token$/i);
    expect(issueRows()).toEqual([
      {
        action_id: action.id,
        number: 1,
        url,
        state: 'open',
        created_at: NOW,
        checked_at: null,
      },
    ]);
    expect(posts).toEqual([
      {
        channelId: CHANNEL,
        message: { text: `Exported #${action.id} to GitHub: <${url}|acme/app#1>` },
      },
    ]);
  });

  it('answers a second export with the same issue and creates no other', async () => {
    const action = anAction(anIncident().id);
    await exportAction(deps, { userId: 'UANN', actionId: action.id });
    const again = await exportAction(deps, { userId: 'UBOB', actionId: action.id });
    expect(again.reply).toBe(
      `Action #${action.id} is already on GitHub: <https://github.com/acme/app/issues/1|acme/app#1>`,
    );
    expect(createCalls()).toHaveLength(1);
    expect(issueRows()).toHaveLength(1);
    expect(posts).toHaveLength(1);
  });

  it('creates one issue when the same action is exported twice at once', async () => {
    const action = anAction(anIncident().id);
    const [first, second] = await Promise.all([
      exportAction(deps, { userId: 'UANN', actionId: action.id }),
      exportAction(deps, { userId: 'UBOB', actionId: action.id }),
    ]);
    expect(first.reply).toContain('Exported');
    expect(second.reply).toContain('being exported');
    expect(createCalls()).toHaveLength(1);
    expect(issueRows()).toHaveLength(1);
  });

  it('explains the settings when GitHub is not configured', async () => {
    const action = anAction(anIncident().id);
    const outcome = await exportAction(
      { ...deps, tracker: null },
      { userId: 'UANN', actionId: action.id },
    );
    expect(outcome.reply).toBe(NO_TRACKER);
    expect(outcome.reply).toContain('GITHUB_TOKEN');
    expect(outcome.reply).toContain('GITHUB_REPO');
    expect(issueRows()).toEqual([]);
    expect(github.requests).toEqual([]);
  });

  it('says so for an unknown action and asks GitHub nothing', async () => {
    anIncident();
    const outcome = await exportAction(deps, { userId: 'UANN', actionId: 99 });
    expect(outcome.reply).toBe('There is no action #99. See `/action list`.');
    expect(github.requests).toEqual([]);
  });

  it('does not export an action that is already closed', async () => {
    const action = anAction(anIncident().id, { status: 'done', closedAt: NOW, closedBy: 'UANN' });
    const outcome = await exportAction(deps, { userId: 'UANN', actionId: action.id });
    expect(outcome.reply).toContain('already done');
    expect(github.requests).toEqual([]);
  });

  it('stores nothing and gives the reason when the token is refused (401)', async () => {
    deps.tracker = createGitHubTracker({ token: 'ghp_wrong', repo: REPO, apiUrl: github.apiUrl });
    const action = anAction(anIncident().id);
    const outcome = await exportAction(deps, { userId: 'UANN', actionId: action.id });
    expect(outcome.reply).toBe(
      `I could not create a GitHub issue for #${action.id}: GitHub answered 401: Bad credentials. Nothing was exported.`,
    );
    expect(outcome.reply).not.toContain('ghp_wrong');
    expect(issueRows()).toEqual([]);
    expect(posts).toEqual([]);
  });

  it('stores nothing when GitHub keeps failing (500), and a later export works', async () => {
    const action = anAction(anIncident().id);
    // The first answer and both retries (GITHUB_RETRY_POLICY) fail.
    for (let i = 0; i < 3; i++) github.failNext(500);
    const failed = await exportAction(deps, { userId: 'UANN', actionId: action.id });
    expect(failed.reply).toBe(
      `I could not create a GitHub issue for #${action.id}: GitHub answered 500: Server Error. Nothing was exported.`,
    );
    expect(issueRows()).toEqual([]);
    expect(posts).toEqual([]);

    const retried = await exportAction(deps, { userId: 'UANN', actionId: action.id });
    expect(retried.reply).toContain('Exported');
    expect(issueRows()).toHaveLength(1);
  });

  it('stores nothing when GitHub cannot be reached', async () => {
    const action = anAction(anIncident().id);
    await github.close();
    const outcome = await exportAction(deps, { userId: 'UANN', actionId: action.id });
    expect(outcome.reply).toMatch(/GitHub could not be reached .*Nothing was exported\.$/);
    expect(issueRows()).toEqual([]);
    github = await startGitHubStandIn();
  });
});

describe('syncClosedIssues', () => {
  it('marks the action done exactly once when its issue is closed', async () => {
    const incident = anIncident();
    const action = anAction(incident.id);
    const other = anAction(incident.id, { text: 'Write the runbook' });
    await exportAction(deps, { userId: 'UANN', actionId: action.id });
    await exportAction(deps, { userId: 'UANN', actionId: other.id });
    posts = [];

    now = NOW + 60_000;
    expect(await syncClosedIssues(deps)).toEqual({ checked: 2, closed: 0, failed: 0 });
    expect((await deps.store.actions.get(action.id))?.status).toBe('open');
    expect(posts).toEqual([]);

    github.closeIssue(1);
    now = NOW + 120_000;
    expect(await syncClosedIssues(deps)).toEqual({ checked: 2, closed: 1, failed: 0 });
    expect(await deps.store.actions.get(action.id)).toMatchObject({
      status: 'done',
      closedBy: 'github',
      closedAt: NOW + 120_000,
    });
    expect((await deps.store.actions.get(other.id))?.status).toBe('open');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.channelId).toBe(CHANNEL);
    expect(posts[0]?.message.text).toContain(
      'Done (closed on GitHub <https://github.com/acme/app/issues/1|acme/app#1>)',
    );
    expect(await deps.store.actionIssues.get(action.id)).toMatchObject({
      state: 'closed',
      checkedAt: NOW + 120_000,
    });

    // Later passes leave the closed issue alone: no second announcement, no second question.
    const asked = github.requests.length;
    expect(await syncClosedIssues(deps)).toEqual({ checked: 1, closed: 0, failed: 0 });
    expect(github.requests.slice(asked).map((r) => r.path)).toEqual(['/repos/acme/app/issues/2']);
    expect(posts).toHaveLength(1);
  });

  it('closes the loop in the channel when the last follow-up closes on GitHub', async () => {
    const action = anAction(anIncident().id);
    await exportAction(deps, { userId: 'UANN', actionId: action.id });
    posts = [];
    github.closeIssue(1);
    await syncClosedIssues(deps);
    expect(posts.map((p) => p.message.text)).toEqual([
      expect.stringContaining('Done (closed on GitHub'),
      expect.stringContaining(':tada: All follow-ups of *Checkout errors for @\u200Bchannel*'),
    ]);
  });

  it('does not touch an action that was closed in Slack meanwhile', async () => {
    const action = anAction(anIncident().id);
    await exportAction(deps, { userId: 'UANN', actionId: action.id });
    rows.actions.update({ ...action, status: 'done', closedAt: NOW, closedBy: 'UBOB' });
    github.closeIssue(1);
    posts = [];
    expect(await syncClosedIssues(deps)).toEqual({ checked: 0, closed: 0, failed: 0 });
    expect((await deps.store.actions.get(action.id))?.closedBy).toBe('UBOB');
    expect(posts).toEqual([]);
  });

  it('counts failures and tries again on the next pass', async () => {
    const action = anAction(anIncident().id);
    await exportAction(deps, { userId: 'UANN', actionId: action.id });
    github.closeIssue(1);
    for (let i = 0; i < 3; i++) github.failNext(502);
    expect(await syncClosedIssues(deps)).toEqual({ checked: 0, closed: 0, failed: 1 });
    expect((await deps.store.actions.get(action.id))?.status).toBe('open');
    expect(await syncClosedIssues(deps)).toEqual({ checked: 1, closed: 1, failed: 0 });
  });

  it('runs from the polling job', async () => {
    const action = anAction(anIncident().id);
    await exportAction(deps, { userId: 'UANN', actionId: action.id });
    github.closeIssue(1);
    const job = startGitHubSync(deps, 0);
    await job.runNow();
    await job.stop();
    expect((await deps.store.actions.get(action.id))?.status).toBe('done');
    await job.runNow();
    expect(posts.filter((p) => p.message.text.includes('closed on GitHub'))).toHaveLength(1);
  });
});

describe('exportAllFollowUps', () => {
  it('exports every open follow-up not yet exported, in one announcement', async () => {
    const incident = anIncident();
    const first = anAction(incident.id);
    const second = anAction(incident.id, { text: 'Write the runbook', priority: null });
    anAction(incident.id, { text: 'Page the DB team', kind: 'task' });
    anAction(incident.id, { text: 'Old idea', status: 'dropped', dropReason: 'no' });
    await exportAction(deps, { userId: 'UANN', actionId: first.id });
    posts = [];

    expect(await exportAllFollowUps(deps, incident.id)).toEqual({
      exported: 1,
      alreadyExported: 1,
      failed: 0,
    });
    expect(createCalls()).toHaveLength(2);
    expect(await deps.store.actionIssues.get(second.id)).toMatchObject({ number: 2 });
    expect(posts).toEqual([
      {
        channelId: CHANNEL,
        message: {
          text: `Exported 1 follow-up to GitHub:\n• #${second.id}: <https://github.com/acme/app/issues/2|acme/app#2>`,
        },
      },
    ]);

    // Running it again exports nothing and says nothing.
    expect(await exportAllFollowUps(deps, incident.id)).toEqual({
      exported: 0,
      alreadyExported: 2,
      failed: 0,
    });
    expect(posts).toHaveLength(1);
  });

  it('stops at a refused token and reports it once', async () => {
    deps.tracker = createGitHubTracker({ token: 'ghp_wrong', repo: REPO, apiUrl: github.apiUrl });
    const incident = anIncident();
    anAction(incident.id);
    anAction(incident.id, { text: 'Write the runbook' });
    expect(await exportAllFollowUps(deps, incident.id)).toEqual({
      exported: 0,
      alreadyExported: 0,
      failed: 2,
    });
    expect(createCalls()).toHaveLength(1);
    expect(issueRows()).toEqual([]);
    expect(posts.map((p) => p.message.text)).toEqual([
      'Could not export 2 follow-ups to GitHub (GitHub answered 401: Bad credentials); try `/action export <id>`.',
    ]);
  });

  it('does nothing without a tracker', async () => {
    const incident = anIncident();
    anAction(incident.id);
    expect(await exportAllFollowUps({ ...deps, tracker: null }, incident.id)).toEqual({
      exported: 0,
      alreadyExported: 0,
      failed: 0,
    });
    expect(github.requests).toEqual([]);
  });
});
