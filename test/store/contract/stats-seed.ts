// Engines for the stats and review contract tests, with a way to write the columns whose store
// operations belong to other features (category, post-mortem state, tags, prevention matches).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { declareIncident } from '../../../src/domain/incident.ts';
import type { Incident, Severity } from '../../../src/domain/types.ts';
import { openDatabase } from '../../../src/store/db.ts';
import { createStore } from '../../../src/store/index.ts';
import { openPostgres } from '../../../src/store/postgres/db.ts';
import { createPostgresStore } from '../../../src/store/postgres/index.ts';
import type { Store } from '../../../src/usecases/ports.ts';
import { freshDatabase } from '../../helpers/postgres.ts';

export interface SeedableStore {
  store: Store;
  /** Runs statements with `$1`-style parameters on either engine. */
  sql(statement: string, params?: unknown[]): Promise<void>;
}

export const SEEDABLE = [
  {
    name: 'sqlite',
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'scribe-stats-'));
      const opened = openDatabase(join(dir, 'scribe.db'));
      return {
        store: createStore(opened.db),
        sql: async (statement: string, params: unknown[] = []) => {
          opened.db.$client.prepare(statement.replace(/\$\d+/g, '?')).run(...(params as never[]));
        },
        close: async () => {
          opened.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'postgres',
    async open() {
      const database = await freshDatabase();
      const opened = await openPostgres(database.url, { maxConnections: 4 });
      return {
        store: createPostgresStore(opened.db),
        sql: async (statement: string, params: unknown[] = []) => {
          await opened.db.$client.query(statement, params);
        },
        close: async () => {
          await opened.close();
          await database.drop();
        },
      };
    },
  },
] as const;

export function freshSeedablePerTest(
  engine: (typeof SEEDABLE)[number],
  use: (s: SeedableStore) => void,
): void {
  let close: (() => Promise<void>) | undefined;
  beforeEach(async () => {
    const opened = await engine.open();
    close = opened.close;
    use(opened);
  });
  afterEach(() => close?.());
}

/** Declares an incident through the port at `at`, in its own channel. */
export async function declaredAt(
  store: Store,
  channelId: string,
  at: number,
  severity: Severity = 'sev2',
): Promise<Incident> {
  const opened = await store.incidents.open(channelId, (open) =>
    declareIncident(
      open,
      {
        channelId,
        channelName: channelId.toLowerCase(),
        title: `Incident in ${channelId}`,
        severity,
        reporterId: 'U0ALICE',
      },
      at,
    ),
  );
  if (!('id' in opened)) throw new Error('not declared');
  return opened;
}

export async function tagService(
  s: SeedableStore,
  incidentId: number,
  value: string,
  removed = false,
) {
  await s.sql(
    `insert into incident_tags (incident_id, key, value, source, added_at, removed_at)
     values ($1, 'service', $2, 'person', 1, $3)`,
    [incidentId, value, removed ? 2 : null],
  );
}
