import { afterEach, describe, expect, it } from 'vitest';
import { redraft } from '../helpers/e2e-steps.ts';
import { type Harness, startHarness } from '../helpers/harness.ts';
import { CLI_TIMEOUT, scribe } from '../helpers/run-scribe.ts';
import type { RecordedCall } from '../helpers/slack-stand-in.ts';

// The post-mortem's own life through the real bot: signed commands, the Slack stand-in, a real
// database (the main path on both engines), the lead's reminder DM after N working days.

const CHANNEL = 'CPMLIFE01';
// Monday 23 November 2026, 10:00 UTC.
const MONDAY_10 = Date.UTC(2026, 10, 23, 10, 0, 0);
const HOUR = 3_600_000;

let h: Harness;

afterEach(async () => {
  await h?.close();
});

async function boot(engine: 'sqlite' | 'postgres' = 'sqlite', env: Record<string, string> = {}) {
  h = await startHarness({ start: MONDAY_10, engine, env });
  h.slack.addUser({ id: 'UANN', name: 'ann', displayName: 'Ann', tz: 'UTC' });
  h.slack.addUser({ id: 'UBOB', name: 'bob', displayName: 'Bob', tz: 'UTC' });
}

function posts(): RecordedCall[] {
  return h.slack.callsTo('chat.postMessage');
}

/** Runs a command that posts in the channel and waits for that post. */
async function posting(text: string, userId = 'UANN') {
  const before = posts().length;
  const result = await h.command({ userId, channelId: CHANNEL, command: '/incident', text });
  expect(result.status).toBe(200);
  await h.slack.waitForCall('chat.postMessage', before + 1);
  return String(posts()[before]?.args.text);
}

/**
 * Resolves and waits for the draft to be posted too: the resolution's own post comes first, and
 * a draft posted during the next command would be taken for that command's post.
 */
async function resolving(text = 'resolve') {
  await posting(text);
  await h.postedDraft();
}

/** Runs a command refused by the use case and returns its private reply. */
async function refused(text: string) {
  const result = await h.command({
    userId: 'UANN',
    channelId: CHANNEL,
    command: '/incident',
    text,
  });
  return h.replyTo(result);
}

function life() {
  return h.rows(
    'select postmortem_state as state, postmortem_state_by as "by", postmortem_skip_reason as reason from incidents',
  )[0];
}

function stepEvents() {
  return h.rows(
    "select kind, actor_id as actor, text from incident_events where kind like 'postmortem_%' order by id",
  );
}

describe.each(['sqlite', 'postgres'] as const)('post-mortem life (%s)', (engine) => {
  it('goes draft → in review → published after the resolution, shown in the draft, the export and the timeline', {
    timeout: CLI_TIMEOUT,
  }, async () => {
    await boot(engine);
    await posting('start Checkout errors sev2');
    expect(await refused('review')).toContain('still declared');
    expect(life()).toEqual({ state: 'draft', by: null, reason: null });

    await resolving('resolve Rolled back');
    await h.postedDraft();
    expect(await refused('publish')).toContain('review first');
    expect(await refused('skip-postmortem Too small')).toContain('A sev2 incident needs');
    expect(stepEvents()).toEqual([]);

    expect(await posting('review', 'UBOB')).toBe(
      ':memo: The post-mortem is now *in review* (was draft), by <@UBOB>.',
    );
    expect(await refused('review')).toContain('already in review');
    h.clock.set(MONDAY_10 + HOUR);
    expect(await posting('publish')).toContain('*published* (was in review), by <@UANN>');
    expect(life()).toEqual({ state: 'published', by: 'UANN', reason: null });
    expect(stepEvents()).toEqual([
      { kind: 'postmortem_in_review', actor: 'UBOB', text: null },
      { kind: 'postmortem_published', actor: 'UANN', text: null },
    ]);

    const markdown = await redraft(h, CHANNEL);
    expect(markdown).toMatch(/^# Post-mortem: Checkout errors\n/);
    expect(markdown).toContain('- **Post-mortem:** published by Ann on ');
    expect(markdown).toContain('Post-mortem put in review');
    const summary = posts().at(-1);
    expect(JSON.stringify(summary?.args.blocks)).toContain('Post-mortem (published): Checkout');

    const timeline = await refused('timeline');
    expect(timeline).toContain('(resolved, post-mortem published)');
    expect(timeline).toContain('Post-mortem published');

    const where: Record<string, string> =
      h.config.database.engine === 'postgres'
        ? { DATABASE_URL: h.config.database.url }
        : { DATABASE_PATH: h.dbPath };
    const run = await scribe(['export', '1', '--format', 'json'], {
      ...where,
      SCRIBE_TIMEZONE: 'UTC',
    });
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc.version).toBe(1);
    expect(doc.postmortem).toEqual({
      state: 'published',
      changedAt: new Date(MONDAY_10 + HOUR).toISOString(),
      changedAtMs: MONDAY_10 + HOUR,
      changedBy: 'Ann',
      skipReason: null,
    });
  });
});

