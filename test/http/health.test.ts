import { describe, expect, it } from 'vitest';
import { healthReport, jobLimits } from '../../src/http/health-report.ts';
import { type PeriodicJob, startPeriodic } from '../../src/jobs/periodic.ts';
import { createLogger } from '../../src/logger.ts';
import type { SlackContact } from '../../src/metrics/slack-fetch.ts';
import { TestClock } from '../helpers/harness.ts';

const logger = createLogger('silent');
const T0 = Date.UTC(2026, 10, 21, 14, 0);
const MIN = 60_000;

/** A job whose passes end only when the test says so, on a clock the test moves. */
function controllableJob(clock: TestClock, everyMs: number) {
  let finish: (error?: Error) => void = () => {};
  const job: PeriodicJob = startPeriodic({
    name: 'backfill',
    // The timer never fires within a test: passes start only through runNow.
    everyMs,
    logger,
    clock,
    pass: () =>
      new Promise<void>((resolve, reject) => {
        finish = (error) => (error ? reject(error) : resolve());
      }),
  });
  return { job, finish: (error?: Error) => finish(error) };
}

function report(clock: TestClock, job: PeriodicJob, slack?: Partial<SlackContact>) {
  return healthReport({
    now: clock.now(),
    mode: 'http',
    openIncidents: 0,
    slack: { lastAnsweredAt: T0, lastFailedAt: null, ...slack },
    jobs: [job.status()],
  });
}

describe('/healthz about the periodic jobs', () => {
  it('shows a pass running past its interval as stuck (200), far past it as hung (503)', async () => {
    const clock = new TestClock(T0);
    const everyMs = 60 * MIN;
    const { job, finish } = controllableJob(clock, everyMs);
    const { stuckAfterMs, hungAfterMs } = jobLimits(everyMs);
    expect(report(clock, job)).toMatchObject({
      status: 200,
      body: { status: 'ok', jobs: { backfill: { status: 'running', runningSince: iso(T0) } } },
    });

    clock.set(T0 + stuckAfterMs);
    expect(report(clock, job)).toMatchObject({
      status: 200,
      body: { status: 'degraded', jobs: { backfill: { status: 'stuck' } } },
    });
    expect(report(clock, job).body).toMatchObject({ problems: ['job backfill: stuck'] });

    clock.set(T0 + hungAfterMs);
    expect(report(clock, job)).toMatchObject({
      status: 503,
      body: { status: 'unavailable', jobs: { backfill: { status: 'hung' } } },
    });

    // runNow joins the pass in flight: it resolves once that pass ends.
    const joined = job.runNow();
    finish();
    await joined;
    expect(report(clock, job)).toMatchObject({
      status: 200,
      body: {
        status: 'ok',
        jobs: {
          backfill: { status: 'ok', runningSince: null, lastFinishedAt: iso(T0 + hungAfterMs) },
        },
      },
    });
    await job.stop();
  });

  it('reports a failed pass as degraded, not as a reason to restart, until one succeeds', async () => {
    const clock = new TestClock(T0);
    const { job, finish } = controllableJob(clock, 5 * MIN);
    clock.advance(MIN);
    const failedPass = job.runNow();
    finish(new Error('history read failed'));
    await failedPass;
    expect(report(clock, job)).toMatchObject({
      status: 200,
      body: {
        status: 'degraded',
        problems: ['job backfill: failed'],
        jobs: {
          backfill: {
            status: 'failed',
            lastFailedAt: iso(T0 + MIN),
            consecutiveFailures: 1,
          },
        },
      },
    });
    const next = job.runNow();
    finish();
    await next;
    await job.stop();
    expect(report(clock, job).body).toMatchObject({
      status: 'ok',
      jobs: { backfill: { status: 'ok', consecutiveFailures: 0, lastFailedAt: iso(T0 + MIN) } },
    });
  });

  it('gives a start-up-only job (interval 0) a limit of its own', () => {
    expect(jobLimits(0)).toEqual({ stuckAfterMs: 6 * MIN, hungAfterMs: 60 * MIN });
    expect(jobLimits(30_000)).toEqual({ stuckAfterMs: 90_000, hungAfterMs: 60 * MIN });
    expect(jobLimits(60 * MIN).hungAfterMs).toBe(610 * MIN);
  });
});

describe('/healthz about Slack and the database', () => {
  const noJobs = { now: T0, mode: 'socket', jobs: [] };

  it('says when Slack last answered, null before the first answer', () => {
    expect(
      healthReport({
        ...noJobs,
        openIncidents: 2,
        slack: { lastAnsweredAt: null, lastFailedAt: null },
      }),
    ).toEqual({
      status: 200,
      body: {
        status: 'ok',
        database: 'ok',
        mode: 'socket',
        openIncidents: 2,
        slack: { status: 'unknown', lastAnsweredAt: null, lastFailedAt: null },
        jobs: {},
        problems: [],
      },
    });
  });

  it('stays 200 but degraded while Slack does not answer; ok again once it does', () => {
    const down = healthReport({
      ...noJobs,
      openIncidents: 0,
      slack: { lastAnsweredAt: T0 - 10 * MIN, lastFailedAt: T0 - MIN },
    });
    expect(down).toMatchObject({
      status: 200,
      body: {
        status: 'degraded',
        slack: {
          status: 'unreachable',
          lastAnsweredAt: iso(T0 - 10 * MIN),
          lastFailedAt: iso(T0 - MIN),
        },
        problems: ['the last Slack Web API request got no answer'],
      },
    });
    const back = healthReport({
      ...noJobs,
      openIncidents: 0,
      slack: { lastAnsweredAt: T0, lastFailedAt: T0 - MIN },
    });
    expect(back.body).toMatchObject({ status: 'ok', slack: { status: 'ok' } });
  });

  it('answers 503 when the database does not answer', () => {
    expect(
      healthReport({
        ...noJobs,
        openIncidents: new Error('database is locked'),
        slack: { lastAnsweredAt: T0, lastFailedAt: null },
      }),
    ).toMatchObject({
      status: 503,
      body: {
        status: 'unavailable',
        database: 'error',
        problems: ['the database does not answer'],
      },
    });
  });
});

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
