import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toPostmortemJson } from '../../src/domain/postmortem/json.ts';
import { composeDraft } from '../../src/usecases/compose-draft.ts';
import { firingWebhook } from '../helpers/e2e-steps.ts';
import { ENGINES, type Harness, startHarness, tsAt } from '../helpers/harness.ts';

// Issue 13, related incidents, end to end on each engine: a past incident with alert
// CheckoutLatency and an open follow-up, a private one with the same alert, and a new incident
// whose alert message relates it to both: one post naming the public one (reasons, how it
// ended, its follow-up with owner, age and how overdue), the private one only counted; the
// same alert again (a message, then the webhook) is not looked up again and posts nothing; the
// resolved draft has both sections.

const PAST = 'C0PAST0001';
const SECRET = 'G0SECRET01';
const NOW = 'C0NOW00001';
const THIRD = 'C0THIRD001';
const TOKEN = 'webhook-token-for-related-1';
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 21, 14, 0, 0);

function alertMessage(channel: string, at: number) {
  return {
    type: 'message',
    subtype: 'bot_message',
    channel,
    ts: tsAt(at),
    bot_id: 'BAM',
    username: 'Alertmanager',
    text: '',
    attachments: [
      {
        color: 'danger',
        title: '[FIRING:1] CheckoutLatency (checkout prod)',
        text: '*Alert:* p99 above 2s\n*Severity:* critical',
        fallback: '[FIRING:1] CheckoutLatency',
      },
    ],
  };
}

