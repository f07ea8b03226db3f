import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config.ts';
import { BOT_TOKEN, SIGNING_SECRET } from '../helpers/harness.ts';

// No Docker engine runs where this suite runs: the PostgreSQL variant is checked as data (the
// compose file, the Caddyfile, Prometheus' targets), its settings through the bot's own
// loadConfig, and its secrets script by running it.

interface Service {
  build?: string;
  image?: string;
  hostname?: string;
  command?: string[];
  environment?: Record<string, string>;
  secrets?: string[];
  volumes?: string[];
  ports?: string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string[] };
  stop_grace_period?: string;
  profiles?: string[];
}

interface Compose {
  services: Record<string, Service>;
  secrets: Record<string, { file: string }>;
  volumes: Record<string, unknown>;
}

// Compose resolves YAML merge keys (`<<: *scribe`); the yaml package does when asked.
const compose = parse(readFileSync('deploy/compose.postgres.yaml', 'utf8'), {
  merge: true,
}) as Compose;
const bots = Object.entries(compose.services).filter(
  ([, service]) => service.image === 'incident-scribe:latest',
);
const postgres = compose.services.postgres;
const SECRET_PATH = '/run/secrets/database_url';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function makeSecrets(dir: string) {
  return spawnSync('sh', ['deploy/make-secrets.sh', dir], { encoding: 'utf8', timeout: 30_000 });
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'scribe-compose-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('deploy/compose.postgres.yaml', () => {
  it('runs PostgreSQL 17 with a health check over TCP, its data on a volume, its password from a file', () => {
    expect(postgres?.image).toBe('postgres:17');
    expect(postgres?.healthcheck?.test?.[1]).toBe('pg_isready');
    expect(postgres?.healthcheck?.test).toContain('--host=127.0.0.1');
    expect(postgres?.volumes).toContain('postgres-data:/var/lib/postgresql/data');
    expect(compose.volumes).toHaveProperty('postgres-data');
    expect(postgres?.environment?.POSTGRES_PASSWORD_FILE).toBe('/run/secrets/postgres_password');
    expect(postgres?.environment).not.toHaveProperty('POSTGRES_PASSWORD');
    expect(postgres?.secrets).toEqual(['postgres_password']);
    expect(compose.secrets.postgres_password?.file).toBe('./secrets/postgres_password');
  });

  it('runs two replicas of the image that read DATABASE_URL from a secret once the database is healthy', () => {
    expect(bots.map(([name]) => name)).toEqual(['scribe-1', 'scribe-2']);
    for (const [name, bot] of bots) {
      expect(bot.build).toBe('..');
      expect(bot.hostname).toBe(name);
      expect(bot.environment?.DATABASE_URL_FILE).toBe(SECRET_PATH);
      expect(bot.environment).not.toHaveProperty('DATABASE_URL');
      expect(bot.secrets).toEqual(['database_url']);
      expect(bot.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
      // Nothing on a volume, no port of its own: state is in PostgreSQL, traffic comes through
      // the balancer.
      expect(bot.volumes ?? []).toEqual([]);
      expect(bot.ports ?? []).toEqual([]);
      expect(Number.parseInt(bot.stop_grace_period ?? '0', 10)).toBeGreaterThanOrEqual(30);
    }
    expect(compose.secrets.database_url?.file).toBe('./secrets/database_url');
  });

  it('keeps every replica pool, and one more for a rolling update, under max_connections', () => {
    const maxConnections = Number(
      /max_connections=(\d+)/.exec(postgres?.command?.join(' ') ?? '')?.[1],
    );
    const pools = bots.map(([, bot]) => Number(bot.environment?.DATABASE_POOL_SIZE));
    const largest = Math.max(...pools);
    const sum = pools.reduce((a, b) => a + b, 0);
    // A surge replica during an update, and 10 left for pg_dump, psql and the CLI.
    expect(sum + largest + 10).toBeLessThanOrEqual(maxConnections);
  });

  it("gives the bots only settings the README documents, and the bot's loadConfig accepts them", () => {
    const readme = readFileSync('README.md', 'utf8');
    const dir = tempDir();
    expect(makeSecrets(dir).status).toBe(0);
    for (const [, bot] of bots) {
      for (const name of Object.keys(bot.environment ?? {})) {
        expect(readme, name).toContain(`| \`${name}\` |`);
      }
      const config = loadConfig(
        {
          // What env_file (.env) brings: the Slack settings.
          SLACK_BOT_TOKEN: BOT_TOKEN,
          SLACK_SIGNING_SECRET: SIGNING_SECRET,
          ...bot.environment,
        },
        (path) => {
          // Where Compose mounts the database_url secret.
          if (path !== SECRET_PATH)
            throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
          return readFileSync(join(dir, 'database_url'), 'utf8');
        },
      );
      expect(config.database).toMatchObject({ engine: 'postgres', poolSize: 10 });
      expect(config.port).toBe(3000);
      expect(config.metricsPort).toBe(9464);
    }
  });

  it('spreads Slack through a balancer that probes /healthz on both replicas', () => {
    const balancer = compose.services.balancer;
    expect(balancer?.image).toMatch(/^caddy:2/);
    expect(balancer?.volumes).toContain('./Caddyfile:/etc/caddy/Caddyfile:ro');
    expect(balancer?.ports).toEqual(expect.arrayContaining(['80:80', '443:443']));
    const caddyfile = readFileSync('deploy/Caddyfile', 'utf8');
    const upstreams = bots.map(([name, bot]) => `${name}:${bot.environment?.PORT}`);
    const spread = caddyfile
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter((words) => words[0] === 'reverse_proxy' && words.length > 2);
    expect(spread).toHaveLength(1);
    expect(spread[0]?.slice(1, -1).sort()).toEqual([...upstreams].sort());
    expect(caddyfile).toMatch(/^\s*health_uri \/healthz$/m);
    expect(caddyfile).toMatch(/^\s*lb_try_duration \S+$/m);
    // Each replica's own health, through the balancer.
    for (const [name] of bots) {
      expect(caddyfile).toContain(`handle /healthz/${name} {`);
      expect(caddyfile).toMatch(new RegExp(`reverse_proxy ${name}:\\d+\\n`));
    }
  });

  it('lets an optional Prometheus scrape both replicas', () => {
    expect(compose.services.prometheus?.profiles).toEqual(['metrics']);
    const config = parse(readFileSync('deploy/prometheus.postgres.yml', 'utf8')) as {
      scrape_configs: Array<{ static_configs: Array<{ targets: string[] }> }>;
    };
    const targets = config.scrape_configs.flatMap((c) =>
      c.static_configs.flatMap((s) => s.targets),
    );
    expect(targets).toEqual(bots.map(([name, bot]) => `${name}:${bot.environment?.METRICS_PORT}`));
  });
});

