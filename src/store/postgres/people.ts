import { eq, inArray } from 'drizzle-orm';
import type { PeopleStore } from '../../usecases/store-port.ts';
import type { PgDb } from './db.ts';
import { people } from './schema.ts';

/** People's profiles over PostgreSQL: each operation one statement. */
export function createPgPeopleStore(db: PgDb): PeopleStore {
  // Ids seen stored (read back, never assumed from an upsert that could roll back). Profiles are
  // never deleted, so once known an id stays known, on every replica: each recorded message asks
  // `unknown` for its author, and most ask about the same few dozen people.
  const known = new Set<string>();
  return {
    async upsert(person, now) {
      await db
        .insert(people)
        .values({ ...person, fetchedAt: now })
        .onConflictDoUpdate({
          target: people.id,
          set: { name: person.name, tz: person.tz, fetchedAt: now },
        });
    },

    async unknown(ids) {
      const asking = [...new Set(ids)].filter((id) => !known.has(id));
      if (asking.length === 0) return [];
      const rows = await db
        .select({ id: people.id })
        .from(people)
        .where(inArray(people.id, asking));
      for (const { id } of rows) known.add(id);
      return asking.filter((id) => !known.has(id));
    },

    async timeZoneOf(id) {
      const [row] = await db.select({ tz: people.tz }).from(people).where(eq(people.id, id));
      return row?.tz ?? null;
    },

    async directory() {
      const rows = await db.select({ id: people.id, name: people.name }).from(people);
      return new Map(rows.map((p) => [p.id, p.name]));
    },
  };
}
