// Builds incidents straight into a database through the bot's own write path (the same
// interpretation and SQLite repositories live events go through), without HTTP: fast set-up for
// the benchmarks that need a big incident to exist already.

import { interpretMessageEvent } from '../src/domain/message-event.ts';
import type { Db } from '../src/store/db.ts';
import { applyMessageChange } from '../src/store/message-changes.ts';
import { createRepositories } from '../src/store/repositories.ts';
import { immediate } from '../src/store/transact.ts';
import { incidentEvents, PEOPLE } from './corpus.ts';

export const BENCH_START = Date.UTC(2026, 10, 21, 14, 0, 0);

export interface SeedOptions {
  channelId: string;
  messages: number;
  /** Resolved incidents get a draft in production; open ones are still being recorded. */
  resolved?: boolean;
  startAt?: number;
}

/** One incident with `messages` recorded messages and a few commands; returns its id. */
export function seedIncident(db: Db, options: SeedOptions): number {
  const declaredAt = options.startAt ?? BENCH_START;
  const lead = PEOPLE[1]?.id ?? 'U0002';
  const store = createRepositories(db);
  return immediate(db, () => {
    for (const p of PEOPLE) store.people.upsert({ id: p.id, name: p.name, tz: null }, declaredAt);
    const incident = store.incidents.insert({
      id: 0,
      channelId: options.channelId,
      channelName: `inc-${options.channelId.toLowerCase()}`,
      title: 'Checkout API returns 5xx for <!here> &amp; EU customers',
      severity: 'sev2',
      status: 'declared',
      reporterId: PEOPLE[0]?.id ?? 'U0001',
      leadId: lead,
      declaredAt,
      mitigatedAt: null,
      resolvedAt: null,
    });
    const event = (kind: 'declared' | 'status_update' | 'note', at: number, text: string) =>
      store.incidents.addEvent({
        incidentId: incident.id,
        kind,
        at,
        actorId: lead,
        text,
        subjectId: null,
        valueAt: null,
      });
    event('declared', declaredAt, incident.title);
    let last = declaredAt;
    let n = 0;
    for (const e of incidentEvents({
      channelId: options.channelId,
      messages: options.messages,
      startAt: declaredAt - 5 * 60_000,
    })) {
      const change = interpretMessageEvent(e);
      if (change.kind === 'ignored') continue;
      const at = change.kind === 'deleted' ? change.at : change.message.postedAt;
      last = Math.max(last, at);
      applyMessageChange(store, incident.id, change, at);
      if (change.kind === 'posted' && ++n % 2000 === 0) {
        event('status_update', at + 1, `Update ${n / 2000}: still working on it`);
      }
    }
    store.sections.add(incident.id, {
      kind: 'summary',
      text: 'Checkout failed for a part of EU traffic after a pool change.',
      authorId: lead,
      at: last,
    });
    if (options.resolved) {
      store.incidents.update({
        ...incident,
        status: 'resolved',
        mitigatedAt: last,
        resolvedAt: last + 1000,
      });
    }
    return incident.id;
  });
}
