import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BENCH_START, seedIncident } from '../../bench/seed.ts';
import type { ThreadDraftComposer } from '../../src/jobs/draft-thread.ts';
import { openDatabase } from '../../src/store/db.ts';
import { OFF_THREAD_FROM } from '../../src/usecases/publish-draft.ts';
import { type Harness, startHarness } from '../helpers/harness.ts';

// The path an on-call engineer takes: the bot runs while a long incident is open, keeps a draft
// worker waiting for it, and the incident's `/incident resolve` drafts on that worker.
const CHANNEL = 'CLONGRUN1';
const DAY = 86_400_000;

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ start: BENCH_START + DAY });
  h.slack.addChannel({ id: CHANNEL, name: 'inc-long-running' });
  h.slack.addUser({ id: 'U0002', name: 'lead', displayName: 'Lead' });
  // Recorded while the bot was down (seeding 10,000 messages through HTTP takes minutes).
  await h.restart(() => {
    const database = openDatabase(h.dbPath);
    try {
      seedIncident(database.db, { channelId: CHANNEL, messages: OFF_THREAD_FROM });
    } finally {
      database.close();
    }
  });
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe('a long open incident', () => {
  it('has a draft worker waiting, and its resolve drafts on it', async () => {
    const composer = h.bot.deps.draftComposer as ThreadDraftComposer | undefined;
    if (!composer) throw new Error('the bot on a SQLite file composes long drafts off-thread');
    // The standby job's first pass, at start-up, warmed up on this incident.
    await h.slack.waitFor(() => composer.standing && composer.warmedUpMs !== null, 20_000);
    // Its job is reported with the others.
    const health = await fetch(`http://127.0.0.1:${h.bot.port}/healthz`);
    const body = (await health.json()) as { jobs: Record<string, { status: string }> };
    expect(body.jobs['draft-standby']?.status).toBe('ok');

    await h.command({ userId: 'U0002', channelId: CHANNEL, command: '/incident', text: 'resolve' });
    const markdown = await h.postedDraft();
    // Used up by the draft: nothing else is open and long, so none waits now.
    expect(composer.standing).toBe(false);
    expect(markdown).toContain('# Post-mortem (draft)');
    expect(markdown.split('\n').length).toBeGreaterThan(OFF_THREAD_FROM);
    expect(h.slack.callsTo('files.completeUploadExternal')).toHaveLength(1);
  }, 60_000);
});
