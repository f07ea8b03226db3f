import { existsSync } from 'node:fs';
import { startBot } from './bot.ts';
import { systemClock } from './clock.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './logger.ts';

const NO_SLACK_YET =
  '\n\nNo Slack app yet? `npm run sandbox` runs the bot against a built-in local stand-in of ' +
  'Slack, with a web page at http://127.0.0.1:3000/sandbox. It needs no tokens.';

/** True when any Slack credential is set: then the problem is a typo, not a missing app. */
function hasSlackSettings(env: NodeJS.ProcessEnv): boolean {
  return ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN']
    .flatMap((name) => [name, `${name}_FILE`])
    .some((name) => (env[name] ?? '').trim() !== '');
}

function readConfig() {
  if (existsSync('.env')) process.loadEnvFile('.env');
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // One message naming every problem, before anything listens. Values are never printed.
    console.error(
      `incident-scribe cannot start.\n${error.message}\nSee .env.example and README.md.` +
        (hasSlackSettings(process.env) ? '' : NO_SLACK_YET),
    );
    process.exit(1);
  }
}

const config = readConfig();
const logger = createLogger(config.logLevel);
const bot = await startBot({ config, clock: systemClock, logger }).catch((error: unknown) => {
  logger.fatal({ err: error }, 'incident-scribe failed to start');
  process.exit(1);
});
logger.info(
  {
    mode: config.mode,
    port: bot.port,
    // The label, never DATABASE_URL itself: the URL may carry the password.
    engine: bot.engine,
    database: bot.databaseLabel,
    replica: bot.replica.id,
    timeZone: config.timeZone,
  },
  config.mode === 'http'
    ? `incident-scribe listening on :${bot.port} (POST /slack/events, GET /healthz)`
    : `incident-scribe connected in Socket Mode (GET /healthz on :${bot.port})`,
);

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    // A second signal (an impatient operator, or a supervisor repeating itself) must not cut
    // the shutdown short: the same one finishes, then the process exits.
    if (stopping) {
      logger.info({ signal }, 'already shutting down');
      return;
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    bot.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'unclean shutdown');
        process.exit(1);
      },
    );
  });
}
