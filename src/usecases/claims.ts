import type { Clock } from '../clock.ts';
import type { Replica } from './ports.ts';
import type { ClaimStore, Store, TakenClaim } from './store-port.ts';

/** The default lease: a dead replica's work is taken over within this plus the job's interval. */
export const DEFAULT_LEASE_MS = 60_000;

/** A replica id when none was given (the CLI, tests that build deps by hand). */
const FALLBACK: Replica = { id: `process-${process.pid}`, leaseMs: DEFAULT_LEASE_MS };

/** The keys periodic work is claimed under (ADR 0013). Drafts: `draftClaimKey`. */
export const claimKeys = {
  backfill: (incidentId: number) => `backfill:${incidentId}`,
  /** An owner's reminder DM for one day, or weekly digest for one week (`day` is the key). */
  reminder: (ownerId: string, day: string) => `reminder:${ownerId}:${day}`,
  githubSync: () => 'github-sync',
};

/** This replica's claims, dated by its clock. */
export interface Claims {
  readonly holder: string;
  readonly leaseMs: number;
  /** Takes `key` for `ttlMs` (default: one lease); null while someone holds it. */
  take(key: string, ttlMs?: number): Promise<TakenClaim | null>;
  release(key: string): Promise<void>;
  /** The claim a draft's writer takes with the draft's row (PostmortemStore.storePending). */
  forWriter(): { holder: string; until: number };
  /**
   * Runs `work` holding `key`, given back afterwards, also when `work` throws; false (nothing
   * run) while another replica holds it.
   */
  holding(key: string, work: (taken: TakenClaim) => Promise<void>): Promise<boolean>;
  /**
   * At most once (a reminder day, a weekly review): takes `key` for `ttlMs`, asks `done` again
   * under the claim (another replica may have finished between the caller's reading and the
   * claim), then runs `send`. A throw, or null (nothing went out), gives the key back so a later
   * pass may try; once something was sent the claim is kept for its ttl, so a process that dies
   * before recording it never sends a second time. Null when held elsewhere, done or not sent.
   */
  once<T>(
    key: string,
    ttlMs: number,
    done: () => Promise<boolean>,
    send: () => Promise<T | null>,
  ): Promise<T | null>;
}

export function claimsOf(deps: { store: Store; clock: Clock; replica?: Replica }): Claims {
  return createClaims(deps.store.claims, deps.clock, deps.replica ?? FALLBACK);
}

export function createClaims(store: ClaimStore, clock: Clock, replica: Replica): Claims {
  const holder = replica.id;
  const claims: Claims = {
    holder,
    leaseMs: replica.leaseMs,
    take(key, ttlMs = replica.leaseMs) {
      const now = clock.now();
      return store.take(key, holder, now, now + ttlMs);
    },
    release: (key) => store.release(key, holder),
    forWriter: () => ({ holder, until: clock.now() + replica.leaseMs }),
    async holding(key, work) {
      const taken = await claims.take(key);
      if (!taken) return false;
      try {
        await work(taken);
      } finally {
        await store.release(key, holder);
      }
      return true;
    },
    async once(key, ttlMs, done, send) {
      if (!(await claims.take(key, ttlMs))) return null;
      let sent: Awaited<ReturnType<typeof send>>;
      try {
        sent = (await done()) ? null : await send();
      } catch (error) {
        await store.release(key, holder).catch(() => {});
        throw error;
      }
      if (sent === null) await store.release(key, holder);
      return sent;
    },
  };
  return claims;
}
