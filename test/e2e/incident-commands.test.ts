import { afterEach, describe, expect, it } from 'vitest';
import { composeDraft } from '../../src/usecases/publish-draft.ts';
import { commandThenPost } from '../helpers/e2e-steps.ts';
import { type Harness, type HarnessOptions, startHarness } from '../helpers/harness.ts';

const CHANNEL = 'CCMD0001';
const T0 = Date.UTC(2026, 10, 21, 14, 0, 0);
const MIN = 60_000;

let h: Harness;

async function boot(options: HarnessOptions = {}) {
  h = await startHarness({ start: T0, ...options });
  h.slack.addUser({ id: 'UANN', name: 'ann', displayName: 'Ann', tz: 'Europe/Berlin' });
  h.slack.addUser({ id: 'UCUS', name: 'cus', displayName: 'Cus' });
}

afterEach(async () => {
  await h.close();
});

async function run(text: string, channelId = CHANNEL) {
  return h.command({ userId: 'UANN', channelId, command: '/incident', text });
}

/** Runs a command and waits for what it posts in channels. */
async function runAndPost(text: string, posts = 1) {
  const before = h.slack.callsTo('chat.postMessage').length;
  const result = await run(text);
  await h.slack.waitForCall('chat.postMessage', before + posts);
  return result;
}

async function draft() {
  const incident = await h.bot.deps.store.incidents.findLatestInChannel(CHANNEL);
  const d = incident ? await composeDraft(h.bot.deps, incident.id) : null;
  if (!d) throw new Error('no draft');
  return d;
}

describe("time overrides, read in the caller's Slack time zone", () => {
  it('sets impact start, detection (by a customer), mitigation and resolution with provenance', async () => {
    await boot();
    await runAndPost('start Search down');
    h.clock.set(T0 + 30 * MIN);
    // Ann is in Berlin: 14:40 there is 13:40 UTC.
    await runAndPost('started 14:40');
    await runAndPost('detected 14:52 by customer');
    await runAndPost('mitigated 15:20 rolled back');
    h.clock.set(T0 + 45 * MIN);
    await runAndPost('resolve 15:40', 2);

    const { metrics } = await draft();
    expect(metrics.impactStart).toMatchObject({ at: T0 - 20 * MIN, source: 'override' });
    expect(metrics.detected).toMatchObject({ at: T0 - 8 * MIN, source: 'override' });
    expect(metrics.mitigated).toMatchObject({
      at: T0 + 20 * MIN,
      detail: '/incident mitigated by Ann (time given)',
    });
    expect(metrics.resolved?.at).toBe(T0 + 40 * MIN);
    expect(metrics.ttdMs).toBe(12 * MIN);
    expect(metrics.ttmMs).toBe(28 * MIN);
    expect(metrics.detection.source).toBe('customer');
    const md = await h.postedDraft();
    expect(md).toContain('set by Ann with /incident started');
    expect(md).toContain('A customer told us.');
  });

  it('credits a person for detection', async () => {
    await boot();
    await runAndPost('start Search down');
    await runAndPost('detected 15m ago by <@UCUS|cus>');
    expect((await draft()).metrics.detection).toMatchObject({ source: 'person', by: 'Cus' });
    expect((await draft()).metrics.detected.at).toBe(T0 - 15 * MIN);
  });

  it('refuses a time in the future and writes nothing', async () => {
    await boot();
    await runAndPost('start Search down');
    const events = h.count('incident_events');
    // Clock times always mean the recent past, so a future time needs its date.
    const reply = await h.replyTo(await run('mitigated 2026-11-22 10:00'));
    expect(reply).toContain('future');
    expect(h.count('incident_events')).toBe(events);
    expect(h.rows('select status from incidents')).toEqual([{ status: 'declared' }]);
  });

  it('warns about out-of-order times instead of fixing them', async () => {
    await boot();
    await runAndPost('start Search down');
    await runAndPost('mitigated 10m ago');
    await runAndPost('detected 5m ago');
    expect((await draft()).metrics.warnings).toEqual([expect.stringContaining('Mitigated')]);
  });
});

