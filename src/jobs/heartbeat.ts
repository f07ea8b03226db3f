import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { Replica } from '../usecases/ports.ts';
import type { ClaimStore } from '../usecases/store-port.ts';

/** This process's id among replicas: readable in logs, unique even for two on one host. */
export function newReplica(leaseMs: number): Replica {
  return { id: `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`, leaseMs };
}

export interface Heartbeat {
  stop(): void;
}

/**
 * Renews this replica's claims every third of a lease, so work in hand (a long backfill, a big
 * draft being written) stays its own for as long as the process lives; a killed replica's claims
 * lapse within one lease. A missed beat (the database away) is logged; the next one catches up.
 */
export function startHeartbeat(deps: {
  claims: ClaimStore;
  replica: Replica;
  clock: Clock;
  logger: Logger;
}): Heartbeat {
  const { claims, replica, clock, logger } = deps;
  const beat = async () => {
    try {
      await claims.renew(replica.id, clock.now() + replica.leaseMs);
    } catch (error) {
      logger.warn({ err: error }, 'renewing job claims failed; retrying at the next beat');
    }
  };
  const timer = setInterval(() => void beat(), Math.max(100, Math.floor(replica.leaseMs / 3)));
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
