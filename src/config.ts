import { isValidTimeZone } from './domain/time-zone.ts';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  readonly mode: 'http' | 'socket';
  readonly slackBotToken: string;
  readonly slackSigningSecret: string | null;
  readonly slackAppToken: string | null;
  readonly port: number;
  readonly databasePath: string;
  /** Base URL of the Slack Web API, always ending in `/`; null means Slack's own. */
  readonly slackApiUrl: string | null;
  readonly timeZone: string;
  readonly logLevel: LogLevel;
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

export function loadConfig(env: Env): Config {
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

  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({
    mode,
    slackBotToken: botToken as string,
    slackSigningSecret: signingSecret,
    slackAppToken: appToken,
    port,
    databasePath: value(env, 'DATABASE_PATH') ?? './data/scribe.db',
    slackApiUrl,
    timeZone,
    logLevel: logLevel as LogLevel,
  });
}
