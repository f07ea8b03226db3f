import type { Config } from '../config.ts';
import { MAX_JOB_LEASE_SECONDS } from '../config.ts';
import type { Deps, Replica } from '../usecases/ports.ts';
import { type BackfillJob, startBackfill } from './backfill.ts';
import { type DraftDeliveryJob, startDraftDelivery } from './draft-delivery.ts';
import { startDraftStandby } from './draft-standby.ts';
import { startGitHubSync } from './github-sync.ts';
import { startHeartbeat } from './heartbeat.ts';
import { startHousekeeping } from './housekeeping.ts';
import type { PeriodicJob } from './periodic.ts';
import { type ReminderJob, startReminders } from './reminders.ts';
import { startWeeklyReview } from './weekly-review.ts';

const DRAFT_CHECK_MS = 30_000;

export interface BotJobs {
  backfill: BackfillJob;
  drafts: DraftDeliveryJob;
  reminders: ReminderJob;
  github: PeriodicJob;
  /** WEEKLY_REVIEW's job (its passes do nothing when it is unset). */
  weeklyReview: PeriodicJob;
  /** The jobs /healthz reports on (the weekly review only when it is set). */
  reported: PeriodicJob[];
  /** Stops the timers and waits for passes in flight; claims stay renewed meanwhile. */
  stop(): Promise<void>;
  /** Stops renewing this replica's claims: last, once nothing works under them any more. */
  stopHeartbeat(): void;
}

/**
 * Every periodic job of a running bot, with the heartbeat that keeps its claims (ADR 0013).
 * `engine` 'sqlite' means one process per file: the lease-length claims of earlier processes
 * were cut off by their end, so they are voided before the first pass.
 */
export async function startJobs(
  deps: Deps & { replica: Replica },
  config: Config,
  engine: 'sqlite' | 'postgres',
): Promise<BotJobs> {
  const { store, replica, clock, logger } = deps;
  const heartbeat = startHeartbeat({ claims: store.claims, replica, clock, logger });
  // Only lease-length claims: the longest lease there is, renewed just before the end. The
  // at-most-once claims (a reminder day, a weekly review) outlive their process on purpose.
  if (engine === 'sqlite') {
    const longestLeaseMs = MAX_JOB_LEASE_SECONDS * 1000;
    await store.claims.voidOthers(replica.id, clock.now() + longestLeaseMs + replica.leaseMs);
  }
  const housekeeping = startHousekeeping(deps);
  const backfill = startBackfill(deps, config.backfillIntervalMs);
  // A draft a dead replica held is taken over within two leases at most.
  const drafts = startDraftDelivery(deps, Math.min(DRAFT_CHECK_MS, config.jobLeaseMs));
  const reminders = startReminders(deps, config.reminderCheckMs);
  const github = startGitHubSync(deps, deps.tracker ? config.githubSyncMs : 0);
  const weeklyReview = startWeeklyReview(deps, config.weeklyReview);
  const standby = startDraftStandby(deps);
  const all = [backfill, drafts, reminders, github, weeklyReview, standby];
  return {
    backfill,
    drafts,
    reminders,
    github,
    weeklyReview,
    reported: config.weeklyReview ? all : all.filter((job) => job !== weeklyReview),
    async stop() {
      housekeeping.stop();
      await Promise.all(all.map((job) => job.stop()));
    },
    stopHeartbeat: () => heartbeat.stop(),
  };
}
