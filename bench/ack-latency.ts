// Ack latency: slash-command round-trips (`/incident status …`) while quiet, during an alert
// storm of 500 events/s, and during the storm while a 50,000-message draft is generated; with
// the bot's event-loop delay (monitorEventLoopDelay in the bot's own process).

import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../src/store/db.ts';
import { incidentEvents } from './corpus.ts';
import { openIncident, startStandIn } from './ingest.ts';
import { BENCH_START, seedIncident } from './seed.ts';
import {
  type Child,
  ms,
  percentile,
  postCommand,
  postEvent,
  say,
  startChild,
  table,
  tempDir,
} from './shared.ts';

const STORM = 'CSTORM01';
const BIG = 'CBIGINC1';

interface Loop {
  p50: number;
  p99: number;
  max: number;
  /** The longest garbage-collection pause of the bot's main thread. */
  gcMax: number;
}

export interface PhaseResult {
  phase: string;
  commands: number;
  p50: number;
  p99: number;
  max: number;
  /** Events per second actually delivered (all answered 200). */
  eventRate: number;
  loop: Loop;
  failures: number;
  /** The bot process's CPU time through the phase (all its threads), where measured. */
  cpuMs?: number;
}

export interface AckOptions {
  draftMessages: number;
  phaseMs: number;
  eventsPerSecond: number;
}

/** Sends events at a steady rate until stopped; counts what was answered. */
function storm(url: string, perSecond: number) {
  const events = incidentEvents({
    channelId: STORM,
    messages: 1_000_000,
    startAt: BENCH_START,
    postsOnly: true,
  });
  let sent = 0;
  let answered = 0;
  let failures = 0;
  let running = perSecond > 0;
  const started = performance.now();
  const tick = () => {
    if (!running) return;
    const due = Math.floor(((performance.now() - started) / 1000) * perSecond);
    while (sent < due) {
      const next = events.next();
      if (next.done) break;
      sent++;
      postEvent(url, next.value as Record<string, unknown>, `EvS${sent}`).then(
        (res) => {
          if (res.status === 200) answered++;
          else failures++;
        },
        () => failures++,
      );
    }
    setTimeout(tick, 5);
  };
  tick();
  return {
    answered: () => answered,
    stop() {
      running = false;
      return { rate: answered / ((performance.now() - started) / 1000), failures };
    },
  };
}

/**
 * Round-trips of `/incident status`, one after another, until `until()` says stop; at least one,
 * however busy the machine (a phase that ended before its first command would measure nothing).
 */
async function commands(
  url: string,
  until: () => boolean,
  responseUrl: () => string,
): Promise<number[]> {
  const times: number[] = [];
  let n = 0;
  do {
    const started = performance.now();
    const res = await postCommand(url, {
      channelId: STORM,
      userId: 'U0002',
      text: `status ${n++}`,
      // Answered as Slack answers: a reply that failed would cost the bot a logged error each.
      responseUrl: responseUrl(),
    });
    if (res.status !== 200) throw new Error(`command answered HTTP ${res.status}`);
    times.push(performance.now() - started);
    await new Promise((r) => setTimeout(r, 20));
  } while (!until());
  return times;
}

async function phase(
  name: string,
  bot: Child<{ port: number }>,
  url: string,
  options: { perSecond: number; until: () => boolean; responseUrl: () => string },
): Promise<PhaseResult> {
  await bot.ask({ cmd: 'loop' });
  const load = storm(url, options.perSecond);
  // A storm phase also lasts until one of its events was answered, so it always has a rate.
  const done = () => options.until() && (options.perSecond === 0 || load.answered() > 0);
  const times = (await commands(url, done, options.responseUrl)).sort((a, b) => a - b);
  const events = load.stop();
  const loop = await bot.ask<Loop>({ cmd: 'loop' });
  return {
    phase: name,
    commands: times.length,
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    max: times.at(-1) ?? Number.NaN,
    eventRate: events.rate,
    loop,
    failures: events.failures,
  };
}

