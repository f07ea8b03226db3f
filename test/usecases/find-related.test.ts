import { Writable } from 'node:stream';
import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interpretMessageEvent } from '../../src/domain/message-event.ts';
import { createLogger } from '../../src/logger.ts';
import { createSlackNotifier } from '../../src/slack/notifier.ts';
import { startSlackStandIn } from '../../src/stand-in/index.ts';
import { findRelated, type RelatedDeps, relatedClaimKey } from '../../src/usecases/find-related.ts';
import { at } from '../domain/builders.ts';
import { storedIncident, useMemoryStore } from '../helpers/store.ts';

// Triggers for one incident's related-incident lookup coalesce: a burst (alert messages arriving
// together) costs one lookup, and a trigger while one runs costs at most one more.

const TOKEN = 'xoxb-related-test';
const mem = useMemoryStore();
let slack: Awaited<ReturnType<typeof startSlackStandIn>>;
beforeAll(async () => {
  slack = await startSlackStandIn({ token: TOKEN });
});
afterAll(async () => {
  await slack.close();
});

/** Deps over the in-memory store and the stand-in; `lookups()` counts the lookups that ran. */
function relatedDeps(): { deps: RelatedDeps; lookups: () => number } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const client = new webApi.WebClient(TOKEN, {
    slackApiUrl: slack.apiUrl,
    retryConfig: { retries: 0 },
  });
  const deps: RelatedDeps = {
    store: mem.store,
    notifier: createSlackNotifier(client, { userId: null, botId: null }),
    clock: { now: () => at(15, 0) },
    logger: createLogger('debug', sink),
    timeZone: 'UTC',
  };
  return {
    deps,
    lookups: () => lines.filter((l) => l.includes('looked for related incidents')).length,
  };
}

/** An alert message stored in an incident, as the record path stores it. */
async function alertIn(
  incidentId: number,
  channel: string,
  postedAt: number,
  name = 'CheckoutLatency',
) {
  const change = interpretMessageEvent({
    type: 'message',
    subtype: 'bot_message',
    channel,
    ts: `${postedAt / 1000}.000100`,
    bot_id: 'BAM',
    username: 'Alertmanager',
    text: '',
    attachments: [{ title: `[FIRING:1] ${name} (checkout prod)`, fallback: 'x' }],
  });
  if (change.kind === 'ignored') throw new Error('the alert was not recognised');
  await mem.store.messages.recordChanges(incidentId, [change], postedAt);
}

/**
 * A resolved past incident (`title`, one `pastAlert` at 09:05) and the open one looked from
 * (declared 14:00, a CheckoutLatency alert at 14:05); answers the open one.
 */
async function pastAndNow(title: string, pastAlert: string) {
  const past = await storedIncident(mem.store, {
    channelId: 'C0PAST',
    title,
    status: 'resolved',
    declaredAt: at(9, 0),
    resolvedAt: at(10, 0),
  });
  await alertIn(past.id, 'C0PAST', at(9, 5), pastAlert);
  const incident = await storedIncident(mem.store, { channelId: 'C0NOW', declaredAt: at(14, 0) });
  await alertIn(incident.id, 'C0NOW', at(14, 5));
  return incident;
}

describe('looking for related incidents', () => {
  it('runs one lookup for triggers that arrive together, each told its outcome', async () => {
    const { deps, lookups } = relatedDeps();
    const incident = await storedIncident(mem.store, { channelId: 'C0NOW' });
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () => findRelated(deps, incident.id)),
    );
    expect(outcomes).toEqual(Array(5).fill('nothing-new'));
    expect(lookups()).toBe(1);
  });

  it('looks once more after a running lookup for the triggers that came meanwhile, and posts once', async () => {
    const { deps, lookups } = relatedDeps();
    const incident = await pastAndNow('Checkout latency spike', 'CheckoutLatency');
    // The first lookup's post is answered late, so the triggers below most likely come while it
    // runs; if it is done by then, they make one lookup of their own: one more either way.
    slack.failNext('chat.postMessage', { answerAfterMs: 500 });
    const first = findRelated(deps, incident.id);
    await slack.waitForCall('chat.postMessage');
    const later = await Promise.all([1, 2, 3].map(() => findRelated(deps, incident.id)));

    expect(await first).toBe('posted');
    expect(later).toEqual(['nothing-new', 'nothing-new', 'nothing-new']);
    expect(lookups()).toBe(2);
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('looks again for a trigger after the last lookup ended', async () => {
    const { deps, lookups } = relatedDeps();
    const incident = await storedIncident(mem.store, { channelId: 'C0NOW' });
    expect(await findRelated(deps, incident.id)).toBe('nothing-new');
    expect(await findRelated(deps, incident.id)).toBe('nothing-new');
    expect(lookups()).toBe(2);
  });
});

