import { afterEach, beforeEach } from 'vitest';
import { isRefusal } from '../../src/domain/incident.ts';
import type { Incident } from '../../src/domain/types.ts';
import { type OpenedDb, openDatabase } from '../../src/store/db.ts';
import { createStore } from '../../src/store/index.ts';
import type { Store } from '../../src/usecases/ports.ts';
import { anIncident, at } from '../domain/builders.ts';

/** An incident stored through the Store port (its `declared` event with it); returns the row. */
export async function storedIncident(
  store: Store,
  overrides: Partial<Incident> = {},
): Promise<Incident> {
  const incident = anIncident({ id: 0, ...overrides });
  const saved = await store.incidents.open(incident.channelId, () => ({
    incident,
    event: {
      kind: 'declared',
      at: incident.declaredAt,
      actorId: incident.reporterId,
      text: incident.title,
      subjectId: null,
      valueAt: null,
    },
  }));
  if (isRefusal(saved)) throw new Error(saved.refused);
  return saved;
}

/** A resolved incident stored through the port, declared and resolved on the hours given. */
export function resolvedIncident(
  store: Store,
  declaredHour: number,
  resolvedHour: number,
): Promise<Incident> {
  return storedIncident(store, {
    status: 'resolved',
    declaredAt: at(declaredHour, 0),
    resolvedAt: at(resolvedHour, 0),
  });
}

export interface MemoryStore {
  opened: OpenedDb;
  store: Store;
  /** Rows in `table`, read straight from SQLite, to show what a call did or did not write. */
  count(table: string): number;
}

/**
 * Registers hooks giving each test of the enclosing file or describe its own in-memory SQLite
 * store, closed after it; read the fields inside a test, as they change between tests.
 */
export function useMemoryStore(): MemoryStore {
  const mem = {
    count: (table: string) =>
      (mem.opened.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n,
  } as MemoryStore;
  beforeEach(() => {
    mem.opened = openDatabase(':memory:');
    mem.store = createStore(mem.opened.db);
  });
  afterEach(() => mem.opened.close());
  return mem;
}
