// A library of incidents for the site and stats benchmarks: `count` resolved-or-open incidents
// over two years, each with its commands, a few messages (two of them alerts), a service tag, a
// category, follow-ups and a written summary. Direct INSERTs in one transaction, as in startup.ts.

import { openDatabase } from '../src/store/db.ts';
import { PEOPLE, random, slackTs } from './corpus.ts';
import { BENCH_START } from './seed.ts';

export const LIBRARY_SERVICES = ['checkout', 'payments', 'search', 'ledger', 'auth', 'catalog'];
const CATEGORIES = ['deploy', 'capacity', 'dependency', 'config', 'hardware'];
const SEVERITIES = ['sev1', 'sev2', 'sev3', 'sev4'];
const WORDS = ['timeout', 'latency', 'pool', 'dns', 'certificate', 'quota', 'disk', 'replica'];
const DAY = 86_400_000;

/** Seeds `count` incidents into a new SQLite file at `path`; the newest declared at BENCH_START. */
export function seedLibrary(path: string, count: number): void {
  const database = openDatabase(path);
  const db = database.sqlite;
  const rnd = random(7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const person = () => pick(PEOPLE).id;
  const incident = db.prepare(
    `insert into incidents (channel_id, channel_name, title, severity, status, reporter_id, lead_id,
       declared_at, mitigated_at, resolved_at, category, postmortem_state, postmortem_state_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const event = db.prepare(
    `insert into incident_events (incident_id, kind, at, actor_id, text) values (?, ?, ?, ?, ?)`,
  );
  const message = db.prepare(
    `insert into messages (incident_id, channel_id, ts, posted_at, user_id, bot_name, is_bot, text,
       alert_state, alert_title, alert_source, alert_name, alert_severity, alert_fired_at, raw,
       recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const tag = db.prepare(
    `insert into incident_tags (incident_id, key, value, source, added_by, added_at)
     values (?, 'service', ?, 'person', ?, ?)`,
  );
  const action = db.prepare(
    `insert into actions (incident_id, text, owner_id, due_date, created_by, created_at, status,
       kind, purpose, closed_at) values (?, ?, ?, ?, ?, ?, ?, 'follow_up', ?, ?)`,
  );
  const section = db.prepare(
    `insert into sections (incident_id, kind, text, author_id, at) values (?, 'summary', ?, ?, ?)`,
  );
  const person0 = db.prepare(
    'insert or replace into people (id, name, tz, fetched_at) values (?, ?, null, ?)',
  );
  db.transaction(() => {
    for (const p of PEOPLE) person0.run(p.id, p.name, BENCH_START);
    for (let i = 0; i < count; i++) {
      // Spread over two years, oldest first (ids grow with time, as in production).
      const declaredAt = BENCH_START - Math.round(((count - i) / count) * 730 * DAY);
      const open = i >= count - 3;
      const mitigatedAt = open ? null : declaredAt + Math.round(rnd() * 3 * 3_600_000);
      const resolvedAt = mitigatedAt === null ? null : mitigatedAt + 1_800_000;
      const lead = person();
      const word = pick(WORDS);
      const service = pick(LIBRARY_SERVICES);
      const channel = `CLIB${String(i).padStart(6, '0')}`;
      const state = open ? 'draft' : pick(['draft', 'in_review', 'published', 'published']);
      const id = incident.run(
        channel,
        `inc-${service}-${i}`,
        `${service} ${word} errors (${i})`,
        pick(SEVERITIES),
        open ? 'declared' : 'resolved',
        person(),
        lead,
        declaredAt,
        mitigatedAt,
        resolvedAt,
        pick(CATEGORIES),
        state,
        state === 'draft' ? null : (resolvedAt ?? declaredAt) + DAY,
      ).lastInsertRowid;
      event.run(id, 'declared', declaredAt, lead, `${service} ${word} errors`);
      if (mitigatedAt !== null) event.run(id, 'mitigated', mitigatedAt, lead, null);
      if (resolvedAt !== null) event.run(id, 'resolved', resolvedAt, lead, null);
      const firedAt = declaredAt - Math.round(rnd() * 900_000);
      const alert = `${service}_${word}`;
      const alertRow = (state: string, at: number, n: number) =>
        message.run(
          id,
          channel,
          slackTs(at, n),
          at,
          null,
          'Alertmanager',
          1,
          `[${state.toUpperCase()}] ${alert}`,
          state,
          alert,
          'alertmanager',
          alert,
          'critical',
          firedAt,
          '{}',
          at,
        );
      alertRow('firing', firedAt, 0);
      for (let m = 1; m <= 6; m++) {
        const at = declaredAt + m * 60_000;
        const text = `looking at the ${word} graphs for ${service}, step ${m}`;
        message.run(
          id,
          channel,
          slackTs(at, m),
          at,
          person(),
          null,
          0,
          text,
          null,
          null,
          null,
          null,
          null,
          null,
          '{}',
          at,
        );
      }
      if (mitigatedAt !== null) alertRow('resolved', mitigatedAt, 7);
      tag.run(id, service, lead, declaredAt);
      section.run(
        id,
        `The ${service} ${word} went wrong after a change.`,
        lead,
        resolvedAt ?? declaredAt,
      );
      for (let a = 0; a < 2; a++) {
        const closed = rnd() < 0.5 && resolvedAt !== null;
        const due = new Date(declaredAt + 14 * DAY).toISOString().slice(0, 10);
        action.run(
          id,
          `Fix the ${word} in ${service} (${a})`,
          person(),
          due,
          lead,
          resolvedAt ?? declaredAt,
          closed ? 'done' : 'open',
          pick(['detect', 'mitigate', 'prevent']),
          closed ? (resolvedAt ?? declaredAt) + 7 * DAY : null,
        );
      }
    }
  })();
  database.close();
}
