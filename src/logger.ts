import type { Logger as BoltLogger, LogLevel as BoltLogLevel } from '@slack/bolt';
import { type DestinationStream, type Logger, pino } from 'pino';

// Any field that can carry a credential is censored wherever it appears in a log object.
const SECRET_PATHS = [
  'token',
  '*.token',
  'slackBotToken',
  '*.slackBotToken',
  'slackAppToken',
  '*.slackAppToken',
  'slackSigningSecret',
  'webhookToken',
  '*.webhookToken',
  'githubToken',
  '*.githubToken',
  '*.slackSigningSecret',
  'headers.authorization',
  '*.headers.authorization',
  'headers["x-slack-signature"]',
  'req.headers.authorization',
];

export type { Logger };

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'incident-scribe' },
      redact: { paths: SECRET_PATHS, censor: '[redacted]' },
    },
    destination,
  );
}

const TOKEN_PATTERN = /\b(xox[abposr]|xapp)-[A-Za-z0-9-]+/g;

/** Bolt and the Web API client log free-form strings: scrub anything shaped like a token. */
function scrubSecrets(text: string): string {
  return text.replace(TOKEN_PATTERN, '$1-[redacted]');
}

function render(args: unknown[]): string {
  return scrubSecrets(
    args
      .map((a) => (a instanceof Error ? a.message : typeof a === 'string' ? a : JSON.stringify(a)))
      .join(' '),
  );
}

/** Routes Bolt's own logging through pino, with the same level and redaction. */
export function boltLoggerFor(root: Logger): BoltLogger {
  const log = root.child({ component: 'bolt' });
  // Bolt and the Web API client log every request at debug, with whole payloads as arguments:
  // render (stringify, scrub) only what pino is going to write.
  const at =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...args: unknown[]) => {
      if (log.isLevelEnabled(level)) log[level](render(args));
    };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    setLevel: () => {},
    getLevel: () => log.level as BoltLogLevel,
    setName: () => {},
  };
}
