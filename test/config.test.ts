import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { problemsOf, valid } from './helpers/config-env.ts';
import { secretFiles } from './helpers/secret-files.ts';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    expect(loadConfig(valid)).toEqual({
      mode: 'http',
      slackBotToken: 'xoxb-1-abc',
      slackSigningSecret: 'shh-very-secret',
      slackAppToken: null,
      port: 3000,
      database: { engine: 'sqlite', path: './data/scribe.db' },
      slackApiUrl: null,
      timeZone: 'UTC',
      logLevel: 'info',
      webhookToken: null,
      lookbackMinutes: 120,
      backfillIntervalMs: 5 * 60_000,
      newChannelByDefault: false,
      incidentsChannel: null,
      weeklyReview: null,
      followUpDays: { sev1: 7, sev2: 14, sev3: 30, sev4: 30 },
      incidentCategories: [
        'deploy',
        'config',
        'capacity',
        'dependency',
        'infrastructure',
        'data',
        'security',
        'unknown',
      ],
      reminderEveryMs: 86_400_000,
      reminderCheckMs: 60_000,
      jobLeaseMs: 60_000,
      workingHours: { startMinute: 540, endMinute: 1080 },
      postmortemDueDays: 5,
      githubToken: null,
      githubRepo: null,
      githubApiUrl: null,
      actionsExport: 'manual',
      githubSyncMs: 300_000,
      metricsPort: null,
      web: { team: null, baseUrl: null, apiToken: null, publicReports: false },
    });
  });

  it('wants GitHub token and repo together, the repo as owner/name', () => {
    expect(problemsOf({ ...valid, GITHUB_TOKEN: 'ghp_x' })).toEqual([
      expect.stringContaining('GITHUB_TOKEN and GITHUB_REPO'),
    ]);
    expect(
      problemsOf({
        ...valid,
        GITHUB_TOKEN: 'ghp_x',
        GITHUB_REPO: 'nope',
        ACTIONS_EXPORT: 'always',
      }),
    ).toEqual([
      expect.stringContaining('GITHUB_REPO must be owner/name'),
      expect.stringContaining('ACTIONS_EXPORT'),
    ]);
    expect(
      loadConfig({
        ...valid,
        GITHUB_TOKEN: 'ghp_x',
        GITHUB_REPO: 'acme/platform',
        ACTIONS_EXPORT: 'auto',
      }),
    ).toMatchObject({
      githubRepo: 'acme/platform',
      actionsExport: 'auto',
    });
  });

  it('reads the reminder settings and names bad ones', () => {
    expect(
      loadConfig({
        ...valid,
        REMINDER_EVERY: '12h',
        REMINDER_CHECK_SECONDS: '30',
        WORKING_HOURS: '08:30-17:00',
      }),
    ).toMatchObject({
      reminderEveryMs: 12 * 3_600_000,
      reminderCheckMs: 30_000,
      workingHours: { startMinute: 510, endMinute: 1020 },
    });
    expect(
      problemsOf({
        ...valid,
        REMINDER_EVERY: '10s',
        REMINDER_CHECK_SECONDS: '1',
        WORKING_HOURS: '18:00-09:00',
      }),
    ).toEqual([
      expect.stringContaining('REMINDER_EVERY'),
      expect.stringContaining('REMINDER_CHECK_SECONDS'),
      expect.stringContaining('WORKING_HOURS'),
    ]);
  });

  it('reads POSTMORTEM_DUE_DAYS and names a bad one', () => {
    expect(loadConfig({ ...valid, POSTMORTEM_DUE_DAYS: '3' }).postmortemDueDays).toBe(3);
    for (const bad of ['0', '61', '2.5', '-1', '5d']) {
      expect(problemsOf({ ...valid, POSTMORTEM_DUE_DAYS: bad }), bad).toEqual([
        'POSTMORTEM_DUE_DAYS must be a whole number of working days from 1 to 60',
      ]);
    }
  });

  it('reads the job lease and names a bad one', () => {
    expect(loadConfig({ ...valid, JOB_LEASE_SECONDS: '5' }).jobLeaseMs).toBe(5_000);
    for (const bad of ['0', '3601', '1.5', '-2', '60s']) {
      expect(problemsOf({ ...valid, JOB_LEASE_SECONDS: bad }), bad).toEqual([
        'JOB_LEASE_SECONDS must be a whole number from 1 to 3600',
      ]);
    }
  });

  it('reads WEEKLY_REVIEW (off when unset) and refuses a bad one or one without a channel', () => {
    expect(loadConfig(valid).weeklyReview).toBeNull();
    const on = { ...valid, INCIDENTS_CHANNEL: 'C0REVIEW' };
    expect(loadConfig({ ...on, WEEKLY_REVIEW: 'Mon 9:00' }).weeklyReview).toEqual({
      isoDay: 1,
      minute: 540,
      label: 'mon 09:00',
    });
    for (const bad of ['monday', '09:00', 'mon 25:00', 'someday 09:00']) {
      expect(problemsOf({ ...on, WEEKLY_REVIEW: bad }), bad).toEqual([
        `WEEKLY_REVIEW must be a weekday and a time, such as "mon 09:00" (got "${bad}")`,
      ]);
    }
    expect(problemsOf({ ...valid, WEEKLY_REVIEW: 'fri 16:00' })).toEqual([
      'WEEKLY_REVIEW needs INCIDENTS_CHANNEL: the review is posted there',
    ]);
  });

  it('reads INCIDENT_CATEGORIES as a lowercase list and refuses an empty or odd one', () => {
    expect(
      loadConfig({ ...valid, INCIDENT_CATEGORIES: 'Deploy, network' }).incidentCategories,
    ).toEqual(['deploy', 'network']);
    expect(problemsOf({ ...valid, INCIDENT_CATEGORIES: ',' })[0]).toMatch(
      /^INCIDENT_CATEGORIES names no category/,
    );
    expect(problemsOf({ ...valid, INCIDENT_CATEGORIES: 'deploy,<!channel>' })[0]).toMatch(
      /^INCIDENT_CATEGORIES has "<!channel>"/,
    );
  });

  it('reads follow-up due days by severity and rejects a bad list', () => {
    expect(loadConfig({ ...valid, FOLLOW_UP_DUE_DAYS: '3, 7,21,60' }).followUpDays).toEqual({
      sev1: 3,
      sev2: 7,
      sev3: 21,
      sev4: 60,
    });
    expect(problemsOf({ ...valid, FOLLOW_UP_DUE_DAYS: '7,14' })).toEqual([
      expect.stringContaining('FOLLOW_UP_DUE_DAYS'),
    ]);
  });

  it('reads the timeline settings', () => {
    const config = loadConfig({
      ...valid,
      WEBHOOK_TOKEN: 'a-long-enough-webhook-token',
      LOOKBACK_MINUTES: '30',
      BACKFILL_INTERVAL: '90s',
      INCIDENT_NEW_CHANNEL: 'true',
      INCIDENTS_CHANNEL: '#incidents',
    });
    expect(config).toMatchObject({
      webhookToken: 'a-long-enough-webhook-token',
      lookbackMinutes: 30,
      backfillIntervalMs: 90_000,
      newChannelByDefault: true,
      incidentsChannel: '#incidents',
    });
    expect(loadConfig({ ...valid, BACKFILL_INTERVAL: '0' }).backfillIntervalMs).toBe(0);
    expect(loadConfig({ ...valid, BACKFILL_INTERVAL: '300' }).backfillIntervalMs).toBe(300_000);
  });

  it('names every bad timeline setting', () => {
    expect(
      problemsOf({
        ...valid,
        WEBHOOK_TOKEN: 'short',
        LOOKBACK_MINUTES: '-5',
        BACKFILL_INTERVAL: 'often',
        INCIDENT_NEW_CHANNEL: 'maybe',
        INCIDENTS_CHANNEL: 'incidents',
      }),
    ).toEqual([
      expect.stringContaining('WEBHOOK_TOKEN'),
      expect.stringContaining('LOOKBACK_MINUTES'),
      expect.stringContaining('BACKFILL_INTERVAL'),
      expect.stringContaining('INCIDENT_NEW_CHANNEL'),
      expect.stringContaining('INCIDENTS_CHANNEL'),
    ]);
  });

  it('switches to Socket Mode when an app token is set, and then needs no signing secret', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1-x' });
    expect(config.mode).toBe('socket');
    expect(config.slackSigningSecret).toBeNull();
  });

  it('names every problem at once', () => {
    expect(
      problemsOf({
        PORT: 'eighty',
        SCRIBE_TIMEZONE: 'Mars/Olympus',
        LOG_LEVEL: 'loud',
        SLACK_API_URL: 'ftp://x',
      }),
    ).toEqual([
      expect.stringContaining('SLACK_BOT_TOKEN is required'),
      expect.stringContaining('SLACK_SIGNING_SECRET is required'),
      expect.stringContaining('PORT'),
      expect.stringContaining('SLACK_API_URL'),
      expect.stringContaining('SCRIBE_TIMEZONE'),
      expect.stringContaining('LOG_LEVEL'),
    ]);
  });

  it('rejects tokens of the wrong kind without repeating their value', () => {
    const problems = problemsOf({
      SLACK_BOT_TOKEN: 'xapp-secret-value-1',
      SLACK_APP_TOKEN: 'xoxb-secret-value-2',
    });
    expect(problems).toEqual([
      expect.stringContaining('SLACK_BOT_TOKEN must start with xoxb-'),
      expect.stringContaining('SLACK_APP_TOKEN must start with xapp-'),
    ]);
    expect(problems.join(' ')).not.toContain('secret-value');
  });

  it('treats blank values as unset', () => {
    expect(problemsOf({ ...valid, SLACK_BOT_TOKEN: '   ' })).toEqual([
      expect.stringContaining('SLACK_BOT_TOKEN is required'),
    ]);
  });

  it('normalises the API URL to end with a slash', () => {
    expect(loadConfig({ ...valid, SLACK_API_URL: 'http://127.0.0.1:4000/api' }).slackApiUrl).toBe(
      'http://127.0.0.1:4000/api/',
    );
  });

  it('rejects a port above 65535', () => {
    expect(problemsOf({ ...valid, PORT: '70000' })).toEqual([expect.stringContaining('PORT')]);
  });

  it('serves metrics only on a port of their own', () => {
    expect(loadConfig({ ...valid, METRICS_PORT: '9464' }).metricsPort).toBe(9464);
    expect(loadConfig({ ...valid, METRICS_PORT: ' ' }).metricsPort).toBeNull();
    // Both 0: each server gets its own free port.
    expect(loadConfig({ ...valid, PORT: '0', METRICS_PORT: '0' }).metricsPort).toBe(0);
    expect(problemsOf({ ...valid, PORT: '3000', METRICS_PORT: '3000' })).toEqual([
      'METRICS_PORT must differ from PORT (metrics get a server of their own)',
    ]);
    expect(problemsOf({ ...valid, METRICS_PORT: '3000' })).toEqual([
      expect.stringContaining('METRICS_PORT must differ from PORT'),
    ]);
    for (const bad of ['70000', '-1', 'nine', '94.64']) {
      expect(problemsOf({ ...valid, METRICS_PORT: bad })).toEqual([
        'METRICS_PORT must be a whole number from 0 to 65535 (unset = no metrics)',
      ]);
    }
  });
});