/** Polls a condition the bot reaches on its own; the timeout is only a safety net. */
async function until<T>(what: string, check: () => T | undefined | null | false): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.each(ENGINES)('related incidents (%s)', (engine) => {
  let h: Harness;

  const postsIn = (channel: string) =>
    h.slack
      .callsTo('chat.postMessage')
      .filter((c) => c.args.channel === channel)
      .map((c) => String(c.args.text));
  const relatedPosts = () => postsIn(NOW).filter((t) => t.startsWith(':link:'));
  const lookups = () =>
    h.logLines.filter((line) => line.includes('looked for related incidents')).length;
  /** Alert triggers that added nothing to what the incident is searched by. */
  const skipped = () =>
    h.logLines.filter((line) => line.includes('related search unchanged')).length;

  async function run(channelId: string, command: string, text: string) {
    const result = await h.command({ userId: 'UANN', channelId, command, text });
    expect(result.status).toBe(200);
    return result;
  }

  async function incidentIn(channel: string): Promise<number> {
    const incident = await h.bot.deps.store.incidents.findLatestInChannel(channel);
    if (!incident) throw new Error(`no incident in ${channel}`);
    return incident.id;
  }

  /** Declares, records the alert message, adds a follow-up, resolves; the draft is posted. */
  async function pastIncident(channel: string, title: string, action: string) {
    const before = lookups();
    await run(channel, '/incident', `start ${title} sev2`);
    await until('the start to look for related incidents', () => lookups() > before);
    h.clock.advance(60_000);
    expect((await h.event(alertMessage(channel, h.clock.now()))).status).toBe(200);
    await run(channel, '/action', action);
    const incident = await incidentIn(channel);
    // Commands answer before they write: the action is dated when it is stored.
    await until(
      'the action',
      () => h.rows('select 1 from actions where incident_id = ?', incident).length > 0,
    );
    h.clock.advance(80 * 60_000);
    await run(channel, '/incident', 'resolve');
    const id = await incidentIn(channel);
    await until(
      'the draft',
      () =>
        h.rows("select 1 from postmortems where incident_id = ? and status = 'posted'", id).length >
        0,
    );
  }

  beforeAll(async () => {
    h = await startHarness({ start: T0 - 40 * DAY, engine, env: { WEBHOOK_TOKEN: TOKEN } });
    h.slack.addUser({ id: 'UANN', name: 'ann', displayName: 'Ann', tz: 'UTC' });
    h.slack.addUser({ id: 'UBOB', name: 'bob', displayName: 'Bob', tz: 'UTC' });
    h.slack.addChannel({ id: PAST, name: 'inc-checkout-slow', members: ['UANN'] });
    h.slack.addChannel({ id: SECRET, name: 'sec-vault', isPrivate: true, members: ['UANN'] });
    h.slack.addChannel({ id: NOW, name: 'inc-payments', members: ['UANN'] });
    h.slack.addChannel({ id: THIRD, name: 'inc-cart', members: ['UANN'] });
    await pastIncident(PAST, 'Checkout latency spike', 'Add a latency SLO <@UBOB> due 2026-10-20');
    h.clock.set(T0 - 20 * DAY);
    await pastIncident(SECRET, 'Secret vault outage', 'Rotate the vault keys <@UBOB>');
  }, 120_000);

  afterAll(() => h?.close());

  it('posts once, naming the public past incident and its open follow-up; the private one is only counted', async () => {
    h.clock.set(T0);
    let before = lookups();
    await run(NOW, '/incident', 'start Payments slow sev2');
    await until('the start to look', () => lookups() > before);
    // Nothing shared yet: no alert, no words in common.
    expect(relatedPosts()).toEqual([]);

    before = lookups();
    h.clock.advance(60_000);
    expect((await h.event(alertMessage(NOW, h.clock.now()))).status).toBe(200);
    const [post, ...more] = await until('the related post', () =>
      relatedPosts().length > 0 ? relatedPosts() : null,
    );
    expect(more).toEqual([]);
    const lines = post?.split('\n') ?? [];
    expect(lines[0]).toBe(':link: *Related past incidents*');
    expect(lines[1]).toBe(
      `• <#${PAST}> *Checkout latency spike* (SEV2, 2026-10-12): same alert \`CheckoutLatency\`; resolved in 1h 21m.`,
    );
    expect(lines).toContain('• 1 related incident in a private channel, not named here.');
    expect(lines).toContain('This is the 3rd incident with alert `CheckoutLatency` in 90 days.');
    expect(lines).toContain('*Open follow-ups that could have prevented this*');
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^• Add a latency SLO \\(from <#${PAST}>\\): Bob, open for 40 days, 32 days overdue \\(due 2026-10-20\\)\\.$`,
        ),
      ),
    );
    expect(lines).toContain('• 1 more of incidents in private channels, not shown here.');
    expect(post).not.toMatch(/secret|vault|rotate/i);
    await until('the lookup to end', () => lookups() > before);

    // The same alert firing again in the channel: nothing new to search by, not looked again.
    before = lookups();
    let skippedBefore = skipped();
    h.clock.advance(60_000);
    expect((await h.event(alertMessage(NOW, h.clock.now()))).status).toBe(200);
    await until('the repeated alert to be skipped', () => skipped() > skippedBefore);
    expect(lookups()).toBe(before);

    // The same alert again, now from the webhook: a new notification, the same alert name.
    skippedBefore = skipped();
    const res = await fetch(`${h.baseUrl}/hooks/alertmanager?channel=${NOW}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify(
        firingWebhook({
          alertname: 'CheckoutLatency',
          summary: 'p99 above 2s',
          startsAt: h.clock.now() - 120_000,
          fingerprint: 'fp-checkout-latency',
        }),
      ),
    });
    expect(res.status).toBe(202);
    await until('the webhook to be skipped', () => skipped() > skippedBefore);
    expect(lookups()).toBe(before);
    expect(relatedPosts()).toHaveLength(1);

    const id = await incidentIn(NOW);
    const relations = h.rows(
      'select related_id, posted_ts is not null as posted from incident_relations where incident_id = ? order by related_id',
      id,
    );
    expect(relations).toEqual([
      { related_id: await incidentIn(PAST), posted: 1 },
      { related_id: await incidentIn(SECRET), posted: 1 },
    ]);
    // Both follow-ups are matched (the weekly review reads them), the private one included.
    expect(
      h.rows('select action_id from prevention_matches where incident_id = ?', id),
    ).toHaveLength(2);
  });

  it('gives the resolved draft both sections, the private incident left unnamed', async () => {
    h.clock.advance(30 * 60_000);
    await run(NOW, '/incident', 'resolve');
    const id = await incidentIn(NOW);
    await until(
      'the draft',
      () =>
        h.rows("select 1 from postmortems where incident_id = ? and status = 'posted'", id).length >
        0,
    );
    const markdown = h
      .rows(
        'select d.markdown from postmortem_documents d join postmortems p on p.id = d.postmortem_id where p.incident_id = ? order by p.id desc, d.part',
        id,
      )
      .map((r) => String(r.markdown))
      .join('');
    expect(markdown).toContain('## Related incidents');
    expect(markdown).toContain(
      '- **Checkout latency spike** (SEV2, 2026-10-12, incident 1): same alert `CheckoutLatency`; resolved in 1h 21m.',
    );
    expect(markdown).toContain('- 1 related incident in a private channel, not named here.');
    expect(markdown).toContain('## Open follow-ups that could have prevented this');
    expect(markdown).toMatch(
      /- Add a latency SLO \(incident 1\): Bob, open for 40 days, 32 days overdue/,
    );
    expect(markdown).not.toMatch(/secret|vault|rotate/i);

    // The summary message names them in one line; the file has them in full.
    const summary = h.slack
      .callsTo('chat.postMessage')
      .filter((c) => c.args.channel === NOW && Array.isArray(c.args.blocks))
      .at(-1);
    expect(JSON.stringify(summary?.args.blocks)).toContain(
      `:link: *Related:* <#${PAST}> Checkout latency spike (same alert \`CheckoutLatency\`); ` +
        '1 in private channels, not named · *2 open or dropped follow-ups* of theirs could have ' +
        'prevented this (see the draft)',
    );

    const draft = await composeDraft(h.bot.deps, id);
    if (!draft) throw new Error('no draft');
    const json = toPostmortemJson(draft, { incidentId: id, channelId: NOW }).related;
    expect(json.incidents.map((r) => [r.incidentId, r.reasons])).toEqual([
      [1, ['same alert `CheckoutLatency`']],
    ]);
    expect(json.privateNotNamed).toBe(1);
    expect(json.preventionFollowUps.map((f) => [f.text, f.owner, f.overdueDays])).toEqual([
      ['Add a latency SLO', 'Bob', 32],
    ]);
    expect(json.privateFollowUpsNotShown).toBe(1);
  });

  it('looks again when a service is tagged, posting only what is new', async () => {
    // The past incident gets its service after its close; the new one names it later.
    expect(await h.replyTo(await run(PAST, '/incident', 'tag service:checkout'))).toContain(
      'service:checkout',
    );
    h.clock.advance(60 * 60_000);
    const before = lookups();
    await run(THIRD, '/incident', 'start Cart totals wrong sev3');
    await until('the start to look', () => lookups() > before);
    const posts = () => postsIn(THIRD).filter((t) => t.startsWith(':link:'));
    expect(posts()).toEqual([]);
    const tagged = await run(THIRD, '/incident', 'tag service:checkout');
    expect(await h.replyTo(tagged)).toContain('service:checkout');
    const [post, ...more] = await until('the related post', () =>
      posts().length > 0 ? posts() : null,
    );
    expect(more).toEqual([]);
    expect(post).toContain(
      `• <#${PAST}> *Checkout latency spike* (SEV2, 2026-10-12): same service \`checkout\`; resolved in 1h 21m.`,
    );
    expect(post).toContain('Add a latency SLO');
    // Tagging again adds nothing: no lookup result to post.
    await h.replyTo(await run(THIRD, '/incident', 'tag service:checkout'));
    expect(posts()).toHaveLength(1);
  });
});
