import { type DatabaseSettings, readDatabaseSettings } from './database-config.ts';
import { DEFAULT_INCIDENT_CATEGORIES, parseCategoryList } from './domain/description/category.ts';
import { parseHours } from './domain/reminders.ts';
import { parseWeeklySchedule, type WeeklySchedule } from './domain/stats/schedule.ts';
import { isValidTimeZone } from './domain/time-zone.ts';
import { type ReadSecretFile, readSecretFile, readSecretFiles } from './secret-files.ts';
import { readWebSettings, type WebSettings } from './web-config.ts';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  readonly mode: 'http' | 'socket';
  readonly slackBotToken: string;
  readonly slackSigningSecret: string | null;
  readonly slackAppToken: string | null;
  readonly port: number;
  /** SQLite at DATABASE_PATH, or PostgreSQL when DATABASE_URL is set (src/database-config.ts). */
  readonly database: DatabaseSettings;
  /** Base URL of the Slack Web API, always ending in `/`; null means Slack's own. */
  readonly slackApiUrl: string | null;
  readonly timeZone: string;
  readonly logLevel: LogLevel;
  /** Bearer token for POST /hooks/*; null disables the monitoring webhooks. */
  readonly webhookToken: string | null;
  /** How far back `/incident start` reads the channel, in minutes (0 = not at all). */
  readonly lookbackMinutes: number;
  /** How often open incidents are backfilled from channel history, in ms (0 = start-up only). */
  readonly backfillIntervalMs: number;
  /** `/incident start` creates a dedicated channel even without `--channel`. */
  readonly newChannelByDefault: boolean;
  /** Where every start, severity change and resolution is announced (id or #name); null = nowhere. */
  readonly incidentsChannel: string | null;
  /** When the weekly review is posted in INCIDENTS_CHANNEL (WEEKLY_REVIEW); null = never. */
  readonly weeklyReview: WeeklySchedule | null;
  /** What `/incident category` accepts (INCIDENT_CATEGORIES). */
  readonly incidentCategories: readonly string[];
  /** Days until a follow-up without a due date is due, by severity. */
  readonly followUpDays: Readonly<Record<'sev1' | 'sev2' | 'sev3' | 'sev4', number>>;
  /** How long after a reminder an overdue action is mentioned again, in ms. */
  readonly reminderEveryMs: number;
  /** How often the reminder loop runs, in ms. */
  readonly reminderCheckMs: number;
  /** How long a replica's claim on periodic work lasts unless renewed, in ms (ADR 0013). */
  readonly jobLeaseMs: number;
  /** Owners' working hours, in minutes after local midnight, Monday to Friday. */
  readonly workingHours: { readonly startMinute: number; readonly endMinute: number };
  /** Working days after the close a sev1/sev2 post-mortem may stay a draft before its lead hears. */
  readonly postmortemDueDays: number;
  /** GitHub issue export: both or neither of token and repo. */
  readonly githubToken: string | null;
  readonly githubRepo: string | null;
  readonly githubApiUrl: string | null;
  readonly actionsExport: 'manual' | 'auto';
  readonly githubSyncMs: number;
  /** Port of the Prometheus `GET /metrics` server, apart from PORT; null = no metrics server. */
  readonly metricsPort: number | null;
  /** The team site, its API token and the public reports (src/web-config.ts). */
  readonly web: WebSettings;
}

/** Raised with every problem found, so one run tells the operator everything to fix. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

function value(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw === '' ? undefined : raw;
}

/** `readFile` reads the `*_FILE` secrets (src/secret-files.ts); tests pass their own. */
/** The longest JOB_LEASE_SECONDS: a SQLite restart voids claims up to this long (ADR 0013). */
export const MAX_JOB_LEASE_SECONDS = 3600;

