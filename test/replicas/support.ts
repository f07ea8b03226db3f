// Several bot processes (`npm start`'s code, one process each) on one PostgreSQL database, with one
// Slack stand-in in the test process: what a deployment with replicas looks like from outside.
//
//   const cluster = await startCluster({ replicas: 2 });      // A and B, HTTP mode
//   const [a, b] = cluster.replicas;
//   await signedEvent(a.base, event, 'Ev1');                   // test/faults/support.ts
//   await a.kill();                                            // SIGKILL, as a lost host
//   await cluster.query('select count(*) as n from messages'); // the shared database, via pg
//   await cluster.close();                                     // in afterEach
import pg from 'pg';
import {
  type BotProcess,
  botEnv,
  type CommandInput,
  type CommandSent,
  commandReply,
  postCommand,
  spawnBot,
  tempDir,
  until,
} from '../faults/support.ts';
import { type FreshDatabase, freshDatabase } from '../helpers/postgres.ts';
import { type SlackStandIn, startSlackStandIn } from '../helpers/slack-stand-in.ts';

export type ReplicaMode = 'http' | 'socket';

export interface Replica {
  /** 'A', 'B' … in the order the replicas were started. */
  name: string;
  process: BotProcess;
  /** http://127.0.0.1:<port>: /slack/events in HTTP mode; /healthz in both. */
  base: string;
  /** True until the process has exited. */
  alive(): boolean;
  /** SIGKILL, as a lost host: nothing is flushed or closed. Resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM, as a scheduler stops a replica: resolves with the exit code (0 = clean). */
  stop(): Promise<number | null>;
}

export interface ClusterOptions {
  /** Replicas started at once; default 2. More can be added with `startReplica`. */
  replicas?: number;
  /** How Slack reaches them; default 'http'. In Socket Mode each holds its own connection. */
  mode?: ReplicaMode;
  /** Extra settings for every replica (e.g. JOB_LEASE_SECONDS, BACKFILL_INTERVAL). */
  env?: Record<string, string>;
}

export interface Cluster {
  mode: ReplicaMode;
  slack: SlackStandIn;
  database: FreshDatabase;
  /** Every replica started, in order, including those since stopped or killed. */
  replicas: Replica[];
  /** Starts one more replica on the same database; resolves once it listens (and is connected). */
  startReplica(env?: Record<string, string>): Promise<Replica>;
  /** Reads the shared database through a connection of the test's own (`$1` placeholders). */
  query(sql: string, ...params: unknown[]): Promise<Record<string, unknown>[]>;
  /** A slash command signed as Slack signs it, posted to one replica (HTTP mode). */
  command(replica: Replica, input: CommandInput): Promise<CommandSent>;
  /** The ephemeral reply a command got through its response_url, once it came. */
  reply(sent: CommandSent, timeoutMs?: number): Promise<string>;
  /** Stops what is still running (SIGTERM), drops the database, closes the stand-in. */
  close(): Promise<void>;
}

/** A safety net only: a clean stop takes well under a second. */
const STOP_GRACE_MS = 30_000;

/**
 * One fresh PostgreSQL database, one stand-in (people UANN and UBOB), `replicas` bot processes
 * started together. In Socket Mode it returns once every replica holds its connection.
 */
export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const mode = options.mode ?? 'http';
  const slack = await startSlackStandIn({ token: 'xoxb-test-token' });
  slack.addUser({ id: 'UANN', name: 'ann', displayName: 'Ann', tz: 'UTC' });
  slack.addUser({ id: 'UBOB', name: 'bob', displayName: 'Bob', tz: 'UTC' });
  const database = await freshDatabase();
  const reader = new pg.Pool({ connectionString: database.url, max: 2 });
  const dir = tempDir('scribe-replicas-');
  const replicas: Replica[] = [];
  const baseEnv = {
    ...botEnv(slack, `${dir.path}/unused.db`),
    DATABASE_URL: database.url,
    // Small pools, so several replicas and test files share the test server comfortably.
    DATABASE_POOL_SIZE: '4',
    ...(mode === 'socket'
      ? { SLACK_APP_TOKEN: slack.socket.appToken, SLACK_SIGNING_SECRET: '' }
      : {}),
    ...options.env,
  };

  const startReplica = async (env: Record<string, string> = {}): Promise<Replica> => {
    const name = String.fromCharCode(65 + replicas.length);
    const connectionsBefore = slack.socket.connections;
    const proc = spawnBot(dir.path, { ...baseEnv, ...env });
    const replica = replicaOf(name, proc, '');
    replicas.push(replica);
    replica.base = await proc.ready;
    if (mode === 'socket') {
      // The log line comes once the connection is up, but wait for the stand-in's side too.
      await until(
        () => slack.socket.connections > connectionsBefore,
        `replica ${name}'s Socket Mode connection`,
        60_000,
      );
    }
    return replica;
  };

  const cluster: Cluster = {
    mode,
    slack,
    database,
    replicas,
    startReplica,
    async query(sql, ...params) {
      return (await reader.query(sql, params)).rows;
    },
    command: (replica, input) => postCommand(`${replica.base}/slack/events`, slack, input),
    reply: (sent, timeoutMs = 30_000) => commandReply(slack, sent, timeoutMs),
    async close() {
      await Promise.all(replicas.map((r) => r.stop()));
      await reader.end();
      await database.drop();
      await slack.close();
      dir.remove();
    },
  };
  try {
    // One after the other: a replica's migrations then find the schema in place, as when a
    // deployment rolls out; concurrent starts are the migrations' own tests.
    for (let i = 0; i < (options.replicas ?? 2); i++) await startReplica();
  } catch (error) {
    await cluster.close();
    throw error;
  }
  return cluster;
}

function replicaOf(name: string, proc: BotProcess, base: string): Replica {
  const alive = () => proc.child.exitCode === null && proc.child.signalCode === null;
  return {
    name,
    process: proc,
    base,
    alive,
    async kill() {
      if (alive()) proc.child.kill('SIGKILL');
      await proc.exited;
    },
    async stop() {
      if (alive()) {
        proc.child.kill('SIGTERM');
        const net = setTimeout(() => proc.child.kill('SIGKILL'), STOP_GRACE_MS);
        const { code } = await proc.exited;
        clearTimeout(net);
        return code;
      }
      return (await proc.exited).code;
    },
  };
}

/** Whether an HTTP answer is the 2xx that tells Slack an event was received. */
export const acknowledged = (status: number) => status >= 200 && status < 300;