describe('an alert trigger', () => {
  const ifChanged = { onlyIfChanged: true };

  it('does not look again for an alert the incident already had; a new alert name does', async () => {
    const { deps, lookups } = relatedDeps();
    const incident = await storedIncident(mem.store, { channelId: 'C0NOW', declaredAt: at(14, 0) });
    await alertIn(incident.id, 'C0NOW', at(14, 5));
    expect(await findRelated(deps, incident.id, ifChanged)).toBe('nothing-new');
    expect(lookups()).toBe(1);

    // The same alert firing again: the same search, not looked again.
    await alertIn(incident.id, 'C0NOW', at(14, 10));
    expect(await findRelated(deps, incident.id, ifChanged)).toBe('unchanged');
    expect(lookups()).toBe(1);

    await alertIn(incident.id, 'C0NOW', at(14, 15), 'PaymentsErrors');
    expect(await findRelated(deps, incident.id, ifChanged)).toBe('nothing-new');
    expect(lookups()).toBe(2);
    expect(await findRelated(deps, incident.id, ifChanged)).toBe('unchanged');
    // Other triggers (start, tags, services) look whatever the search.
    expect(await findRelated(deps, incident.id)).toBe('nothing-new');
    expect(lookups()).toBe(3);
  });

  it('finds a past incident through a new alert name and posts it once', async () => {
    const { deps, lookups } = relatedDeps();
    const incident = await pastAndNow('Payments errors', 'PaymentsErrors');
    expect(await findRelated(deps, incident.id, ifChanged)).toBe('nothing-new');

    const posts = () => slack.callsTo('chat.postMessage').length;
    const postsBefore = posts();
    await alertIn(incident.id, 'C0NOW', at(14, 10), 'PaymentsErrors');
    expect(await findRelated(deps, incident.id, ifChanged)).toBe('posted');
    await alertIn(incident.id, 'C0NOW', at(14, 15), 'PaymentsErrors');
    expect(await findRelated(deps, incident.id, ifChanged)).toBe('unchanged');
    expect(lookups()).toBe(2);
    expect(posts() - postsBefore).toBe(1);
  });

  it('looks again after Slack refused the post, and posts then', async () => {
    const { deps, lookups } = relatedDeps();
    const incident = await pastAndNow('Checkout latency spike', 'CheckoutLatency');
    slack.failNext('chat.postMessage', { error: 'ratelimited' });
    expect(await findRelated(deps, incident.id, ifChanged)).toBe('not-posted');

    await alertIn(incident.id, 'C0NOW', at(14, 10));
    expect(await findRelated(deps, incident.id, ifChanged)).toBe('posted');
    expect(lookups()).toBe(2);
  });

  it('joins a waiting lookup another trigger must make, and that lookup looks', async () => {
    const { deps, lookups } = relatedDeps();
    const incident = await storedIncident(mem.store, { channelId: 'C0NOW' });
    expect(await findRelated(deps, incident.id)).toBe('nothing-new');
    // The first asks only if changed, the second must look: both get the one lookup that looks.
    const outcomes = await Promise.all([
      findRelated(deps, incident.id, ifChanged),
      findRelated(deps, incident.id),
    ]);
    expect(outcomes).toEqual(['nothing-new', 'nothing-new']);
    expect(lookups()).toBe(2);
  });

  it('looks again after another replica held the claim, and posts then', async () => {
    const { deps, lookups } = relatedDeps();
    const incident = await pastAndNow('Checkout latency spike', 'CheckoutLatency');
    const key = relatedClaimKey(incident.id);
    expect(await mem.store.claims.take(key, 'replica-b', at(15, 0), at(16, 0))).not.toBeNull();
    expect(await findRelated(deps, incident.id, ifChanged)).toBe('busy');
    expect((await mem.store.related.of(incident.id)).relations).toEqual([]);

    await mem.store.claims.release(key, 'replica-b');
    expect(await findRelated(deps, incident.id, ifChanged)).toBe('posted');
    expect(lookups()).toBe(2);
  });
});

describe('a lookup that finds nothing', () => {
  it('takes no claim: another replica holding it does not make the lookup busy', async () => {
    const { deps } = relatedDeps();
    const incident = await storedIncident(mem.store, { channelId: 'C0NOW', declaredAt: at(14, 0) });
    await alertIn(incident.id, 'C0NOW', at(14, 5));
    const key = relatedClaimKey(incident.id);
    expect(await mem.store.claims.take(key, 'replica-b', at(15, 0), at(16, 0))).not.toBeNull();
    expect(await findRelated(deps, incident.id)).toBe('nothing-new');
    // Still the other replica's: this lookup neither took nor gave back the claim.
    expect(await mem.store.claims.take(key, 'replica-c', at(15, 0), at(16, 0))).toBeNull();
  });
});
