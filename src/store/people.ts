import { eq, inArray } from 'drizzle-orm';
import type { PeopleDirectory, Person } from '../domain/types.ts';
import type { Db } from './db.ts';
import { people } from './schema.ts';

export function createPeopleRepository(db: Db) {
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
      if (ids.length === 0) return [];
      const known = new Set(
        db
          .select({ id: people.id })
          .from(people)
          .where(inArray(people.id, [...ids]))
          .all()
          .map((r) => r.id),
      );
      return [...new Set(ids)].filter((id) => !known.has(id));
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
