import type { JobStatus } from '../jobs/periodic.ts';
import type { SlackContact } from '../metrics/slack-fetch.ts';

const MINUTE = 60_000;
/** What a start-up-only job (interval 0) may take before it counts as stuck. */
const START_UP_PASS_MS = 5 * MINUTE;
const STUCK_MARGIN_MS = MINUTE;
/**
 * A pass this far past its interval is hung, not slow: the Web API client's own retries during
 * a Slack outage last about half an hour, and a restart would not end those sooner.
 */
const HUNG_FACTOR = 10;
const HUNG_AT_LEAST_MS = 60 * MINUTE;

export type JobHealth = 'ok' | 'idle' | 'running' | 'failed' | 'stuck' | 'hung';

export interface HealthInputs {
  now: number;
  mode: string;
  /** Which store answers (sqlite or postgres); left out of the answer when not given. */
  engine?: string;
  /** This replica's id (as its claims name it): which replica behind a balancer answered. */
  replica?: string;
  /** Open incidents, or an error when the database does not answer. */
  openIncidents: number | Error;
  slack: SlackContact;
  jobs: readonly JobStatus[];
}

/** When a running pass counts as stuck (degraded) and as hung (restart). */
export function jobLimits(everyMs: number): { stuckAfterMs: number; hungAfterMs: number } {
  const stuckAfterMs = (everyMs > 0 ? everyMs : START_UP_PASS_MS) + STUCK_MARGIN_MS;
  return { stuckAfterMs, hungAfterMs: Math.max(HUNG_FACTOR * stuckAfterMs, HUNG_AT_LEAST_MS) };
}

export function jobHealth(job: JobStatus, now: number): JobHealth {
  if (job.runningSince !== null) {
    const { stuckAfterMs, hungAfterMs } = jobLimits(job.everyMs);
    const runFor = now - job.runningSince;
    if (runFor >= hungAfterMs) return 'hung';
    if (runFor >= stuckAfterMs) return 'stuck';
  }
  if (job.consecutiveFailures > 0) return 'failed';
  if (job.runningSince !== null) return 'running';
  return job.lastFinishedAt === null ? 'idle' : 'ok';
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * The /healthz answer. 503 only where a restart would help: the database does not answer, or a
 * job pass is hung. Slack unreachable, a failed or slow pass: 200 and `degraded`, with reasons.
 */
export function healthReport(input: HealthInputs): { status: number; body: object } {
  const problems: string[] = [];
  let restart = false;
  const databaseOk = typeof input.openIncidents === 'number';
  if (!databaseOk) {
    problems.push('the database does not answer');
    restart = true;
  }
  const { lastAnsweredAt, lastFailedAt } = input.slack;
  const slackStatus =
    lastFailedAt !== null && (lastAnsweredAt === null || lastFailedAt > lastAnsweredAt)
      ? 'unreachable'
      : lastAnsweredAt === null
        ? 'unknown'
        : 'ok';
  if (slackStatus === 'unreachable') problems.push('the last Slack Web API request got no answer');
  const jobs: Record<string, object> = {};
  for (const job of input.jobs) {
    const health = jobHealth(job, input.now);
    if (health === 'hung') restart = true;
    if (health === 'hung' || health === 'stuck' || health === 'failed') {
      problems.push(`job ${job.name}: ${health}`);
    }
    jobs[job.name] = {
      status: health,
      everyMs: job.everyMs,
      runningSince: iso(job.runningSince),
      lastStartedAt: iso(job.lastStartedAt),
      lastFinishedAt: iso(job.lastFinishedAt),
      lastFailedAt: iso(job.lastFailedAt),
      consecutiveFailures: job.consecutiveFailures,
    };
  }
  const status = restart ? 'unavailable' : problems.length > 0 ? 'degraded' : 'ok';
  return {
    status: restart ? 503 : 200,
    body: {
      status,
      database: databaseOk ? 'ok' : 'error',
      ...(input.engine !== undefined ? { engine: input.engine } : {}),
      ...(input.replica !== undefined ? { replica: input.replica } : {}),
      mode: input.mode,
      ...(databaseOk ? { openIncidents: input.openIncidents } : {}),
      slack: {
        status: slackStatus,
        lastAnsweredAt: iso(lastAnsweredAt),
        lastFailedAt: iso(lastFailedAt),
      },
      jobs,
      problems,
    },
  };
}
