import { asc, eq } from 'drizzle-orm';
import type { ActionItem } from '../../domain/types.ts';
import { toAction } from '../rows-actions.ts';
import type { PgExec } from './incident-tx.ts';
import { actions } from './schema.ts';

/** An incident's actions, oldest first (as SQLite's forIncident). */
export async function actionsOfIncident(q: PgExec, incidentId: number): Promise<ActionItem[]> {
  const rows = await q
    .select()
    .from(actions)
    .where(eq(actions.incidentId, incidentId))
    .orderBy(asc(actions.id));
  return rows.map(toAction);
}