describe('deploy/make-secrets.sh', () => {
  it('writes a URL-safe password and the DATABASE_URL built from it, in a folder only its owner can enter', () => {
    const dir = join(tempDir(), 'secrets');
    const run = makeSecrets(dir);
    expect(run.status, run.stderr).toBe(0);
    const password = readFileSync(join(dir, 'postgres_password'), 'utf8');
    expect(password).toMatch(/^[0-9a-f]{48}\n$/);
    expect(readFileSync(join(dir, 'database_url'), 'utf8')).toBe(
      `postgres://scribe:${password.trim()}@postgres:5432/scribe\n`,
    );
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'database_url')).mode & 0o777).toBe(0o644);
    // Another run makes another password.
    const other = join(tempDir(), 'secrets');
    expect(makeSecrets(other).status).toBe(0);
    expect(readFileSync(join(other, 'postgres_password'), 'utf8')).not.toBe(password);
  });

  it('refuses to overwrite existing secrets, and leaves them as they were', () => {
    const dir = tempDir();
    expect(makeSecrets(dir).status).toBe(0);
    const before = readFileSync(join(dir, 'database_url'), 'utf8');
    const again = makeSecrets(dir);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already holds database secrets; nothing written');
    expect(readFileSync(join(dir, 'database_url'), 'utf8')).toBe(before);
  });

  it('writes where git never commits it', () => {
    const check = spawnSync('git', ['check-ignore', '-q', 'deploy/secrets/database_url']);
    expect(check.status).toBe(0);
  });
});