describe('severity, reopen and the timeline command', () => {
  it('records severity changes and a reopen in the timeline', async () => {
    await boot();
    await runAndPost('start Search down sev3');
    h.clock.set(T0 + MIN);
    await runAndPost('sev 1');
    expect(await h.replyTo(await run('sev 1'))).toContain('already sev1');
    h.clock.set(T0 + 5 * MIN);
    await runAndPost('resolve', 2);
    h.clock.set(T0 + 9 * MIN);
    await runAndPost('reopen');
    expect(h.rows('select status, severity, resolved_at from incidents')).toEqual([
      { status: 'declared', severity: 'sev1', resolved_at: null },
    ]);
    const kinds = (await draft()).timeline.map((e) => e.kind);
    expect(kinds).toEqual(['declared', 'severity', 'resolved', 'reopened']);
    expect(await h.replyTo(await run('reopen'))).toContain('already has an open incident');
  });

  it('/incident timeline answers privately with the current timeline', async () => {
    await boot();
    await runAndPost('start Search down');
    await h.event({
      type: 'message',
      channel: CHANNEL,
      user: 'UANN',
      text: 'index rebuild stuck',
      ts: `${T0 / 1000 + 30}.000100`,
    });
    const posts = h.slack.callsTo('chat.postMessage').length;
    const reply = await h.replyTo(await run('timeline'));
    expect(reply).toContain('Timeline of Search down');
    expect(reply).toContain('index rebuild stuck');
    // Private: nothing was posted in the channel.
    expect(h.slack.callsTo('chat.postMessage').length).toBe(posts);
    await commandThenPost(h, {
      userId: 'UANN',
      channelId: CHANNEL,
      command: '/action',
      text: 'Rebuild faster <@UCUS|cus>',
    });
    const withActions = await h.replyTo(await run('timeline'));
    expect(withActions).toContain('*Action items:* 1 open, 0 done, 0 dropped');
    expect(withActions).toContain('Rebuild faster');
  });
});

describe('dedicated channels and the incidents channel', () => {
  it('--channel creates inc-<date>-<slug>, invites the caller and runs the incident there', async () => {
    await boot({ env: { INCIDENTS_CHANNEL: '#incidents' } });
    // A public channel Slack describes; one it will not is treated as private (private-channels).
    h.slack.addChannel({ id: CHANNEL, name: 'checkout' });
    await run('start Checkout errors --channel sev2');
    await h.slack.waitForCall('conversations.invite');
    // The invite goes out before the incident row is written: wait for the row, not the clock.
    await h.slack.waitFor(() => h.count('incidents') === 1);
    const created = h.slack.callsTo('conversations.create')[0]?.args;
    expect(created).toMatchObject({ name: 'inc-20261121-checkout-errors' });
    const incident = h.rows('select channel_id, severity from incidents')[0];
    expect(incident?.channel_id).not.toBe(CHANNEL);
    expect(h.slack.callsTo('conversations.invite')[0]?.args).toMatchObject({
      channel: incident?.channel_id,
      users: 'UANN',
    });
    await h.slack.waitForCall('chat.postMessage', 3);
    const posts = h.slack.callsTo('chat.postMessage').map((c) => c.args);
    expect(posts.map((p) => p.channel)).toEqual([incident?.channel_id, CHANNEL, '#incidents']);
    expect(String(posts[1]?.text)).toContain(`<#${incident?.channel_id}>`);
  });

  it('INCIDENT_NEW_CHANNEL=true gives every incident its own channel', async () => {
    await boot({ env: { INCIDENT_NEW_CHANNEL: 'true' } });
    await run('start DB failover');
    await h.slack.waitForCall('conversations.invite');
    expect(h.slack.callsTo('conversations.create')[0]?.args).toMatchObject({
      name: 'inc-20261121-db-failover',
    });
  });

  it('numbers the channel when the name is taken, and declares nothing if creation fails', async () => {
    await boot();
    h.slack.addChannel({ id: 'CTAKEN001', name: 'inc-20261121-db-failover' });
    await run('start DB failover --channel');
    await h.slack.waitForCall('conversations.invite');
    expect(h.slack.callsTo('conversations.create').map((c) => c.args.name)).toEqual([
      'inc-20261121-db-failover',
      'inc-20261121-db-failover-2',
    ]);
    h.slack.failNext('conversations.create', { error: 'missing_scope' });
    const reply = await h.replyTo(await run('start Other thing --channel', 'COTHER0001'));
    expect(reply).toContain('could not create the incident channel (missing_scope)');
    expect(h.count('incidents')).toBe(1);
  });

  it('announces start, severity changes and resolution in INCIDENTS_CHANNEL', async () => {
    await boot({ env: { INCIDENTS_CHANNEL: 'CALLINC01' } });
    await runAndPost('start Search down', 2);
    await runAndPost('sev 2', 2);
    await runAndPost('resolve', 3);
    const announced = h.slack
      .callsTo('chat.postMessage')
      .filter((c) => c.args.channel === 'CALLINC01');
    expect(announced.map((c) => String(c.args.text))).toEqual([
      expect.stringContaining('New incident *Search down*'),
      expect.stringContaining('is now SEV2'),
      expect.stringContaining('Resolved: *Search down*'),
    ]);
  });
});
