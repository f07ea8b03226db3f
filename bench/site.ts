// The incident library with 5,000 stored incidents: the team site's pages and API through the
// running bot (latency per request, p95 target < 200 ms; GET /healthz on the same server is the
// ceiling), `scribe stats` over every incident, and the related-incident search an
// `/incident start` runs (target < 100 ms).

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemClock } from '../src/clock.ts';
import { RECURRENCE_DAYS, rankRelated } from '../src/domain/related/score.ts';
import { searchTerms } from '../src/domain/related/terms.ts';
import { parseStatsWindow } from '../src/domain/stats/window.ts';
import { openStore } from '../src/store/open.ts';
import { readStats } from '../src/usecases/incident-stats.ts';
import { newSession, SESSION_COOKIE, sealSession } from '../src/web/session.ts';
import { PEOPLE } from './corpus.ts';
import { startStandIn } from './ingest.ts';
import { seedLibrary } from './library-seed.ts';
import { BOT_TOKEN, ms, percentile, SIGNING_SECRET, say, table, tempDir } from './shared.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SESSION_SECRET = 'bench-session-secret-0123456789-abcdef';
const DAY = 86_400_000;

export interface Timing {
  label: string;
  times: number[];
}

/** Starts src/main.ts on the library with the team site on; resolves once /healthz answers. */
async function startSiteBot(dbPath: string, apiUrl: string, port: number) {
  const tsx = import.meta.resolve('tsx');
  const child = spawn(process.execPath, ['--import', tsx, join(ROOT, 'src/main.ts')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: apiUrl,
      DATABASE_PATH: dbPath,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      SLACK_CLIENT_ID: '1.2',
      SLACK_CLIENT_SECRET: 'bench-client-secret',
      WEB_BASE_URL: `http://127.0.0.1:${port}`,
      SESSION_SECRET,
      PUBLIC_REPORTS: 'true',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((done) => child.on('exit', () => done()));
  const started = performance.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`main.ts exited with ${child.exitCode}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (res) => res.status === 200,
      () => false,
    );
    if (ok) break;
    if (performance.now() - started > 60_000) throw new Error('no healthy answer in 60 s');
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** `runs` sequential GETs after a warm-up; every answer must be 200. */
export async function timeRequests(
  base: string,
  path: string,
  cookie: string,
  runs: number,
): Promise<number[]> {
  const once = async () => {
    const started = performance.now();
    const res = await fetch(`${base}${path}`, { headers: { cookie }, redirect: 'manual' });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
    return performance.now() - started;
  };
  for (let i = 0; i < 3; i++) await once();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await once());
  return times;
}

function row(label: string, times: number[], target: number | null): string[] {
  const sorted = [...times].sort((a, b) => a - b);
  const p95 = percentile(sorted, 95);
  return [
    label,
    ms(percentile(sorted, 50)),
    ms(p95),
    ms(sorted.at(-1) ?? Number.NaN),
    target === null ? '' : p95 < target ? 'met' : 'MISSED',
  ];
}

export async function benchSite(quick: boolean): Promise<void> {
  const count = quick ? 1_000 : 5_000;
  const runs = quick ? 20 : 100;
  say(`## The incident library with ${count.toLocaleString('en')} incidents`);
  const dir = tempDir('scribe-bench-site-');
  const slack = await startStandIn();
  try {
    const dbPath = join(dir.path, 'library.db');
    const seeded = performance.now();
    seedLibrary(dbPath, count);
    say(`seeded in ${ms(performance.now() - seeded)}`);

    // In-process: the numbers `scribe stats` prints, and the search an /incident start runs.
    const opened = await openStore({ engine: 'sqlite', path: dbPath });
    const statsTimes: number[] = [];
    const searchTimes: number[] = [];
    try {
      const window = parseStatsWindow('all');
      if (!window.ok) throw new Error(window.error);
      for (let i = 0; i < (quick ? 3 : 7); i++) {
        const started = performance.now();
        const answer = await readStats(
          { store: opened.store, clock: systemClock, timeZone: 'UTC' },
          { window: window.window, service: null },
        );
        if (!answer.ok) throw new Error(answer.error);
        statsTimes.push(performance.now() - started);
      }
      // The newest incidents, as a start would search for them.
      for (let id = count; id > count - (quick ? 5 : 20); id--) {
        searchTimes.push(await timeRelatedSearch(opened.store, id));
      }
    } finally {
      await opened.close();
    }

    const port = 39_300;
    const bot = await startSiteBot(dbPath, slack.apiUrl, port);
    try {
      const base = `http://127.0.0.1:${port}`;
      const session = newSession(
        { userId: PEOPLE[0]?.id ?? 'U0001', teamId: 'T0BENCH', name: 'Bench' },
        Date.now(),
      );
      const cookie = `${SESSION_COOKIE}=${sealSession(SESSION_SECRET, session)}`;
      const paths: Array<[string, number | null]> = [
        ['/healthz', null],
        ['/incidents', 200],
        ['/incidents?page=40', 200],
        ['/incidents?q=timeout', 200],
        ['/incidents?severity=sev1&service=checkout', 200],
        ['/incidents?detected=monitoring', 200],
        ['/insights', 200],
        ['/actions', 200],
        [`/incidents/${Math.floor(count / 2)}`, 200],
        ['/api/v1/incidents', 200],
        ['/api/v1/stats', 200],
        ['/reports', 200],
      ];
      const rows: string[][] = [];
      for (const [path, target] of paths) {
        rows.push(row(`GET ${path}`, await timeRequests(base, path, cookie, runs), target));
      }
      say(table(['request', 'p50', 'p95', 'max', 'target p95 < 200 ms'], rows));
    } finally {
      await bot.stop();
    }
    say();
    say(
      table(
        ['in-process', 'p50', 'p95', 'max', 'target'],
        [
          row(`readStats (scribe stats), ${count} incidents`, statsTimes, null),
          row('related-incident search at start', searchTimes, 100),
        ],
      ),
    );
  } finally {
    await slack.close();
    dir.remove();
  }
  say();
}

/** The search part of findRelated (src/usecases/find-related.ts), without posting. */
async function timeRelatedSearch(
  store: Awaited<ReturnType<typeof openStore>>['store'],
  incidentId: number,
): Promise<number> {
  const started = performance.now();
  const profile = await store.related.profile(incidentId);
  if (profile === null) throw new Error(`no incident ${incidentId}`);
  const findings = await store.related.candidates({
    incidentId,
    before: profile.incident.declaredAt,
    alertNames: profile.alertNames,
    tags: profile.tags,
    terms: searchTerms([profile.incident.title, ...profile.texts]),
    countSince: profile.incident.declaredAt - RECURRENCE_DAYS * DAY,
    textLimit: 10,
  });
  const ranked = rankRelated(findings.candidates);
  await store.related.unfinishedActions(ranked.map((r) => r.incident.id));
  return performance.now() - started;
}
