import type { Statement } from 'better-sqlite3';
import type { TagRef } from '../domain/related/types.ts';
import type { Db } from './db.ts';
import { preparedOnce } from './prepared.ts';
import { type IncidentColumns, incidentColumns } from './rows-incidents.ts';

// A related-incident lookup runs after alerts, tags and services arrive: its reads are prepared
// once per connection instead of built by drizzle per call. Lists go in as one JSON parameter
// (`json_each`), so one statement serves any number of names, tags or ids.

const INCIDENT = incidentColumns('i');

export function relatedStatements(db: Db) {
  return {
    incident: preparedOnce<[number], IncidentColumns>(
      db,
      `select ${INCIDENT} from incidents i where i.id = ?`,
    ),
    /** The incident's alert names, from its alert messages and its webhook alerts. */
    alertNames: preparedOnce<[number, number], { name: string }>(
      db,
      `select name from alert_changes where incident_id = ?
       union select name from webhook_alerts where incident_id = ?`,
    ),
    tags: preparedOnce<[number], TagRef>(
      db,
      `select key, value from incident_tags where incident_id = ? and removed_at is null
       order by id`,
    ),
    texts: pluck(
      preparedOnce<[number], string>(
        db,
        'select text from sections where incident_id = ? order by at, id',
      ),
    ),
    /** Every incident with one of the names (a JSON array), each (incident, name) once. */
    alertRows: preparedOnce<[string], { incidentId: number; name: string }>(
      db,
      `with wanted(name) as (select value from json_each(?))
       select incident_id as incidentId, name from alert_changes where name in wanted
       union select incident_id, name from webhook_alerts where name in wanted`,
    ),
    /** Other incidents' live tags among the given [key, value] pairs (a JSON array). */
    tagRows: preparedOnce<[string, number], { incidentId: number; key: string; value: string }>(
      db,
      `select t.incident_id as incidentId, t.key, t.value
       from json_each(?) w
       join incident_tags t
         on t.key = json_extract(w.value, '$[0]') and t.value = json_extract(w.value, '$[1]')
       where t.incident_id <> ? and t.removed_at is null`,
    ),
    // Title words weigh double: a title says what broke, sections say much else.
    textIds: pluck(
      preparedOnce<[string, number, number, number], number>(
        db,
        `select incidents.id from incident_search
           join incidents on incidents.id = incident_search.rowid
          where incident_search match ? and incidents.id <> ? and incidents.declared_at <= ?
          order by bm25(incident_search, 2.0, 1.0), incidents.id desc
          limit ?`,
      ),
    ),
    /** Incidents by id (a JSON array). */
    incidents: preparedOnce<[string], IncidentColumns>(
      db,
      `select ${INCIDENT} from incidents i where i.id in (select value from json_each(?))`,
    ),
  };
}

export type RelatedStatements = ReturnType<typeof relatedStatements>;

/** The statement answering its single column's values (better-sqlite3's `pluck`, a flag). */
function pluck<P extends unknown[], V>(statement: () => Statement<P, V>) {
  return () => statement().pluck();
}