describe('skipping and bad input', () => {
  it('skips a sev3 with its reason, never pinging from it, and refuses bad input with nothing written', async () => {
    await boot();
    await posting('start Cron job failed sev3');
    await resolving();
    for (const [text, hint] of [
      ['skip-postmortem', 'Say why this incident needs no post-mortem'],
      ['skip-postmortem    ', 'Say why this incident needs no post-mortem'],
      [`skip-postmortem ${'x'.repeat(501)}`, 'Keep the reason to 500 characters'],
      ['review now please', '`/incident review` takes nothing more'],
      ['publish it', '`/incident publish` takes nothing more'],
    ] as const) {
      const result = await h.command({
        userId: 'UANN',
        channelId: CHANNEL,
        command: '/incident',
        text,
      });
      expect(result.ackText).toContain(hint);
    }
    expect(stepEvents()).toEqual([]);
    expect(life()).toEqual({ state: 'draft', by: null, reason: null });

    const posted = await posting(
      'skip-postmortem <!channel> only <@UBOB|bob> saw it, retried fine',
    );
    expect(posted).toContain('*skipped* (was draft), by <@UANN>: ');
    expect(posted).not.toContain('<!channel>');
    expect(posted).not.toContain('<@UBOB');
    expect(life()).toMatchObject({ state: 'skipped', by: 'UANN' });
    expect(stepEvents()).toHaveLength(1);
    expect(await refused('skip-postmortem again')).toContain('already skipped');
    expect(await refused('publish')).toContain('was skipped');
    expect(stepEvents()).toHaveLength(1);
  });

  it('answers privately in a channel without an incident', async () => {
    await boot();
    expect(await refused('review')).toContain('There is no incident in this channel');
    expect(h.count('incident_events')).toBe(0);
  });
});

describe("the lead's reminder for an overdue draft", () => {
  function reminderDms(): RecordedCall[] {
    return posts().filter(
      (c) =>
        String(c.args.channel).startsWith('D') &&
        JSON.stringify(c.args.blocks ?? []).includes('postmortem_mark_review'),
    );
  }

  async function pass(at: number) {
    h.clock.set(at);
    await h.bot.reminders.runNow();
  }

  it('DMs the lead POSTMORTEM_DUE_DAYS working days after the close, once a day, across restarts, until marked in review', async () => {
    await boot('sqlite', { POSTMORTEM_DUE_DAYS: '3' });
    await posting('start Payments down sev1');
    await posting('lead <@UBOB|bob>');
    await resolving();
    await h.postedDraft();
    // Monday's close + 3 working days: Thursday.
    await pass(Date.UTC(2026, 10, 25, 10, 0));
    expect(reminderDms()).toHaveLength(0);
    await pass(Date.UTC(2026, 10, 26, 7, 0));
    expect(reminderDms()).toHaveLength(0); // before working hours
    await pass(Date.UTC(2026, 10, 26, 10, 0));
    expect(reminderDms()).toHaveLength(1);
    const [dm] = reminderDms();
    expect(String(dm?.args.text)).toBe('A post-mortem you lead is still a draft:');
    expect(JSON.stringify(dm?.args.blocks)).toContain('_Payments down_ in <#CPMLIFE01>');
    await pass(Date.UTC(2026, 10, 26, 15, 0));
    await h.restart(() => h.clock.set(Date.UTC(2026, 10, 26, 16, 0)));
    await h.bot.reminders.runNow();
    expect(reminderDms()).toHaveLength(1);
    // Friday: still a draft, mentioned again (one DM that day).
    await h.restart(() => h.clock.set(Date.UTC(2026, 10, 27, 9, 30)));
    await h.bot.reminders.runNow();
    await pass(Date.UTC(2026, 10, 27, 11, 0));
    expect(reminderDms()).toHaveLength(2);

    const latest = reminderDms().at(-1);
    const click = await h.click({
      userId: 'UBOB',
      channelId: String(latest?.args.channel),
      actionId: 'postmortem_mark_review',
      value: '1',
      messageBlocks: latest?.args.blocks as unknown[],
    });
    expect(click.status).toBe(200);
    const path = new URL(click.responseUrl).pathname;
    await h.slack.waitFor(() => h.slack.responses.some((r) => r.path === path));
    const redrawn = JSON.stringify(h.slack.responses.find((r) => r.path === path)?.body);
    expect(redrawn).toContain('now *in review* (was draft), by <@UBOB>');
    expect(redrawn).not.toContain('postmortem_mark_review');
    expect(life()).toMatchObject({ state: 'in_review', by: 'UBOB' });
    await pass(Date.UTC(2026, 10, 30, 10, 0));
    expect(reminderDms()).toHaveLength(2);
  });
});
