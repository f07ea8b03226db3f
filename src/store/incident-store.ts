import { isRefusal } from '../domain/incident.ts';
import type { IncidentStore } from '../usecases/store-port.ts';
import type { HeldWindow, ImportedIncident } from '../usecases/store-records.ts';
import { changedFrom } from './change-target.ts';
import type { Db } from './db.ts';
import { draftHeadOf } from './draft-rows.ts';
import { applyMessageChange } from './message-changes.ts';
import type { Repositories } from './repositories.ts';
import { immediate, readAtOnce } from './transact.ts';

/** The incidents side of the Store port over SQLite: each operation one transaction. */
export function createIncidentStore(db: Db, repos: Repositories): IncidentStore {
  const { incidents } = repos;
  return {
    findOpenInChannel: async (channelId) => incidents.findOpenInChannel(channelId),
    findLatestInChannel: async (channelId) => incidents.findLatestInChannel(channelId),
    findLatestByChannelName: async (name) => incidents.findLatestByChannelName(name),
    get: async (id) => incidents.get(id),
    listOpen: async () => incidents.listOpen(),
    events: async (incidentId) => incidents.events(incidentId),
    setPrivate: async (id, isPrivate) => incidents.setPrivate(id, isPrivate),

    // The write lock is taken before the read, so no other connection can declare in between;
    // the partial unique index on open incidents per channel backs that up.
    async open(channelId, decide) {
      return immediate(db, () => {
        const result = decide(incidents.findOpenInChannel(channelId));
        if (isRefusal(result)) return result;
        const saved = incidents.insert(result.incident);
        incidents.addEvent({ ...result.event, incidentId: saved.id });
        return saved;
      });
    },

    async change(channelId, decide) {
      return immediate(db, () => {
        const found = {
          open: incidents.findOpenInChannel(channelId),
          latest: incidents.findLatestInChannel(channelId),
        };
        const result = decide(found);
        if (isRefusal(result)) return result;
        const before = changedFrom(found, result.incident);
        if (result.incident !== before) incidents.update(result.incident);
        incidents.addEvent({ ...result.event, incidentId: before.id });
        return { incident: result.incident, before };
      });
    },

    async snapshot(incidentId) {
      // The draft worker's head (everything but the messages), and the messages, at one moment.
      return readAtOnce(db, () => {
        const head = draftHeadOf(db, repos, incidentId);
        return head && { ...head, messages: repos.messages.forIncident(incidentId) };
      });
    },

    async importWhole(plan, now) {
      return immediate(db, () => {
        const heldBy = heldWindow(repos, plan);
        if (heldBy) return { heldBy };
        const { id } = incidents.insert(plan.incident);
        for (const event of plan.events) incidents.addEvent({ ...event, incidentId: id });
        for (const change of plan.changes) applyMessageChange(repos, id, change, now);
        const unknown = new Set(repos.people.unknown(plan.people.map((p) => p.id)));
        for (const person of plan.people)
          if (unknown.has(person.id)) repos.people.upsert(person, now);
        return { incidentId: id };
      });
    },
  };
}

/** The incident holding most of the import's messages, if any is stored already. */
function heldWindow(repos: Repositories, plan: ImportedIncident): HeldWindow | null {
  const holders = new Map<number, number>();
  for (const { channelId, ts } of plan.messageKeys) {
    const found = repos.messages.find(channelId, ts);
    if (found) holders.set(found.incidentId, (holders.get(found.incidentId) ?? 0) + 1);
  }
  const [first] = [...holders.entries()].sort((a, b) => b[1] - a[1]);
  if (first === undefined) return null;
  const [incidentId, count] = first;
  return { incidentId, count, title: repos.incidents.get(incidentId)?.title ?? null };
}
