// The database the start-up benchmark opens: a million stored messages (or fewer), built once by
// direct INSERTs in one transaction and kept in the temp folder for later runs, keyed by a version
// and the migrations it was built with.

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/store/db.ts';
import { PEOPLE, random, slackTs } from './corpus.ts';
import { BENCH_START } from './seed.ts';
import { ms } from './shared.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DB_VERSION = 1;
const PER_INCIDENT = 1_000;
/** Open incidents at start-up (backfill looks at each), with this many messages each. */
const OPEN = 3;

function migrationsHash(): string {
  const dir = join(ROOT, 'migrations', 'sqlite');
  const hash = createHash('sha256');
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    hash.update(file).update(readFileSync(join(dir, file)));
  }
  return hash.digest('hex').slice(0, 12);
}

/** Builds (or reuses) a database of `messages` messages in incidents of 1,000; returns its path. */
export function millionDb(messages: number, log: (line: string) => void = () => {}): string {
  const dir = join(tmpdir(), `scribe-bench-startup-${messages}`);
  const path = join(dir, 'scribe.db');
  const marker = join(dir, 'VERSION');
  const version = `${DB_VERSION} ${migrationsHash()}`;
  if (existsSync(marker) && readFileSync(marker, 'utf8') === version) return path;
  rmSync(dir, { recursive: true, force: true });
  const started = performance.now();
  const database = openDatabase(path);
  const db = database.sqlite;
  const incident = db.prepare(
    `insert into incidents (channel_id, channel_name, title, severity, status, reporter_id,
       lead_id, declared_at, mitigated_at, resolved_at) values (?, ?, ?, 'sev2', ?, 'U0001',
       'U0002', ?, ?, ?)`,
  );
  const message = db.prepare(
    `insert into messages (incident_id, channel_id, ts, thread_ts, posted_at, user_id, is_bot,
       text, raw, recorded_at) values (?, ?, ?, ?, ?, ?, 0, ?, ?, ?)`,
  );
  const rnd = random(11);
  db.transaction(() => {
    const incidents = Math.ceil(messages / PER_INCIDENT);
    for (let i = 0; i < incidents; i++) {
      const channel = `CST${String(i).padStart(6, '0')}`;
      const at = BENCH_START - (incidents - i) * 86_400_000;
      const open = i >= incidents - OPEN;
      const id = incident.run(
        channel,
        `inc-${i}`,
        `Incident ${i}`,
        open ? 'declared' : 'resolved',
        at,
        open ? null : at + 3_600_000,
        open ? null : at + 7_200_000,
      ).lastInsertRowid;
      let parent: string | null = null;
      for (let m = 0; m < PER_INCIDENT && i * PER_INCIDENT + m < messages; m++) {
        const postedAt = at + m * 3_000;
        const ts = slackTs(postedAt, m);
        const user = PEOPLE[Math.floor(rnd() * PEOPLE.length)]?.id ?? 'U0001';
        const reply = parent !== null && rnd() < 0.15 ? parent : null;
        const text = `message ${m} of incident ${i}: checking the dashboards`;
        const raw = JSON.stringify({
          type: 'message',
          ts,
          user,
          text,
          thread_ts: reply ?? undefined,
        });
        message.run(id, channel, ts, reply, postedAt, user, text, raw, postedAt);
        if (reply === null) parent = ts;
      }
    }
  })();
  database.close();
  writeFileSync(marker, version);
  log(
    `built ${messages.toLocaleString('en')} messages in ${ms(performance.now() - started)}: ${path}`,
  );
  return path;
}