export async function measureAckLatency(options: AckOptions): Promise<PhaseResult[]> {
  const dir = tempDir('scribe-bench-ack-');
  const slack = await startStandIn();
  let bot: Child<{ port: number }> | undefined;
  try {
    slack.addChannel({ id: STORM, name: 'inc-storm' });
    slack.addChannel({ id: BIG, name: 'inc-big' });
    const dbPath = join(dir.path, 'scribe.db');
    const database = openDatabase(dbPath);
    seedIncident(database.db, {
      channelId: BIG,
      messages: options.draftMessages,
      resolved: true,
    });
    database.close();
    bot = await startChild<{ port: number }>('servers.ts', ['ours', dbPath, slack.apiUrl]);
    const url = `http://127.0.0.1:${bot.ready.port}/slack/events`;
    await openIncident(url, dbPath, STORM, slack.responseUrl());
    const responseUrl = () => slack.responseUrl();
    const deadline = (after: number) => {
      const end = performance.now() + after;
      return () => performance.now() >= end;
    };
    const results = [
      await phase('quiet', bot, url, {
        perSecond: 0,
        until: deadline(options.phaseMs),
        responseUrl,
      }),
      await phase('storm', bot, url, {
        perSecond: options.eventsPerSecond,
        until: deadline(options.phaseMs),
        responseUrl,
      }),
    ];
    // Regenerating the big incident's draft: composed, rendered, stored, uploaded, posted.
    const db = new Database(dbPath, { readonly: true });
    const posted = () =>
      db.prepare("select 1 from postmortems where status = 'posted'").get() !== undefined;
    let postedAt = Number.POSITIVE_INFINITY;
    // The bot's CPU time through the phase; with SCRIBE_BENCH_CPU_PROFILE, its CPU profile.
    const cpuBefore = await bot.ask<{ ms: number }>({ cmd: 'cpu' });
    const draftStarted = performance.now();
    await postCommand(url, {
      channelId: BIG,
      userId: 'U0002',
      text: 'postmortem',
      responseUrl: responseUrl(),
    });
    const draft = await phase('storm + draft', bot, url, {
      perSecond: options.eventsPerSecond,
      responseUrl,
      until: () => {
        if (postedAt === Number.POSITIVE_INFINITY && posted()) postedAt = performance.now();
        return performance.now() > postedAt + 1000 || performance.now() - draftStarted > 120_000;
      },
    });
    const cpuAfter = await bot.ask<{ ms: number }>({ cmd: 'cpu' });
    db.close();
    results.push({
      ...draft,
      phase: `storm + draft (${ms(postedAt - draftStarted)} to post)`,
      cpuMs: cpuAfter.ms - cpuBefore.ms,
    });
    return results;
  } finally {
    await bot?.stop();
    await slack.close();
    dir.remove();
  }
}

export async function benchAckLatency(quick: boolean): Promise<void> {
  say('## Ack latency of /incident status (HTTP round-trip) and the bot’s event loop');
  const options: AckOptions = {
    draftMessages: quick ? 10_000 : 50_000,
    phaseMs: quick ? 3_000 : 8_000,
    eventsPerSecond: 500,
  };
  const results = await measureAckLatency(options);
  say(
    table(
      [
        'phase',
        'commands',
        'p50',
        'p99',
        'max',
        'events/s',
        'failed',
        'loop p99',
        'loop max',
        'GC max',
        'bot CPU',
      ],
      results.map((r) => [
        r.phase,
        String(r.commands),
        ms(r.p50),
        ms(r.p99),
        ms(r.max),
        r.eventRate.toFixed(0),
        String(r.failures),
        ms(r.loop.p99),
        ms(r.loop.max),
        ms(r.loop.gcMax),
        r.cpuMs === undefined ? '' : ms(r.cpuMs),
      ]),
    ),
  );
  const worstP99 = Math.max(...results.map((r) => r.p99));
  const worstBlock = Math.max(...results.map((r) => r.loop.max));
  say(
    `draft of ${options.draftMessages} messages; target p99 < 100 ms: ${worstP99 < 100 ? 'met' : 'MISSED'} (${ms(worstP99)})`,
  );
  say(`target longest block ≤ 50 ms: ${worstBlock <= 50 ? 'met' : 'MISSED'} (${ms(worstBlock)})`);
  say();
}
