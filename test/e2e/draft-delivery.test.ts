import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, SIGNING_SECRET, startHarness, tsAt } from '../helpers/harness.ts';
import { blockActionBody, postSigned } from '../helpers/slack-signer.ts';

const CHANNEL = 'CDRAFT001';
const T0 = Date.UTC(2026, 10, 21, 14, 0, 0);
const MIN = 60_000;

let h: Harness;

beforeEach(async () => {
  h = await startHarness({ start: T0 });
  h.slack.addUser({ id: 'UANN', name: 'ann', displayName: 'Ann' });
  h.slack.addChannel({ id: CHANNEL, name: 'inc-checkout' });
});

afterEach(async () => {
  await h.close();
});

function run(text: string) {
  return h.command({ userId: 'UANN', channelId: CHANNEL, command: '/incident', text });
}

async function start() {
  await run('start Checkout errors sev2');
  await h.slack.waitForCall('chat.postMessage');
}

/** Draft summary messages Slack accepted (the ones with the Regenerate button), oldest first. */
function summaries() {
  return h.slack
    .history(CHANNEL)
    .filter((m) => JSON.stringify(m.blocks ?? []).includes('postmortem_regenerate'))
    .map((m) => ({ args: { blocks: m.blocks } }));
}

function checkLimits(blocks: Array<Record<string, unknown>>) {
  expect(blocks.length).toBeLessThanOrEqual(50);
  for (const block of blocks) {
    const text = (block.text as { text?: string } | undefined)?.text ?? '';
    expect(text.length).toBeLessThanOrEqual(block.type === 'header' ? 150 : 3000);
    const fields = (block.fields as Array<{ text: string }> | undefined) ?? [];
    expect(fields.length).toBeLessThanOrEqual(10);
    for (const f of fields) expect(f.text.length).toBeLessThanOrEqual(2000);
  }
}