export function loadConfig(rawEnv: Env, readFile: ReadSecretFile = readSecretFile): Config {
  const secrets = readSecretFiles(rawEnv, readFile);
  const env = secrets.env;
  const problems: string[] = [];
  const botToken = value(env, 'SLACK_BOT_TOKEN');
  const signingSecret = value(env, 'SLACK_SIGNING_SECRET') ?? null;
  const appToken = value(env, 'SLACK_APP_TOKEN') ?? null;
  const mode = appToken ? 'socket' : 'http';

  // Values are never echoed back: a token pasted into the wrong variable must not reach a log.
  if (!botToken) problems.push('SLACK_BOT_TOKEN is required (a bot token starting with xoxb-)');
  else if (!botToken.startsWith('xoxb-')) problems.push('SLACK_BOT_TOKEN must start with xoxb-');
  if (appToken && !appToken.startsWith('xapp-')) {
    problems.push('SLACK_APP_TOKEN must start with xapp- (it switches the bot to Socket Mode)');
  }
  if (mode === 'http' && !signingSecret) {
    problems.push(
      'SLACK_SIGNING_SECRET is required in HTTP mode (Basic Information → Signing Secret)',
    );
  }

  const portText = value(env, 'PORT') ?? '3000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    problems.push('PORT must be a whole number from 0 to 65535');
  }

  let slackApiUrl: string | null = null;
  const apiUrlText = value(env, 'SLACK_API_URL');
  if (apiUrlText) {
    if (URL.canParse(apiUrlText) && /^https?:$/.test(new URL(apiUrlText).protocol)) {
      slackApiUrl = apiUrlText.endsWith('/') ? apiUrlText : `${apiUrlText}/`;
    } else {
      problems.push('SLACK_API_URL must be an http(s) URL, e.g. http://127.0.0.1:4000/api/');
    }
  }

  const database = readDatabaseSettings(env);
  problems.push(...database.problems);
  const web = readWebSettings(env);
  problems.push(...web.problems);

  const timeZone = value(env, 'SCRIBE_TIMEZONE') ?? 'UTC';
  if (!isValidTimeZone(timeZone)) {
    problems.push(
      `SCRIBE_TIMEZONE must be an IANA time zone such as Europe/Berlin (got "${timeZone}")`,
    );
  }

  const logLevel = (value(env, 'LOG_LEVEL') ?? 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}")`);
  }

  const webhookToken = value(env, 'WEBHOOK_TOKEN') ?? null;
  if (webhookToken !== null && webhookToken.length < 16) {
    problems.push('WEBHOOK_TOKEN must be at least 16 characters (it guards POST /hooks/*)');
  }
  const lookbackText = value(env, 'LOOKBACK_MINUTES') ?? '120';
  const lookbackMinutes = Number(lookbackText);
  if (!/^\d+$/.test(lookbackText) || lookbackMinutes > 7 * 24 * 60) {
    problems.push('LOOKBACK_MINUTES must be a whole number of minutes from 0 to 10080');
  }
  const backfillIntervalMs = parseInterval(value(env, 'BACKFILL_INTERVAL') ?? '5m');
  if (backfillIntervalMs === null) {
    problems.push(
      'BACKFILL_INTERVAL must be a duration such as 5m, 90s or 1h (0 = only at start-up)',
    );
  }
  const newChannelText = (value(env, 'INCIDENT_NEW_CHANNEL') ?? 'false').toLowerCase();
  if (!['true', 'false', '1', '0', 'yes', 'no'].includes(newChannelText)) {
    problems.push('INCIDENT_NEW_CHANNEL must be true or false');
  }
  const incidentsChannel = value(env, 'INCIDENTS_CHANNEL') ?? null;
  if (
    incidentsChannel !== null &&
    !/^(#[a-z0-9_-]{1,80}|[CG][A-Z0-9]{2,})$/.test(incidentsChannel)
  ) {
    problems.push('INCIDENTS_CHANNEL must be a channel id (C0123ABC) or #name');
  }
  const weeklyText = value(env, 'WEEKLY_REVIEW') ?? null;
  const weekly = weeklyText === null ? null : parseWeeklySchedule(weeklyText);
  if (weekly !== null && !weekly.ok) problems.push(weekly.error);
  else if (weekly !== null && incidentsChannel === null) {
    problems.push('WEEKLY_REVIEW needs INCIDENTS_CHANNEL: the review is posted there');
  }

  const followUpText = value(env, 'FOLLOW_UP_DUE_DAYS') ?? '7,14,30,30';
  const followUp = followUpText.split(',').map((d) => Number(d.trim()));
  if (followUp.length !== 4 || followUp.some((d) => !Number.isInteger(d) || d < 1 || d > 365)) {
    problems.push(
      'FOLLOW_UP_DUE_DAYS must be four whole numbers of days for sev1-sev4, e.g. 7,14,30,30',
    );
  }

  const categoriesText = value(env, 'INCIDENT_CATEGORIES');
  const categories =
    categoriesText === undefined
      ? { ok: true as const, categories: [...DEFAULT_INCIDENT_CATEGORIES] }
      : parseCategoryList(categoriesText);
  if (!categories.ok) {
    problems.push(
      `INCIDENT_CATEGORIES ${categories.error} (a comma-separated list, e.g. deploy,config,capacity)`,
    );
  }

  const reminderEveryMs = parseInterval(value(env, 'REMINDER_EVERY') ?? '1d', { allowDays: true });
  if (reminderEveryMs === null || reminderEveryMs < 60_000) {
    problems.push('REMINDER_EVERY must be a duration of at least a minute, such as 1d, 12h or 90m');
  }
  const checkText = value(env, 'REMINDER_CHECK_SECONDS') ?? '60';
  const reminderCheckSeconds = Number(checkText);
  if (!/^\d+$/.test(checkText) || reminderCheckSeconds < 5 || reminderCheckSeconds > 3600) {
    problems.push('REMINDER_CHECK_SECONDS must be a whole number from 5 to 3600');
  }
  const leaseText = value(env, 'JOB_LEASE_SECONDS') ?? '60';
  const jobLeaseSeconds = Number(leaseText);
  if (!/^\d+$/.test(leaseText) || jobLeaseSeconds < 1 || jobLeaseSeconds > MAX_JOB_LEASE_SECONDS) {
    problems.push(`JOB_LEASE_SECONDS must be a whole number from 1 to ${MAX_JOB_LEASE_SECONDS}`);
  }
  const dueText = value(env, 'POSTMORTEM_DUE_DAYS') ?? '5';
  const postmortemDueDays = Number(dueText);
  if (!/^\d+$/.test(dueText) || postmortemDueDays < 1 || postmortemDueDays > 60) {
    problems.push('POSTMORTEM_DUE_DAYS must be a whole number of working days from 1 to 60');
  }
  const workingHours = parseHours(value(env, 'WORKING_HOURS') ?? '09:00-18:00');
  if (workingHours === null) {
    problems.push(
      "WORKING_HOURS must look like 09:00-18:00 (owners' local time, Monday to Friday)",
    );
  }

  const githubToken = value(env, 'GITHUB_TOKEN') ?? null;
  const githubRepo = value(env, 'GITHUB_REPO') ?? null;
  if ((githubToken === null) !== (githubRepo === null)) {
    problems.push(
      'GITHUB_TOKEN and GITHUB_REPO go together: set both to export actions to GitHub, or neither',
    );
  }
  if (githubRepo !== null && !/^[\w.-]+\/[\w.-]+$/.test(githubRepo)) {
    problems.push('GITHUB_REPO must be owner/name, e.g. acme/platform');
  }
  const githubApiUrl = value(env, 'GITHUB_API_URL') ?? null;
  if (
    githubApiUrl !== null &&
    !(URL.canParse(githubApiUrl) && /^https?:$/.test(new URL(githubApiUrl).protocol))
  ) {
    problems.push('GITHUB_API_URL must be an http(s) URL');
  }
  const actionsExport = (value(env, 'ACTIONS_EXPORT') ?? 'manual').toLowerCase();
  if (actionsExport !== 'manual' && actionsExport !== 'auto') {
    problems.push('ACTIONS_EXPORT must be manual or auto');
  }
  const syncText = value(env, 'GITHUB_SYNC_SECONDS') ?? '300';
  if (!/^\d+$/.test(syncText) || Number(syncText) < 30) {
    problems.push('GITHUB_SYNC_SECONDS must be a whole number of seconds, at least 30');
  }
  const metricsPortText = value(env, 'METRICS_PORT') ?? null;
  const metricsPort = metricsPortText === null ? null : Number(metricsPortText);
  if (metricsPortText !== null && (!/^\d+$/.test(metricsPortText) || Number(metricsPort) > 65535)) {
    problems.push('METRICS_PORT must be a whole number from 0 to 65535 (unset = no metrics)');
  } else if (metricsPort !== null && metricsPort !== 0 && metricsPort === port) {
    // /metrics must never be reachable where Slack's requests come in.
    problems.push('METRICS_PORT must differ from PORT (metrics get a server of their own)');
  }

  // A secret whose *_FILE failed is reported once, by that problem, not again as missing.
  const reported = problems.filter((p) => !secrets.failed.some((name) => p.startsWith(`${name} `)));
  reported.unshift(...secrets.problems);
  if (reported.length > 0) throw new ConfigError(reported);
  return Object.freeze({
    mode,
    slackBotToken: botToken as string,
    slackSigningSecret: signingSecret,
    slackAppToken: appToken,
    port,
    database: Object.freeze(database.settings),
    slackApiUrl,
    timeZone,
    logLevel: logLevel as LogLevel,
    webhookToken,
    lookbackMinutes,
    backfillIntervalMs: backfillIntervalMs ?? 0,
    newChannelByDefault: ['true', '1', 'yes'].includes(newChannelText),
    incidentsChannel,
    weeklyReview: weekly?.ok ? weekly.schedule : null,
    githubToken,
    githubRepo,
    githubApiUrl,
    actionsExport: actionsExport === 'auto' ? 'auto' : 'manual',
    githubSyncMs: Number(syncText) * 1000,
    metricsPort,
    web: Object.freeze(web.settings),
    reminderEveryMs: reminderEveryMs ?? 86_400_000,
    reminderCheckMs: reminderCheckSeconds * 1000,
    jobLeaseMs: jobLeaseSeconds * 1000,
    workingHours: workingHours ?? { startMinute: 540, endMinute: 1080 },
    postmortemDueDays,
    incidentCategories: Object.freeze(categories.ok ? categories.categories : []),
    followUpDays: Object.freeze({
      sev1: followUp[0] ?? 7,
      sev2: followUp[1] ?? 14,
      sev3: followUp[2] ?? 30,
      sev4: followUp[3] ?? 30,
    }),
  });
}

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `5m`, `90s`, `1h` (and `1d` where allowed), or a bare number of seconds; null when unreadable. */
function parseInterval(text: string, options: { allowDays?: boolean } = {}): number | null {
  const units = options.allowDays ? 'smhd' : 'smh';
  const match = new RegExp(`^(\\d+)\\s*([${units}]?)$`).exec(text.trim().toLowerCase());
  if (!match) return null;
  const ms = Number(match[1]) * (UNIT_MS[match[2] || 's'] ?? 1000);
  return ms <= (options.allowDays ? 30 : 1) * 86_400_000 ? ms : null;
}