describe('loadConfig with secrets in files (*_FILE)', () => {
  const { file: secretFile, folder } = secretFiles('scribe-secrets-');

  it('reads every secret from its file, without the trailing newline', () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN_FILE: secretFile('bot', 'xoxb-from-file\n'),
      SLACK_SIGNING_SECRET_FILE: secretFile('signing', 'signing-from-file\r\n'),
      SLACK_APP_TOKEN_FILE: secretFile('app', 'xapp-from-file \n'),
      WEBHOOK_TOKEN_FILE: secretFile('webhook', 'webhook-token-from-a-file\n'),
      GITHUB_TOKEN_FILE: secretFile('github', 'ghp_from_file\n'),
      GITHUB_REPO: 'acme/platform',
    });
    expect(config).toMatchObject({
      mode: 'socket',
      slackBotToken: 'xoxb-from-file',
      slackSigningSecret: 'signing-from-file',
      slackAppToken: 'xapp-from-file',
      webhookToken: 'webhook-token-from-a-file',
      githubToken: 'ghp_from_file',
    });
  });

  it('refuses a secret set both ways, naming both and neither value', () => {
    const path = secretFile('both', 'xoxb-the-file-one\n');
    const problems = problemsOf({ ...valid, SLACK_BOT_TOKEN_FILE: path });
    expect(problems).toEqual(['Set SLACK_BOT_TOKEN or SLACK_BOT_TOKEN_FILE, not both']);
  });

  it('names the variable and path of a missing or empty file, never repeating it as unset', () => {
    const missing = join(folder(), 'not-there');
    const empty = secretFile('empty', '\n  \n');
    expect(
      problemsOf({
        SLACK_BOT_TOKEN_FILE: missing,
        SLACK_SIGNING_SECRET_FILE: empty,
        GITHUB_TOKEN_FILE: folder(),
        GITHUB_REPO: 'acme/platform',
        PORT: 'eighty',
      }),
    ).toEqual([
      `SLACK_BOT_TOKEN_FILE: cannot read ${missing} (ENOENT)`,
      `SLACK_SIGNING_SECRET_FILE: ${empty} is empty`,
      `GITHUB_TOKEN_FILE: cannot read ${folder()} (EISDIR)`,
      'PORT must be a whole number from 0 to 65535',
    ]);
  });

  it('checks a secret read from a file like one set directly, without echoing it', () => {
    const path = secretFile('wrong', 'not-a-bot-token-but-very-secret\n');
    const problems = problemsOf({ ...valid, SLACK_BOT_TOKEN: '', SLACK_BOT_TOKEN_FILE: path });
    expect(problems).toEqual(['SLACK_BOT_TOKEN must start with xoxb-']);
    expect(problems.join('\n')).not.toContain('very-secret');
  });

  it('reads through the reader it is given, so files are optional in tests', () => {
    const files: Record<string, string> = { '/run/secrets/bot': 'xoxb-injected\n' };
    const read = (path: string) => {
      const content = files[path];
      if (content === undefined) throw Object.assign(new Error('gone'), { code: 'ENOENT' });
      return content;
    };
    const env = { SLACK_BOT_TOKEN_FILE: '/run/secrets/bot', SLACK_SIGNING_SECRET: 's' };
    expect(loadConfig(env, read).slackBotToken).toBe('xoxb-injected');
  });
});
