import { randomBytes } from 'node:crypto';
import { type RunningBot, startBot } from '../bot.ts';
import { systemClock } from '../clock.ts';
import { loadConfig } from '../config.ts';
import { createLogger, type Logger } from '../logger.ts';
import { type SlackStandIn, startSlackStandIn } from '../stand-in/index.ts';
import { sandboxRoutes } from './api.ts';
import { APP_MANIFEST, IDENTITY, rejoinOpenIncidents, seedWorkspace } from './workspace-seed.ts';

export interface SandboxOptions {
  /** 0 = any free port; default 3000. */
  port?: number;
  databasePath: string;
  timeZone?: string;
  logger?: Logger;
  /** Extra settings, as environment variables. */
  env?: Record<string, string | undefined>;
  /** The bot connects through Socket Mode (a random xapp- token) instead of receiving HTTP. */
  socket?: boolean;
}

export interface RunningSandbox {
  /** http://127.0.0.1:<port>/sandbox */
  url: string;
  port: number;
  bot: RunningBot;
  slack: SlackStandIn;
  stop(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';

// Settings the sandbox owns, and those it drops so that nothing leaves the machine: a real
// Slack app token would switch the bot to Socket Mode, GitHub settings would create real issues.
const DROPPED = [
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'SLACK_API_URL',
  'GITHUB_TOKEN',
  'GITHUB_REPO',
  'GITHUB_API_URL',
  // Secrets given as files (src/secret-files.ts) would come back in through loadConfig.
  'SLACK_BOT_TOKEN_FILE',
  'SLACK_SIGNING_SECRET_FILE',
  'SLACK_APP_TOKEN_FILE',
  'GITHUB_TOKEN_FILE',
  // The sandbox's made-up incidents go to its own SQLite file, never a team's PostgreSQL.
  'DATABASE_URL',
  'DATABASE_URL_FILE',
  // The site signs in through the stand-in, with credentials made up for this run.
  'SLACK_CLIENT_ID',
  'SLACK_CLIENT_SECRET',
  'SLACK_CLIENT_SECRET_FILE',
  'SESSION_SECRET',
  'SESSION_SECRET_FILE',
  'WEB_BASE_URL',
];

/** What the page shows at the top. */
function loopbackNotice(port: number): string {
  return `Sandbox on loopback only (${LOOPBACK}:${port}); no data leaves this machine.`;
}

/**
 * The real bot (`startBot`, as in production) against the built-in Slack stand-in, which also
 * serves the sandbox page. Both listen on loopback only.
 */
export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const token = `xoxb-sandbox-${randomBytes(12).toString('hex')}`;
  const signingSecret = randomBytes(24).toString('hex');
  const appToken = `xapp-1-${IDENTITY.appId}-${randomBytes(12).toString('hex')}`;
  const slack = await startSlackStandIn({
    ...IDENTITY,
    token,
    appToken,
    port: options.port ?? 3000,
  });
  const port = Number(new URL(slack.baseUrl).port);
  seedWorkspace(slack);
  // Known once the bot listens; the page links to the incident library from then on.
  let siteUrl: string | null = null;
  slack.mount(
    '/sandbox',
    sandboxRoutes(slack, {
      notice: () => loopbackNotice(port),
      library: () => siteUrl && `${siteUrl}/incidents`,
    }),
  );
  const site = {
    SLACK_CLIENT_ID: `${randomBytes(5).toString('hex')}.${randomBytes(6).toString('hex')}`,
    SLACK_CLIENT_SECRET: randomBytes(16).toString('hex'),
    SESSION_SECRET: randomBytes(32).toString('base64url'),
    // Only switches the site on: the bot's real address replaces it once its port is known.
    WEB_BASE_URL: `http://${LOOPBACK}`,
  };

  const env = { ...options.env };
  for (const name of DROPPED) delete env[name];
  let bot: RunningBot;
  let logger: Logger | undefined = options.logger;
  try {
    const config = loadConfig({
      INCIDENTS_CHANNEL: '#incidents',
      ...env,
      SLACK_BOT_TOKEN: token,
      // Socket Mode needs no signing secret: nothing is signed over the app's own connection.
      ...(options.socket ? { SLACK_APP_TOKEN: appToken } : { SLACK_SIGNING_SECRET: signingSecret }),
      SLACK_API_URL: slack.apiUrl,
      ...site,
      PORT: '0',
      DATABASE_PATH: options.databasePath,
      ...(options.timeZone ? { SCRIBE_TIMEZONE: options.timeZone } : {}),
    });
    logger ??= createLogger(config.logLevel);
    bot = await startBot({
      config,
      clock: systemClock,
      logger,
      host: LOOPBACK,
      webBaseUrl: (botPort) => `http://${LOOPBACK}:${botPort}`,
    });
  } catch (error) {
    await slack.close();
    throw error;
  }
  const log = logger;
  siteUrl = `http://${LOOPBACK}:${bot.port}`;
  slack.registerOidcClient({
    clientId: site.SLACK_CLIENT_ID,
    clientSecret: site.SLACK_CLIENT_SECRET,
    redirectUris: [`${siteUrl}/auth/callback`],
  });
  rejoinOpenIncidents(slack, await bot.deps.store.incidents.listOpen());
  slack.connectApp({
    ...(options.socket
      ? { socketMode: true as const }
      : { url: `http://${LOOPBACK}:${bot.port}/slack/events`, signingSecret }),
    ...APP_MANIFEST,
    onFailure: (failure) => log.warn({ failure }, 'sandbox: the bot did not take a delivery'),
  });

  let stopping: Promise<void> | undefined;
  return {
    url: `http://${LOOPBACK}:${port}/sandbox`,
    port,
    bot,
    slack,
    stop() {
      stopping ??= (async () => {
        slack.app?.close();
        await bot.stop();
        await slack.close();
      })();
      return stopping;
    },
  };
}