describe('delivering the draft', () => {
  it('a 5,000-message incident: the summary fits Slack and the full draft is uploaded', async () => {
    await start();
    const events = Array.from({ length: 5000 }, (_, i) => ({
      type: 'message',
      channel: CHANNEL,
      user: i % 7 === 0 ? 'UBEN' : 'UANN',
      text: `update ${i}: <!channel> still looking at shard ${i % 13} & friends — café 🔥`,
      ts: tsAt(T0 + 1000 + i * 500),
      ...(i % 50 === 1 ? { thread_ts: tsAt(T0 + 1000 + (i - 1) * 500) } : {}),
    }));
    for (let i = 0; i < events.length; i += 50) {
      const batch = events.slice(i, i + 50).map((e) => h.event(e));
      for (const res of await Promise.all(batch)) expect(res.status).toBe(200);
    }
    expect(h.count('messages')).toBe(5000);
    // The file's bytes may reach Slack while the draft is stored; Slack shares the file only
    // once the draft is stored, every part of it.
    const draftsWhenShared: unknown[] = [];
    h.slack.onCall('files.completeUploadExternal', () =>
      draftsWhenShared.push(...h.rows('select status from postmortems')),
    );
    h.clock.set(T0 + 60 * MIN);
    await run('resolve');
    const markdown = await h.postedDraft();
    expect(draftsWhenShared).toEqual([{ status: 'pending' }]);

    const [summary] = summaries();
    const blocks = (summary?.args.blocks ?? []) as Array<Record<string, unknown>>;
    checkLimits(blocks);
    expect(JSON.stringify(blocks)).toContain('TTM');

    const uploads = [...h.slack.uploads.values()].filter((u) => u.completed);
    expect(uploads).toHaveLength(1);
    const content = uploads[0]?.bytes?.toString('utf8') ?? '';
    // Rendered in several parts and uploaded as they are: the file is the stored draft, byte for
    // byte, and Slack was told its length in bytes.
    expect(markdown.length).toBeGreaterThan(256 * 1024);
    expect(uploads[0]?.bytes?.equals(Buffer.from(markdown, 'utf8'))).toBe(true);
    expect(uploads[0]?.length).toBe(Buffer.byteLength(markdown, 'utf8'));
    expect(content).toContain('café 🔥');
    expect(content).toContain('# Post-mortem (draft): Checkout errors');
    expect(content).toContain('update 4999');
    expect(uploads[0]?.channels).toEqual([CHANNEL]);
    // Quoted text never pings anyone, in the summary or in the file.
    const posted = JSON.stringify(h.slack.callsTo('chat.postMessage').map((c) => c.args));
    expect(posted).not.toContain('<!channel>');
    expect(content).not.toContain('<!channel>');
  }, 60_000);

  it('still posts the summary, and says so, when the upload fails', async () => {
    await start();
    h.slack.failNext('files.getUploadURLExternal', { error: 'not_allowed_token_type' });
    await run('resolve');
    await h.postedDraft();
    const text = JSON.stringify(summaries()[0]?.args.blocks);
    expect(text).toContain('could not be uploaded');
    expect(text).not.toContain('postmortem_view');
  });

  it('still posts the summary, and says so, when the upload URL refuses the file', async () => {
    await start();
    h.slack.failNext('upload', { status: 413 });
    await run('resolve');
    await h.postedDraft();
    const text = JSON.stringify(summaries()[0]?.args.blocks);
    expect(text).toContain('could not be uploaded');
    expect(text).not.toContain('postmortem_view');
    // The file was announced but never completed.
    expect(h.slack.callsTo('files.completeUploadExternal')).toHaveLength(0);
  });

  it('keeps the draft through a Slack outage and posts it exactly once when Slack is back', async () => {
    await start();
    h.slack.failNext('chat.postMessage', { status: 503 }, 2);
    h.slack.failNext('files.getUploadURLExternal', { status: 503 }, 1);
    const resolve = await run('resolve');
    expect(await h.replyTo(resolve)).toContain('I will retry');
    expect(h.rows('select status, attempts from postmortems')).toEqual([
      { status: 'pending', attempts: 1 },
    ]);

    // Not due yet: nothing happens.
    await h.bot.drafts.runNow();
    expect(summaries()).toHaveLength(0);
    h.clock.advance(MIN + 1);
    await h.bot.drafts.runNow();
    await h.bot.drafts.runNow();
    expect(summaries()).toHaveLength(1);
    expect(h.rows('select status from postmortems')).toEqual([{ status: 'posted' }]);
    await h.restart();
    await h.bot.drafts.runNow();
    expect(summaries()).toHaveLength(1);
  });

  it('finds a summary Slack posted though its answer never came, and does not post it again', async () => {
    await h.close();
    h = await startHarness({ start: T0, slackTimeoutMs: 500 });
    h.slack.addUser({ id: 'UANN', name: 'ann', displayName: 'Ann' });
    h.slack.addChannel({ id: CHANNEL, name: 'inc-checkout' });
    await start();
    // "Resolved" goes through; the summary is posted but its answer comes after the bot gave up.
    h.slack.failNext('chat.postMessage', { answerAfterMs: 0 });
    h.slack.failNext('chat.postMessage', { answerAfterMs: 60_000 });
    expect(await h.replyTo(await run('resolve'))).toContain('I will retry');
    expect(summaries()).toHaveLength(1);
    expect(h.rows('select status, attempts from postmortems')).toEqual([
      { status: 'pending', attempts: 1 },
    ]);
    h.clock.advance(MIN + 1);
    await h.bot.drafts.runNow();
    expect(summaries()).toHaveLength(1);
    expect(h.rows('select status, posted_ts from postmortems')).toEqual([
      { status: 'posted', posted_ts: h.slack.history(CHANNEL).find((m) => m.metadata)?.ts },
    ]);
    expect(h.logLines.join('')).toContain('had been posted; not posting it again');
  });

  it('publishes again a draft a crash left half-written, once, after the restart', async () => {
    await start();
    // Slack refuses the resolve's draft, so nothing of it reaches the channel.
    h.slack.failNext('chat.postMessage', { status: 503 }, 2);
    h.slack.failNext('files.getUploadURLExternal', { status: 503 }, 1);
    expect(await h.replyTo(await run('resolve'))).toContain('I will retry');
    expect(summaries()).toHaveLength(0);
    await h.restart(() => {
      // What a kill -9 during storePending leaves: a 'storing' row with only its first part.
      const db = new Database(h.dbPath);
      db.prepare("update postmortems set status = 'storing'").run();
      db.prepare('delete from postmortem_documents where part > 0').run();
      db.prepare("update postmortem_documents set markdown = 'half a dra'").run();
      db.close();
    });
    const markdown = await h.postedDraft();
    expect(markdown).toContain('# Post-mortem (draft): Checkout errors');
    expect(h.rows('select status from postmortems')).toEqual([{ status: 'posted' }]);
    expect(h.count('postmortem_documents')).toBeGreaterThan(0);
    expect(h.rows("select 1 from postmortem_documents where markdown = 'half a dra'")).toEqual([]);
    expect(summaries()).toHaveLength(1);
    expect(h.logLines.join('')).toContain('left half-written by a stopped process');
    await h.restart();
    await h.bot.drafts.runNow();
    expect(summaries()).toHaveLength(1);
  });

  it('backs off 1, 2, 4 … minutes between attempts', async () => {
    await start();
    h.slack.failNext('chat.postMessage', { status: 500 }, 4);
    await run('resolve');
    await h.slack.waitFor(() => h.rows('select attempts from postmortems')[0]?.attempts === 1);
    h.clock.advance(MIN + 1);
    await h.bot.drafts.runNow();
    expect(h.rows('select attempts, next_attempt_at from postmortems')).toEqual([
      { attempts: 2, next_attempt_at: h.clock.now() + 2 * MIN },
    ]);
  });
});

