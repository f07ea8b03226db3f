import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BUILD_TIMEOUT, ensureBuilt } from '../helpers/dist.ts';
import { BOT_TOKEN, SIGNING_SECRET } from '../helpers/harness.ts';
import { startSlackStandIn } from '../helpers/slack-stand-in.ts';
import { environment, execForm, instructions, readDockerfile } from './dockerfile.ts';

// No Docker engine runs where this suite runs, so the image is checked the way it can be: its
// Dockerfile read as data, and its start and health-check commands run as the image runs them.
const stages = readDockerfile('Dockerfile');
const runtime = stages.at(-1);
if (!runtime) throw new Error('Dockerfile has no stage');

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('the Dockerfile', () => {
  // Its CMD runs dist/main.js, which the build stage compiles; here, this folder's dist/.
  beforeAll(ensureBuilt, BUILD_TIMEOUT);

  it('builds in one stage and runs in a slim Node 20 stage without a compiler', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage.from).toMatch(/^node:20(\.\d+)*-[a-z]+-slim$/);
    const build = stages[0];
    // TypeScript (a dev dependency) compiles dist/ in npm ci's prepare; then the dev ones go.
    expect(instructions(build ?? runtime, 'RUN').join('\n')).toMatch(
      /npm ci .*npm prune --omit=dev/s,
    );
    expect(instructions(build ?? runtime, 'RUN').join('\n')).toMatch(/g\+\+/);
    expect(instructions(runtime, 'RUN').join('\n')).not.toMatch(/g\+\+|npm (ci|install)/);
    expect(instructions(runtime, 'COPY')).toContain(
      `--from=${build?.name} /app/node_modules ./node_modules`,
    );
    expect(instructions(runtime, 'COPY')).toContain(`--from=${build?.name} /app/dist ./dist`);
  });

  it('runs as a non-root user with the database on the /data volume', () => {
    const users = instructions(runtime, 'USER');
    expect(users).toHaveLength(1);
    expect(users[0]).not.toMatch(/^(root|0)(:|$)/);
    expect(instructions(runtime, 'VOLUME').join(' ')).toContain('/data');
    expect(environment(runtime).DATABASE_PATH).toBe('/data/scribe.db');
  });

  it('copies everything the start command reads, and .dockerignore keeps secrets out', () => {
    const copied = instructions(runtime, 'COPY').join(' ');
    for (const path of ['package.json', 'dist', 'migrations', 'bin']) {
      expect(copied).toContain(path);
    }
    const ignored = readFileSync('.dockerignore', 'utf8').split('\n');
    // dist: the build stage compiles its own, never one from the developer's folder.
    for (const entry of ['.env', 'data', 'node_modules', '*.db', 'dist']) {
      expect(ignored).toContain(entry);
    }
  });

  it('starts with its CMD and ENV, passes its HEALTHCHECK, and stops cleanly on SIGTERM to node', async () => {
    const slack = await startSlackStandIn({ token: BOT_TOKEN });
    cleanups.push(() => slack.close());
    const dir = mkdtempSync(join(tmpdir(), 'scribe-image-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const command = execForm(instructions(runtime, 'CMD')[0] ?? '');
    // Exec form: node itself is the process that gets SIGTERM, as PID 1 in the container.
    expect(command[0]).toBe('node');
    const env = {
      PATH: process.env.PATH ?? '',
      ...environment(runtime),
      // Where the volume would be mounted; a port of the system's choosing.
      DATABASE_PATH: join(dir, 'data', 'scribe.db'),
      PORT: '0',
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
    };
    const child = spawn(command[0] ?? 'node', command.slice(1), { env });
    let output = '';
    child.stdout.on('data', (d) => {
      output += String(d);
    });
    child.stderr.on('data', (d) => {
      output += String(d);
    });
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    cleanups.push(async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    });
    await slack.waitFor(() => /listening on :\d+/.test(output) || child.exitCode !== null, 60_000);
    const port = /listening on :(\d+)/.exec(output)?.[1];
    expect(port, output).toBeDefined();

    const health = execForm(instructions(runtime, 'HEALTHCHECK')[0] ?? '');
    const probe = spawnSync(health[0] ?? 'node', health.slice(1), {
      env: { ...env, PORT: String(port) },
      timeout: 30_000,
    });
    expect(probe.status).toBe(0);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('shutting down');
    // The graceful shutdown checkpointed the WAL into the database file.
    expect(existsSync(join(dir, 'data', 'scribe.db-wal'))).toBe(false);
  }, 90_000);

  it('fails its HEALTHCHECK when nothing answers', () => {
    const health = execForm(instructions(runtime, 'HEALTHCHECK')[0] ?? '');
    // Port 9 (discard) on loopback: nothing listens there on a test machine.
    const probe = spawnSync(health[0] ?? 'node', health.slice(1), {
      env: { PATH: process.env.PATH ?? '', PORT: '9' },
      timeout: 30_000,
    });
    expect(probe.status).toBe(1);
  });
});

interface Compose {
  services: Record<
    string,
    {
      build?: string;
      environment?: Record<string, string>;
      volumes?: string[];
      stop_grace_period?: string;
      profiles?: string[];
      deploy?: { replicas?: number };
    }
  >;
}

describe('compose.yaml', () => {
  const compose = parse(readFileSync('compose.yaml', 'utf8')) as Compose;
  const scribe = compose.services.scribe;

  it('runs one bot with its database on a named volume and time to drain on stop', () => {
    expect(scribe?.build).toBe('.');
    expect(scribe?.deploy?.replicas ?? 1).toBe(1);
    expect(scribe?.volumes).toContain('scribe-data:/data');
    expect(scribe?.environment?.DATABASE_PATH).toBe('/data/scribe.db');
    expect(Number.parseInt(scribe?.stop_grace_period ?? '0', 10)).toBeGreaterThanOrEqual(30);
  });

  it('lets an optional Prometheus scrape the metrics port the bot serves', () => {
    const prometheus = compose.services.prometheus;
    expect(prometheus?.profiles).toEqual(['metrics']);
    const config = parse(readFileSync('deploy/prometheus.yml', 'utf8')) as {
      scrape_configs: Array<{ static_configs: Array<{ targets: string[] }> }>;
    };
    const targets = config.scrape_configs.flatMap((c) =>
      c.static_configs.flatMap((s) => s.targets),
    );
    expect(targets).toEqual([`scribe:${scribe?.environment?.METRICS_PORT}`]);
  });
});
