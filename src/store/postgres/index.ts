import type { Store } from '../../usecases/store-port.ts';
import { createPgActionStores } from './action-stores.ts';
import { createPgClaimStore } from './claims.ts';
import type { PgDb } from './db.ts';
import { createPgDescriptionStore } from './descriptions.ts';
import { createPgIncidentStores } from './incident-stores.ts';
import { createPgLibraryStore } from './library-store.ts';
import { createPgPostmortemStateStore } from './postmortem-states.ts';
import { createPgRelatedStore } from './related-store.ts';
import { createPgReviewStore } from './review-store.ts';
import { createPgStatsStore } from './stats-store.ts';

/**
 * The Store port over PostgreSQL (ADR 0011): every operation is one transaction on a pooled
 * connection; a `decide` callback runs inside it after the rows it needs were read FOR UPDATE.
 */
export function createPostgresStore(db: PgDb): Store {
  return {
    // incidents, messages, keyMarks, sections, webhookAlerts
    ...createPgIncidentStores(db),
    // actions, people, postmortems, reminders, actionIssues
    ...createPgActionStores(db),
    claims: createPgClaimStore(db),
    stats: createPgStatsStore(db),
    reviews: createPgReviewStore(db),
    descriptions: createPgDescriptionStore(db),
    related: createPgRelatedStore(db),
    library: createPgLibraryStore(db),
    postmortemStates: createPgPostmortemStateStore(db),
  };
}