describe('filling and regenerating the draft', () => {
  it('uses /incident summary, impact, cause and learning, and /incident postmortem reposts after close', async () => {
    await start();
    await run('summary A config push broke checkout for 25 minutes.');
    await run('impact 12% of checkouts failed');
    await h.slack.waitFor(() => h.count('sections') === 2);
    h.clock.set(T0 + 30 * MIN);
    await run('resolve');
    await h.postedDraft();
    const cause = await run('cause The pool size default changed in 4.2.0');
    expect(await h.replyTo(cause)).toContain('/incident postmortem');
    await run('learning Config defaults need a canary too');
    await h.slack.waitFor(() => h.count('sections') === 4);

    h.clock.advance(MIN);
    const again = await run('postmortem');
    expect(await h.replyTo(again)).toContain('fresh draft');
    const md = await h.postedDraft();
    expect(h.count('postmortems')).toBe(2);
    for (const text of [
      'A config push broke checkout for 25 minutes.',
      '12% of checkouts failed',
      'The pool size default changed in 4.2.0',
      'Config defaults need a canary too',
    ]) {
      expect(md).toContain(text);
    }
    expect(summaries()).toHaveLength(2);
  });

  it('the Regenerate button posts a fresh draft, and a quick second click does not', async () => {
    await start();
    await run('resolve');
    await h.postedDraft();
    const incidentId = String(h.rows('select id from incidents')[0]?.id);
    const click = async () => {
      const responseUrl = h.slack.responseUrl();
      const res = await postSigned(
        h.url,
        blockActionBody({
          userId: 'UANN',
          channelId: CHANNEL,
          actionId: 'postmortem_regenerate',
          value: incidentId,
          responseUrl,
        }),
        { secret: SIGNING_SECRET, contentType: 'application/x-www-form-urlencoded' },
      );
      expect(res.status).toBe(200);
      return h.replyTo({ status: 200, ackText: null, responseUrl });
    };
    h.clock.advance(MIN);
    expect(await click()).toContain('fresh draft');
    expect(await click()).toContain('just regenerated');
    expect(h.count('postmortems')).toBe(2);
  });
});
