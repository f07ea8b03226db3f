import { eq, inArray } from 'drizzle-orm';
import type { PeopleDirectory, Person } from '../domain/types.ts';
import type { Db } from './db.ts';
import { people } from './schema.ts';

export function createPeopleRepository(db: Db) {
  // Ids seen stored (read back, so a rolled-back upsert is never taken for one). Profiles are
  // never deleted, so once known an id stays known: every recorded message asks `unknown` for
  // its author, and most ask about the same few dozen people.
  const known = new Set<string>();
  return {
    upsert(person: Person, now: number): void {
      db.insert(people)
        .values({ ...person, fetchedAt: now })
        .onConflictDoUpdate({
          target: people.id,
          set: { name: person.name, tz: person.tz, fetchedAt: now },
        })
        .run();
    },

    /** Ids among `ids` that have no stored profile yet. */
    unknown(ids: readonly string[]): string[] {
      const asking = [...new Set(ids)].filter((id) => !known.has(id));
      if (asking.length === 0) return [];
      for (const { id } of db
        .select({ id: people.id })
        .from(people)
        .where(inArray(people.id, asking))
        .all()) {
        known.add(id);
      }
      return asking.filter((id) => !known.has(id));
    },

    timeZoneOf(id: string): string | null {
      return db.select({ tz: people.tz }).from(people).where(eq(people.id, id)).get()?.tz ?? null;
    },

    directory(): PeopleDirectory {
      return new Map(
        db
          .select({ id: people.id, name: people.name })
          .from(people)
          .all()
          .map((p) => [p.id, p.name]),
      );
    },
  };
}

export type PeopleRepository = ReturnType<typeof createPeopleRepository>;
